import type { Calendar } from "../calendar/calendar.js";
import type { CaseTimeline, Stage } from "../case/model.js";
import { toDay } from "../time/dates.js";
import type { Deadline } from "./evaluation.js";
import { unitText } from "./reasons.js";

/**
 * A pause of the deadlines (docs/design.md section 2.4, issue 24 item 7): from the first side
 * step (refused, escalated) to the step back on the path. Show, the packet and `show --json`
 * say it; status does not need it (the evaluator moves the due dates itself).
 */
export interface Pause {
  from: string;
  /** The day the case went back on its path. */
  to: string;
  /** The business days it moved a business-day deadline: its first day up to the day before `to`. */
  businessDays: number;
  /** The calendar days it moved a calendar-day deadline. */
  days: number;
  /** The side stage it began with. */
  stage: Stage;
  /** Every side stage it went through, in order (refused, then escalated). */
  stages: Stage[];
}

const SIDE: readonly Stage[] = ["refused", "escalated"];

/** The case's completed pauses, oldest first (one still running is the case's stage, not a pause yet). */
export function pausesOf(timeline: CaseTimeline, calendar: Calendar): Pause[] {
  const pauses: Pause[] = [];
  let open: { from: string; stages: Stage[] } | undefined;
  for (const step of timeline.steps) {
    if (SIDE.includes(step.stage)) {
      if (open === undefined) open = { from: step.on, stages: [] };
      if (!open.stages.includes(step.stage)) open.stages.push(step.stage);
    } else if (open !== undefined) {
      const from = toDay(open.from);
      const to = toDay(step.on);
      // Counted as the evaluator moves due dates (evaluate.ts visitDeadlines).
      pauses.push({
        from: open.from,
        to: step.on,
        businessDays: calendar.countBusinessDays(from - 1, to - 1),
        days: to - from,
        stage: open.stages[0]!,
        stages: open.stages,
      });
      open = undefined;
    }
  }
  return pauses;
}

const NOUNS: Partial<Record<Stage, string>> = { refused: "refusal", escalated: "escalation" };

/** What paused a deadline, in words: "the refusal and escalation". */
function pausedBy(pauses: readonly Pause[]): string {
  const nouns: string[] = [];
  for (const p of pauses) for (const s of p.stages) if (!nouns.includes(NOUNS[s]!)) nouns.push(NOUNS[s]!);
  return `the ${nouns.join(" and ")}`;
}

/** The pauses that moved a deadline: those that began before it was met (all of them while unmet). */
export function pausesMoving(d: Deadline, pauses: readonly Pause[]): Pause[] {
  return d.moved === 0 ? [] : pauses.filter((p) => d.metOn === null || p.from < d.metOn);
}

/** "moved 6 business days by the refusal and escalation", or null for a deadline no pause moved. */
export function movedText(d: Deadline, pauses: readonly Pause[]): string | null {
  const by = pausesMoving(d, pauses);
  return by.length === 0 ? null : `moved ${unitText(d.moved, d.rule.unit)} by ${pausedBy(by)}`;
}

/** A pause in words: "2026-11-05 to 2026-11-13 (refused, escalated): 6 business days, 8 days". */
export function pauseText(p: Pause): string {
  return (
    `${p.from} to ${p.to} (${p.stages.join(", ")}): ${unitText(p.businessDays, "business")}, ` +
    `${unitText(p.days, "calendar")}`
  );
}

/**
 * A seller's deadline "met" by the seller's refusal: the seller answered no. Shown as "seller
 * refused on D", never as a met response (issue 24 item 7).
 */
export function refusedBySeller(d: Deadline): boolean {
  return d.metByRefusal && d.rule.owner === "seller";
}
