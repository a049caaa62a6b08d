import type { Resolution, Stage, StageStep } from "../domain/case/model.js";
import { roundSteps } from "../domain/case/rounds.js";
import { furthestIndex, pathIndex } from "../domain/case/stages.js";
import type { Evaluation } from "../domain/deadlines/evaluate.js";
import { unitText } from "../domain/deadlines/reasons.js";
import { returnWindowReason } from "../domain/deadlines/return-window.js";
import { hint } from "../hints.js";

/** What the buyer should do next, in words, with the command that helps. */
export function nextStep(
  c: {
    id: number;
    stage: Stage;
    /** With its steps, for the hints that depend on the round (another replacement). */
    resolution?: Resolution;
    steps?: readonly StageStep[];
    outcome: string | null;
    closedOn: string | null;
  },
  evaluation: Evaluation,
): string {
  const id = c.id;
  const round = roundSteps(c.steps ?? []);
  // Support (or the seller) may have ordered another replacement: a new round, not the approval.
  const reject =
    c.resolution === "exchange" && furthestIndex("exchange", round) >= pathIndex("exchange", "replacement-arrived")
      ? `, ${hint.reject(id)} if another replacement was ordered`
      : "";
  if (c.outcome !== null) return `nothing: closed as ${c.outcome} on ${c.closedOn}`;
  const overdue = evaluation.pending.find((p) => p.overdue);
  const late = overdue
    ? `${overdue.rule.label} is ${overdue.late > 0 ? `${unitText(overdue.late, overdue.rule.unit)} late` : "overdue"}`
    : "";
  switch (c.stage) {
    case "spotted":
      return spottedStep(id, evaluation);
    case "refused":
      return (
        `the seller refused: escalate to the agent's support with your evidence (${hint.escalate(id)}, then ` +
        `${hint.message(id, "escalation")}), or accept it as is, which closes the case ` +
        `(${hint.close(id, "accepted-as-is")})`
      );
    case "escalated":
      return overdue
        ? `follow up with support: the ${late}; ${hint.message(id)}`
        : `wait for support's answer (follow up by ${evaluation.due}); record what support decided with ` +
            `${hint.advance(id, "<stage>")} (the stage it led to)${reject}`;
    case "seller-offered":
      if (evaluation.flag !== "action") {
        const due = evaluation.pending.find((p) => p.rule.id === "counter-response")?.due;
        const wait = overdue ? `the ${late}: ${hint.message(id)}` : `due ${due}`;
        return (
          `wait for the seller's answer to your counter-offer (${wait}); record a new offer with ` +
          `${hint.advance(id, "seller-offered --amount X")}, or the agreement with ` +
          `${hint.advance(id, "agreed --amount X")}`
        );
      }
      return (
        `the seller made an offer: accept it (${hint.message(id, "accept")}, then ` +
        `${hint.advance(id, "agreed")}) or counter ` +
        `(${hint.message(id, "counter --amount X")}, then ${hint.counter(id, "X")})`
      );
    case "new-qc":
      return (
        `review the replacement's QC photos: approve it, which closes the case as exchanged ` +
        `(${hint.advance(id, "approved")}), ask for another replacement (${hint.reject(id)}), or escalate ` +
        `(${hint.escalate(id)})`
      );
  }
  if (overdue) return `ask the agent for an update: ${late}; ${hint.message(id)}`;
  if (c.stage === "requested") {
    return (
      `send the request to the agent if you have not (${hint.message(id)}); the agent should review it by ` +
      `${evaluation.due}`
    );
  }
  const next = evaluation.pending[0];
  return next
    ? `wait: ${next.rule.label} due ${next.due}`
    : `wait for the next step, then record it with ${hint.advance(id, "<stage>")}`;
}

/** Before the request: send it, within the return window when it is known. */
function spottedStep(id: number, evaluation: Evaluation): string {
  const send =
    `send the request to the agent (${hint.message(id)}), then record it with ` + `${hint.advance(id, "requested")}`;
  const w = evaluation.returnWindow;
  if (!w)
    return (
      `${send}; record the stock-in time (${hint.edit(id, '--stored "YYYY-MM-DD HH:MM"')}) to see how long ` +
      `the return window has`
    );
  if (w.closed) return `${send} anyway: the ${returnWindowReason(w)}; ask its support, with the QC photos`;
  return `${send} before the return window closes (${returnWindowReason(w).replace("return window closes ", "")})`;
}
