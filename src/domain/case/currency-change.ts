import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { minorUnits } from "../money/currencies.js";
import { formatAmount } from "./parse.js";
import type { CaseSnapshot } from "./records.js";

/** The amounts a case has recorded in its currency, in words: "price 129.50 CNY", "a fee of 5.00 CNY". */
function recordedAmounts(snapshot: CaseSnapshot, priceRetyped: boolean): string[] {
  const c = snapshot.case;
  const amounts: string[] = [];
  if (c.priceMinor !== null && !priceRetyped) amounts.push(`price ${formatAmount(c.priceMinor, c.currency)}`);
  if (c.offerMinor !== null) amounts.push(`offer ${formatAmount(c.offerMinor, c.currency)}`);
  if (c.refundMinor !== null) amounts.push(`refund ${formatAmount(c.refundMinor, c.currency)}`);
  const events = snapshot.events.filter((e) => e.amountMinor !== null);
  const fees = events.filter((e) => e.kind === "fee").length;
  if (fees > 0) amounts.push(fees === 1 ? "a fee" : `${fees} fees`);
  // Offers and refunds are on the case too; other amounts in the history (an earlier offer).
  if (events.length > fees && c.offerMinor === null && c.refundMinor === null) amounts.push("amounts in its history");
  return amounts;
}

/**
 * Issue 26 item 4: a currency change never relabels amounts silently. With amounts recorded it
 * needs `relabel` (the amounts were typed in the wrong currency: their digits are kept), and a
 * relabel between currencies with different decimals is refused: 129.50 has no meaning in JPY.
 * A price typed again with the change (`--price`) is in the new currency already.
 */
export function checkCurrencyChange(
  snapshot: CaseSnapshot,
  currency: string,
  relabel: boolean,
  priceRetyped: boolean,
): void {
  const c = snapshot.case;
  if (currency === c.currency) return;
  const amounts = recordedAmounts(snapshot, priceRetyped);
  if (amounts.length === 0) return;
  if (!relabel) {
    throw new UsageError(
      `case #${c.id} has amounts in ${c.currency} (${amounts.join(", ")}); --currency ${currency} would relabel ` +
        `them as ${currency} without converting: add --relabel if they were typed in the wrong currency, else leave ` +
        `the currency`,
    );
  }
  if (minorUnits(currency) !== minorUnits(c.currency)) {
    throw new UsageError(
      `--relabel keeps the amounts' digits, but ${c.currency} has ${minorUnits(c.currency)} decimals and ` +
        `${currency} ${minorUnits(currency)}; record the case again in ${currency} ` +
        `(${hint.rm(c.id)}, then ${hint.add()})`,
    );
  }
}
