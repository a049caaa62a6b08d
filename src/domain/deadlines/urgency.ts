import type { Calendar } from "../calendar/calendar.js";
import type { CaseTimeline } from "../case/model.js";
import type { CaseSteps } from "../case/records.js";
import { toDay } from "../time/dates.js";
import type { Minute } from "../time/moments.js";
import {
  type Evaluation,
  type EvaluationSettings,
  evaluate,
  FLAG_ORDER,
  flagOn,
  triage,
  type Urgency,
} from "./evaluate.js";

/** A case as status ranks it: its flag, earliest due day and, once made, its full evaluation. */
export interface Ranked<R extends CaseSteps = CaseSteps> {
  row: R;
  flag: Evaluation["flag"] | "closed";
  /** The earliest due day as a sort key (see dueKey). */
  dueKey: number;
  /** A pending deadline is past. */
  overdue: boolean;
  /** The full evaluation (null: closed), once made; undefined until then. */
  evaluation: Evaluation | null | undefined;
}

const NO_DUE = 0x3fffffff; // a literal: `2 ** 30` would be a boxed number too

/**
 * A due day as a small integer, NO_DUE for none: V8 reads a field that only ever holds small
 * integers without allocating, while one that is ever Infinity is boxed again on every read
 * as the sort runs cold (docs/performance.md).
 */
function dueKey(day: number): number {
  return day === Infinity ? NO_DUE : day | 0;
}

/**
 * Every case judged, most urgent first: by flag (action, overdue, due soon, on track, closed),
 * then earliest due date, then oldest case. With `evaluateAll` (every case will be shown)
 * each is evaluated in full here, once; otherwise only triaged, and the caller evaluates
 * the rows it shows (status shows 50 of thousands).
 */
export function rankCases<R extends CaseSteps>(
  rows: readonly R[],
  timelineOf: (row: R) => CaseTimeline,
  asOf: string,
  /** The calendar a case counts on (an agent's own closures): usually one for all. */
  calendarOf: (row: R) => Calendar,
  settings: EvaluationSettings,
  evaluateAll: boolean,
  asOfMinute?: Minute,
): Ranked<R>[] {
  const asOfDay = toDay(asOf);
  const ranked = rows.map((row): Ranked<R> => {
    if (row.outcome !== null) return { row, flag: "closed", dueKey: NO_DUE, overdue: false, evaluation: null };
    const timeline = timelineOf(row);
    if (evaluateAll) {
      const evaluation = evaluate(timeline, asOf, calendarOf(row), settings, asOfMinute);
      const window = evaluation.returnWindow; // a spotted case's one deadline
      if (window)
        return { row, flag: evaluation.flag, dueKey: dueKey(window.closesOn), overdue: window.closed, evaluation };
      const first = evaluation.pending[0]; // the earliest: pending is sorted by due day
      return {
        row,
        flag: evaluation.flag,
        dueKey: dueKey(first?.dueDay ?? Infinity),
        overdue: first?.overdue === true,
        evaluation,
      };
    }
    const t = triage(timeline, asOfDay, calendarOf(row), settings, asOfMinute);
    return { row, flag: t.flag, dueKey: dueKey(t.dueDay), overdue: t.overdue, evaluation: undefined };
  });
  ranked.sort(compareRanked);
  return ranked;
}

/** status's order: by flag (action, overdue, due soon, on track, closed), then earliest due day, then oldest case. */
export function compareRanked(a: Ranked, b: Ranked): number {
  return FLAG_ORDER[a.flag] - FLAG_ORDER[b.flag] || a.dueKey - b.dueKey || a.row.id - b.row.id;
}

/** A case ranked from its stored urgency (issue 28): what triage would give, without its steps. */
export function rankStored<R extends CaseSteps>(
  row: R,
  urgency: Urgency,
  asOfDay: number,
  dueSoonDays: number,
): Ranked<R> {
  return {
    row,
    flag: flagOn(urgency, asOfDay, dueSoonDays),
    dueKey: dueKey(urgency.dueDay),
    overdue: urgency.dueDay < asOfDay,
    evaluation: undefined,
  };
}

/** Two lists in status's order merged, up to `limit` cases. */
export function mergeRanked<R extends CaseSteps>(a: readonly Ranked<R>[], b: readonly Ranked<R>[], limit: number) {
  const merged: Ranked<R>[] = [];
  let i = 0;
  let k = 0;
  while (merged.length < limit && (i < a.length || k < b.length))
    merged.push(k >= b.length || (i < a.length && compareRanked(a[i]!, b[k]!) <= 0) ? a[i++]! : b[k++]!);
  return merged;
}
