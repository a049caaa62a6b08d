import type { StageStep } from "./model.js";

/** What a case's view as of a day needs: its day 0, stage and closing. */
export interface Standing {
  openedOn: string;
  stage: string;
  outcome: string | null;
  closedOn: string | null;
}

/**
 * A case as it stood at the end of `asOf` (docs/design.md, "as of any day"): null when it was
 * opened later; stages dated later not applied; open when it was closed later. Dates cannot be
 * recorded in the future, so a view as of today is the case as stored.
 */
export function standingOn<T extends Standing>(
  record: T,
  steps: readonly StageStep[],
  asOf: string,
): { record: T; steps: StageStep[] } | null {
  if (record.openedOn > asOf) return null;
  let kept = steps.length;
  while (kept > 1 && steps[kept - 1]!.on > asOf) kept--;
  const closedLater = record.closedOn !== null && record.closedOn > asOf;
  if (kept === steps.length && !closedLater) return { record, steps: steps as StageStep[] };
  // A spotted case has no step yet (a case closed while spotted stays spotted).
  const stage = kept > 0 ? steps[kept - 1]!.stage : record.stage;
  // A later switch of path had not happened: the case was on the path of the first round not yet begun.
  const from = steps.slice(kept).find((s) => s.from !== undefined)?.from;
  const path = from !== undefined && "resolution" in record ? { resolution: from } : {};
  return {
    // Its refunds then are those dated by asOf, which the callers that show them sum (refunds are events).
    record: closedLater ? { ...record, ...path, stage, outcome: null, closedOn: null } : { ...record, ...path, stage },
    steps: steps.slice(0, kept),
  };
}

/** Events, notes and evidence as of a day: those dated on or before it. */
export function datedBy<T extends { onDate?: string; addedOn?: string }>(items: readonly T[], asOf: string): T[] {
  return items.filter((item) => (item.onDate ?? item.addedOn ?? "") <= asOf);
}
