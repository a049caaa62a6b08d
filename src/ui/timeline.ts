import type { CaseTimeline, StageStep } from "../domain/case/model.js";
import { roundTimelines } from "../domain/case/rounds.js";
import type { Deadline } from "../domain/deadlines/evaluate.js";
import { movedText, type Pause, pauseText, refusedBySeller } from "../domain/deadlines/pauses.js";
import { unitText } from "../domain/deadlines/reasons.js";
import { daysBetween } from "../domain/time/dates.js";

const MAX_BAR = 60;
/** The exchange timeline runs to day 18 whatever has happened. */
const EXCHANGE_SPAN = 18;

/** Days a timeline picture spans from day 0: to the last due date or step (day 18 at least for an exchange). */
export function timelineSpan(timeline: CaseTimeline, all: readonly Deadline[]): number {
  const offset = (date: string): number => daysBetween(timeline.openedOn, date);
  return Math.max(
    timeline.resolution === "exchange" ? EXCHANGE_SPAN : 1,
    ...all.map((d) => offset(d.due)),
    ...timeline.steps.map((s) => offset(s.on)),
  );
}

/**
 * A picture of the case on one line per layer: numbered due dates above a bar from day 0,
 * what happened (●) on it, and where the as-of date is (▲, or ▶ past the end).
 */
export function renderTimeline(timeline: CaseTimeline, all: readonly Deadline[], asOf: string): string {
  const offset = (date: string): number => daysBetween(timeline.openedOn, date);
  const sorted = [...all].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const stepDays = timeline.steps.map((s) => offset(s.on));
  const span = timelineSpan(timeline, all);
  const perDay = Math.max(1, Math.min(3, Math.floor(MAX_BAR / span)));
  const width = Math.min(span * perDay, MAX_BAR);
  const pos = (day: number): number => Math.round((Math.min(Math.max(day, 0), span) * width) / span);

  const dueLine = Array<string>(width + 1).fill(" ");
  const bar = Array<string>(width + 1).fill("─");
  bar[0] = "├";
  bar[width] = "┤";
  sorted.forEach((d, i) => {
    const p = pos(offset(d.due));
    dueLine[p] = String(i + 1);
    bar[p] = p === 0 ? "├" : p === width ? "┤" : "┼";
  });
  const eventLine = Array<string>(width + 1).fill(" ");
  for (const day of stepDays) eventLine[pos(day)] = "●";
  const asOfDay = offset(asOf);
  const markerLine = Array<string>(width + 1).fill(" ");
  markerLine[pos(asOfDay)] = asOfDay > span ? "▶" : "▲";

  const endLabel = `day ${span}`;
  const axis = `0${" ".repeat(Math.max(1, width - endLabel.length))}${endLabel}`;
  const trim = (chars: string[]): string => `  ${chars.join("").trimEnd()}`;
  const state = (d: Deadline): string =>
    d.met
      ? refusedBySeller(d)
        ? `seller refused on ${d.metOn}`
        : d.metLate > 0
          ? `done, ${unitText(d.metLate, d.rule.unit)} late`
          : "done"
      : d.paused
        ? "paused"
        : d.due < asOf
          ? "overdue"
          : "pending";
  const lines = [
    trim(dueLine),
    trim(bar),
    trim(eventLine),
    `${trim(markerLine)} as of ${asOf} (day ${asOfDay})`,
    `  ${axis}`,
  ];
  for (const [i, d] of sorted.entries()) lines.push(`  ${i + 1} ${d.due}  ${d.rule.label} (${state(d)})`);
  for (const s of timeline.steps) lines.push(`  ● ${s.on}  ${stepText(s)}`);
  return `${lines.join("\n")}\n`;
}

function stepText(s: StageStep): string {
  return s.counter ? `${s.stage} (your counter-offer)` : s.from !== undefined ? `${s.stage} (new round)` : s.stage;
}

/**
 * The timeline of each round (issue 24): the earlier ones as their dated steps and how they ended,
 * the current one as the picture, from its own day 0. `all` are the current round's deadlines.
 */
export function renderRounds(timeline: CaseTimeline, all: readonly Deadline[], asOf: string): string {
  const rounds = roundTimelines(timeline);
  if (rounds.length === 1) return renderTimeline(timeline, all, asOf);
  const lines: string[] = [];
  rounds.forEach(({ round, timeline: t }, i) => {
    const next = rounds[i + 1]?.round;
    if (next === undefined) {
      lines.push(`  Round ${round.round}: ${round.resolution}, from ${round.startedOn} (its day 0)`);
      lines.push(renderTimeline(t, all, asOf).trimEnd());
      return;
    }
    const ended = round.ended === "rejected" ? "the replacement failed QC" : `switched to ${next.resolution}`;
    lines.push(`  Round ${round.round}: ${round.resolution}, ${round.startedOn} to ${round.endedOn} (${ended})`);
    for (const s of t.steps) lines.push(`    ● ${s.on}  ${stepText(s)}`);
  });
  return `${lines.join("\n")}\n`;
}

/** show's Pauses section: each pause of the deadlines, then each deadline it moved and by how much. */
export function renderPauses(pauses: readonly Pause[], all: readonly Deadline[], title: string): string[] {
  if (pauses.length === 0) return [];
  const lines = ["", title, ...pauses.map((p) => `  ${pauseText(p)}`)];
  for (const d of all) {
    const moved = movedText(d, pauses);
    if (moved !== null) lines.push(`  ${d.rule.label} due ${d.due}, ${moved}`);
  }
  return lines;
}
