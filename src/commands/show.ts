import { skippedText } from "../domain/calendar/breaks.js";
import { cnLunarFacts } from "../domain/calendar/cn-lunar.js";
import type { Stage } from "../domain/case/model.js";
import { formatAmount } from "../domain/case/parse.js";
import { SPOTTED } from "../domain/case/records.js";
import { deadlines, evaluate, provisionalYearsOf } from "../domain/deadlines/evaluate.js";
import { movedText, pausesOf } from "../domain/deadlines/pauses.js";
import { deadlineState } from "../domain/deadlines/reason-parts.js";
import { returnWindowText } from "../domain/deadlines/return-window.js";
import { DESTINATION_WORDS } from "../domain/money/money.js";
import { withRefundsOf } from "../domain/money/refunds.js";
import { toDay } from "../domain/time/dates.js";
import { hint } from "../hints.js";
import { checkStoredFile } from "../store/evidence-files.js";
import {
  amountText,
  caseJson,
  eventJson,
  evidenceJson,
  historyWhat,
  lateJson,
  offersJson,
  roundJson,
  roundsJson,
} from "../ui/case-view.js";
import { wrapWhole } from "../ui/fit.js";
import { feeJson, feesOf, refundJson, renderFees, renderRefunds, returnParcelText } from "../ui/money.js";
import { nextStep } from "../ui/next-step.js";
import { PROVISIONAL_NOTE } from "../ui/provisional-note.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { renderTable } from "../ui/table.js";
import { renderPauses, renderRounds } from "../ui/timeline.js";
import { sellerMemory } from "./shared/seller-memory.js";
import { asOfMoment, caseAsOf, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag } from "./shared/spec.js";

export const show = defineCommand({
  options: { asOf: asOf(), json: flag("--json", "machine-readable output") },
  examples: ["kakotrack show 3 --json"],
  async run(ctx, { globals, args: [idText], options }) {
    await withSession(ctx, globals, "read", (session) => {
      const { store } = session;
      const view = caseAsOf(session, idText!, options.asOf);
      const { timeline, events, evidence: items } = view;
      const { row, refunds } = withRefundsOf(view.row, events); // the refunds paid by the as-of day
      const calendar = session.calendarFor(row.agent);
      const all = row.stage === SPOTTED ? [] : deadlines(timeline, calendar, session.settings);
      const pauses = pausesOf(timeline, calendar);
      const evaluation = evaluate(
        timeline,
        options.asOf,
        session.calendarFor(row.agent),
        session.settings,
        asOfMoment(ctx, options.asOf),
      );
      const closesAt = returnWindowText(timeline.returnWindowClosesAt);
      const spotted = row.stage === SPOTTED;
      const evidence = items.map((e) => ({
        ...evidenceJson(e),
        state: e.sha256 === null ? "link" : checkStoredFile(store.path, e.sha256),
      }));
      const next = nextStep(
        {
          id: row.id,
          stage: row.stage as Stage,
          resolution: row.resolution,
          steps: timeline.steps,
          outcome: row.outcome,
          closedOn: row.closedOn,
        },
        evaluation,
      );
      if (options.json) {
        const json = {
          asOf: options.asOf,
          ...caseJson(row, evaluation, closesAt),
          ...roundJson({ stage: row.stage, steps: timeline.steps, openedOn: row.openedOn }, evaluation),
          rounds: roundsJson(row, timeline.steps),
          offers: offersJson(events, row.currency),
          ...lateJson(evaluation),
          deadlines: evaluation.pending.map((p) => {
            const d = all.find((a) => a.rule === p.rule);
            return {
              rule: p.rule.id,
              label: p.rule.label,
              due: p.due,
              overdue: p.overdue,
              late: p.late,
              unit: p.rule.unit,
              skipped: p.skipped,
              provisional: p.provisional,
              moved: d?.moved ?? 0,
              movedBy: d === undefined ? null : movedText(d, pauses),
            };
          }),
          pauses,
          nextStep: next,
          refunds: refunds.map((r) => refundJson(r, row.currency)),
          fees: feesOf(events).map((e) => feeJson(e, row.currency)),
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
      // Long texts (a 20,000-character description) wrap to the width, under their value (issue 26 item 7).
      const field = (name: string, value: string): void => {
        lines.push(wrapWhole(`  ${name.padEnd(12)} ${value}`, ctx.columns, " ".repeat(15)));
      };
      field("agent", s(row.agent));
      field("order", s(row.orderNo));
      field("item", s(row.item));
      field("url", s(row.itemUrl));
      field("seller", s(row.seller));
      field("price", row.priceMinor === null ? "-" : formatAmount(row.priceMinor, row.currency));
      field("defect", `${row.defect}: ${s(row.description)}`);
      field(
        "phase",
        row.phase === "shipped" ? "shipped (after international shipping)" : "qc (in the agent's warehouse)",
      );
      field("resolution", row.resolution);
      field("payment", row.payment);
      if (spotted) field("spotted", `${row.openedOn} (the request is not sent yet: no day 0)`);
      else if (evaluation.round === 1) field("opened", `${row.openedOn} (day ${evaluation.day} as of ${options.asOf})`);
      else {
        field("opened", row.openedOn);
        const started = roundJson({ stage: row.stage, steps: timeline.steps, openedOn: row.openedOn }, evaluation);
        field(
          "round",
          `${evaluation.round}, from ${started.roundStartedOn} (day ${evaluation.day} as of ${options.asOf})`,
        );
      }
      if (row.storedAt !== null)
        field("stored", `${row.storedAt.replace("T", " ")} (return window closes ${closesAt!.replace("T", " ")})`);
      field("stage", row.stage);
      if (row.askMinor !== null) field("ask", formatAmount(row.askMinor, row.currency));
      if (row.offerMinor !== null) field("offer", formatAmount(row.offerMinor, row.currency));
      const offers = offersJson(events, row.currency);
      if (offers.length > 1)
        field(
          "offers",
          offers.map((o) => `${o.amount} by ${o.by === "buyer" ? "you" : "the seller"} on ${o.on}`).join(", "),
        );
      const parcel = returnParcelText(row);
      if (parcel !== null) field("return", `parcel ${parcel}`);
      if (row.outcome !== null) {
        const to = row.refundTo === null || refunds.length > 1 ? "" : ` to ${DESTINATION_WORDS[row.refundTo]}`;
        const inAll = refunds.length > 1 ? " in all (Refunds below)" : "";
        const refunded =
          row.refundMinor !== null ? `, ${formatAmount(row.refundMinor, row.currency)} refunded${to}${inAll}` : "";
        field("outcome", `${row.outcome} on ${row.closedOn}${refunded}`);
      } else {
        field("flag", evaluation.flag);
        const w = evaluation.returnWindow;
        if (w) field(w.closed ? "overdue" : "due", `return window: ${closesAt!.replace("T", " ")}`);
        // The buyer's move; what is late or due is in the deadlines table below.
        if (evaluation.flag === "action") field("why", evaluation.firstReason!);
        const years = provisionalYearsOf(row.openedOn, evaluation, options.asOf, session.calendarFor(row.agent));
        if (years.length > 0) {
          field(
            "provisional",
            `the ${years.join(", ")} schedule is not published yet: these dates follow the rules ` +
              `(${hint.calendar("import FILE")} when it is)`,
          );
        }
      }
      if (row.outcome === null && evaluation.pending.length > 0) {
        const asOfDay = toDay(options.asOf);
        const calendar = session.calendarFor(row.agent);
        // "~": this row's own count passes through a provisional year.
        const rows = evaluation.pending.map((p) => [
          p.rule.label,
          `${p.due}${p.provisional ? "~" : ""}`,
          deadlineState(p, asOfDay, calendar),
        ]);
        // Not cli-table3, though the table stays small: loading and running it cost show 9 M
        // instructions and a young-generation collection at every start (docs/performance.md).
        lines.push(
          "",
          c.bold("Deadlines"),
          renderTable(["deadline", "due", "now"], rows, { styleHead: (t) => c.bold(t) }).trimEnd(),
        );
        // A deadline moved by a holiday break or a closure says so (issue 25).
        for (const p of evaluation.pending) {
          const skipped = p.skipped > 0 ? skippedText(calendar, p.startDay, p.dueDay, cnLunarFacts) : null;
          if (skipped !== null) lines.push(`  ${p.rule.label} due ${p.due}: ${skipped}`);
        }
        if (evaluation.pending.some((p) => p.provisional)) lines.push(`  ${PROVISIONAL_NOTE}`);
      }
      lines.push("", c.bold("Timeline"));
      if (spotted)
        lines.push(`  not started: day 0 is the day you send the request (${hint.advance(row.id, "requested")})`);
      else
        lines.push(
          renderRounds(
            timeline,
            deadlines(timeline, session.calendarFor(row.agent), session.settings),
            options.asOf,
          ).trimEnd(),
        );
      lines.push(...renderPauses(pauses, all, c.bold("Pauses")));
      lines.push("", c.bold("History"));
      for (const e of events) {
        const what = historyWhat(e);
        const amount = amountText(e.amountMinor, row.currency);
        const tail = [amount !== null ? `${amount} ${row.currency}` : "", e.note !== null ? s(e.note) : ""]
          .filter(Boolean)
          .join(" · ");
        const entry = `  ${e.onDate}  ${what}${tail ? `: ${tail}` : ""}  (recorded ${e.recordedAt.replace("T", " ")})`;
        lines.push(wrapWhole(entry, ctx.columns, " ".repeat(14)));
      }
      if (refunds.length > 1 || (refunds.length > 0 && row.outcome === null))
        lines.push(...renderRefunds(refunds, row.currency, c.bold("Refunds")));
      lines.push(...renderFees(feesOf(events), row.currency, c.bold("Fees")));
      lines.push("", c.bold("Evidence"));
      if (evidence.length === 0)
        lines.push(
          wrapWhole(
            `  none yet: ${hint.evidence(row.id)} followed by photos or links attaches some`,
            ctx.columns,
            "  ",
          ),
        );
      for (const e of evidence) {
        if (e.state === "link") {
          lines.push(wrapWhole(`  ${e.addedOn}  ${s(e.url)}`, ctx.columns, " ".repeat(14)));
          continue;
        }
        const problem =
          e.state === "missing"
            ? "  MISSING from the evidence store"
            : e.state === "changed"
              ? "  CHANGED since stored (hash differs)"
              : "";
        const entry = `  ${e.addedOn}  ${s(e.name)}  ${e.size} bytes  sha256 ${e.sha256!.slice(0, 12)}…${problem}`;
        lines.push(wrapWhole(entry, ctx.columns, " ".repeat(14)));
      }
      const memory = sellerMemory(session, row, options.asOf);
      if (memory !== null) lines.push("", wrapWhole(memory, ctx.columns, "  "));
      const step = wrapWhole(`Next step: ${next}`, ctx.columns, "  ");
      lines.push("", `${c.bold("Next step:")}${step.slice("Next step:".length)}`);
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});
