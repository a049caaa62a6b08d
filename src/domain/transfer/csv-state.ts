import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import {
  isOneOf,
  OUTCOMES,
  REFUND_DESTINATIONS,
  RESOLUTIONS,
  type RefundDestination,
  STAGES,
  type StageStep,
} from "../case/model.js";
import { formatMinor, parseAmount } from "../case/parse.js";
import { type CaseEvent, type CaseSnapshot, COUNTER_EVENT, ROUND_EVENT, SPOTTED } from "../case/records.js";
import { CLOSING_OUTCOME, PATHS } from "../case/stages.js";
import type { Refund } from "../money/refunds.js";
import { tryParseDay } from "../time/dates.js";

// Issue 26 item 1: what kakotrack's CSV carries of a case's standing beyond its fields, and how an
// import rebuilds the events that give it (docs/export-format.md, "CSV").

/** The columns the CSV export appends for a case's standing; their presence marks kakotrack's own CSV. */
export const STATE_CSV_COLUMNS = ["steps", "spotted_on", "refunds", "ask"] as const;

/** The note an import of kakotrack's own CSV gives once, before anything is written. */
export const CSV_STATE_NOTE =
  "kakotrack: note: a CSV carries each case's standing (stages and their dates, refunds, fees total, offer, " +
  `outcome), not its history, evidence files or notes; ${hint.export("--format json")} makes a full copy\n`;

/**
 * A case's stage steps after the opening one, as cases.steps holds them: "stage YYYY-MM-DD,…" with `@`
 * marks; a counter-offer's carries its amount, the n-th of `counters` (`seller-offered@counter:45.00`).
 */
export function stepsCell(steps: readonly StageStep[], counters: readonly number[], currency: string): string {
  let countered = 0;
  const mark = (s: StageStep): string => {
    if (s.from !== undefined) return `@${s.from}`;
    if (!s.counter) return "";
    const amount = counters[countered++];
    return amount === undefined ? "@counter" : `@counter:${formatMinor(amount, currency)}`;
  };
  return steps
    .slice(1)
    .map((s) => `${s.stage}${mark(s)} ${s.on}`)
    .join(",");
}

/** Each refund as `AMOUNT TO YYYY-MM-DD` (TO: balance, original, or `unrecorded`), joined by "; ". */
export function refundsCell(refunds: readonly Refund[], currency: string): string {
  return refunds.map((r) => `${formatMinor(r.amountMinor, currency)} ${r.to ?? "unrecorded"} ${r.on}`).join("; ");
}

function day(text: string, what: string): string {
  if (tryParseDay(text) === undefined) throw new UsageError(`${what}: "${text}" is not a date (YYYY-MM-DD)`);
  return text;
}

/** A step of a steps cell: a counter-offer's with its amount as written (older files: none). */
export type CellStep = StageStep & { amount?: string };

/** Reads a steps cell back into steps (the opening one not included). */
export function parseStepsCell(text: string): CellStep[] {
  if (text.trim() === "") return [];
  return text.split(",").map((piece) => {
    const m = /^\s*([a-z-]+)(?:@([a-z-]+)(?::(\S+))?)?\s+(\S+)\s*$/.exec(piece);
    if (m === null) throw new UsageError(`column steps: "${piece}" is not "stage YYYY-MM-DD"`);
    const [, stage, mark, amount, on] = m as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
      string,
    ];
    if (!isOneOf(STAGES, stage) || stage === SPOTTED) throw new UsageError(`column steps: unknown stage "${stage}"`);
    const step: CellStep = { stage, on: day(on, "column steps") };
    if (amount !== undefined && mark !== "counter")
      throw new UsageError(`column steps: "${stage}@${mark}:${amount}": only a counter-offer carries an amount`);
    if (mark === "counter" && stage === "seller-offered") {
      step.counter = true;
      if (amount !== undefined) step.amount = amount;
    } else if (mark !== undefined && stage === "requested" && isOneOf(RESOLUTIONS, mark)) step.from = mark;
    else if (mark !== undefined) throw new UsageError(`column steps: "${stage}@${mark}" is not a round or a counter`);
    return step;
  });
}

/** Reads a refunds cell back: amounts in minor units of the case currency. */
export function parseRefundsCell(
  text: string,
  currency: string,
): Array<{ amountMinor: number; to: RefundDestination | null; on: string }> {
  if (text.trim() === "") return [];
  return text.split(";").map((piece) => {
    const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(piece);
    if (m === null) throw new UsageError(`column refunds: "${piece}" is not "AMOUNT TO YYYY-MM-DD"`);
    const [, amount, to, on] = m as unknown as [string, string, string, string];
    if (to !== "unrecorded" && !isOneOf(REFUND_DESTINATIONS, to))
      throw new UsageError(`column refunds: "${to}" is not balance, original or unrecorded`);
    const amountMinor = parseAmount(amount, currency, "column refunds");
    if (amountMinor <= 0) throw new UsageError(`column refunds: a refund is a positive amount ("${amount}")`);
    return { amountMinor, to: to === "unrecorded" ? null : to, on: day(on, "column refunds") };
  });
}

/** The state cells of one row of kakotrack's CSV (empty text: none). */
export type StateCells = Partial<
  Record<"stage" | "offer" | "outcome" | "closed_on" | "fees" | (typeof STATE_CSV_COLUMNS)[number], string>
>;

/**
 * A new case's snapshot (its opening event first) given the standing its CSV row carries: the opening
 * (a spotted case: a `spotted` event on spotted_on instead), a stage event a step (rounds and counters
 * marked), each refund as a `refund` event, the closing, and the fees as one `fee` event; the row's
 * stage, offer, ask, outcome and closing date. Closing and `refunded` steps carry no amount, so refunds count
 * once; the last `seller-offered` or `agreed` step carries the offer, a counter-offer the ask.
 */
export function withState(snapshot: CaseSnapshot, cells: StateCells): CaseSnapshot {
  const c = { ...snapshot.case };
  const opening = snapshot.events[0]!;
  const text = (k: keyof StateCells): string => cells[k]?.trim() ?? "";
  const amount = (k: keyof StateCells): number | null =>
    text(k) === "" ? null : parseAmount(text(k), c.currency, `column ${k}`);
  const event = (
    e: Omit<CaseEvent, "id" | "caseId" | "recordedAt" | "note"> & { note?: string | null },
  ): CaseEvent => ({
    id: 0,
    caseId: 0,
    recordedAt: opening.recordedAt,
    note: null,
    ...e,
  });
  const events: CaseEvent[] = [];
  const spottedOn = text("spotted_on");
  const steps = parseStepsCell(text("steps"));
  if (spottedOn !== "") {
    if (steps.length > 0) throw new UsageError("a spotted case (column spotted_on) has no steps");
    c.openedOn = day(spottedOn, "column spotted_on");
    c.stage = SPOTTED;
    events.push({ ...opening, kind: SPOTTED, stage: null, onDate: c.openedOn });
  } else {
    events.push(opening);
    c.stage = steps.at(-1)?.stage ?? "requested";
  }
  const stage = text("stage");
  if (stage !== "" && stage !== c.stage)
    throw new UsageError(`column stage: "${stage}" is not the last of the steps (${c.stage})`);
  const offer = amount("offer");
  const lastOffered = steps.findLastIndex((s) => !s.counter && (s.stage === "seller-offered" || s.stage === "agreed"));
  let round = 1;
  // The round's path, to tell a step after the one that ended it: that step was a reopening.
  let resolution = steps.find((s) => s.from !== undefined)?.from ?? c.resolution;
  let endedPath = false;
  steps.forEach((s, i) => {
    if (s.from !== undefined) {
      round++;
      const to = steps.slice(i + 1).find((n) => n.from !== undefined)?.from ?? c.resolution;
      const ended = s.from === to ? "rejected" : "switched";
      const data = JSON.stringify({ round, ended, from: s.from, to });
      events.push(event({ kind: ROUND_EVENT, stage: s.stage, onDate: s.on, amountMinor: null, data }));
      resolution = to;
      endedPath = false;
    } else if (endedPath) {
      const data = JSON.stringify({ outcome: CLOSING_OUTCOME[resolution] });
      events.push(event({ kind: "reopened", stage: s.stage, onDate: s.on, amountMinor: null, data }));
      endedPath = false;
    } else if (s.counter) {
      // Its own amount; a file written before it was carried: the ask. A counter-offer has one (export-format.md).
      const offered = s.amount === undefined ? amount("ask") : parseAmount(s.amount, c.currency, "column steps");
      if (offered === null || offered <= 0)
        throw new UsageError(
          `column steps: the counter-offer of ${s.on} has no amount (seller-offered@counter:AMOUNT)`,
        );
      events.push(event({ kind: COUNTER_EVENT, stage: s.stage, onDate: s.on, amountMinor: offered, data: null }));
    } else {
      // The offer on the table: the last step that set it carries it, as advance wrote it.
      const offered = (s.stage === "seller-offered" || s.stage === "agreed") && i === lastOffered ? offer : null;
      events.push(event({ kind: "stage", stage: s.stage, onDate: s.on, amountMinor: offered, data: null }));
      endedPath = s.stage === PATHS[resolution].at(-1);
    }
  });
  for (const r of parseRefundsCell(text("refunds"), c.currency)) {
    const data = r.to === null ? null : JSON.stringify({ to: r.to });
    events.push(event({ kind: "refund", stage: null, onDate: r.on, amountMinor: r.amountMinor, data }));
  }
  const outcome = text("outcome");
  if (outcome !== "") {
    if (!isOneOf(OUTCOMES, outcome)) throw new UsageError(`column outcome: unknown outcome "${outcome}"`);
    c.outcome = outcome;
    c.closedOn = day(text("closed_on"), "column closed_on");
    // Reaching the path's end closed it with that step, as advance does: no closing event then.
    const path = PATHS[c.resolution];
    const endedPath = steps.at(-1)?.stage === path[path.length - 1] && outcome === CLOSING_OUTCOME[c.resolution];
    if (!endedPath) {
      const data = JSON.stringify({ outcome });
      events.push(event({ kind: "closed", stage: null, onDate: c.closedOn, amountMinor: null, data }));
    }
  }
  const fees = amount("fees");
  if (fees !== null && fees > 0) {
    const on = c.closedOn ?? steps.at(-1)?.on ?? c.openedOn;
    events.push(
      event({ kind: "fee", stage: null, onDate: on, amountMinor: fees, data: null, note: "fees total (CSV import)" }),
    );
  }
  c.offerMinor = offer;
  c.askMinor = amount("ask");
  return { ...snapshot, case: c, events };
}
