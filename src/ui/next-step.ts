import type { Stage } from "../domain/case/model.js";
import { type Evaluation, unitText } from "../domain/deadlines/evaluate.js";
import { returnWindowReason } from "../domain/deadlines/return-window.js";
import { hint } from "../hints.js";

/** What the buyer should do next, in words, with the command that helps. */
export function nextStep(
  c: { id: number; stage: Stage; outcome: string | null; closedOn: string | null },
  evaluation: Evaluation,
): string {
  const id = c.id;
  if (c.outcome !== null) return `nothing: closed as ${c.outcome} on ${c.closedOn}`;
  const overdue = evaluation.pending.find((p) => p.overdue);
  const late = overdue
    ? `${overdue.rule.label} is ${overdue.late > 0 ? `${unitText(overdue.late, overdue.rule.unit)} late` : "overdue"}`
    : "";
  switch (c.stage) {
    case "spotted":
      return spottedStep(id, evaluation);
    case "refused":
      return `the seller refused: escalate to the agent's support with your evidence (${hint.escalate(id)}, then ${hint.message(id, "escalation")}), or accept it as is (${hint.close(id, "accepted-as-is")})`;
    case "escalated":
      return overdue
        ? `follow up with support: the ${late}; ${hint.message(id)}`
        : `wait for support's answer (follow up by ${evaluation.due}); record it with ${hint.advance(id)}`;
    case "seller-offered":
      return `the seller made an offer: accept it (${hint.advance(id, "agreed")}) or counter through the agent (${hint.note(id, '"..."')})`;
    case "new-qc":
      return `review the replacement's QC photos: approve (${hint.advance(id, "approved")}) or escalate (${hint.escalate(id)})`;
  }
  if (overdue) return `ask the agent for an update: ${late}; ${hint.message(id)}`;
  if (c.stage === "requested") {
    return `send the request to the agent if you have not (${hint.message(id)}); the agent should review it by ${evaluation.due}`;
  }
  const next = evaluation.pending[0];
  return next ? `wait: ${next.rule.label} due ${next.due}` : `wait for the next step, then ${hint.advance(id)}`;
}

/** Before the request: send it, within the return window when it is known. */
function spottedStep(id: number, evaluation: Evaluation): string {
  const send = `send the request to the agent (${hint.message(id)}), then record it with ${hint.advance(id, "requested")}`;
  const w = evaluation.returnWindow;
  if (!w)
    return `${send}; record the stock-in time (${hint.edit(id, '--stored "YYYY-MM-DD HH:MM"')}) to see how long the return window has`;
  if (w.closed) return `${send} anyway: the ${returnWindowReason(w)}; ask its support, with the QC photos`;
  return `${send} before the return window closes (${returnWindowReason(w).replace("return window closes ", "")})`;
}
