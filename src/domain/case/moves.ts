import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { checkWithinPrice } from "../money/money.js";
import { type AmountSource, refundAmount, refundedSoFar } from "../money/refunds.js";
import type { RefundDestination, Stage } from "./model.js";
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
  /** The domestic return parcel (`returned` only), as typed. */
  tracking?: string | undefined;
  carrier?: string | undefined;
}

export interface PlannedMove {
  change: CaseChange;
  from: Stage;
  to: Stage;
  on: string;
  amount: number | null;
  /** Where a refund's amount came from (null: no refund). */
  amountSource: AmountSource | null;
  /** The move reached the path's end and closed the case. */
  closes: boolean;
  refundTo: RefundDestination | null;
  /** The return parcel recorded with `returned`, or null. */
  parcel: { tracking: string | null; carrier: string | null } | null;
  /** false: only the return parcel of a case already at `returned` was recorded, no new step. */
  stepped: boolean;
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
  const parcel = returnParcel(to, move);
  // The parcel's number often comes after the step: given for a case already at returned, it is all that changes.
  if (parcel !== null && to === "returned" && c.stage === "returned" && !move.force) return planParcel(c, parcel);
  // The seller revises its offer (issue 24): seller-offered again, with the new amount.
  const revision = to === "seller-offered" && furthestIndex(resolution, steps) === pathIndex(resolution, to);
  if (revision && move.amountText === undefined)
    throw new UsageError(`a revised offer needs its amount: add --amount (e.g. --amount 40)`);
  if (!revision) checkTransition(resolution, c.stage, steps, to, Boolean(move.force));
  const on = parseEventDate(move.dateText ?? move.today, "--date", move.today, latestStepBound(all, c.openedOn));
  const { amount, source } = stageAmount(current, to, move.amountText, Boolean(move.force), lastOffer(current.events));
  const path = PATHS[resolution];
  const closes = to === path[path.length - 1];
  if (move.destination !== undefined && to !== "refunded")
    throw new UsageError(`--to applies only to refunded (not ${to})`);
  // No destination without a new refund (a case closing again on the refunds it had before a reopen).
  const refundTo = to === "refunded" && amount !== null ? (move.destination ?? move.refundTo) : null;
  const updates: Partial<CaseRecord> = { stage: to, ...parcelUpdates(parcel) };
  if (to === "seller-offered" || to === "agreed") updates.offerMinor = amount;
  // The refund's amount and destination reach the case row from its event (store/migrations.ts m011).
  if (closes) Object.assign(updates, { outcome: CLOSING_OUTCOME[resolution], closedOn: on });
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
    amountSource: source,
    closes,
    refundTo,
    parcel,
    stepped: true,
  };
}

type Parcel = NonNullable<PlannedMove["parcel"]>;

/** The return parcel a move names: only with `returned` (the refund path's domestic return). */
function returnParcel(to: Stage, move: StageMove): Parcel | null {
  if (move.tracking === undefined && move.carrier === undefined) return null;
  if (to !== "returned")
    throw new UsageError(`--tracking and --carrier apply only to returned (the parcel sent back), not to ${to}`);
  return { tracking: move.tracking ?? null, carrier: move.carrier ?? null };
}

/** The parcel's fields to store: those given (a carrier alone keeps the number recorded before). */
function parcelUpdates(parcel: Parcel | null): Partial<CaseRecord> {
  if (parcel === null) return {};
  return {
    ...(parcel.tracking === null ? {} : { returnTracking: parcel.tracking }),
    ...(parcel.carrier === null ? {} : { returnCarrier: parcel.carrier }),
  };
}

/** The return parcel of a case already at `returned`: recorded without a new step. */
function planParcel(c: CaseRecord, parcel: Parcel): PlannedMove {
  return {
    change: { kind: "advance", summary: `return parcel of case #${c.id}`, updates: parcelUpdates(parcel) },
    from: c.stage,
    to: c.stage,
    on: "",
    amount: null,
    amountSource: null,
    closes: false,
    refundTo: null,
    parcel,
    stepped: false,
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
  returnParcel("requested", move); // refuses --tracking: a request has no parcel
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
    amountSource: null,
    closes: false,
    refundTo: null,
    parcel: null,
    stepped: true,
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
    `case #${c.id} is ${c.stage}: name the stage it reached, ${hint.advance(c.id, "<stage>")} with one of ` +
      `${targets.join(", ")}${reject}`,
  );
}

/**
 * The latest offer of the current round, by either side (the seller's offer or the buyer's counter): what `agreed`
 * takes by default.
 */
export function lastOffer(events: readonly CaseEvent[]): number | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === ROUND_EVENT) return null;
    if (e.amountMinor !== null && (e.kind === COUNTER_EVENT || (e.kind === "stage" && e.stage === "seller-offered")))
      return e.amountMinor;
  }
  return null;
}

/** The amount a stage carries: offers and refunds; a refund must have one (given, the offer or the price). */
function stageAmount(
  current: CaseSnapshot,
  target: Stage,
  text: string | undefined,
  force: boolean,
  latestOffer: number | null,
): { amount: number | null; source: AmountSource | null } {
  const row = current.case;
  if (!AMOUNT_STAGES.includes(target)) {
    if (text !== undefined)
      throw new UsageError(`--amount applies only to ${AMOUNT_STAGES.join(", ")} (not ${target})`);
    return { amount: null, source: null };
  }
  if (target === "refunded") {
    const partial = row.resolution === "partial-refund";
    const fallback =
      row.offerMinor !== null
        ? { minor: row.offerMinor, source: "offer" as const }
        : { minor: partial ? null : row.priceMinor, source: "price" as const };
    const what = partial ? "a partial refund" : "a refund without a price recorded";
    const { minor, source } = refundAmount(row, refundedSoFar(current.events), text, { ...fallback, what }, force);
    return { amount: minor, source };
  }
  if (text !== undefined) {
    const amount = parseAmount(text, row.currency, "--amount");
    checkWithinPrice(row, amount, force);
    return { amount, source: null };
  }
  return { amount: target === "seller-offered" ? null : (latestOffer ?? row.offerMinor), source: null };
}
