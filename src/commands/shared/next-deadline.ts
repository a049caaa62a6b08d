import { evaluate } from "../../domain/deadlines/evaluate.js";
import { type Session, timelineOf } from "./session.js";

/** After a change: the case's next deadline and its reasons, judged today. */
export function nextLines(session: Session, id: number): string[] {
  const updated = session.store.cases.get(id)!;
  const evaluation = evaluate(
    timelineOf(updated, session.store),
    session.ctx.today,
    session.calendarFor(updated.agent),
    session.settings,
  );
  const next = evaluation.pending[0];
  return [...(next ? [`Next: ${next.rule.label} due ${next.due}.`] : []), ...evaluation.reasons.map((r) => `  ${r}`)];
}
