import { type Evaluation, evaluate } from "../domain/evaluate.js";
import type { Stage } from "../domain/model.js";
import type { CaseLabel, CaseSteps } from "../domain/records.js";
import { type Ranked, rankCases } from "../domain/urgency.js";
import { AttentionNeeded } from "../errors.js";
import { parseInteger } from "../domain/parse.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { reasonParts } from "../domain/reason-parts.js";
import { toDay } from "../domain/dates.js";
import { lateJson } from "../ui/case-view.js";
import { wrapText } from "../ui/fit.js";
import { renderStatusTable } from "../ui/status-table.js";
import { type Session, toTimeline, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag, text } from "./shared/spec.js";

/** A ranked case as shown: with its full evaluation (day, reasons), null when closed. */
interface Shown extends Ranked {
  evaluation: Evaluation | null;
}

export const DEFAULT_TABLE_LIMIT = 50;

const timelineOf = (row: CaseSteps) => toTimeline(row, row.steps);

export const status = defineCommand({
  name: "status",
  description: "open cases, most urgent first, with what is late",
  options: {
    asOf: asOf(),
    json: flag("--json", "machine-readable output (the documented contract)"),
    all: flag("--all", "include closed cases"),
    check: flag("--check", "exit 1 when any case is overdue (for cron)"),
    limit: text("--limit <n>", "rows to show (default 50 in the table, all in --json; 0 for all)"),
  },
  examples: ["kakotrack status", "kakotrack status --as-of 2026-12-01 --json", 'kakotrack status --check >/dev/null || echo "something is overdue"'],
  async run(ctx, { globals, options }) {
    const given = options.limit === undefined ? undefined : parseInteger(options.limit, "--limit", 0, 1_000_000);
    const overdue = await withSession(ctx, globals, "read", (session) => {
      const limit = given ?? (options.json ? 0 : DEFAULT_TABLE_LIMIT);
      const judged = rankCases(session.store.cases.statusRows(options.all), timelineOf, options.asOf, session.calendar, session.settings, limit === 0);
      const summary = { overdue: 0, action: 0, dueSoon: 0, onTrack: 0 };
      let closed = 0;
      for (let i = 0; i < judged.length; i++) {
        const flag = judged[i]!.flag;
        if (flag === "overdue") summary.overdue++;
        else if (flag === "action") summary.action++;
        else if (flag === "due-soon") summary.dueSoon++;
        else if (flag === "on-track") summary.onTrack++;
        else closed++;
      }
      // Only the cases shown are evaluated in full, for their day count and reasons.
      const shown = (limit === 0 ? judged : judged.slice(0, limit)).map(
        (j): Shown =>
          j.evaluation !== undefined ? (j as Shown) : { ...j, evaluation: evaluate(timelineOf(j.row), options.asOf, session.calendar, session.settings) },
      );
      const labels = session.store.cases.labels(shown.map((j) => j.row.id), options.all);
      if (options.json) {
        const cases = shown.map((j) => toJson(j, labels.get(j.row.id)!));
        ctx.stdout(toJsonText({ asOf: options.asOf, summary: options.all ? { ...summary, closed } : summary, cases }));
      } else {
        // Written piece by piece: joined, the table would be copied once more on its way out.
        for (const text of renderStatus(session, shown, labels, judged.length, summary, closed, options)) ctx.stdout(text);
      }
      return judged.some((j) => j.overdue);
    });
    if (options.check && overdue) throw new AttentionNeeded("");
  },
});

function toJson(j: Shown, label: CaseLabel) {
  const { row, evaluation } = j;
  return {
    id: row.id,
    agent: label.agent,
    orderNo: label.orderNo,
    item: label.item,
    seller: label.seller,
    resolution: row.resolution,
    stage: row.stage,
    openedOn: row.openedOn,
    day: evaluation?.day ?? null,
    flag: j.flag,
    due: evaluation?.due ?? null,
    ...lateJson(evaluation),
    reasons: evaluation?.reasons ?? [],
    ...(row.outcome !== null ? { outcome: row.outcome } : {}),
  };
}

function renderStatus(
  session: Session,
  shown: Shown[],
  labels: Map<number, CaseLabel>,
  total: number,
  summary: { overdue: number; action: number; dueSoon: number; onTrack: number },
  closed: number,
  options: { asOf: string; all: boolean },
): string[] {
  const c = session.color;
  const open = summary.overdue + summary.action + summary.dueSoon + summary.onTrack;
  if (total === 0) return ["No open cases. Record one with `kakotrack add`.\n"];
  const flagStyle: Record<Ranked["flag"], (t: string) => string> = {
    action: c.magenta.bold,
    overdue: c.red.bold,
    "due-soon": c.yellow,
    "on-track": c.green,
    closed: c.dim,
  };
  const asOfDay = toDay(options.asOf);
  const table = renderStatusTable(
    shown.map((j) => {
      const label = labels.get(j.row.id)!;
      return {
        id: j.row.id,
        orderNo: sanitize(label.orderNo),
        item: sanitize(label.item),
        resolution: j.row.resolution,
        stage: j.flag === "closed" ? `${j.row.stage} (${j.row.outcome})` : j.row.stage,
        day: j.evaluation ? String(j.evaluation.day) : "",
        flag: j.flag,
        due: j.evaluation?.due ?? "",
        // The table's reason leaves out the due date (its own column); --json and show have the full reasons.
        reason: j.evaluation ? reasonParts(j.evaluation, j.row.stage as Stage, asOfDay, session.calendar) : null,
      };
    }),
    {
      width: session.ctx.columns,
      asOf: options.asOf,
      styleFlag: (text, r) => flagStyle[shown[r]!.flag](text),
      styleHead: (t) => c.bold(t),
    },
  );
  const parts = [
    `${open} open`,
    `${summary.overdue} overdue`,
    `${summary.action} need action`,
    `${summary.dueSoon} due soon`,
    `${summary.onTrack} on track`,
  ];
  if (options.all) parts.push(`${closed} closed`);
  let footer = `${parts[0]}: ${parts.slice(1).join(", ")} (as of ${options.asOf})`;
  if (shown.length < total) footer += `\nShowing the ${shown.length} most urgent; ${total - shown.length} more (--limit 0 shows all).`;
  return [table, `${wrapText(footer, session.ctx.columns)}\n`];
}
