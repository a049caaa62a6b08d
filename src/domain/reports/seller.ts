import type { Calendar } from "../calendar/calendar.js";
import type { CaseTimeline } from "../case/model.js";
import { rejectedRounds, roundTimelines } from "../case/rounds.js";
import { type Deadline, deadlines, type EvaluationSettings } from "../deadlines/evaluate.js";
import { daysBetween } from "../time/dates.js";

export interface SellerCase {
  timeline: CaseTimeline;
  closedOn: string | null;
}

export interface SellerHistory {
  cases: number;
  refused: number;
  /** Cases where some deadline had passed before its event happened (or before closing / today). */
  late: number;
  closed: number;
  /** Replacements that failed QC again (rounds ended by `reject`, issue 24). */
  replacementsFailed?: number;
  /** Median calendar days from day 0 to closing, over closed cases; null when none. */
  medianDaysToResolution: number | null;
}

/**
 * Whether a deadline ran late: met late (as show counts it), or still unmet and past due at
 * the end (closing, or today while it counts).
 */
export function deadlineRanLate(d: Deadline, end: string): boolean {
  return d.met ? d.metLate > 0 : !d.paused && d.due < end;
}

/**
 * Each round's deadlines counted from its day 0 (the seller's and the agent's timeline, not
 * support's), with the day the round ended (its end, the closing, or today while it counts).
 */
export function roundDeadlines(
  c: SellerCase,
  today: string,
  calendar: Calendar,
  settings: EvaluationSettings,
): Array<{ deadlines: Deadline[]; end: string; open: boolean }> {
  const end = c.closedOn ?? today;
  return roundTimelines(c.timeline).map(({ timeline, round }) => ({
    deadlines: deadlines(timeline, calendar, settings).filter((d) => d.rule.from === "opened"),
    end: round.endedOn ?? end,
    open: round.endedOn === null && c.closedOn === null,
  }));
}

/**
 * Whether the seller ran late on a case, in any round: on the seller's own deadlines (its answer,
 * the replacement), not the agent's review or refund, nor the buyer's approval (issue 24 item 6).
 */
export function ranLate(c: SellerCase, today: string, calendar: Calendar, settings: EvaluationSettings): boolean {
  return roundDeadlines(c, today, calendar, settings).some((r) =>
    r.deadlines.some((d) => d.rule.owner === "seller" && deadlineRanLate(d, r.end)),
  );
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sellerHistory(
  cases: readonly SellerCase[],
  today: string,
  calendar: Calendar,
  settings: EvaluationSettings,
): SellerHistory {
  const closed = cases.filter((c) => c.closedOn !== null);
  return {
    cases: cases.length,
    refused: cases.filter((c) => c.timeline.steps.some((s) => s.stage === "refused")).length,
    late: cases.filter((c) => ranLate(c, today, calendar, settings)).length,
    closed: closed.length,
    replacementsFailed: cases.reduce((n, c) => n + rejectedRounds(c.timeline.steps, c.timeline.resolution), 0),
    medianDaysToResolution: median(closed.map((c) => daysBetween(c.timeline.openedOn, c.closedOn!))),
  };
}

/** The seller line; `total` counts every earlier case when the history covers only recent ones. */
export function describeSellerHistory(seller: string, h: SellerHistory, total = h.cases): string {
  if (h.cases === 0) return `Seller ${seller}: no earlier cases.`;
  const figures = [`${h.refused} refused`, `${h.late} ran late`];
  if (h.replacementsFailed !== undefined && h.replacementsFailed > 0)
    figures.push(`${h.replacementsFailed} replacement${h.replacementsFailed === 1 ? "" : "s"} failed QC`);
  if (h.medianDaysToResolution !== null) figures.push(`typically resolved in ${h.medianDaysToResolution} days`);
  const count = `${total} earlier case${total === 1 ? "" : "s"}`;
  return total > h.cases
    ? `Seller ${seller}: ${count}; of the last ${h.cases}, ${figures.join(", ")}.`
    : `Seller ${seller}: ${count}, ${figures.join(", ")}.`;
}
