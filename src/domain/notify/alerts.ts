import type { Stage } from "../case/model.js";
import type { Evaluation } from "../deadlines/evaluate.js";
import { returnWindowReason } from "../deadlines/return-window.js";
import { BUYER_ACTIONS } from "../deadlines/rules.js";
import { formatMoment } from "../time/moments.js";

/**
 * What `notify` tells the buyer about (issue 27, docs/design.md section 4.9): each pending
 * deadline newly overdue or due soon, the buyer's own move, and a return window closing within
 * `notify-window` hours and once it has closed. Each is one alert, sent once per channel.
 */

export const ALERT_FLAGS = ["overdue", "window-closed", "window-closing", "action", "due-soon"] as const;
export type AlertFlag = (typeof ALERT_FLAGS)[number];

/** What identifies an alert: sent once while it lasts, again once it has gone and come back. */
export interface AlertKey {
  caseId: number;
  /** The deadline's rule id, `return-window`, or for the buyer's move the stage that asks for it. */
  deadline: string;
  flag: string;
}

export interface Alert extends AlertKey {
  flag: AlertFlag;
  /** The due date (YYYY-MM-DD), or when the return window closes (YYYY-MM-DDTHH:MM); null for a move. */
  due: string | null;
  /** How late, in `lateUnit`; 0 when not overdue. */
  late: number;
  lateUnit: "days" | "business days" | "minutes";
  /** The reason as status words it. */
  reason: string;
}

/** A case as notify judges it: its fields, its evaluation on the as-of date and its next step. */
export interface JudgedCase {
  id: number;
  agent: string;
  orderNo: string;
  item: string;
  stage: string;
  evaluation: Evaluation;
  nextStep: string;
}

/**
 * The alerts of one open case. `reasons` are in evaluate's order (the move, then each overdue
 * deadline, then each due-soon one, earliest first), so the i-th of each kind is its text.
 */
export function caseAlerts(c: JudgedCase, windowHours: number): Alert[] {
  const e = c.evaluation;
  const alerts: Alert[] = [];
  const base = { caseId: c.id, late: 0 };
  const w = e.returnWindow;
  if (w) {
    if (w.closed) {
      alerts.push({
        ...base,
        deadline: "return-window",
        flag: "window-closed",
        due: formatMoment(w.closesAt),
        late: -w.minutesLeft,
        lateUnit: "minutes",
        reason: returnWindowReason(w),
      });
    } else if (w.minutesLeft <= windowHours * 60) {
      alerts.push({
        ...base,
        deadline: "return-window",
        flag: "window-closing",
        due: formatMoment(w.closesAt),
        lateUnit: "minutes",
        reason: returnWindowReason(w),
      });
    }
    return alerts;
  }
  let next = 0;
  const action = BUYER_ACTIONS[c.stage as Stage];
  if (action !== undefined)
    alerts.push({
      ...base,
      deadline: c.stage,
      flag: "action",
      due: null,
      lateUnit: "days",
      reason: e.reasons[next++] ?? action,
    });
  // Overdue ones first, then due soon: the order of the reasons.
  for (const flag of ["overdue", "due-soon"] as const) {
    for (const p of e.pending) {
      if (flag === "overdue" ? !p.overdue : !p.dueSoon) continue;
      alerts.push({
        ...base,
        deadline: p.rule.id,
        flag,
        due: p.due,
        ...(flag === "overdue" ? { late: p.late } : {}),
        lateUnit: p.rule.unit === "business" ? "business days" : "days",
        reason: e.reasons[next++]!,
      });
    }
  }
  return alerts;
}

/** The most pressing of a case's alerts: the one a title and a webhook's top-level fields name. */
export function mostPressing(alerts: readonly Alert[]): Alert {
  return [...alerts].sort((a, b) => ALERT_FLAGS.indexOf(a.flag) - ALERT_FLAGS.indexOf(b.flag))[0]!;
}
