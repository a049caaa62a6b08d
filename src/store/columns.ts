import type { StageStep } from "../domain/case/model.js";

// The column lists every query of a whole row reads, mapped to the domain's names.
export const CASE_COLUMNS = `id, agent, order_no AS orderNo, item, item_url AS itemUrl, seller, price_minor AS priceMinor,
  currency, defect, description, phase, resolution, payment, opened_on AS openedOn, stage, offer_minor AS offerMinor,
  outcome, refund_minor AS refundMinor, closed_on AS closedOn, created_at AS createdAt, updated_at AS updatedAt,
  stored_at AS storedAt, refund_to AS refundTo`;
export const WITHDRAWAL_COLUMNS = `id, agent, currency, amount_minor AS amountMinor, untracked_minor AS untrackedMinor, on_date AS onDate, note,
  recorded_at AS recordedAt`;
export const EVENT_COLUMNS = `id, case_id AS caseId, kind, stage, on_date AS onDate, recorded_at AS recordedAt, note,
  amount_minor AS amountMinor, data`;
export const EVIDENCE_COLUMNS = `id, case_id AS caseId, kind, sha256, name, size, url, added_on AS addedOn, recorded_at AS recordedAt`;

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
    steps[k] = { stage: text.slice(start, end - 11) as StageStep["stage"], on: text.slice(end - 10, end) };
    start = end + 1;
  }
  return steps;
}
