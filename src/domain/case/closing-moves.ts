import { UsageError } from "../../errors.js";
import { hint, unquoted } from "../../hints.js";
import { type AmountSource, refundAmount, refundedSoFar } from "../money/refunds.js";
import type { Outcome, RefundDestination, Stage } from "./model.js";
import type { CaseChange } from "./moves.js";
import { formatAmount, parseEventDate } from "./parse.js";
import { type CaseSnapshot, checkOpen, latestStepBound, SPOTTED, stepsFromEvents } from "./records.js";
import { CLOSING_OUTCOME, PATHS } from "./stages.js";

// The moves that end a case or its money (close, refund, reopen), as pure plans like moves.ts's.

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
  amountSource: AmountSource | null;
  refundTo: RefundDestination | null;
}

/** close: the case ends with an outcome; a refund outcome records its amount and where it went. */
export function planClose(current: CaseSnapshot, request: CloseRequest): PlannedClose {
  const c = current.case;
  const { outcome } = request;
  checkOpen(c);
  if (c.stage === SPOTTED && !SPOTTED_OUTCOMES.includes(outcome)) {
    throw new UsageError(
      `case #${c.id} is spotted (its request is not recorded): close it as ${SPOTTED_OUTCOMES.join(", ")}, or ` +
        `record the request first (${hint.advance(c.id, "requested")})`,
    );
  }
  const bound = latestStepBound(stepsFromEvents(current.events), c.openedOn);
  const on = parseEventDate(request.dateText ?? request.today, "--date", request.today, bound);
  let refund: { minor: number | null; source: AmountSource } | null = null;
  let refundTo: RefundDestination | null = null;
  if (REFUND_OUTCOMES.includes(outcome)) {
    refundTo = request.destination ?? request.refundTo;
    const fallback =
      outcome === "refunded"
        ? { minor: c.priceMinor, source: "price" as const }
        : { minor: c.offerMinor, source: "offer" as const };
    const what = `closing as ${outcome}`;
    refund = refundAmount(c, refundedSoFar(current.events), request.amountText, { ...fallback, what }, request.force);
  }
  const amount = refund?.minor ?? null;
  if (amount === null) refundTo = null; // closing again on earlier refunds: no new one to place
  const data = JSON.stringify(refundTo === null ? { outcome } : { outcome, to: refundTo });
  return {
    change: {
      kind: "close",
      summary: `closing of case #${c.id} as ${outcome}`,
      // The refund's amount and destination reach the case row from its event (store/migrations.ts m011).
      updates: { outcome, closedOn: on },
      events: [{ kind: "closed", stage: null, onDate: on, note: request.note, amountMinor: amount, data }],
    },
    on,
    amount,
    amountSource: refund?.source ?? null,
    refundTo,
  };
}

export interface RefundRequest {
  amountText: string;
  dateText: string | undefined;
  note: string | null;
  destination: RefundDestination | undefined;
  force: boolean;
  today: string;
  /** The agent's `refund-to`, for a refund without --to. */
  refundTo: RefundDestination;
}

export interface PlannedRefund {
  change: CaseChange;
  on: string;
  amount: number;
  refundTo: RefundDestination;
  /** The case's refunds with this one. */
  totalMinor: number;
}

/**
 * `kakotrack refund`: money that came back outside the path (compensation on an exchange, a
 * second refund after a reopen), on an open or closed case, without a stage change.
 */
export function planRefund(current: CaseSnapshot, request: RefundRequest): PlannedRefund {
  const c = current.case;
  const earlier = refundedSoFar(current.events);
  const how = { what: "amount", example: unquoted(hint.refund(c.id, "25.00")) };
  const fallback = { minor: null, source: "given" as const, what: "a refund" };
  const minor = refundAmount(c, earlier, request.amountText, fallback, request.force, how).minor!; // given: never null
  const on = parseEventDate(request.dateText ?? request.today, "--date", request.today, {
    date: c.openedOn,
    why: c.stage === SPOTTED ? "the defect was spotted" : "the case opened",
  });
  const refundTo = request.destination ?? request.refundTo;
  return {
    change: {
      kind: "refund",
      summary: `refund of ${formatAmount(minor, c.currency)} on case #${c.id}`,
      events: [
        {
          kind: "refund",
          stage: null,
          onDate: on,
          note: request.note,
          amountMinor: minor,
          data: JSON.stringify({ to: refundTo }),
        },
      ],
    },
    on,
    amount: minor,
    refundTo,
    totalMinor: earlier + minor,
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
      // Its refunds stay: money that came back is not undone by reopening (issue 24 item 4).
      updates: { outcome: null, closedOn: null, stage },
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
