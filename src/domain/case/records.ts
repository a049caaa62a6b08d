import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import type { Minute } from "../time/moments.js";
import type { CaseRecord, InputFieldName } from "./fields.js";
import type { CaseTimeline, Resolution, Stage, StageStep } from "./model.js";

export type { CaseRecord } from "./fields.js";

/**
 * A case as add records it. While a case is `spotted` (the request not sent yet) it has no
 * day 0: `openedOn` holds the day it was spotted until `advance requested` sets day 0.
 */
export type NewCase = Pick<CaseRecord, InputFieldName>;

/** A withdrawal from an agent balance; `untrackedMinor` is the part above what was held (a forced one). */
export interface WithdrawalRecord {
  id: number;
  agent: string;
  currency: string;
  amountMinor: number;
  untrackedMinor: number;
  onDate: string;
  note: string | null;
  recordedAt: string;
}

/** One entry of a case's append-only history. */
export interface CaseEvent {
  id: number;
  caseId: number;
  kind: string;
  stage: Stage | null;
  onDate: string;
  recordedAt: string;
  note: string | null;
  amountMinor: number | null;
  data: string | null;
}

export type NewEvent = Omit<CaseEvent, "id" | "caseId" | "recordedAt">;

export interface EvidenceRecord {
  id: number;
  caseId: number;
  kind: string;
  sha256: string | null;
  name: string;
  size: number | null;
  url: string | null;
  addedOn: string;
  recordedAt: string;
}

export type NewEvidence = Omit<EvidenceRecord, "id" | "caseId" | "recordedAt">;

/** A case with its history and evidence: what undo puts back and an export holds. */
export interface CaseSnapshot {
  case: CaseRecord;
  events: CaseEvent[];
  evidence: EvidenceRecord[];
}

/** What `status` needs to judge a case, and nothing more. */
export interface CaseSteps {
  id: number;
  resolution: Resolution;
  stage: Stage;
  openedOn: string;
  outcome: string | null;
  steps: StageStep[];
  /** For a spotted case only (its one deadline is the return window): the agent and stock-in time. */
  agent: string | null;
  storedAt: string | null;
}

/** What status shows of a case besides its judgement. */
export interface CaseLabel {
  agent: string;
  orderNo: string;
  item: string;
  seller: string | null;
  storedAt: string | null;
}

/** A new case's whole record: what add was given, and nothing yet of what happens later (id 0: not stored). */
export function newCaseRecord(input: NewCase, stage: Stage, recordedAt: string): CaseRecord {
  return {
    ...input,
    id: 0,
    stage,
    offerMinor: null,
    outcome: null,
    refundMinor: null,
    closedOn: null,
    createdAt: recordedAt,
    updatedAt: recordedAt,
    refundTo: null,
    returnTracking: null,
    returnCarrier: null,
  };
}

/** A case that is not stored yet, as an import carries it: ids 0 are given on import. */
export function newCaseSnapshot(input: NewCase, note: string | null, recordedAt: string): CaseSnapshot {
  return {
    case: newCaseRecord(input, "requested", recordedAt),
    events: [
      {
        id: 0,
        caseId: 0,
        kind: "opened",
        stage: "requested",
        onDate: input.openedOn,
        recordedAt,
        note,
        amountMinor: null,
        data: null,
      },
    ],
    evidence: [],
  };
}

/** Sellers match case- and space-insensitively ("Good Store" = "goodstore"). */
export function sellerKey(seller: string | null | undefined): string | null {
  if (!seller) return null;
  const key = seller.toLowerCase().replace(/\s+/gu, "");
  return key === "" ? null : key;
}

/** The stage before every path: the defect is seen, the request not sent yet (no day 0). */
export const SPOTTED = "spotted";

/** A closed case takes no new stage, close or edit of its path. */
export function checkOpen(record: Pick<CaseRecord, "id" | "outcome" | "closedOn">): void {
  if (record.outcome !== null) {
    throw new UsageError(
      `case #${record.id} is closed (${record.outcome} on ${record.closedOn}); run ${hint.reopen(record.id)} to ` +
        `put it back at its stage`,
    );
  }
}

/** The error for a case id that is not in the database. */
export function noSuchCase(id: number): UsageError {
  return new UsageError(`no case #${id} (run ${hint.list(true)} to see case ids)`);
}

/** A case's stage changes in the order recorded, from its history. */
export function stepsFromEvents(events: readonly CaseEvent[]): StageStep[] {
  const steps: StageStep[] = [];
  for (const e of events) if (e.stage !== null) steps.push(stepOf(e.stage, e.onDate, e.kind, e.data));
  return steps;
}

/** The kinds of event that start a round (reject, switch) and record the buyer's counter-offer (issue 24). */
export const ROUND_EVENT = "round";
export const COUNTER_EVENT = "counter";

/** A stage event as a step: a round's start carries the resolution of the round it ended, a counter its mark. */
export function stepOf(stage: Stage, on: string, kind: string, data: string | null): StageStep {
  if (kind === ROUND_EVENT) {
    const from = (JSON.parse(data ?? "{}") as { from?: Resolution }).from;
    if (from !== undefined) return { stage, on, from };
  }
  return kind === COUNTER_EVENT ? { stage, on, counter: true } : { stage, on };
}

/**
 * "the case reached X" / "the case opened": what the latest step was, for date errors. A
 * spotted case has no step yet: the day it was spotted bounds it.
 */
export function latestStepBound(steps: readonly StageStep[], spottedOn: string): { date: string; why: string } {
  const last = steps[steps.length - 1];
  if (last === undefined) return { date: spottedOn, why: "the defect was spotted" };
  const why =
    last.from !== undefined
      ? "the new round started"
      : last.counter
        ? "you countered the offer"
        : last.stage === "requested"
          ? "the case opened"
          : `the case reached ${last.stage}`;
  return { date: last.on, why };
}

/** The error for a second open case of one agent, order and item. */
export function duplicateCase(id: number): UsageError {
  return new UsageError(
    `case #${id} is already open for this agent, order and item; add to it (${hint.note(id)}, ` +
      `${hint.evidence(id)}), or add --allow-duplicate for a second case`,
  );
}

/** The domestic return parcel in words (issue 24 item 5): "SF1234567890 (SF Express)"; null when none is recorded. */
export function returnParcelWords(c: Pick<CaseRecord, "returnTracking" | "returnCarrier">): string | null {
  if (c.returnTracking === null && c.returnCarrier === null) return null;
  const number = c.returnTracking ?? "tracking number not recorded";
  return c.returnCarrier === null ? number : `${number} (${c.returnCarrier})`;
}

/**
 * A stored case (any query's columns) with its stage history, as the domain judges it;
 * `returnWindowClosesAt` where the return window is judged (a spotted case).
 */
export function toTimeline(
  row: { resolution: string; openedOn: string; stage: string; outcome: string | null },
  steps: StageStep[],
  returnWindowClosesAt: Minute | null = null,
): CaseTimeline {
  return {
    resolution: row.resolution as Resolution,
    openedOn: row.openedOn,
    stage: row.stage as Stage,
    closed: row.outcome !== null,
    steps,
    returnWindowClosesAt,
  };
}
