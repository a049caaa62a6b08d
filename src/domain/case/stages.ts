import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import type { Outcome, Resolution, Stage, StageStep } from "./model.js";

/** Each resolution's path (docs/design.md section 2). The last stage closes the case. */
export const PATHS: Record<Resolution, readonly Stage[]> = {
  exchange: ["requested", "agent-reviewed", "seller-confirmed", "replacement-arrived", "new-qc", "approved"],
  refund: ["requested", "agent-reviewed", "seller-agreed", "returned", "refunded"],
  "partial-refund": ["requested", "agent-reviewed", "seller-offered", "agreed", "refunded"],
};

/** Stage on the path that is the seller's answer: `refused` is allowed only before it. */
export const SELLER_ANSWER: Record<Resolution, Stage> = {
  exchange: "seller-confirmed",
  refund: "seller-agreed",
  "partial-refund": "seller-offered",
};

export const CLOSING_OUTCOME: Record<Resolution, Outcome> = {
  exchange: "exchanged",
  refund: "refunded",
  "partial-refund": "partially-refunded",
};

export const SIDE_STAGES: readonly Stage[] = ["refused", "escalated"];

/** Stages that take --amount: the offer, the agreed amount, the refund. */
export const AMOUNT_STAGES: readonly Stage[] = ["seller-offered", "agreed", "refunded"];

export function pathIndex(resolution: Resolution, stage: Stage): number {
  return PATHS[resolution].indexOf(stage);
}

export function isOnPath(resolution: Resolution, stage: Stage): boolean {
  return pathIndex(resolution, stage) >= 0 || SIDE_STAGES.includes(stage);
}

/**
 * The path stage the case has reached: its latest path step (reaching `refused` implies the
 * agent reviewed it). Steps only move forward, except a correction (`advance --force` back,
 * or a reopen), which takes back what came after it.
 */
export function furthestIndex(resolution: Resolution, steps: readonly StageStep[]): number {
  for (let i = steps.length - 1; i > 0; i--) {
    const stage = steps[i]!.stage;
    const index = stage === "refused" ? pathIndex(resolution, "agent-reviewed") : pathIndex(resolution, stage);
    if (index >= 0) return index;
  }
  return 0;
}

export function sellerHasAnswered(resolution: Resolution, steps: readonly StageStep[]): boolean {
  return (
    steps.some((s) => s.stage === "refused") ||
    furthestIndex(resolution, steps) >= pathIndex(resolution, SELLER_ANSWER[resolution])
  );
}

/** The default stage for `advance <id>` with no stage given. */
export function nextStage(resolution: Resolution, stage: Stage, steps: readonly StageStep[]): Stage {
  if (stage === "refused") return "escalated";
  const path = PATHS[resolution];
  const next = path[furthestIndex(resolution, steps) + 1];
  if (!next) throw new UsageError(`the case is already at the end of its path`);
  return next;
}

/** Moves allowed from where the case is, for prompts and error messages. */
export function allowedTargets(resolution: Resolution, stage: Stage, steps: readonly StageStep[]): Stage[] {
  const path = PATHS[resolution];
  const targets = path.slice(furthestIndex(resolution, steps) + 1);
  if (stage !== "refused" && !sellerHasAnswered(resolution, steps)) targets.push("refused");
  if (stage !== "escalated") targets.push("escalated");
  return targets;
}

/**
 * Checks a stage change. Forward skips are fine (the buyer learns late); going back is a
 * correction and needs `force`.
 */
export function checkTransition(
  resolution: Resolution,
  stage: Stage,
  steps: readonly StageStep[],
  target: Stage,
  force: boolean,
): void {
  if (!isOnPath(resolution, target)) {
    throw new UsageError(
      `stage "${target}" is not on the ${resolution} path (${PATHS[resolution].join(" → ")}, or refused/escalated)`,
    );
  }
  if (force) return;
  if (target === stage) throw new UsageError(`the case is already at "${target}"`);
  if (allowedTargets(resolution, stage, steps).includes(target)) return;
  if (target === "refused") {
    throw new UsageError(
      `"refused" is only allowed until the seller has answered (it already has); use ${hint.escalate()} or ` +
        `${hint.close()}`,
    );
  }
  throw new UsageError(
    `"${target}" would go backwards from "${stage}"; run ${hint.undo()} to revert the last change, or add --force ` +
      `to correct it`,
  );
}
