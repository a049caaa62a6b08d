import { fieldsJson } from "../domain/case/fields.js";
import { formatMinor } from "../domain/case/parse.js";
import { type CaseEvent, type CaseRecord, type EvidenceRecord, SPOTTED } from "../domain/case/records.js";
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
