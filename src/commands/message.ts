import { evaluate } from "../domain/evaluate.js";
import { buildMessage, defaultMessageKind, MESSAGE_KINDS, type MessageEvent } from "../domain/messages.js";
import type { Stage } from "../domain/model.js";
import { formatAmount, parseChoice } from "../domain/parse.js";
import type { CaseEvent } from "../domain/records.js";
import { sanitizeMultiline, toJsonText } from "../ui/sanitize.js";
import { requireCase, timelineOf, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag, text } from "./shared/spec.js";


function describeEvent(e: CaseEvent, currency: string): string {
  const amount = e.amountMinor !== null ? ` (${formatAmount(e.amountMinor, currency)})` : "";
  const note = e.note !== null ? `: ${e.note}` : "";
  switch (e.kind) {
    case "opened":
      return `request submitted${note}`;
    case "stage":
      return `${e.stage === "refused" ? "seller refused" : e.stage === "escalated" ? "escalated to support" : `reached ${e.stage}`}${amount}${note}`;
    case "evidence":
      return `evidence added: ${e.note ?? ""}`;
    case "closed":
      return `closed${amount}${note}`;
    default:
      return `${e.kind}${note}`;
  }
}

export const message = defineCommand({
  name: "message",
  args: "<id>",
  description: "a ready-to-paste message for the agent (request, follow-up or escalation), order number first",
  options: {
    kind: text("--kind <kind>", "request, follow-up or escalation (default: from the case's state)", MESSAGE_KINDS),
    asOf: asOf(),
    json: flag("--json", "machine-readable output"),
  },
  examples: ["kakotrack message 3 | xclip -selection clipboard", "kakotrack message 3 --kind escalation"],
  async run(ctx, { globals, args: [idText], options }) {
    await withSession(ctx, globals, "read", (session) => {
      const row = requireCase(session.store, idText!);
      const evaluation = evaluate(timelineOf(row, session.store), options.asOf, session.calendar, session.settings);
      const kind =
        options.kind === undefined ? defaultMessageKind(row.stage as Stage, evaluation) : parseChoice(options.kind, MESSAGE_KINDS, "--kind");
      const events: MessageEvent[] = session.store.cases
        .events(row.id)
        .filter((e) => e.kind !== "edit")
        .map((e) => ({ on: e.onDate, what: describeEvent(e, row.currency) }));
      const evidence = session.store.cases.evidence(row.id).map((e) => ({
        name: e.url ?? e.name,
        detail: e.kind === "file" ? `${e.size} bytes, sha256 ${e.sha256}` : "",
      }));
      const built = buildMessage(
        kind,
        {
          orderNo: row.orderNo,
          item: row.item,
          itemUrl: row.itemUrl,
          defect: row.defect,
          description: row.description,
          resolution: row.resolution,
          stage: row.stage as Stage,
          openedOn: row.openedOn,
          price: row.priceMinor === null ? null : formatAmount(row.priceMinor, row.currency),
          offer: row.offerMinor === null ? null : formatAmount(row.offerMinor, row.currency),
        },
        evaluation,
        events,
        evidence,
      );
      if (options.json) ctx.stdout(toJsonText({ id: row.id, orderNo: row.orderNo, ...built }));
      else ctx.stdout(`${sanitizeMultiline(built.text)}\n`);
    });
  },
});
