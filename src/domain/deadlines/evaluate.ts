import type { Calendar } from "../calendar/calendar.js";
import {
  type CaseTimeline,
  type Flag,
  RESOLUTIONS,
  type Resolution,
  type Stage,
  type StageStep,
} from "../case/model.js";
import { currentRound, roundNumber } from "../case/rounds.js";
import { furthestIndex, pathIndex } from "../case/stages.js";
import { type Day, formatDate, toDay, yearOf } from "../time/dates.js";
import { MINUTES_A_DAY, type Minute } from "../time/moments.js";
import type { Deadline, Evaluation, EvaluationSettings, PendingDeadline, Triage } from "./evaluation.js";
import { reasonsText } from "./reasons.js";
import { spottedEvaluation, spottedTriage } from "./return-window.js";
import { BUYER_ACTIONS, type DayUnit, DEADLINE_RULES, type DeadlineRule } from "./rules.js";

export type { Deadline, Evaluation, EvaluationSettings, PendingDeadline, Triage } from "./evaluation.js";

const NO_PAUSES: Array<[Day, Day]> = [];

/** Time spent refused or escalated before the case went back on its path. */
function completedPauses(steps: CaseTimeline["steps"]): Array<[Day, Day]> {
  let pauses = NO_PAUSES;
  let pausedSince: Day | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const paused = step.stage === "refused" || step.stage === "escalated";
    if (paused && pausedSince === undefined) pausedSince = toDay(step.on);
    if (!paused && pausedSince !== undefined) {
      if (pauses === NO_PAUSES) pauses = [];
      pauses.push([pausedSince, toDay(step.on)]);
      pausedSince = undefined;
    }
  }
  return pauses;
}

/**
 * Days d with from < d <= to in a rule's unit: business days, or the days a calendar-day deadline
 * counts (holiday breaks and closures not, unless `calendar-days all`). Due dates, lateness and
 * pauses are all counted with it, so status, show, message, stats and the packet agree.
 */
export function countDays(unit: DayUnit, calendar: Calendar, from: Day, to: Day): number {
  return unit === "business" ? calendar.countBusinessDays(from, to) : calendar.countCalendarDays(from, to);
}

/** The day n days of a rule's unit after `from`. */
function addDays(unit: DayUnit, calendar: Calendar, from: Day, n: number): Day {
  return unit === "business" ? calendar.addBusinessDays(from, n) : calendar.addCalendarDays(from, n);
}

/** Whether a count over (from, to] in a rule's unit follows a provisional year's schedule. */
function countedProvisionally(unit: DayUnit, calendar: Calendar, from: Day, to: Day): boolean {
  return (unit === "business" || calendar.calendarDays === "breaks") && calendar.touchesProvisional(from, to);
}

/** Per resolution, the rules counted from day 0 that apply and the path index that meets each. */
const OPENING_RULES = {} as Record<Resolution, ReadonlyArray<{ rule: DeadlineRule; metIndex: number }>>;
for (const resolution of RESOLUTIONS) {
  OPENING_RULES[resolution] = DEADLINE_RULES.flatMap((rule) => {
    const stage = rule.from === "opened" ? rule.metBy[resolution] : undefined;
    return stage === undefined ? [] : [{ rule, metIndex: pathIndex(resolution, stage) }];
  });
}
const ESCALATION_RULES = DEADLINE_RULES.filter((rule) => rule.from === "escalated");
const COUNTER_RULES = DEADLINE_RULES.filter((rule) => rule.from === "countered");

/**
 * The buyer has countered the seller's offer: the latest step of the round is the counter, so the seller owes the
 * answer.
 */
function countered(timeline: CaseTimeline): boolean {
  return timeline.stage === "seller-offered" && timeline.steps[timeline.steps.length - 1]?.counter === true;
}

/** The buyer's move, if the next one is theirs (section 2.5): not at an offer the buyer has countered. */
export function buyerAction(timeline: CaseTimeline): string | undefined {
  return countered(timeline) ? undefined : BUYER_ACTIONS[timeline.stage];
}

/**
 * Every deadline of the rules table that applies to the case, met or not, with its due
 * date: pushed back by the pauses before it was met, so one met before a refusal keeps its
 * own date. The timeline picture and stats show them all.
 */
export function deadlines(whole: CaseTimeline, calendar: Calendar, settings: EvaluationSettings): Deadline[] {
  const result: Deadline[] = [];
  visitDeadlines(
    currentRound(whole),
    calendar,
    settings,
    true,
    (rule, dueDay, met, paused, metDay, startDay, moved, metStage) => {
      const metLate = metDay === undefined || metDay <= dueDay ? 0 : countDays(rule.unit, calendar, dueDay, metDay);
      result.push({
        rule,
        due: formatDate(dueDay),
        dueDay,
        met,
        metOn: metDay === undefined ? null : formatDate(metDay),
        metLate,
        paused,
        startDay,
        skipped: skippedIn(rule.unit, calendar, startDay, dueDay),
        provisional: countedProvisionally(rule.unit, calendar, startDay, Math.max(dueDay, metDay ?? dueDay)),
        moved,
        metByRefusal: metStage === "refused",
      });
    },
  );
  return result;
}

/** The first step that met a rule (its stage or a later one; a refusal where that counts). */
function metStepOf(timeline: CaseTimeline, rule: DeadlineRule, metIndex: number): StageStep | undefined {
  const { resolution, steps } = timeline;
  for (let i = 1; i < steps.length; i++) {
    const stage = steps[i]!.stage;
    if ((stage === "refused" && rule.metByRefusal) || pathIndex(resolution, stage) >= metIndex) return steps[i];
  }
  return undefined;
}

/**
 * The rules table applied to one case's current round (`currentRound`): calls `visit` with each
 * deadline and its due day.
 * Without `includeMet`, only those still counting (neither met nor paused); with it, also
 * the day each met one was met.
 */
function visitDeadlines(
  timeline: CaseTimeline,
  calendar: Calendar,
  settings: EvaluationSettings,
  includeMet: boolean,
  visit: (
    rule: DeadlineRule,
    dueDay: Day,
    met: boolean,
    paused: boolean,
    metDay: Day | undefined,
    startDay: Day,
    moved: number,
    metStage: Stage | undefined,
  ) => void,
): void {
  if (timeline.stage === "spotted") return; // no day 0 yet: the return window is judged apart
  const { resolution, steps } = timeline;
  const opened = toDay(timeline.openedOn);
  const paused = timeline.stage === "refused" || timeline.stage === "escalated";
  const furthest = furthestIndex(resolution, steps);
  // Indexed loops: status --json and a write that changed the settings run this cold for every open case, and
  // for...of allocates per step.
  let refused = false;
  let everPaused = false;
  for (let i = 0; i < steps.length; i++) {
    const stage = steps[i]!.stage;
    if (stage === "refused") refused = everPaused = true;
    else if (stage === "escalated") everPaused = true;
  }
  const pauses = everPaused ? completedPauses(steps) : NO_PAUSES;
  const rules = OPENING_RULES[resolution];
  for (let i = 0; i < rules.length; i++) {
    const { rule, metIndex } = rules[i]!;
    const met = (rule.metByRefusal && refused) || furthest >= metIndex;
    if (!includeMet && (met || paused)) continue;
    const metStep = met && includeMet ? metStepOf(timeline, rule, metIndex) : undefined;
    const metDay = metStep === undefined ? undefined : toDay(metStep.on);
    // Time paused before the deadline was met (all of it while unmet) moves it later.
    let pausedDays = 0;
    for (let k = 0; k < pauses.length; k++) {
      const [from, to] = pauses[k]!;
      if (metDay !== undefined && from >= metDay) continue;
      // The pause's own days, from its first to the day before the return.
      pausedDays += countDays(rule.unit, calendar, from - 1, to - 1);
    }
    const days = rule.days === "escalationFollowUp" ? settings.escalationFollowUpDays : rule.days;
    visit(
      rule,
      addDays(rule.unit, calendar, opened, days + pausedDays),
      met,
      paused,
      metDay,
      opened,
      pausedDays,
      metStep?.stage,
    );
  }
  const counted = (rules: readonly DeadlineRule[], from: Day): void => {
    for (const rule of rules) {
      const days = rule.days === "escalationFollowUp" ? settings.escalationFollowUpDays : rule.days;
      visit(rule, addDays(rule.unit, calendar, from, days), false, false, undefined, from, 0, undefined);
    }
  };
  if (timeline.stage === "escalated")
    counted(ESCALATION_RULES, toDay(steps.findLast((s) => s.stage === "escalated")!.on));
  else if (countered(timeline)) counted(COUNTER_RULES, toDay(steps[steps.length - 1]!.on));
}

/**
 * The days of holiday breaks and closures in a deadline's window (start, due]: none of them was
 * counted. 0 for a calendar-day rule under `calendar-days all`, which counts them.
 */
function skippedIn(unit: DayUnit, calendar: Calendar, startDay: Day, dueDay: Day): number {
  return unit === "calendar" && calendar.calendarDays === "all" ? 0 : calendar.skippedDays(startDay, dueDay);
}

function flagOf(action: boolean, overdue: boolean, dueSoon: boolean): Flag {
  return action ? "action" : overdue ? "overdue" : dueSoon ? "due-soon" : "on-track";
}

/** What status needs of an open case besides the day it judges on (issue 28): kept with the case when written. */
export interface Urgency {
  /** The earliest pending due day of the current round, or Infinity. */
  dueDay: Day;
  /** The next move is the buyer's. */
  action: boolean;
}

/**
 * A case's urgency, the same whatever the day: its earliest pending due day and whether the
 * buyer's move is next. A spotted case has none (its return window is judged to the minute).
 */
export function urgencyOf(whole: CaseTimeline, calendar: Calendar, settings: EvaluationSettings): Urgency {
  const timeline = currentRound(whole);
  if (timeline.closed) return { dueDay: Infinity, action: false };
  let dueDay = Infinity;
  visitDeadlines(timeline, calendar, settings, false, (_rule, due) => {
    if (due < dueDay) dueDay = due;
  });
  return { dueDay, action: buyerAction(timeline) !== undefined };
}

/**
 * The flag on a day: the buyer's move first, then the earliest deadline, past (overdue) or
 * within `dueSoonDays` (due soon); a later one's verdict never outranks the earliest's.
 */
export function flagOn(urgency: Urgency, asOfDay: Day, dueSoonDays: number): Flag {
  return flagOf(urgency.action, urgency.dueDay < asOfDay, urgency.dueDay - asOfDay <= dueSoonDays);
}

/**
 * `evaluate`'s flag, earliest due day and overdue verdict, without the lists and texts it builds.
 * `asOfMinute` is the moment the return window is judged at (the start of the day unless given).
 */
export function triage(
  whole: CaseTimeline,
  asOfDay: Day,
  calendar: Calendar,
  settings: EvaluationSettings,
  asOfMinute: Minute = asOfDay * MINUTES_A_DAY,
): Triage {
  if (whole.stage === "spotted" && !whole.closed)
    return spottedTriage(currentRound(whole), asOfMinute, settings.dueSoonDays);
  const urgency = urgencyOf(whole, calendar, settings);
  return {
    flag: flagOn(urgency, asOfDay, settings.dueSoonDays),
    dueDay: urgency.dueDay,
    overdue: urgency.dueDay < asOfDay,
  };
}

/**
 * Judges one case against the rules table on a given date. Pure: the as-of date, the
 * calendar and the settings are all parameters (`asOfMinute` as for triage).
 */
export function evaluate(
  whole: CaseTimeline,
  asOf: string,
  calendar: Calendar,
  settings: EvaluationSettings,
  asOfMinute?: Minute,
): Evaluation {
  // Day 0 and the steps are the current round's (a later round counts from its own start).
  const timeline = currentRound(whole);
  const round = timeline === whole ? 1 : roundNumber(whole.steps);
  const asOfDay = toDay(asOf);
  const opened = toDay(timeline.openedOn);
  const day = asOfDay - opened;
  if (timeline.stage === "spotted")
    return spottedEvaluation(timeline, asOfMinute ?? asOfDay * MINUTES_A_DAY, settings.dueSoonDays, day);
  if (timeline.closed)
    return {
      flag: "on-track",
      due: null,
      reasons: [],
      firstReason: undefined,
      reasonCount: 0,
      pending: [],
      day,
      provisional: false,
      round,
    };

  const pending: PendingDeadline[] = [];
  visitDeadlines(timeline, calendar, settings, false, (rule, dueDay, _met, _paused, _metDay, startDay) => {
    const overdue = dueDay < asOfDay;
    const late = overdue ? countDays(rule.unit, calendar, dueDay, asOfDay) : 0;
    const dueSoon = !overdue && dueDay - asOfDay <= settings.dueSoonDays;
    // Counted from day 0 (a follow-up: from the escalation) to the later of due and as-of.
    const provisional = countedProvisionally(rule.unit, calendar, startDay, Math.max(dueDay, asOfDay));
    const skipped = skippedIn(rule.unit, calendar, startDay, dueDay);
    pending.push({ rule, due: formatDate(dueDay), dueDay, late, overdue, dueSoon, startDay, skipped, provisional });
  });
  if (pending.length > 1) pending.sort((a, b) => a.dueDay - b.dueDay);

  const action = buyerAction(timeline);
  let overdue = false;
  let dueSoon = false;
  let provisional = false;
  let reasonCount = action ? 1 : 0;
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i]!;
    overdue ||= p.overdue;
    dueSoon ||= p.dueSoon;
    provisional ||= p.provisional;
    if (p.overdue || p.dueSoon) reasonCount++;
  }
  const flag = flagOf(action !== undefined, overdue, dueSoon);
  const reasons = reasonsText(action, pending, asOfDay, Infinity, round);
  return {
    flag,
    due: pending[0]?.due ?? null,
    reasons,
    firstReason: reasons[0],
    reasonCount,
    pending,
    day,
    provisional,
    round,
  };
}

export const FLAG_ORDER: Record<Flag | "closed", number> = {
  action: 0,
  overdue: 1,
  "due-soon": 2,
  "on-track": 3,
  closed: 4,
};

/** The provisional years a case's pending counts pass through (show names them). */
export function provisionalYearsOf(
  openedOn: string,
  evaluation: Evaluation,
  asOf: string,
  calendar: Calendar,
): number[] {
  if (!evaluation.provisional) return [];
  let last = toDay(asOf);
  for (const p of evaluation.pending) if (p.dueDay > last) last = p.dueDay;
  const years: number[] = [];
  for (let y = yearOf(toDay(openedOn)); y <= yearOf(last); y++)
    if (calendar.yearSource(y) === "provisional") years.push(y);
  return years;
}
