import { agentKey } from "../domain/case/agents.js";
import type { RefundDestination } from "../domain/case/model.js";
import { formatAmount, formatMinor } from "../domain/case/parse.js";
import { type CaseEvent, type CaseRecord, returnParcelWords } from "../domain/case/records.js";
import { type AgentBalance, DESTINATION_WORDS } from "../domain/money/money.js";
import type { AmountSource, Refund } from "../domain/money/refunds.js";
import { hint } from "../hints.js";
import { sanitize } from "./sanitize.js";
import { renderTable } from "./table.js";

/** A case's fees: its history entries of kind `fee` (amount in the case currency, what in the note). */
export function feesOf(events: readonly CaseEvent[]): CaseEvent[] {
  return events.filter((e) => e.kind === "fee");
}

export function feeJson(e: CaseEvent, currency: string) {
  return { id: e.id, on: e.onDate, amount: formatMinor(e.amountMinor!, currency), what: e.note };
}

/** show's Fees section (nothing when there are none). */
export function renderFees(fees: readonly CaseEvent[], currency: string, title: string): string[] {
  if (fees.length === 0) return [];
  const lines = ["", title];
  for (const e of fees)
    lines.push(`  ${e.onDate}  ${formatAmount(e.amountMinor!, currency)}  ${sanitize(e.note ?? "")}`);
  if (fees.length > 1)
    lines.push(
      `  total ${formatAmount(
        fees.reduce((sum, e) => sum + e.amountMinor!, 0),
        currency,
      )}`,
    );
  return lines;
}

export function refundJson(r: Refund, currency: string) {
  return { amount: formatMinor(r.amountMinor, currency), on: r.on, to: r.to };
}

/** show's Refunds section: each refund with its date and where it went, and their total. */
export function renderRefunds(refunds: readonly Refund[], currency: string, title: string): string[] {
  const lines = ["", title];
  for (const r of refunds)
    lines.push(
      `  ${r.on}  ${formatAmount(r.amountMinor, currency)}  ` +
        `${r.to === null ? "destination not recorded" : `to ${DESTINATION_WORDS[r.to]}`}`,
    );
  if (refunds.length > 1)
    lines.push(
      `  total ${formatAmount(
        refunds.reduce((sum, r) => sum + r.amountMinor, 0),
        currency,
      )}`,
    );
  return lines;
}

/** Where a refund went, said when it is recorded. */
export function refundDestinationLine(to: RefundDestination): string {
  return to === "balance"
    ? `Refunded to the agent balance (${hint.balance()} shows what is held; ${hint.withdraw()} records taking it out).`
    : "Refunded to the original payment.";
}

/**
 * Said after a refund's amount when it was not given: a full refund taking the price may well be wrong (issue 24 item
 * 4).
 */
export const AMOUNT_SOURCE_WORDS: Record<AmountSource, string> = {
  given: "",
  price: "the price paid; --amount for another amount",
  offer: "", // the offer the buyer agreed to, which the move before recorded
  earlier: "no further refund; --amount records one",
};

/**
 * An amount as advance and close say it, with where a refund's came from: " (129.00 CNY refunded:
 * the price paid; …)", " (no further refund; …)" for a case closing on its earlier refunds, or "".
 */
export function amountSaid(amount: number | null, source: AmountSource | null, currency: string, what = ""): string {
  const words = source === null ? "" : AMOUNT_SOURCE_WORDS[source];
  if (amount === null) return words === "" ? "" : ` (${words})`;
  return ` (${formatAmount(amount, currency)}${what}${words === "" ? "" : `: ${words}`})`;
}

/** The return parcel in words, user text sanitised: "SF1234567890 (SF Express)"; null when none is recorded. */
export function returnParcelText(c: Pick<CaseRecord, "returnTracking" | "returnCarrier">): string | null {
  const words = returnParcelWords(c);
  return words === null ? null : sanitize(words);
}

/** `balance --json`: the documented form, amounts as decimal strings in their currency. */
export function balancesJson(balances: readonly AgentBalance[]) {
  return {
    agents: balances.map((b) => ({
      agent: b.agent,
      currency: b.currency,
      refundedToBalance: formatMinor(b.refundedMinor, b.currency),
      withdrawn: formatMinor(b.withdrawnMinor, b.currency),
      held: formatMinor(b.heldMinor, b.currency),
    })),
  };
}

export function renderBalances(balances: readonly AgentBalance[], bold: (t: string) => string): string {
  if (balances.length === 0) return "Nothing refunded into an agent balance yet.\n";
  const table = renderTable(
    ["agent", "currency", "refunded to balance", "withdrawn", "held"],
    balances.map((b) => [
      sanitize(b.agent),
      b.currency,
      formatMinor(b.refundedMinor, b.currency),
      formatMinor(b.withdrawnMinor, b.currency),
      formatMinor(b.heldMinor, b.currency),
    ]),
    { maxWidths: [24], styleHead: bold },
  );
  const held = balances.filter((b) => b.heldMinor > 0);
  // True for zero amounts too (issue 26 item 8): nothing refunded was never "withdrawn".
  const nothingRefunded = balances.every((b) => b.refundedMinor === 0);
  const nothingWithdrawn = balances.every((b) => b.withdrawnMinor === 0);
  const zero = [...new Set(balances.map((b) => b.currency))].map((c) => formatAmount(0, c)).join(", ");
  const emptied = nothingRefunded
    ? nothingWithdrawn
      ? `Nothing held: the refunds into a balance came to ${zero}.\n`
      : "Nothing held: no refund went into a balance; the withdrawals took money that came in another way.\n"
    : "Nothing held: every refund into a balance has been withdrawn.\n";
  const tail =
    held.length === 0
      ? emptied
      : `Still held: ${heldText(held)}. Money left in an agent balance can be lost with the account; record a ` +
        `withdrawal with ${hint.withdraw("AGENT AMOUNT")}.\n`;
  return `${table}${tail}`;
}

/** "50.00 CNY at KakoBuy, 12.00 USD at Mulebuy": each agent and currency apart, never added together. */
function heldText(held: readonly AgentBalance[]): string {
  return held.map((b) => `${formatAmount(b.heldMinor, b.currency)} at ${sanitize(b.agent)}`).join(", ");
}

/**
 * What status's summary line adds when refunds are still held in agent balances ("" when
 * none): each agent's when there are one or two, else the total of each currency.
 */
export function heldSummary(balances: readonly AgentBalance[]): string {
  const held = balances.filter((b) => b.heldMinor > 0);
  if (held.length === 0) return "";
  if (held.length <= 2) return `; held in agent balances: ${heldText(held)} (${hint.balance()})`;
  const totals = new Map<string, number>();
  for (const b of held) totals.set(b.currency, (totals.get(b.currency) ?? 0) + b.heldMinor);
  const agents = new Set(held.map((b) => agentKey(b.agent))).size;
  const amounts = [...totals].map(([currency, minor]) => formatAmount(minor, currency)).join(", ");
  return `; held in agent balances: ${amounts} at ${agents} agent${agents === 1 ? "" : "s"} (${hint.balance()})`;
}
