import { duplicateKey } from "../domain/case/agents.js";
import { CASE_FIELDS, type CaseFieldName, type CaseRecord, FIELD_LIST } from "../domain/case/fields.js";
import type { Resolution, StageStep } from "../domain/case/model.js";
import { sellerKey } from "../domain/case/records.js";

// The column lists every query of a whole row reads, mapped to the domain's names.
/** A case's stored fields (src/domain/case/fields.ts) as the columns every query of a whole row reads. */
export const CASE_COLUMNS = FIELD_LIST.map(([name, { column }]) =>
  column === name ? name : `${column} AS ${name}`,
).join(", ");

/**
 * An INSERT of a whole case (its fields, seller_key, the seller as it is matched, and dup_key,
 * what the duplicate guard compares, m010), and the
 * values in its order: undo and import restore cases with their ids, add lets SQLite number them.
 */
export function caseInsert(withId: boolean): string {
  const fields = withId ? FIELD_LIST : FIELD_LIST.filter(([name]) => name !== "id");
  const columns = [...fields.map(([, { column }]) => column), "seller_key", "dup_key"];
  return `INSERT INTO cases (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}
export function caseInsertValues(record: CaseRecord, withId: boolean): unknown[] {
  const fields = withId ? FIELD_LIST : FIELD_LIST.filter(([name]) => name !== "id");
  return [
    ...fields.map(([name]) => record[name]),
    sellerKey(record.seller),
    duplicateKey(record.agent, record.orderNo, record.item),
  ];
}

/**
 * The SET clauses and values of an update of some fields, with the keys that follow them:
 * seller_key the seller (sellers are matched by it), dup_key the agent, order and item (m010).
 */
export function caseUpdate(before: CaseRecord, updates: Partial<CaseRecord>): { sets: string[]; values: unknown[] } {
  const names = Object.keys(updates) as CaseFieldName[];
  const sets = names.map((name) => `${columnOf(name)} = ?`);
  const values: unknown[] = Object.values(updates);
  if ("seller" in updates) {
    sets.push("seller_key = ?");
    values.push(sellerKey(updates.seller ?? null));
  }
  if ("agent" in updates || "orderNo" in updates || "item" in updates) {
    const after = { ...before, ...updates };
    sets.push("dup_key = ?");
    values.push(duplicateKey(after.agent, after.orderNo, after.item));
  }
  return { sets, values };
}

/** The column of a field, for updates of some fields. */
export function columnOf(name: CaseFieldName): string {
  return CASE_FIELDS[name].column;
}
export const WITHDRAWAL_COLUMNS = `id, agent, currency, amount_minor AS amountMinor, untracked_minor AS untrackedMinor,
  on_date AS onDate, note,
  recorded_at AS recordedAt`;
export const EVENT_COLUMNS = `id, case_id AS caseId, kind, stage, on_date AS onDate, recorded_at AS recordedAt, note,
  amount_minor AS amountMinor, data`;
export const EVIDENCE_COLUMNS =
  `id, case_id AS caseId, kind, sha256, name, size, url, added_on AS addedOn, ` + `recorded_at AS recordedAt`;

/**
 * A case's stage steps from its opening day and its steps column ("stage YYYY-MM-DD,..."
 * after the opening step, migration m005), read in place: status parses one per open case,
 * and split pieces would be garbage to collect (docs/performance.md).
 */
export function parseSteps(openedOn: string, text: string): StageStep[] {
  let count = 1;
  if (text.length > 0) for (let at = 0; at >= 0; at = text.indexOf(",", at + 1)) count++;
  const steps: StageStep[] = new Array(count); // made at its size: pushing onto [] reserves 17 slots
  steps[0] = { stage: "requested", on: openedOn };
  for (let k = 1, start = 0; k < count; k++) {
    let end = text.indexOf(",", start);
    if (end < 0) end = text.length;
    const stage = text.slice(start, end - 11);
    const on = text.slice(end - 10, end);
    // "requested@exchange" starts a round, "seller-offered@counter" is a counter-offer (m009); no stage has an "@".
    const mark = stage.indexOf("@");
    steps[k] = mark < 0 ? { stage: stage as StageStep["stage"], on } : markedStep(stage, mark, on);
    start = end + 1;
  }
  return steps;
}

function markedStep(text: string, mark: number, on: string): StageStep {
  const stage = text.slice(0, mark) as StageStep["stage"];
  const tag = text.slice(mark + 1);
  return tag === "counter" ? { stage, on, counter: true } : { stage, on, from: tag as Resolution };
}
