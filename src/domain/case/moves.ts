import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { checkWithinPrice } from "../money/money.js";
import type { Outcome, RefundDestination, Stage } from "./model.js";
import { parseAmount, parseEventDate } from "./parse.js";
import {
  type CaseEvent,
  type CaseRecord,
  type CaseSnapshot,
  COUNTER_EVENT,
  checkOpen,
  latestStepBound,
  type NewEvent,
  type NewEvidence,
  ROUND_EVENT,
  SPOTTED,
  stepsFromEvents,
} from "./records.js";
import { roundSteps } from "./rounds.js";
import {
  AMOUNT_STAGES,
  allowedTargets,
  CLOSING_OUTCOME,
  checkTransition,
  furthestIndex,
  nextStage,
  PATHS,
  pathIndex,
} from "./stages.js";

// The moves of a case (docs/design.md section 2.2) as pure plans: each takes the case as it is
// inside the write (src/store/cases.ts `change`) and what the buyer asked, checks it, and returns
// the change to store with what the command reports. Commands parse flags and print.

/** One change to a stored case: what the store writes and journals. */
export interface CaseChange {
  kind: string;
  summary: string;
  updates?: Partial<CaseRecord>;
  events?: NewEvent[];
  evidence?: NewEvidence[];
}

/** What a move was asked to do; texts are as typed (the plan checks them against the case). */
export interface StageMove {
  /** null: the next stage of the path. */
  target: Stage | null;
  dateText: string | undefined;
  note: string | null;
  amountText?: string | undefined;
  destination?: RefundDestination | undefined;
  force?: boolean;
  today: string;
  /** The agent's `refund-to`, for a refund without --to. */
  refundTo: RefundDestination;
}

export interface PlannedMove {
  change: CaseChange;
  from: Stage;
  to: Stage;
  on: string;
  amount: number | null;
  /** The move reached the path's end and closed the case. */
  closes: boolean;
  refundTo: RefundDestination | null;
}

/** advance, refuse, escalate: a stage change (a spotted case's only one is its request). */
export function planStageMove(current: CaseSnapshot, move: StageMove): PlannedMove {
  const c = current.case;
  checkOpen(c);
  if (c.stage === SPOTTED) return planRequest(c, move);
  const { resolution } = c;
  const all = stepsFromEvents(current.events);
  const steps = roundSteps(all); // the stages reached are the current round's
  if (move.target === null && (c.stage === "refused" || c.stage === "escalated")) throw nameTheStage(c, steps);
  const to = move.target ?? nextStage(resolution, c.stage, steps);
  // The seller revises its offer (issue 24): seller-offered again, with the new amount.
  const revision = to === "seller-offered" && furthestIndex(resolution, steps) === pathIndex(resolution, to);
  if (revision && move.amountText === undefined)
    throw new UsageError(`a revised offer needs its amount: add --amount (e.g. --amount 40)`);
  if (!revision) checkTransition(resolution, c.stage, steps, to, Boolean(move.force));
  const on = parseEventDate(move.dateText ?? move.today, "--date", move.today, latestStepBound(all, c.openedOn));
  const amount = stageAmount(c, to, move.amountText, Boolean(move.force), lastOffer(current.events));
  const path = PATHS[resolution];
  const closes = to === path[path.length - 1];
  if (move.destination !== undefined && to !== "refunded")
    throw new UsageError(`--to applies only to refunded (not ${to})`);
  const refundTo = to === "refunded" ? (move.destination ?? move.refundTo) : null;
  const updates: Partial<CaseRecord> = { stage: to };
  if (to === "seller-offered" || to === "agreed") updates.offerMinor = amount;
  if (closes)
    Object.assign(updates, { outcome: CLOSING_OUTCOME[resolution], closedOn: on, refundMinor: amount, refundTo });
  const data = refundTo === null ? null : JSON.stringify({ to: refundTo });
  return {
    change: {
      kind: "advance",
      summary: `advance of case #${c.id} (${c.stage} → ${to})`,
      updates,
      events: [{ kind: "stage", stage: to, onDate: on, note: move.note, amountMinor: amount, data }],
    },
    from: c.stage,
    to,
    on,
    amount,
    closes,
    refundTo,
  };
}

/**
 * A spotted case's one move: the request was sent, which sets day 0 (its opening event; the
 * day-0 deadlines start from it). Not before the stock-in.
 */
function planRequest(c: CaseRecord, move: StageMove): PlannedMove {
  if (move.target !== null && move.target !== "requested") {
    throw new UsageError(
      `case #${c.id} is spotted: its request is not recorded yet; ${hint.request(c.id)} first (D: the day you sent it)`,
    );
  }
  if (move.amountText !== undefined || move.destination !== undefined)
    throw new UsageError("--amount and --to apply to refunds, not to the request");
  const stored = c.storedAt === null ? undefined : { date: c.storedAt.slice(0, 10), why: "the item was stored" };
  const on = parseEventDate(move.dateText ?? move.today, "--date", move.today, stored);
  return {
    change: {
      kind: "advance",
      summary: `request of case #${c.id} (spotted → requested, day 0 ${on})`,
      updates: { stage: "requested", openedOn: on },
      events: [{ kind: "opened", stage: "requested", onDate: on, note: move.note, amountMinor: null, data: null }],
    },
    from: SPOTTED,
    to: "requested",
    on,
    amount: null,
    closes: false,
    refundTo: null,
  };
}

/**
 * From refused or escalated the next stage is not obvious (support may have ruled either way), so
 * `advance` without one names those it can go to, saying which closes the case (issue 24).
 */
function nameTheStage(c: CaseRecord, steps: ReturnType<typeof roundSteps>): UsageError {
  const path = PATHS[c.resolution];
  const last = path[path.length - 1];
  const targets = allowedTargets(c.resolution, c.stage, steps)
    .filter((t) => t !== c.stage)
    .map((t) => (t === last ? `${t} (closes it as ${CLOSING_OUTCOME[c.resolution]})` : t));
  const reject =
    c.resolution === "exchange" && furthestIndex(c.resolution, steps) >= pathIndex(c.resolution, "replacement-arrived")
      ? `, or ${hint.reject(c.id)} for another replacement`
      : "";
  return new UsageError(
    `case #${c.id} is ${c.stage}: name the stage it reached, ${hint.advance(c.id, "<stage>")} with one of ${targets.join(", ")}${reject}`,
  );
}

/** The latest offer of the current round, by either side (the seller's offer or the buyer's counter): what `agreed` takes by default. */
export function lastOffer(events: readonly CaseEvent[]): number | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === ROUND_EVENT) return null;
    if (e.amountMinor !== null && (e.kind === COUNTER_EVENT || (e.kind === "stage" && e.stage === "seller-offered")))
      return e.amountMinor;
  }
  return null;
}

/** The amount a stage carries: offers and refunds; partial refunds must state it. */
function stageAmount(
  row: CaseRecord,
  target: Stage,
  text: string | undefined,
  force: boolean,
  latestOffer: number | null,
): number | null {
  if (!AMOUNT_STAGES.includes(target)) {
    if (text !== undefined)
      throw new UsageError(`--amount applies only to ${AMOUNT_STAGES.join(", ")} (not ${target})`);
    return null;
  }
  if (text !== undefined) {
    const amount = parseAmount(text, row.currency, "--amount");
    checkWithinPrice(row, amount, force);
    return amount;
  }
  if (target === "refunded") {
    const known = row.resolution === "partial-refund" ? row.offerMinor : (row.offerMinor ?? row.priceMinor);
    if (known !== null) return known;
    if (row.resolution === "partial-refund") {
      throw new UsageError(`a partial refund needs its amount: add --amount (e.g. --amount 25.00)`);
    }
    return null;
  }
  if (target === "seller-offered") return null;
  return latestOffer ?? row.offerMinor;
}

/** Outcomes that refund money. */
export const REFUND_OUTCOMES: readonly Outcome[] = ["refunded", "partially-refunded"];
/** A case closed before its request was sent: nothing was asked, so nothing exchanged or refunded. */
const SPOTTED_OUTCOMES: readonly Outcome[] = ["accepted-as-is", "cancelled", "lost"];

export interface CloseRequest {
  outcome: Outcome;
  dateText: string | undefined;
  note: string | null;
  amountText: string | undefined;
  destination: RefundDestination | undefined;
  force: boolean;
  today: string;
  refundTo: RefundDestination;
}

export interface PlannedClose {
  change: CaseChange;
  on: string;
  amount: number | null;
  refundTo: RefundDestination | null;
}

/** close: the case ends with an outcome; a refund outcome records its amount and where it went. */
export function planClose(current: CaseSnapshot, request: CloseRequest): PlannedClose {
  const c = current.case;
  const { outcome } = request;
  checkOpen(c);
  if (c.stage === SPOTTED && !SPOTTED_OUTCOMES.includes(outcome)) {
    throw new UsageError(
      `case #${c.id} is spotted (its request is not recorded): close it as ${SPOTTED_OUTCOMES.join(", ")}, or record the request first (${hint.advance(c.id, "requested")})`,
    );
  }
  const bound = latestStepBound(stepsFromEvents(current.events), c.openedOn);
  const on = parseEventDate(request.dateText ?? request.today, "--date", request.today, bound);
  let amount: number | null = null;
  let refundTo: RefundDestination | null = null;
  if (REFUND_OUTCOMES.includes(outcome)) {
    refundTo = request.destination ?? request.refundTo;
    if (request.amountText !== undefined) {
      amount = parseAmount(request.amountText, c.currency, "--amount");
      checkWithinPrice(c, amount, request.force);
    } else amount = outcome === "refunded" ? c.priceMinor : c.offerMinor;
    if (amount === null)
      throw new UsageError(`closing as ${outcome} needs the amount refunded: add --amount (e.g. --amount 25.00)`);
  }
  const data = JSON.stringify(refundTo === null ? { outcome } : { outcome, to: refundTo });
  return {
    change: {
      kind: "close",
      summary: `closing of case #${c.id} as ${outcome}`,
      updates: { outcome, closedOn: on, refundMinor: amount, refundTo },
      events: [{ kind: "closed", stage: null, onDate: on, note: request.note, amountMinor: amount, data }],
    },
    on,
    amount,
    refundTo,
  };
}

/**
 * reopen: a case closed by reaching the end of its path goes back to the step before it; one
 * closed with `close` keeps its stage (the stage never changed).
 */
export function planReopen(
  current: CaseSnapshot,
  today: string,
  note: string | null,
): { change: CaseChange; stage: Stage } {
  const c = current.case;
  if (c.outcome === null) throw new UsageError(`case #${c.id} is open (at ${c.stage}); nothing to reopen`);
  const path = PATHS[c.resolution];
  const steps = stepsFromEvents(current.events);
  const endedPath = c.stage === path[path.length - 1] && c.outcome === CLOSING_OUTCOME[c.resolution];
  const stage = endedPath && steps.length > 1 ? steps[steps.length - 2]!.stage : c.stage;
  return {
    change: {
      kind: "reopen",
      summary: `reopening of case #${c.id} (${c.outcome} on ${c.closedOn})`,
      updates: { outcome: null, closedOn: null, refundMinor: null, refundTo: null, stage },
      events: [
        {
          kind: "reopened",
          stage: endedPath ? stage : null,
          onDate: today,
          note,
          amountMinor: null,
          data: JSON.stringify({ outcome: c.outcome }),
        },
      ],
    },
    stage,
  };
}
