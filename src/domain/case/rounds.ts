import type { CaseTimeline, Resolution, StageStep } from "./model.js";

// Rounds (issue 24, docs/design.md section 2.9): a replacement that failed QC again (`reject`) or a
// change of path (`switch`) starts a new round at `requested`, its own day 0. The round is history,
// not a table: its first step is a `requested` step carrying `from` (the resolution of the round it
// ended), and the current round's steps are those from the last such step. Everything judged
// (deadlines, furthest stage, pauses) is judged on the current round's steps.

/** How a round ended: the replacement failed QC too, or the buyer changed path; null: still going. */
export type RoundEnd = "rejected" | "switched";

export interface Round {
  round: number;
  resolution: Resolution;
  startedOn: string;
  endedOn: string | null;
  ended: RoundEnd | null;
}

/** Index of the step that starts the current round (0 for round 1). Indexed: status runs it for every open case. */
export function roundStartIndex(steps: readonly StageStep[]): number {
  for (let i = steps.length - 1; i > 0; i--) if (steps[i]!.from !== undefined) return i;
  return 0;
}

/** The current round's number (1, 2, …). */
export function roundNumber(steps: readonly StageStep[]): number {
  let n = 1;
  for (let i = 1; i < steps.length; i++) if (steps[i]!.from !== undefined) n++;
  return n;
}

/** The steps of the current round, from its `requested` step. */
export function roundSteps<T extends StageStep>(steps: readonly T[]): readonly T[] {
  const start = roundStartIndex(steps);
  return start === 0 ? steps : steps.slice(start);
}

/**
 * The case as its current round is judged: day 0 is the round's, the steps those since. Round 1 is the case as it is.
 */
export function currentRound(timeline: CaseTimeline): CaseTimeline {
  const start = roundStartIndex(timeline.steps);
  if (start === 0) return timeline;
  return { ...timeline, openedOn: timeline.steps[start]!.on, steps: timeline.steps.slice(start) };
}

/** Every round of a case, oldest first, from its steps (the current resolution is the last round's). */
export function roundsOf(steps: readonly StageStep[], resolution: Resolution, openedOn: string): Round[] {
  const rounds: Round[] = [{ round: 1, resolution, startedOn: openedOn, endedOn: null, ended: null }];
  for (let i = 1; i < steps.length; i++) {
    const from = steps[i]!.from;
    if (from === undefined) continue;
    const last = rounds[rounds.length - 1]!;
    last.resolution = from;
    last.endedOn = steps[i]!.on;
    rounds.push({ round: rounds.length + 1, resolution, startedOn: steps[i]!.on, endedOn: null, ended: null });
  }
  // A round ended by a change of path is followed by one on another path; by a rejection, on the same.
  for (let i = 0; i + 1 < rounds.length; i++)
    rounds[i]!.ended = rounds[i]!.resolution === rounds[i + 1]!.resolution ? "rejected" : "switched";
  return rounds;
}

/** Each round as a timeline of its own (its path, day 0 and steps), oldest first: stats judge every round. */
export function roundTimelines(timeline: CaseTimeline): Array<{ timeline: CaseTimeline; round: Round }> {
  const rounds = roundsOf(timeline.steps, timeline.resolution, timeline.openedOn);
  if (rounds.length === 1) return [{ timeline, round: rounds[0]! }];
  const result: Array<{ timeline: CaseTimeline; round: Round }> = [];
  let start = 0;
  for (const round of rounds) {
    let end = start + 1;
    while (end < timeline.steps.length && timeline.steps[end]!.from === undefined) end++;
    const steps = timeline.steps.slice(start, end);
    const ended = round.endedOn !== null;
    result.push({
      round,
      timeline: {
        ...timeline,
        resolution: round.resolution,
        openedOn: round.startedOn,
        steps,
        stage: ended ? steps[steps.length - 1]!.stage : timeline.stage,
        closed: ended || timeline.closed,
      },
    });
    start = end;
  }
  return result;
}

/** Replacements that failed QC again (rounds ended by `reject`). */
export function rejectedRounds(steps: readonly StageStep[], resolution: Resolution): number {
  if (roundStartIndex(steps) === 0) return 0;
  return roundsOf(steps, resolution, steps[0]?.on ?? "").filter((r) => r.ended === "rejected").length;
}
