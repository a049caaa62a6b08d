import { UsageError } from "../errors.js";
import { formatAmount } from "./parse.js";
import type { CaseRecord } from "./records.js";

/** A refund or an agreed amount above what was paid is almost always a typo (`--force` for one that includes shipping). */
export function checkWithinPrice(record: Pick<CaseRecord, "priceMinor" | "currency">, amount: number, force: boolean): void {
  if (force || record.priceMinor === null || amount <= record.priceMinor) return;
  throw new UsageError(
    `${formatAmount(amount, record.currency)} is more than the ${formatAmount(record.priceMinor, record.currency)} paid; check the amount, or add --force for a refund that includes shipping`,
  );
}
