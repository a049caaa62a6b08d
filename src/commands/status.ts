import { toDay } from "../domain/dates.js";
import { type Evaluation, evaluate, FLAG_ORDER, triage } from "../domain/evaluate.js";
import type { Context } from "../context.js";
import { AttentionNeeded } from "../errors.js";
import type { CaseLabel, StatusRow } from "../store/store.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { renderTable } from "../ui/table.js";
import { type GlobalOptions, type Session, toTimeline, withSession } from "./session.js";

export interface StatusOptions {
  asOf: string;
  json: boolean;
  all: boolean;
  check: boolean;
  /** Rows to show; undefined: 50 in the table, all in JSON; 0: all. */
  limit: number | undefined;
}

interface Judged {
  row: StatusRow;
  flag: Evaluation["flag"] | "closed";
  /**
   * The earliest due day, for sorting, with NO_DUE for none: a small integer, which V8 reads
   * without allocating (a number in a field that is ever Infinity is boxed again on every read
   * while the sort runs cold).
   */
  dueKey: number;
  /** A pending deadline is past. */
  overdue: boolean;
  /** The full evaluation (null: closed), once made; undefined until then. */
  evaluation: Evaluation | null | undefined;
}

const NO_DUE = 0x3fffffff; // a literal: `2 ** 30` would be a boxed number too

/** A judged case as shown: with its full evaluation (day, reasons), null when closed. */
interface Shown extends Judged {
  evaluation: Evaluation | null;
}

export const DEFAULT_TABLE_LIMIT = 50;

/**
 * Every case judged, most urgent first: by flag, then earliest due date, then oldest case.
 * When every case will be shown (--json, --limit 0) each is evaluated in full here, once;
 * otherwise triaged, and only the rows shown are evaluated afterwards.
 */
function judge(session: Session, rows: StatusRow[], asOf: string, evaluateAll: boolean): Judged[] {
  const { calendar, settings } = session;
  const asOfDay = toDay(asOf);
  const judged = rows.map((row): Judged => {
    if (row.outcome !== null) return { row, flag: "closed", dueKey: NO_DUE, overdue: false, evaluation: null };
    const timeline = toTimeline(row, row.steps);
    if (evaluateAll) {
      const evaluation = evaluate(timeline, asOf, calendar, settings);
      const first = evaluation.pending[0]; // the earliest: pending is sorted by due day
      const overdue = first !== undefined && first.overdue;
      return { row, flag: evaluation.flag, dueKey: first === undefined ? NO_DUE : first.dueDay | 0, overdue, evaluation };
    }
    const t = triage(timeline, asOfDay, calendar, settings);
    // `| 0`: the day as an integer, not the boxed number a field that also holds Infinity gives.
    return { row, flag: t.flag, dueKey: t.dueDay === Infinity ? NO_DUE : t.dueDay | 0, overdue: t.overdue, evaluation: undefined };
  });
  judged.sort((a, b) => FLAG_ORDER[a.flag] - FLAG_ORDER[b.flag] || a.dueKey - b.dueKey || a.row.id - b.row.id);
  return judged;
}

export async function status(ctx: Context, globals: GlobalOptions, options: StatusOptions): Promise<void> {
  const overdue = await withSession(ctx, globals, "read", (session) => {
    const limit = options.limit ?? (options.json ? 0 : DEFAULT_TABLE_LIMIT);
    const judged = judge(session, session.store.statusRows(options.all), options.asOf, limit === 0);
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
        j.evaluation !== undefined
          ? (j as Shown)
          : { ...j, evaluation: evaluate(toTimeline(j.row, j.row.steps), options.asOf, session.calendar, session.settings) },
    );
    const labels = session.store.caseLabels(shown.map((j) => j.row.id), options.all);
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
}

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
    reasons: evaluation?.reasons ?? [],
    ...(row.outcome !== null ? { outcome: row.outcome } : {}),
  };
}

/** The table shows the first reason (the most pressing); show and --json have them all. */
function summariseReasons(evaluation: Evaluation | null): string {
  if (evaluation === null || evaluation.reasonCount === 0) return "";
  const first = evaluation.firstReason!;
  return evaluation.reasonCount === 1 ? first : `${first} (+${evaluation.reasonCount - 1} more)`;
}

function renderStatus(
  session: Session,
  shown: Shown[],
  labels: Map<number, CaseLabel>,
  total: number,
  summary: { overdue: number; action: number; dueSoon: number; onTrack: number },
  closed: number,
  options: StatusOptions,
): string[] {
  const c = session.color;
  const open = summary.overdue + summary.action + summary.dueSoon + summary.onTrack;
  if (total === 0) return ["No open cases. Record one with `kakotrack add`.\n"];
  const flagStyle: Record<Judged["flag"], (t: string) => string> = {
    action: c.magenta.bold,
    overdue: c.red.bold,
    "due-soon": c.yellow,
    "on-track": c.green,
    closed: c.dim,
  };
  const head = ["id", "order", "item", "resolution", "stage", "day", "flag", "due", "reasons"];
  const rows = shown.map((j) => [
    `#${j.row.id}`,
    sanitize(labels.get(j.row.id)!.orderNo),
    sanitize(labels.get(j.row.id)!.item),
    j.row.resolution,
    j.flag === "closed" ? `${j.row.stage} (${j.row.outcome})` : j.row.stage,
    j.evaluation ? String(j.evaluation.day) : "",
    j.flag,
    j.evaluation?.due ?? "",
    summariseReasons(j.evaluation),
  ]);
  const table = renderTable(head, rows, {
    maxWidths: [undefined, 16, 24],
    fitWidth: session.ctx.stdoutIsTTY ? session.ctx.columns : undefined,
    style: (text, column, r) => (column === 6 ? flagStyle[shown[r]!.flag](text) : text),
    styleHead: (t) => c.bold(t),
  });
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
  return [table, `${footer}\n`];
}
