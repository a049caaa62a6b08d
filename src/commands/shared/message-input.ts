import { evidenceKey } from "../../domain/case/evidence.js";
import { type Defect, isOneOf, OUTCOMES, type Phase, type Resolution, type Stage } from "../../domain/case/model.js";
import {
  type CaseEvent,
  type CaseRecord,
  COUNTER_EVENT,
  type EvidenceRecord,
  ROUND_EVENT,
  returnParcelWords,
  SPOTTED,
  stepsFromEvents,
} from "../../domain/case/records.js";
import { roundSteps, roundsOf } from "../../domain/case/rounds.js";
import { furthestIndex, pathIndex } from "../../domain/case/stages.js";
import type { MessageCase, MessageEvent, Money } from "../../domain/messages/messages.js";

// What `message` and the claim packet give the message templates (src/domain/messages.ts).

export function money(minor: number | null, currency: string): Money | null {
  return minor === null ? null : { minor, currency };
}

/**
 * The case as the templates read it, with its history (as of the day drafted): the rounds, the
 * seller's latest offer, and the amount agreed once it is.
 */
export function messageCase(row: CaseRecord, events: readonly CaseEvent[]): MessageCase {
  const steps = stepsFromEvents(events);
  const rounds = row.stage === SPOTTED ? [] : roundsOf(steps, row.resolution, row.openedOn);
  const round = roundSteps(steps);
  const agreed =
    row.resolution === "partial-refund" &&
    round.length > 0 &&
    furthestIndex(row.resolution, round) >= pathIndex(row.resolution, "agreed");
  const offered = events.findLast((e) => e.kind === "stage" && e.stage === "seller-offered" && e.amountMinor !== null);
  const roundEvent = events.findLast((e) => e.kind === ROUND_EVENT);
  const inRound = offered !== undefined && (roundEvent === undefined || offered.id > roundEvent.id);
  return {
    orderNo: row.orderNo,
    item: row.item,
    itemUrl: row.itemUrl,
    defect: row.defect as Defect,
    description: row.description,
    resolution: row.resolution as Resolution,
    phase: row.phase as Phase,
    openedOn: rounds.at(-1)?.startedOn ?? row.openedOn,
    price: money(row.priceMinor, row.currency),
    offer: agreed ? money(row.offerMinor, row.currency) : null,
    ask: money(row.askMinor, row.currency),
    sellerOffer: inRound ? { amount: money(offered.amountMinor, row.currency)!, on: offered.onDate } : null,
    rounds,
    returnParcel: returnParcelWords(row),
  };
}

/** History entries as the templates take them; edits are bookkeeping, not part of the story. */
export function messageEvent(e: CaseEvent, currency: string): MessageEvent | null {
  switch (e.kind) {
    case "opened":
      return { kind: "opened", on: e.onDate, note: e.note };
    case "stage":
      return {
        kind: "stage",
        on: e.onDate,
        stage: e.stage as Stage,
        amount: money(e.amountMinor, currency),
        note: e.note,
      };
    case "note":
      return { kind: "note", on: e.onDate, note: e.note ?? "" };
    case "evidence":
      return { kind: "evidence", on: e.onDate, names: [e.note ?? ""] };
    case "closed": {
      const outcome = (JSON.parse(e.data ?? "{}") as { outcome?: string }).outcome ?? "";
      return isOneOf(OUTCOMES, outcome)
        ? { kind: "closed", on: e.onDate, outcome, amount: money(e.amountMinor, currency), note: e.note }
        : null;
    }
    case "reopened":
      return { kind: "reopened", on: e.onDate, note: e.note };
    case "refund": // money outside the path (`kakotrack refund`): part of the story support reads
      return { kind: "refund", on: e.onDate, amount: money(e.amountMinor, currency)!, note: e.note };
    case COUNTER_EVENT:
      return { kind: "counter", on: e.onDate, amount: money(e.amountMinor ?? 0, currency)!, note: e.note };
    case ROUND_EVENT: {
      const data = JSON.parse(e.data ?? "{}") as { ended?: string; to?: Resolution };
      const ended = data.ended === "switched" ? "switched" : "rejected";
      return { kind: "round", on: e.onDate, ended, resolution: data.to ?? "exchange", note: e.note };
    }
    default:
      return null;
  }
}

/** Each file once (the same photo attached twice is one attachment), each link once. */
export function distinctEvidence(rows: readonly EvidenceRecord[]): EvidenceRecord[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = evidenceKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
