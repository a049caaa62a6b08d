import type { Calendar } from "./calendar.js";
import { daysBetween } from "./dates.js";
import { deadlines, type EvaluationSettings } from "./evaluate.js";
import type { CaseTimeline } from "./model.js";
import { ranLate, median } from "./seller.js";
import { pathIndex } from "./stages.js";

export interface StatsCase {
  agent: string;
  seller: string | null;
  /** Seller name folded for matching ("Lucky Store" = "luckystore"). */
  sellerKey: string | null;
  outcome: string | null;
  currency: string;
  refundMinor: number | null;
  /** The case's fees (`kakotrack fee`), summed in its currency. */
  feesMinor: number;
  closedOn: string | null;
  timeline: CaseTimeline;
}

/** Money per currency, in minor units (different currencies are never added together). */
export type ByCurrency = Record<string, number>;

/** What came back and what it cost: refunds of closed cases, fees of every case, refunds minus fees. */
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
  ranLate: number;
  deadlines: Record<string, DeadlineRecord>;
}

export interface Stats extends MoneyStats {
  cases: number;
  byOutcome: Record<string, number>;
  byResolution: Record<string, number>;
  daysToResolution: Record<string, { closed: number; median: number | null; worst: number | null }>;
  agents: GroupStats[];
  sellers: GroupStats[];
}

/** When each deadline's event happened (undefined: not yet), for on-time rates. */
function metDates(c: StatsCase, calendar: Calendar, settings: EvaluationSettings) {
  const t = c.timeline;
  return deadlines(t, calendar, settings)
    .filter((d) => d.rule.from === "opened")
    .map((d) => {
      const stage = d.rule.metBy[t.resolution]!;
      const step = t.steps.find(
        (s) => (s.stage === "refused" && d.rule.metByRefusal) || pathIndex(t.resolution, s.stage) >= pathIndex(t.resolution, stage),
      );
      return { id: d.rule.id, due: d.due, metOn: step?.on };
    });
}

function group(
  cases: readonly StatsCase[],
  keyOf: (c: StatsCase) => string | null,
  nameOf: (c: StatsCase) => string,
  today: string,
  calendar: Calendar,
  settings: EvaluationSettings,
): GroupStats[] {
  const groups = new Map<string, GroupStats>();
  for (const c of cases) {
    const key = keyOf(c);
    if (key === null) continue;
    let g = groups.get(key);
    if (!g) {
      g = { name: nameOf(c), cases: 0, refused: 0, ranLate: 0, deadlines: {}, refunded: {}, fees: {}, netRecovered: {} };
      groups.set(key, g);
    }
    g.cases++;
    addMoney(g, c);
    if (c.timeline.steps.some((s) => s.stage === "refused")) g.refused++;
    if (ranLate({ timeline: c.timeline, closedOn: c.closedOn }, today, calendar, settings)) g.ranLate++;
    for (const m of metDates(c, calendar, settings)) {
      const judged = m.metOn !== undefined || (c.outcome === null && m.due < today);
      if (!judged) continue;
      const record = (g.deadlines[m.id] ??= { judged: 0, onTime: 0, rate: null });
      record.judged++;
      if (m.metOn !== undefined && m.metOn <= m.due) record.onTime++;
      record.rate = record.onTime / record.judged;
    }
  }
  return [...groups.values()].sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name));
}

/** Adds a case's refund (once closed) and fees to the totals, and keeps refunds minus fees. */
function addMoney(totals: MoneyStats, c: StatsCase): void {
  const add = (into: ByCurrency, minor: number): void => void (into[c.currency] = (into[c.currency] ?? 0) + minor);
  const refund = c.outcome !== null ? c.refundMinor : null;
  if (refund !== null) add(totals.refunded, refund);
  if (c.feesMinor > 0) add(totals.fees, c.feesMinor);
  if (refund !== null || c.feesMinor > 0) add(totals.netRecovered, (refund ?? 0) - c.feesMinor);
}

/** The figures a buyer uses to choose sellers and agents. Pure: today is a parameter. */
export function computeStats(cases: readonly StatsCase[], today: string, calendar: Calendar, settings: EvaluationSettings): Stats {
  const byOutcome: Record<string, number> = {};
  const byResolution: Record<string, number> = {};
  const money: MoneyStats = { refunded: {}, fees: {}, netRecovered: {} };
  const days: Record<string, number[]> = {};
  for (const c of cases) {
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
    ...money,
    daysToResolution,
    agents: group(cases, (c) => c.agent.toLowerCase(), (c) => c.agent, today, calendar, settings),
    sellers: group(cases, (c) => c.sellerKey, (c) => c.seller ?? "", today, calendar, settings),
  };
}
