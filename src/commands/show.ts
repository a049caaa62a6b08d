import { deadlines, evaluate } from "../domain/evaluate.js";
import { nextStep } from "../domain/next-step.js";
import type { Stage } from "../domain/model.js";
import { checkStoredFile } from "../store/evidence-files.js";
import { formatAmount } from "../domain/parse.js";
import { amountText, caseJson, eventJson, evidenceJson, lateJson } from "../ui/case-view.js";
import { toDay } from "../domain/dates.js";
import { deadlineState } from "../domain/reason-parts.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { renderTimeline } from "../ui/timeline.js";
import { sellerMemory } from "./shared/seller-memory.js";
import { requireCase, timelineOf, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag } from "./shared/spec.js";

export const show = defineCommand({
  name: "show",
  args: "<id>",
  description: "everything about one case",
  options: { asOf: asOf(), json: flag("--json", "machine-readable output") },
  examples: ["kakotrack show 3 --json"],
  async run(ctx, { globals, args: [idText], options }) {
    // The deadlines table's renderer (cli-table3) loads only for the text view.
    const small = options.json ? undefined : await import("../ui/small-table.js");
    await withSession(ctx, globals, "read", (session) => {
      const { store } = session;
      const row = requireCase(store, idText!);
      const timeline = timelineOf(row, store);
      const evaluation = evaluate(timeline, options.asOf, session.calendar, session.settings);
      const events = store.cases.events(row.id);
      const evidence = store.cases.evidence(row.id).map((e) => ({
        ...evidenceJson(e),
        state: e.sha256 === null ? "link" : checkStoredFile(store.path, e.sha256),
      }));
      const next = nextStep({ id: row.id, stage: row.stage as Stage, outcome: row.outcome, closedOn: row.closedOn }, evaluation);
      if (options.json) {
        const json = {
          asOf: options.asOf,
          ...caseJson(row, evaluation),
          ...lateJson(evaluation),
          deadlines: evaluation.pending.map((p) => ({ rule: p.rule.id, label: p.rule.label, due: p.due, overdue: p.overdue, late: p.late, unit: p.rule.unit })),
          nextStep: next,
          events: events.map((e) => eventJson(e, row.currency)),
          evidence,
        };
        ctx.stdout(toJsonText(json));
        return;
      }
      const c = session.color;
      const s = (v: string | null): string => (v === null ? "-" : sanitize(v));
      const lines: string[] = [];
      lines.push(c.bold(`Case #${row.id}: ${s(row.orderNo)} ${s(row.item)}`));
      const field = (name: string, value: string): void => {
        lines.push(`  ${name.padEnd(12)} ${value}`);
      };
      field("agent", s(row.agent));
      field("order", s(row.orderNo));
      field("item", s(row.item));
      field("url", s(row.itemUrl));
      field("seller", s(row.seller));
      field("price", row.priceMinor === null ? "-" : formatAmount(row.priceMinor, row.currency));
      field("defect", `${row.defect}: ${s(row.description)}`);
      field("phase", row.phase === "shipped" ? "shipped (after international shipping)" : "qc (in the agent's warehouse)");
      field("resolution", row.resolution);
      field("payment", row.payment);
      field("opened", `${row.openedOn} (day ${evaluation.day} as of ${options.asOf})`);
      field("stage", row.stage);
      if (row.offerMinor !== null) field("offer", formatAmount(row.offerMinor, row.currency));
      if (row.outcome !== null) {
        const refunded = row.refundMinor !== null ? `, ${formatAmount(row.refundMinor, row.currency)} refunded` : "";
        field("outcome", `${row.outcome} on ${row.closedOn}${refunded}`);
      } else {
        field("flag", evaluation.flag);
        // The buyer's move; what is late or due is in the deadlines table below.
        if (evaluation.flag === "action") field("why", evaluation.firstReason!);
      }
      if (row.outcome === null && evaluation.pending.length > 0) {
        const asOfDay = toDay(options.asOf);
        const rows = evaluation.pending.map((p) => [p.rule.label, p.due, deadlineState(p, asOfDay, session.calendar)]);
        lines.push("", c.bold("Deadlines"), small!.renderSmallTable(["deadline", "due", "now"], rows, { styleHead: (t) => c.bold(t) }).trimEnd());
      }
      lines.push("", c.bold("Timeline"));
      lines.push(renderTimeline(timeline, deadlines(timeline, session.calendar, session.settings), options.asOf).trimEnd());
      lines.push("", c.bold("History"));
      for (const e of events) {
        const what = e.stage !== null ? `${e.kind === "opened" ? "opened" : "reached"} ${e.stage}` : e.kind;
        const amount = amountText(e.amountMinor, row.currency);
        const tail = [amount !== null ? `${amount} ${row.currency}` : "", e.note !== null ? s(e.note) : ""].filter(Boolean).join(" · ");
        lines.push(`  ${e.onDate}  ${what}${tail ? `: ${tail}` : ""}  (recorded ${e.recordedAt.replace("T", " ")})`);
      }
      lines.push("", c.bold("Evidence"));
      if (evidence.length === 0) lines.push(`  none yet: \`kakotrack evidence ${row.id} <photo or link>\``);
      for (const e of evidence) {
        if (e.state === "link") {
          lines.push(`  ${e.addedOn}  ${s(e.url)}`);
          continue;
        }
        const problem =
          e.state === "missing" ? "  MISSING from the evidence store" : e.state === "changed" ? "  CHANGED since stored (hash differs)" : "";
        lines.push(`  ${e.addedOn}  ${s(e.name)}  ${e.size} bytes  sha256 ${e.sha256!.slice(0, 12)}…${problem}`);
      }
      const memory = sellerMemory(session, row.seller, row.id);
      if (memory !== null) lines.push("", memory);
      lines.push("", `${c.bold("Next step:")} ${next}`);
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});
