import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { agentKey, canonicalAgent } from "../case/agents.js";
import type { RefundDestination } from "../case/model.js";
import { formatAmount } from "../case/parse.js";
import type { CaseRecord } from "../case/records.js";

/**
 * A refund or an agreed amount above what was paid is almost always a typo (`--force` for one that includes shipping).
 */
export function checkWithinPrice(
  record: Pick<CaseRecord, "priceMinor" | "currency">,
  amount: number,
  force: boolean,
): void {
  if (force || record.priceMinor === null || amount <= record.priceMinor) return;
  throw new UsageError(
    `${formatAmount(amount, record.currency)} is more than the ${formatAmount(record.priceMinor, record.currency)} ` +
      `paid; check the amount, or add --force for a refund that includes shipping`,
  );
}

/** What the store sums: refunds into agent balances and withdrawals, per agent name as stored and currency. */
export interface BalanceSums {
  refunds: ReadonlyArray<{ agent: string; currency: string; minor: number | null }>;
  withdrawals: ReadonlyArray<{ agent: string; currency: string; minor: number; untracked: number }>;
}

/** One agent balance in one currency (amounts of different currencies are never added together). */
export interface AgentBalance {
  agent: string;
  currency: string;
  refundedMinor: number;
  withdrawnMinor: number;
  /**
   * Refunds not withdrawn yet. A forced withdrawal's part above what was held came from money
   * kakotrack does not know of, so it takes nothing from later refunds.
   */
  heldMinor: number;
}

/** Balances per agent (by agentKey: a known agent under its own name, others ignoring case) and currency, sorted. */
export function agentBalances(sums: BalanceSums): AgentBalance[] {
  const byKey = new Map<string, AgentBalance & { untracked: number }>();
  const entry = (agent: string, currency: string) => {
    const key = `${agentKey(agent)}\u0000${currency}`;
    let b = byKey.get(key);
    if (b === undefined) {
      b = { agent: canonicalAgent(agent), currency, refundedMinor: 0, withdrawnMinor: 0, heldMinor: 0, untracked: 0 };
      byKey.set(key, b);
    }
    return b;
  };
  for (const r of sums.refunds) entry(r.agent, r.currency).refundedMinor += r.minor ?? 0;
  for (const w of sums.withdrawals) {
    const b = entry(w.agent, w.currency);
    b.withdrawnMinor += w.minor;
    b.untracked += w.untracked;
  }
  // Sorted by code points, not localeCompare: that loads ICU's collation data, ~10 ms of every status
  // (docs/performance.md).
  const order = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return [...byKey.values()]
    .map(({ untracked, ...b }) => ({ ...b, heldMinor: Math.max(0, b.refundedMinor - (b.withdrawnMinor - untracked)) }))
    .sort((a, b) => order(a.agent.toLowerCase(), b.agent.toLowerCase()) || order(a.currency, b.currency));
}

/** The balance of one agent in one currency (zero when kakotrack knows of none). */
export function balanceOf(balances: readonly AgentBalance[], agent: string, currency: string): AgentBalance {
  const key = agentKey(agent);
  return (
    balances.find((b) => agentKey(b.agent) === key && b.currency === currency) ?? {
      agent: canonicalAgent(agent),
      currency,
      refundedMinor: 0,
      withdrawnMinor: 0,
      heldMinor: 0,
    }
  );
}

/**
 * The part of a withdrawal above what is held: refused unless forced (money that reached the
 * balance another way, e.g. a top-up or a refund kakotrack did not record).
 */
export function untrackedPart(balance: AgentBalance, amount: number, force: boolean): number {
  if (amount <= balance.heldMinor) return 0;
  if (!force) {
    throw new UsageError(
      `${formatAmount(amount, balance.currency)} is more than the ` +
        `${formatAmount(balance.heldMinor, balance.currency)} kakotrack knows ${balance.agent} holds; ` +
        `check the amount (${hint.balance()}), or add --force for money that reached the balance another way`,
    );
  }
  return amount - balance.heldMinor;
}

/** The currency a withdrawal is in when --currency is not given: the one the agent holds money in. */
export function withdrawalCurrency(balances: readonly AgentBalance[], agent: string, fallback: string): string {
  const key = agentKey(agent);
  const held = balances.filter((b) => agentKey(b.agent) === key && b.heldMinor > 0);
  if (held.length <= 1) return held[0]?.currency ?? fallback;
  const amounts = held.map((b) => formatAmount(b.heldMinor, b.currency)).join(" and ");
  throw new UsageError(`${agent} holds ${amounts}; say which with --currency (e.g. --currency ${held[0]!.currency})`);
}

/** Where a refund went, in words. */
export const DESTINATION_WORDS: Record<RefundDestination, string> = {
  balance: "the agent balance",
  original: "the original payment",
};
