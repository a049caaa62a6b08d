import { type Day, formatDate } from "../time/dates.js";
import type { PendingDeadline } from "./evaluation.js";
import type { DayUnit } from "./rules.js";

// The words of a judged case's reasons (docs/design.md section 2.5).

export function unitText(n: number, unit: DayUnit): string {
  const noun = unit === "business" ? "business day" : "day";
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The reasons, most pressing first (the buyer's action, what is overdue, what is due soon), up to
 * `max`; a later round's say which round they are about ("round 2: …").
 */
export function reasonsText(
  action: string | undefined,
  pending: readonly PendingDeadline[],
  asOfDay: Day,
  max: number,
  round: number,
): string[] {
  const reasons: string[] = [];
  if (round > 1) {
    const plain = reasonsText(action, pending, asOfDay, max, 1);
    for (let i = 0; i < plain.length; i++) reasons.push(`round ${round}: ${plain[i]}`);
    return reasons;
  }
  if (action) reasons.push(action);
  // Indexed loops: this runs cold for every row status shows.
  for (let i = 0; i < pending.length && reasons.length < max; i++)
    if (pending[i]!.overdue) reasons.push(overdueReason(pending[i]!));
  for (let i = 0; i < pending.length && reasons.length < max; i++)
    if (pending[i]!.dueSoon) reasons.push(dueSoonReason(pending[i]!, asOfDay));
  return reasons;
}

function overdueReason(p: PendingDeadline): string {
  if (p.late === 0) {
    // Overdue since a day nobody works on it (a weekend, a break, a closure): none counted yet.
    return (
      `${p.rule.label} overdue since ${formatDate(p.dueDay + 1)}, ${unitText(0, p.rule.unit)} so far (due ` +
      `${p.due})`
    );
  }
  return p.rule.overdueText.replace("{late}", unitText(p.late, p.rule.unit)).replace("{due}", p.due);
}

function dueSoonReason(p: PendingDeadline, asOfDay: Day): string {
  const inDays = p.dueDay - asOfDay;
  const when = inDays === 0 ? "today" : inDays === 1 ? "tomorrow" : `in ${inDays} days`;
  return `${p.rule.label} due ${when} (${p.due})`;
}
