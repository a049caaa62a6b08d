import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { checkWithinPrice } from "../money/money.js";
import type { Resolution } from "./model.js";
import type { CaseChange } from "./moves.js";
import { formatAmount, parseAmount, parseEventDate } from "./parse.js";
import {
  type CaseSnapshot,
  COUNTER_EVENT,
  checkOpen,
  latestStepBound,
  ROUND_EVENT,
  SPOTTED,
  stepsFromEvents,
} from "./records.js";
import { type RoundEnd, roundNumber, roundSteps } from "./rounds.js";
import { furthestIndex, pathIndex } from "./stages.js";

// The moves of issue 24 (docs/design.md section 2.9) as pure plans, like moves.ts: a new round
// (reject, switch) and the buyer's counter-offer. Each runs inside the store's write.

export interface DatedRequest {
  dateText: string | undefined;
  note: string | null;
  today: string;
}

export interface PlannedRound {
  change: CaseChange;
  round: number;
  on: string;
}

/** The `requested` step that starts a round on day D; `from` is the resolution of the round it ends. */
function newRound(
  current: CaseSnapshot,
  request: DatedRequest,
  ended: RoundEnd,
  to: Resolution,
): { round: number; on: string; event: CaseChange["events"] } {
  const c = current.case;
  const steps = stepsFromEvents(current.events);
  const on = parseEventDate(
    request.dateText ?? request.today,
    "--date",
    request.today,
    latestStepBound(steps, c.openedOn),
  );
  const round = roundNumber(steps) + 1;
  const data = JSON.stringify({ round, ended, from: c.resolution, to });
  return {
    round,
    on,
    event: [{ kind: ROUND_EVENT, stage: "requested", onDate: on, note: request.note, amountMinor: null, data }],
  };
}

/** reject: the replacement failed QC too; the buyer asks for another, a new exchange round from D. */
export function planReject(current: CaseSnapshot, request: DatedRequest): PlannedRound {
  const c = current.case;
  checkOpen(c);
  if (c.resolution !== "exchange") {
    throw new UsageError(
      `case #${c.id} is a ${c.resolution}, not an exchange: there is no replacement to reject; to change what you ` +
        `ask for, ${hint.switch(c.id, "<exchange|refund|partial-refund>")}`,
    );
  }
  const steps = c.stage === SPOTTED ? [] : roundSteps(stepsFromEvents(current.events));
  if (steps.length === 0 || furthestIndex("exchange", steps) < pathIndex("exchange", "replacement-arrived")) {
    throw new UsageError(
      `case #${c.id}'s replacement has not arrived (the case is at ${c.stage}): reject it once it has ` +
        `(${hint.advance(c.id, "replacement-arrived")} or new-qc); ` +
        `if the seller has none, ${hint.switch(c.id, "refund")}`,
    );
  }
  const { round, on, event } = newRound(current, request, "rejected", "exchange");
  return {
    change: {
      kind: "reject",
      summary: `rejection of case #${c.id}'s replacement (round ${round} from ${on})`,
      updates: { stage: "requested" },
      events: event,
    },
    round,
    on,
  };
}

export interface SwitchRequest extends DatedRequest {
  to: Resolution;
  /** --amount: the partial refund the buyer asks for (partial-refund only). */
  amountText: string | undefined;
}

/** switch: another path (the seller has no replacement, the buyer gives up on exchanges), a new round from D. */
export function planSwitch(current: CaseSnapshot, request: SwitchRequest): PlannedRound & { from: Resolution } {
  const c = current.case;
  const { to } = request;
  checkOpen(c);
  if (c.stage === SPOTTED) {
    throw new UsageError(
      `case #${c.id} is spotted: its request is not sent yet, so change what you ask for with ` +
        `${hint.edit(c.id, `--resolution ${to}`)}`,
    );
  }
  if (to === c.resolution) {
    const again = to === "exchange" ? `; a replacement that failed QC again is ${hint.reject(c.id)}` : "";
    throw new UsageError(`case #${c.id} is already a${to === "exchange" ? "n" : ""} ${to}${again}`);
  }
  if (request.amountText !== undefined && to !== "partial-refund") {
    throw new UsageError(`--amount is the partial refund you ask for: it goes with partial-refund (not ${to})`);
  }
  const ask = request.amountText === undefined ? undefined : parseAmount(request.amountText, c.currency, "--amount");
  if (ask !== undefined) checkWithinPrice(c, ask, false);
  const { round, on, event } = newRound(current, request, "switched", to);
  return {
    change: {
      kind: "switch",
      summary: `switch of case #${c.id} from ${c.resolution} to ${to} (round ${round} from ${on})`,
      // The offer belongs to the path it was made on; the ask only to a partial refund.
      updates: {
        resolution: to,
        stage: "requested",
        offerMinor: null,
        askMinor: ask ?? (to === "partial-refund" ? c.askMinor : null),
      },
      events: event,
    },
    round,
    on,
    from: c.resolution,
  };
}

export interface CounterRequest extends DatedRequest {
  amountText: string;
}

/** counter: the buyer's counter-offer to the seller's; the case waits on the seller's answer. */
export function planCounter(
  current: CaseSnapshot,
  request: CounterRequest,
): { change: CaseChange; amount: number; on: string } {
  const c = current.case;
  checkOpen(c);
  if (c.stage !== "seller-offered") {
    const how =
      c.resolution === "partial-refund"
        ? `record the seller's offer first: ${hint.advance(c.id, "seller-offered --amount X")}`
        : `a counter-offer answers a partial refund's offer (this case is a ${c.resolution})`;
    throw new UsageError(`case #${c.id} has no offer to counter (it is at ${c.stage}); ${how}`);
  }
  const amount = parseAmount(request.amountText, c.currency, "the amount");
  // A counter-offer is an amount asked for: one of 0 could not be imported again (issue 29).
  if (amount === 0) {
    throw new UsageError(
      `a counter-offer of ${formatAmount(0, c.currency)} asks for nothing; give the amount you ask for (e.g. ` +
        `${hint.counter(c.id, "40")})`,
    );
  }
  checkWithinPrice(c, amount, false);
  const bound = latestStepBound(stepsFromEvents(current.events), c.openedOn);
  const on = parseEventDate(request.dateText ?? request.today, "--date", request.today, bound);
  return {
    change: {
      kind: "counter",
      summary: `counter-offer on case #${c.id} (${formatAmount(amount, c.currency)})`,
      events: [
        {
          kind: COUNTER_EVENT,
          stage: "seller-offered",
          onDate: on,
          note: request.note,
          amountMinor: amount,
          data: null,
        },
      ],
    },
    amount,
    on,
  };
}
