import { fieldsJson } from "../domain/case/fields.js";
import type { Resolution, StageStep } from "../domain/case/model.js";
import { formatMinor } from "../domain/case/parse.js";
import type { CaseEvent, CaseRecord, EvidenceRecord } from "../domain/case/records.js";
import { COUNTER_EVENT, ROUND_EVENT, SPOTTED } from "../domain/case/records.js";
import { roundStartIndex, roundsOf } from "../domain/case/rounds.js";
import type { Evaluation } from "../domain/deadlines/evaluate.js";

/** Amounts in JSON are decimal strings in the case currency ("129.00"), never floats. */
export function amountText(minor: number | null, currency: string): string | null {
  if (minor === null) return null;
  return formatMinor(minor, currency);
}

/**
 * How late the earliest overdue deadline is, for scripts (status and show --json, issue 18):
 * `late` in `lateUnit` ("days" or "business days", the deadline's own). Nothing overdue: late 0
 * in the unit of the next deadline due; no deadline pending (closed): late 0, lateUnit null.
 */
export function lateJson(evaluation: Evaluation | null): { late: number; lateUnit: "days" | "business days" | null } {
  const pending = evaluation?.pending ?? [];
  const deadline = pending.find((p) => p.overdue) ?? pending[0];
  if (deadline === undefined) return { late: 0, lateUnit: null };
  return { late: deadline.late, lateUnit: deadline.rule.unit === "business" ? "business days" : "days" };
}

/** A case's day 0 and day count in the JSON contract: both null for a spotted case, which has no day 0 yet. */
export function dayJson(
  row: { stage: string; openedOn: string },
  evaluation: Evaluation | null,
): { openedOn: string | null; day: number | null } {
  return row.stage === SPOTTED
    ? { openedOn: null, day: null }
    : { openedOn: row.openedOn, day: evaluation?.day ?? null };
}

/**
 * The current round and its day 0 (issue 24): null where there is no day count (a spotted case,
 * a closed one in status).
 */
export function roundJson(
  row: { stage: string; steps: readonly StageStep[]; openedOn: string },
  evaluation: Evaluation | null,
): { round: number | null; roundStartedOn: string | null } {
  if (row.stage === SPOTTED || evaluation === null) return { round: null, roundStartedOn: null };
  const start = roundStartIndex(row.steps);
  return { round: evaluation.round, roundStartedOn: start === 0 ? row.openedOn : row.steps[start]!.on };
}

/**
 * One case as `show --json` prints it (status --json uses a subset). `returnWindowClosesAt`
 * is YYYY-MM-DDTHH:MM or null.
 */
export function caseJson(row: CaseRecord, evaluation: Evaluation | null, returnWindowClosesAt: string | null) {
  const closed = row.outcome !== null;
  return {
    ...fieldsJson(row),
    ...dayJson(row, evaluation),
    flag: closed ? "closed" : (evaluation?.flag ?? null),
    due: closed ? null : (evaluation?.due ?? null),
    provisional: !closed && (evaluation?.provisional ?? false),
    reasons: closed ? [] : (evaluation?.reasons ?? []),
    returnWindowClosesAt,
  };
}

/** Every round of a case (issue 24): `[{round, resolution, startedOn, endedOn, ended}]`. */
export function roundsJson(
  row: { stage: string; resolution: Resolution; openedOn: string },
  steps: readonly StageStep[],
) {
  return row.stage === SPOTTED ? [] : roundsOf(steps, row.resolution, row.openedOn);
}

/** Every offer of a partial refund, in order: the seller's (seller-offered with an amount) and the buyer's counters. */
export function offersJson(events: readonly CaseEvent[], currency: string) {
  return events.flatMap((e) => {
    if (e.amountMinor === null) return [];
    if (e.kind === COUNTER_EVENT) return [{ by: "buyer", amount: formatMinor(e.amountMinor, currency), on: e.onDate }];
    if (e.kind === "stage" && e.stage === "seller-offered")
      return [{ by: "seller", amount: formatMinor(e.amountMinor, currency), on: e.onDate }];
    return [];
  });
}

/** What a history entry was, in words: "reached agent-reviewed", "round 2: switched from exchange to refund". */
export function historyWhat(e: CaseEvent): string {
  if (e.kind === COUNTER_EVENT) return "your counter-offer";
  if (e.kind === ROUND_EVENT) {
    const data = JSON.parse(e.data ?? "{}") as { round?: number; ended?: string; from?: string; to?: string };
    const why =
      data.ended === "switched" ? `switched from ${data.from} to ${data.to}` : "the replacement failed QC, asked again";
    return `round ${data.round ?? "?"}: ${why} (requested)`;
  }
  return e.stage !== null ? `${e.kind === "opened" ? "opened" : "reached"} ${e.stage}` : e.kind;
}

export function eventJson(e: CaseEvent, currency: string) {
  return {
    id: e.id,
    kind: e.kind,
    stage: e.stage,
    on: e.onDate,
    recordedAt: e.recordedAt,
    note: e.note,
    amount: amountText(e.amountMinor, currency),
    ...(e.data !== null ? { data: JSON.parse(e.data) as unknown } : {}),
  };
}

export function evidenceJson(e: EvidenceRecord) {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    url: e.url,
    sha256: e.sha256,
    size: e.size,
    addedOn: e.addedOn,
    recordedAt: e.recordedAt,
  };
}
