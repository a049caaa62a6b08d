import type { Evaluation, ReturnWindowState, Triage } from "./evaluation.js";

export type { ReturnWindowState } from "./evaluation.js";

import type { CaseTimeline } from "../case/model.js";
import type { Day } from "../time/dates.js";
import { dayOfMinute, formatMoment, formatMomentText, MINUTES_A_DAY, type Minute, toMinute } from "../time/moments.js";

/**
 * The agent's return window (issue 16): returns and exchanges are accepted for `return-window`
 * hours after stock-in, to the hour. It is the one deadline of a spotted case (request not
 * sent yet); counted in wall-clock hours, not business days.
 */

/**
 * When the window closes: stock-in plus the agent's hours, or null when the stock-in is not known.
 * The agent's own closure days (`closed`, sorted day numbers) do not count: it takes no requests
 * while closed (issue 25); state holidays do, as the agents publish hours, not working days.
 */
export function returnWindowClosesAt(
  storedAt: string | null,
  hours: number,
  closed: ArrayLike<Day> = NO_DAYS,
): Minute | null {
  if (storedAt === null) return null;
  let at = toMinute(storedAt);
  let left = hours * 60;
  // A walk over the closure days from the stock-in on: a few, and only for a case with a stock-in.
  for (let i = 0; i < closed.length; i++) {
    const start = closed[i]! * MINUTES_A_DAY;
    if (start + MINUTES_A_DAY <= at) continue;
    if (start - at >= left) break;
    left -= Math.max(0, start - at);
    at = Math.max(at, start + MINUTES_A_DAY);
  }
  return at + left;
}

const NO_DAYS: readonly Day[] = [];

/** The JSON form, `YYYY-MM-DDTHH:MM` or null. */
export function returnWindowText(closesAt: Minute | null | undefined): string | null {
  return closesAt === null || closesAt === undefined ? null : formatMoment(closesAt);
}

export function judgeReturnWindow(closesAt: Minute, asOfMinute: Minute, dueSoonDays: number): ReturnWindowState {
  const closesOn = dayOfMinute(closesAt);
  const closed = asOfMinute >= closesAt;
  return {
    closesAt,
    closesOn,
    closed,
    dueSoon: !closed && closesOn - dayOfMinute(asOfMinute) <= dueSoonDays,
    minutesLeft: closesAt - asOfMinute,
  };
}

/** "return window closes in 19 h, 2026-12-03 14:00" (hours under two days), or that it closed. */
export function returnWindowReason(w: ReturnWindowState): string {
  const at = formatMomentText(w.closesAt);
  return w.closed
    ? `return window closed ${at}: the agent may refuse a late request`
    : `return window closes in ${timeLeft(w)}, ${at}`;
}

/**
 * The reason in status's three lengths (long, short, tiny; src/domain/reason-parts.ts): the shorter ones without the
 * moment.
 */
export function returnWindowForms(w: ReturnWindowState): [long: string, short: string, tiny: string] {
  return w.closed
    ? [returnWindowReason(w), "return window closed", "window closed"]
    : [returnWindowReason(w), `return window closes in ${timeLeft(w)}`, `closes in ${timeLeft(w)}`];
}

function timeLeft(w: ReturnWindowState): string {
  const left = w.minutesLeft;
  return left < 60
    ? `${left} min`
    : left < 2 * MINUTES_A_DAY
      ? `${Math.floor(left / 60)} h`
      : `${Math.floor(left / MINUTES_A_DAY)} days`;
}

/**
 * A request sent on `requestedOn` came after the window closed (today's request counts from now, an earlier day's from
 * its start).
 */
export function requestedAfterWindow(
  closesAt: Minute | null,
  requestedOn: string,
  today: string,
  now: string,
): boolean {
  if (closesAt === null) return false;
  return (requestedOn === today ? toMinute(now) : toMinute(requestedOn)) >= closesAt;
}

/** The warning a late request gets, once, when it is recorded (add, advance requested). */
export function lateRequestWarning(closesAt: Minute, requestedOn: string): string {
  return (
    `kakotrack: warning: the request of ${requestedOn} came after the return window closed ` +
    `(${formatMomentText(closesAt)}): the agent may refuse a late request; ask its support, and keep the QC photos\n`
  );
}

function stateOf(timeline: CaseTimeline, asOfMinute: Minute, dueSoonDays: number): ReturnWindowState | null {
  const closesAt = timeline.returnWindowClosesAt;
  return closesAt === null || closesAt === undefined ? null : judgeReturnWindow(closesAt, asOfMinute, dueSoonDays);
}

/** evaluate() for a spotted case: no day-0 deadlines yet, only the return window (when the stock-in is known). */
export function spottedEvaluation(
  timeline: CaseTimeline,
  asOfMinute: Minute,
  dueSoonDays: number,
  day: number,
): Evaluation {
  const w = timeline.closed ? null : stateOf(timeline, asOfMinute, dueSoonDays);
  const flag = w === null ? "on-track" : w.closed ? "overdue" : w.dueSoon ? "due-soon" : "on-track";
  const reasons = w !== null && flag !== "on-track" ? [returnWindowReason(w)] : [];
  return {
    flag,
    due: w === null ? null : formatMoment(w.closesAt).slice(0, 10),
    reasons,
    firstReason: reasons[0],
    reasonCount: reasons.length,
    pending: [],
    day,
    provisional: false, // counted in hours, not on any calendar
    round: 1,
    returnWindow: w,
  };
}

/** triage() for a spotted case. */
export function spottedTriage(timeline: CaseTimeline, asOfMinute: Minute, dueSoonDays: number): Triage {
  const w = timeline.closed ? null : stateOf(timeline, asOfMinute, dueSoonDays);
  if (w === null) return { flag: "on-track", dueDay: Infinity, overdue: false };
  return { flag: w.closed ? "overdue" : w.dueSoon ? "due-soon" : "on-track", dueDay: w.closesOn, overdue: w.closed };
}
