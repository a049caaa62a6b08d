import type { Calendar } from "../calendar/calendar.js";
import { agentKey, canonicalAgent } from "../case/agents.js";
import type { CaseTimeline } from "../case/model.js";
import { rejectedRounds } from "../case/rounds.js";
import type { EvaluationSettings } from "../deadlines/evaluate.js";
import { daysBetween, toDay } from "../time/dates.js";
import { deadlineRanLate, median, roundDeadlines } from "./seller.js";

export interface StatsCase {
  agent: string;
  seller: string | null;
  /** Seller name folded for matching ("Lucky Store" = "luckystore"). */
  sellerKey: string | null;
  outcome: string | null;
  currency: string;
  /** The case's refunds (every refund record by then, open or closed case), summed in its currency. */
  refundMinor: number | null;
  /** The case's fees (`kakotrack fee`), summed in its currency. */
  feesMinor: number;
  closedOn: string | null;
  timeline: CaseTimeline;
}

/** Money per currency, in minor units (different currencies are never added together). */
export type ByCurrency = Record<string, number>;

/** What came back and what it cost: every refund, every fee, refunds minus fees. */
export interface MoneyStats {
  refunded: ByCurrency;
  fees: ByCurrency;
  netRecovered: ByCurrency;
}

export interface DeadlineRecord {
  /** Deadlines whose event happened, or that passed while the case is open. */
  judged: number;
  onTime: number;
  rate: number | null;
}

export interface GroupStats extends MoneyStats {
  name: string;
  cases: number;
  refused: number;
  /** Cases where one of the group's own deadlines ran late (a seller's, or an agent's with its follow-ups). */
  ranLate: number;
  /** Exchanges that needed more than one round: a replacement failed QC again (issue 24). */
  exchangesRetried: number;
  deadlines: Record<string, DeadlineRecord>;
}

export interface Stats extends MoneyStats {
  cases: number;
  byOutcome: Record<string, number>;
  byResolution: Record<string, number>;
  exchangesRetried: number;
  daysToResolution: Record<string, { closed: number; median: number | null; worst: number | null }>;
  /** Cases where the buyer's own deadline (the approval of the replacement) ran late: nobody else's lateness. */
  buyerLate: number;
  agents: GroupStats[];
  sellers: GroupStats[];
}

/** The id agents' escalation follow-ups are counted under: support's answer is the agent's timeliness. */
export const FOLLOW_UP_ID = "escalation-follow-up";

/**
 * Each escalation's follow-up as a deadline: due `escalation-followup` business days after
 * it, met by the next step (support answered), still counting until closing or today.
 */
function followUps(
  c: StatsCase,
  end: string,
  calendar: Calendar,
  settings: EvaluationSettings,
): Array<{ met: boolean; late: boolean }> {
  const steps = c.timeline.steps;
  const result: Array<{ met: boolean; late: boolean }> = [];
  for (let i = 1; i < steps.length; i++) {
    if (steps[i]!.stage !== "escalated") continue;
    const due = calendar.addBusinessDays(toDay(steps[i]!.on), settings.escalationFollowUpDays);
    const next = steps[i + 1]?.on;
    result.push({ met: next !== undefined, late: calendar.countBusinessDays(due, toDay(next ?? end)) > 0 });
  }
  return result;
}

function count(g: GroupStats, id: string, onTime: boolean): void {
  const record = (g.deadlines[id] ??= { judged: 0, onTime: 0, rate: null });
  record.judged++;
  if (onTime) record.onTime++;
  record.rate = record.onTime / record.judged;
}

function group(
  cases: readonly StatsCase[],
  keyOf: (c: StatsCase) => string | null,
  nameOf: (c: StatsCase) => string,
  today: string,
  calendarOf: (c: StatsCase) => Calendar,
  settings: EvaluationSettings,
  /** Whose lateness the group answers for; agents also for support's answers to escalations. */
  owner: "seller" | "agent",
): GroupStats[] {
  const groups = new Map<string, GroupStats>();
  for (const c of cases) {
    const key = keyOf(c);
    const end = c.closedOn ?? today;
    if (key === null) continue;
    let g = groups.get(key);
    if (!g) {
      g = {
        name: nameOf(c),
        cases: 0,
        refused: 0,
        ranLate: 0,
        exchangesRetried: 0,
        deadlines: {},
        refunded: {},
        fees: {},
        netRecovered: {},
      };
      groups.set(key, g);
    }
    g.cases++;
    addMoney(g, c);
    if (c.timeline.steps.some((s) => s.stage === "refused")) g.refused++;
    if (rejectedRounds(c.timeline.steps, c.timeline.resolution) > 0) g.exchangesRetried++;
    let late = false;
    // Every round's deadlines, each counted from that round's day 0 (issue 24).
    for (const round of roundDeadlines(c, today, calendarOf(c), settings)) {
      for (const d of round.deadlines) {
        if (d.rule.owner === owner) late ||= deadlineRanLate(d, round.end);
        if (d.met || (round.open && !d.paused && d.due < today)) count(g, d.rule.id, d.met && d.metLate === 0);
      }
    }
    for (const f of owner === "agent" ? followUps(c, end, calendarOf(c), settings) : []) {
      late ||= f.late;
      if (f.met || f.late) count(g, FOLLOW_UP_ID, !f.late);
    }
    if (late) g.ranLate++;
  }
  return [...groups.values()].sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name));
}

/** Adds a case's refunds and fees to the totals, and keeps refunds minus fees. */
function addMoney(totals: MoneyStats, c: StatsCase): void {
  const add = (into: ByCurrency, minor: number): void => void (into[c.currency] = (into[c.currency] ?? 0) + minor);
  const refund = c.refundMinor;
  if (refund !== null) add(totals.refunded, refund);
  if (c.feesMinor > 0) add(totals.fees, c.feesMinor);
  if (refund !== null || c.feesMinor > 0) add(totals.netRecovered, (refund ?? 0) - c.feesMinor);
}

/**
 * The figures a buyer uses to choose sellers and agents. Pure: today is a parameter, and the
 * calendar each case counts on (an agent's own closures).
 */
export function computeStats(
  cases: readonly StatsCase[],
  today: string,
  calendarOf: (c: StatsCase) => Calendar,
  settings: EvaluationSettings,
): Stats {
  const byOutcome: Record<string, number> = {};
  const byResolution: Record<string, number> = {};
  const money: MoneyStats = { refunded: {}, fees: {}, netRecovered: {} };
  const days: Record<string, number[]> = {};
  let buyerLate = 0;
  let exchangesRetried = 0;
  for (const c of cases) {
    // The buyer's own lateness (the approval), apart from the seller's and the agent's (issue 24 item 6).
    const rounds = roundDeadlines(c, today, calendarOf(c), settings);
    if (rounds.some((r) => r.deadlines.some((d) => d.rule.owner === "buyer" && deadlineRanLate(d, r.end)))) buyerLate++;
    if (rejectedRounds(c.timeline.steps, c.timeline.resolution) > 0) exchangesRetried++;
    const outcome = c.outcome ?? "open";
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
    byResolution[c.timeline.resolution] = (byResolution[c.timeline.resolution] ?? 0) + 1;
    addMoney(money, c);
    if (c.closedOn !== null) (days[c.timeline.resolution] ??= []).push(daysBetween(c.timeline.openedOn, c.closedOn));
  }
  const daysToResolution: Stats["daysToResolution"] = {};
  for (const [resolution, values] of Object.entries(days)) {
    daysToResolution[resolution] = { closed: values.length, median: median(values), worst: Math.max(...values) };
  }
  return {
    cases: cases.length,
    byOutcome,
    byResolution,
    exchangesRetried,
    ...money,
    daysToResolution,
    buyerLate,
    agents: group(
      cases,
      (c) => agentKey(c.agent),
      (c) => canonicalAgent(c.agent),
      today,
      calendarOf,
      settings,
      "agent",
    ),
    sellers: group(
      cases,
      (c) => c.sellerKey,
      (c) => c.seller ?? "",
      today,
      calendarOf,
      settings,
      "seller",
    ),
  };
}
