import { evidenceKey } from "../../domain/case/evidence.js";
import { type Defect, isOneOf, OUTCOMES, type Phase, type Resolution, type Stage } from "../../domain/case/model.js";
import { type CaseEvent, type CaseRecord, type EvidenceRecord, returnParcelWords } from "../../domain/case/records.js";
import type { MessageCase, MessageEvent, Money } from "../../domain/messages/messages.js";

// What `message` and the claim packet give the message templates (src/domain/messages.ts).

export function money(minor: number | null, currency: string): Money | null {
  return minor === null ? null : { minor, currency };
}

/** The case as the templates read it. */
export function messageCase(row: CaseRecord): MessageCase {
  return {
    orderNo: row.orderNo,
    item: row.item,
    itemUrl: row.itemUrl,
    defect: row.defect as Defect,
    description: row.description,
    resolution: row.resolution as Resolution,
    phase: row.phase as Phase,
    openedOn: row.openedOn,
    price: money(row.priceMinor, row.currency),
    offer: money(row.offerMinor, row.currency),
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
