import type { Calendar } from "../calendar/calendar.js";
import type { Stage } from "../case/model.js";
import type { Day } from "../time/dates.js";
import type { Evaluation, PendingDeadline } from "./evaluate.js";
import { returnWindowForms } from "./return-window.js";
import type { DayUnit } from "./rules.js";

/**
 * What a status row says about a case, in parts, so a narrow table can shorten it without
 * losing the number ("refund overdue by 4 business days" -> "4 business days late") and without
 * the due date, which has its own column (issue 18). The full reasons, with their dates, stay
 * in `reasons` (show, --json).
 */
export interface ReasonParts {
  /** What it is about ("refund", "seller response"); empty for the buyer's own move. */
  label: string;
  /** How it stands, longest first; every form keeps the number. */
  forms: readonly [long: string, short: string, tiny: string];
  /** How many other reasons the case has. */
  more: number;
}

/** The buyer's moves in a few words, for a narrow column; the full texts are BUYER_ACTIONS'. */
const SHORT_ACTIONS: Partial<Record<Stage, string>> = {
  "new-qc": "review the new QC photos",
  "seller-offered": "accept the offer or counter",
  refused: "escalate or accept as is",
};

function count(n: number, unit: DayUnit, form: "long" | "tiny"): string {
  if (form === "tiny") return unit === "business" ? `${n} bd` : `${n}d`;
  return `${n} ${unit === "business" ? "business day" : "day"}${n === 1 ? "" : "s"}`;
}

function overdueParts(p: PendingDeadline): ReasonParts["forms"] {
  if (p.late === 0) {
    const none = count(0, p.rule.unit, "long");
    return [`overdue, ${none} so far`, `overdue, ${none}`, "overdue"];
  }
  return [
    `overdue by ${count(p.late, p.rule.unit, "long")}`,
    `${count(p.late, p.rule.unit, "long")} late`,
    `${count(p.late, p.rule.unit, "tiny")} late`,
  ];
}

function dueSoonParts(p: PendingDeadline, asOfDay: Day): ReasonParts["forms"] {
  const inDays = p.dueDay - asOfDay;
  const when = inDays === 0 ? "today" : inDays === 1 ? "tomorrow" : `in ${inDays} days`;
  return [`due ${when}`, `due ${when}`, inDays <= 1 ? when : `in ${inDays}d`];
}

/** What comes next on a case that is on track: "due in 6 business days". */
function nextParts(p: PendingDeadline, asOfDay: Day, calendar: Calendar): ReasonParts["forms"] {
  let unit = p.rule.unit;
  let n = unit === "business" ? calendar.countBusinessDays(asOfDay, p.dueDay) : p.dueDay - asOfDay;
  // Due right after a holiday week: no business day in between, so say the calendar days.
  if (n === 0) {
    unit = "calendar";
    n = p.dueDay - asOfDay;
  }
  return [`due in ${count(n, unit, "long")}`, `in ${count(n, unit, "long")}`, `in ${count(n, unit, "tiny")}`];
}

/** Where one pending deadline stands: "overdue by 4 business days", "due tomorrow", "due in 6 business days". */
export function deadlineState(p: PendingDeadline, asOfDay: Day, calendar: Calendar): string {
  return (p.overdue ? overdueParts(p) : p.dueSoon ? dueSoonParts(p, asOfDay) : nextParts(p, asOfDay, calendar))[0];
}

/**
 * The most pressing thing about an open case (its first reason), or what comes next when nothing presses; null: nothing
 * to say.
 */
export function reasonParts(
  evaluation: Evaluation,
  stage: Stage,
  asOfDay: Day,
  calendar: Calendar,
): ReasonParts | null {
  const more = Math.max(0, evaluation.reasonCount - 1);
  // A later round says so first: "round 2: agent review due tomorrow" (issue 24).
  const round = evaluation.round > 1 ? `round ${evaluation.round}: ` : "";
  if (evaluation.flag === "action") {
    const action = evaluation.firstReason!;
    const short = SHORT_ACTIONS[stage] === undefined ? action : `${round}${SHORT_ACTIONS[stage]}`;
    return { label: "", forms: [action, short, "your move"], more };
  }
  // A spotted case's one deadline is its return window, in hours: on track too, it says when the
  // window closes (what comes next, as for the other cases).
  if (evaluation.returnWindow) return { label: "", forms: returnWindowForms(evaluation.returnWindow), more };
  const pending = evaluation.pending;
  const overdue = pending.find((p) => p.overdue);
  if (overdue !== undefined) return { label: round + overdue.rule.label, forms: overdueParts(overdue), more };
  const soon = pending.find((p) => p.dueSoon);
  if (soon !== undefined) return { label: round + soon.rule.label, forms: dueSoonParts(soon, asOfDay), more };
  const next = pending[0];
  return next === undefined
    ? null
    : { label: round + next.rule.label, forms: nextParts(next, asOfDay, calendar), more };
}
