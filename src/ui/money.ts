import { agentKey } from "../domain/case/agents.js";
import type { RefundDestination } from "../domain/case/model.js";
import { formatAmount, formatMinor } from "../domain/case/parse.js";
import type { CaseEvent } from "../domain/case/records.js";
import type { AgentBalance } from "../domain/money/money.js";
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

/** Where a refund went, said when it is recorded. */
export function refundDestinationLine(to: RefundDestination): string {
  return to === "balance"
    ? `Refunded to the agent balance (${hint.balance()} shows what is held; ${hint.withdraw()} records taking it out).`
    : "Refunded to the original payment.";
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
  // True for zero amounts too (issue 26 item 8): a 0.00 refund with no withdrawal was never "withdrawn".
  const nothingWithdrawn = balances.every((b) => b.withdrawnMinor === 0);
  const zero = [...new Set(balances.map((b) => b.currency))].map((c) => formatAmount(0, c)).join(", ");
  const tail =
    held.length === 0
      ? nothingWithdrawn
        ? `Nothing held: the refunds into a balance came to ${zero}.\n`
        : "Nothing held: every refund into a balance has been withdrawn.\n"
      : `Still held: ${heldText(held)}. Money left in an agent balance can be lost with the account; record a withdrawal with ${hint.withdraw("AGENT AMOUNT")}.\n`;
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
