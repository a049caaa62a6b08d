import type { Flag } from "../case/model.js";
import type { Day } from "../time/dates.js";
import type { Minute } from "../time/moments.js";
import type { DeadlineRule } from "./rules.js";

// What judging a case gives (evaluate.ts), apart from the judging so the return window's
// judge (return-window.ts) can give it too.

export interface EvaluationSettings {
  /** due-soon: due on the as-of date or within this many calendar days after it. */
  dueSoonDays: number;
  /** Business days after an escalation before kakotrack says to follow up. */
  escalationFollowUpDays: number;
}

export interface PendingDeadline {
  rule: DeadlineRule;
  due: string;
  dueDay: Day;
  /** Days late as of the as-of date (0 when not overdue), in the rule's unit. */
  late: number;
  overdue: boolean;
  dueSoon: boolean;
  /** Where its count starts: day 0, or the escalation. */
  startDay: Day;
  /**
   * Days of holiday breaks and closures in (startDay, dueDay], none of them counted (0 for calendar days under
   * `calendar-days all`).
   */
  skipped: number;
  /** Its count (to its due date, or its lateness to the as-of date) passes through a provisional year. */
  provisional: boolean;
}

export interface Evaluation {
  flag: Flag;
  /** Earliest pending due date, or null. */
  due: string | null;
  readonly reasons: string[];
  /** reasons[0] and reasons.length, without building the other texts (status's table). */
  readonly firstReason: string | undefined;
  readonly reasonCount: number;
  pending: PendingDeadline[];
  /** Calendar days since day 0: the current round's (docs/design.md section 2.9). */
  day: number;
  /** The current round (1, 2, …). */
  round: number;
  /** Some pending deadline is provisional (its own `provisional`). */
  provisional: boolean;
  /** A spotted case's one deadline (return-window.ts); absent for the others. */
  returnWindow?: ReturnWindowState | null;
}

export interface Deadline {
  rule: DeadlineRule;
  due: string;
  /** `due` as a day number. */
  dueDay: Day;
  /** Its stage (or a later one) was reached. */
  met: boolean;
  /** The day it was met (null: not met). */
  metOn: string | null;
  /** How late it was met, in the rule's unit (0: on time or not met). */
  metLate: number;
  /** Not counting now: the case is refused or escalated. */
  paused: boolean;
  /** Where its count starts: day 0, or the escalation. */
  startDay: Day;
  /** As PendingDeadline's. */
  skipped: number;
  /** Its count (to its due date, or to the day it was met when later) passes through a provisional year. */
  provisional: boolean;
  /** How far the pauses before it was met moved it, in the rule's unit (docs/design.md section 2.4). */
  moved: number;
  /** Met by the seller's refusal (a refusal answers the seller, it does not meet what the seller owes). */
  metByRefusal: boolean;
}

/** Where an open case stands, without its reasons: what status sorts and counts every case by. */
export interface Triage {
  flag: Flag;
  /** Earliest pending due day, or Infinity. */
  dueDay: Day;
  /** A pending deadline is past. */
  overdue: boolean;
}

/** A spotted case's return window as of a moment. */
export interface ReturnWindowState {
  closesAt: Minute;
  closesOn: Day;
  closed: boolean;
  /** Closes on the as-of date or within the due-soon days after it (as the day deadlines are judged). */
  dueSoon: boolean;
  /** Minutes until it closes (negative once closed). */
  minutesLeft: number;
}
