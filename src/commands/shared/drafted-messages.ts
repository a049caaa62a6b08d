import { describeEvent } from "../../domain/dossier.js";
import type { Evaluation } from "../../domain/evaluate.js";
import { buildMessage, MESSAGE_KINDS, type Message } from "../../domain/messages.js";
import type { Stage } from "../../domain/model.js";
import { formatAmount } from "../../domain/parse.js";
import type { CaseEvent, CaseRecord } from "../../domain/records.js";

/**
 * The messages a claim packet carries, from `message`'s templates: the request, the
 * follow-up when a deadline has passed, and the escalation to support. The templates are
 * called here only, so the bilingual ones (issue 17 items 1-6) change this one call.
 * `attachments` are the evidence as the packet names it (file names in the packet, links).
 */
export function draftedMessages(
  row: CaseRecord,
  evaluation: Evaluation,
  events: readonly CaseEvent[],
  attachments: readonly string[],
): Message[] {
  const money = (minor: number | null) => (minor === null ? null : formatAmount(minor, row.currency));
  const { orderNo, item, itemUrl, defect, description, resolution, openedOn } = row;
  const c = { orderNo, item, itemUrl, defect, description, resolution, openedOn, stage: row.stage as Stage, price: money(row.priceMinor), offer: money(row.offerMinor) };
  const history = events.filter((e) => e.kind !== "edit").map((e) => {
    const { what, note } = describeEvent(e, row.currency);
    return { on: e.onDate, what: note === null ? what : `${what}: ${note}` };
  });
  const evidence = attachments.map((name) => ({ name, detail: "" }));
  const overdue = evaluation.pending.some((p) => p.overdue);
  return MESSAGE_KINDS.filter((kind) => kind !== "follow-up" || overdue).map((kind) => buildMessage(kind, c, evaluation, history, evidence));
}
