import { UsageError } from "../../errors.js";
import { isOneOf, REFUND_DESTINATIONS, type RefundDestination } from "../case/model.js";
import { formatAmount, parseAmount } from "../case/parse.js";
import type { CaseEvent, CaseRecord } from "../case/records.js";

/**
 * One refund (docs/design.md section 1.3, issue 24 item 4): money that came back, with its
 * date and where it went. Each is an event that carries its amount: a `refunded` step, a
 * refund closing, or `kakotrack refund` (kind `refund`); reopen erases none of them.
 */
export interface Refund {
  eventId: number;
  amountMinor: number;
  on: string;
  /** null: recorded before kakotrack asked where refunds go (schema 5). */
  to: RefundDestination | null;
}

/**
 * Whether an event is a refund record; the store's triggers and sums use the same test (store/migrations.ts
 * refundEvent).
 */
export function isRefundEvent(e: Pick<CaseEvent, "kind" | "stage" | "amountMinor">): boolean {
  return (
    e.amountMinor !== null &&
    e.amountMinor > 0 &&
    (e.kind === "refund" || e.kind === "closed" || (e.kind === "stage" && e.stage === "refunded"))
  );
}

function destinationOf(data: string | null): RefundDestination | null {
  if (data === null) return null;
  try {
    const to = (JSON.parse(data) as { to?: unknown }).to;
    return typeof to === "string" && isOneOf(REFUND_DESTINATIONS, to) ? to : null;
  } catch {
    return null; // an imported event's data that is not JSON: no destination known
  }
}

/** A case's refunds in the order recorded. */
export function refundsOf(events: readonly CaseEvent[]): Refund[] {
  return events.filter(isRefundEvent).map((e) => ({
    eventId: e.id,
    amountMinor: e.amountMinor!,
    on: e.onDate,
    to: destinationOf(e.data),
  }));
}

/** What the case row keeps of its refunds: their sum and the latest one's destination (null when none). */
export function refundTotals(refunds: readonly Refund[]): Pick<CaseRecord, "refundMinor" | "refundTo"> {
  if (refunds.length === 0) return { refundMinor: null, refundTo: null };
  return { refundMinor: refunds.reduce((sum, r) => sum + r.amountMinor, 0), refundTo: refunds.at(-1)!.to };
}

/** A case as of a day with its refunds then: the records dated by it, the row's sum and destination from them. */
export function withRefundsOf<T extends Pick<CaseRecord, "refundMinor" | "refundTo">>(
  row: T,
  events: readonly CaseEvent[],
): { row: T; refunds: Refund[] } {
  const refunds = refundsOf(events);
  return { row: { ...row, ...refundTotals(refunds) }, refunds };
}

/**
 * Where a refund's amount came from, which the command says: given, or defaulted to the price or
 * the offer; "earlier": none, the case closing again on the refunds it had before a reopen.
 */
export type AmountSource = "given" | "price" | "offer" | "earlier";

/**
 * A refund's amount: the one given, else the default (price or offer). None, or 0, is refused
 * naming --amount: a refund of nothing is a mistake, never a record (issue 24 item 4). A case
 * refunded before (then reopened) closes again on those refunds unless an amount is given. The
 * case's refunds together may not pass the price unless forced (a refund that includes shipping).
 */
export function refundAmount(
  c: Pick<CaseRecord, "currency" | "priceMinor">,
  earlierMinor: number,
  text: string | undefined,
  fallback: { minor: number | null; source: AmountSource; what: string },
  force: boolean,
  /** How the amount is given, for errors: the flag, or the command (`kakotrack refund 3 AMOUNT`). */
  how: { what: string; example: string } = { what: "--amount", example: "--amount 25.00" },
): { minor: number | null; source: AmountSource } {
  if (text === undefined && earlierMinor > 0) return { minor: null, source: "earlier" };
  const given = text === undefined ? null : parseAmount(text, c.currency, how.what);
  const minor = given ?? fallback.minor;
  if (minor === null)
    throw new UsageError(`${fallback.what} needs the amount refunded: add ${how.what} (e.g. ${how.example})`);
  if (minor === 0) {
    const why = given === null ? ` (${fallback.source === "price" ? "the price" : "the offer"} is 0)` : "";
    throw new UsageError(
      `a refund of ${formatAmount(0, c.currency)} records nothing${why}; give the amount refunded (e.g. ` +
        `${how.example})`,
    );
  }
  const total = earlierMinor + minor;
  if (!force && c.priceMinor !== null && total > c.priceMinor) {
    const earlier = earlierMinor === 0 ? "" : ` with the ${formatAmount(earlierMinor, c.currency)} refunded before`;
    throw new UsageError(
      `${formatAmount(minor, c.currency)}${earlier} is more than the ${formatAmount(c.priceMinor, c.currency)} ` +
        `paid; check the amount, or add --force for a refund that includes shipping`,
    );
  }
  return { minor, source: given === null ? fallback.source : "given" };
}

/** The sum of a case's refunds so far. */
export function refundedSoFar(events: readonly CaseEvent[]): number {
  let sum = 0;
  for (const e of events) if (isRefundEvent(e)) sum += e.amountMinor!;
  return sum;
}
