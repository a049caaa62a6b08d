import { standingOn } from "../domain/case/as-of.js";
import type { Stage } from "../domain/case/model.js";
import { parseInteger } from "../domain/case/parse.js";
import type { CaseLabel, CaseSteps } from "../domain/case/records.js";
import { SPOTTED, toTimeline } from "../domain/case/records.js";
import { type Evaluation, evaluate } from "../domain/deadlines/evaluate.js";
import { reasonParts } from "../domain/deadlines/reason-parts.js";
import { returnWindowText } from "../domain/deadlines/return-window.js";
import { mergeRanked, type Ranked, rankCases, rankStored } from "../domain/deadlines/urgency.js";
import { agentBalances } from "../domain/money/money.js";
import { toDay } from "../domain/time/dates.js";
import { AttentionNeeded } from "../errors.js";
import { hint } from "../hints.js";
import { dayJson, lateJson, roundJson } from "../ui/case-view.js";
import { wrapText } from "../ui/fit.js";
import { heldSummary } from "../ui/money.js";
import { PROVISIONAL_NOTE } from "../ui/provisional-note.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { renderStatusTable } from "../ui/status-table.js";
import { asOfMoment, caseReturnWindow, type Session, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag, text } from "./shared/spec.js";

/** A case status judges, with its label when it was read with it. */
type LabelledCase = CaseSteps & { label?: CaseLabel };

/** A ranked case as shown: with its full evaluation (day, reasons), null when closed. */
interface Shown extends Ranked<LabelledCase> {
  evaluation: Evaluation | null;
}

export const DEFAULT_TABLE_LIMIT = 50;

export const status = defineCommand({
  options: {
    asOf: asOf(),
    json: flag("--json", "machine-readable output (the documented contract)"),
    all: flag("--all", "include closed cases"),
    check: flag("--check", "exit 1 when any case is overdue (for cron)"),
    limit: text("--limit <n>", "rows to show (default 50 in the table, all in --json; 0 for all)"),
  },
  examples: [
    "kakotrack status",
    "kakotrack status --as-of 2026-12-01 --json",
    'kakotrack status --check >/dev/null || echo "something is overdue"',
  ],
  async run(ctx, { globals, options }) {
    const given = options.limit === undefined ? undefined : parseInteger(options.limit, "--limit", 0, 1_000_000);
    const overdue = await withSession(ctx, globals, "read", (session) => {
      const limit = given ?? (options.json ? 0 : DEFAULT_TABLE_LIMIT);
      // Only a spotted case's row carries its agent and stock-in: the return window is its one deadline.
      const timelineOf = (row: CaseSteps) => toTimeline(row, row.steps, caseReturnWindow(session.settings, row));
      const moment = asOfMoment(ctx, options.asOf);
      const rank = (rows: CaseSteps[], evaluateAll: boolean) =>
        rankCases(
          rows,
          timelineOf,
          options.asOf,
          (row) => session.calendarFor(row.agent),
          session.settings,
          evaluateAll,
          moment,
        );
      // The table of today's (or a later day's) open cases reads the most urgent by index and counts the rest (issue
      // 28); --json, --all, --limit 0 and a past day judge every case.
      const { judged, summary, closed, total, late } =
        !options.json && !options.all && limit > 0 && options.asOf >= ctx.today && session.store.urgency.current()
          ? fromStored(session, rank, limit, toDay(options.asOf))
          : judgedAll(rank(rowsAsOf(session, options.asOf, options.all, limit === 0), limit === 0));
      // Only the cases shown are evaluated in full, for their day count and reasons.
      const shown = (limit === 0 || judged.length <= limit ? judged : judged.slice(0, limit)).map(
        (j): Shown =>
          j.evaluation !== undefined
            ? (j as Shown)
            : {
                ...j,
                evaluation: evaluate(
                  timelineOf(j.row),
                  options.asOf,
                  session.calendarFor(j.row.agent),
                  session.settings,
                  moment,
                ),
              },
      );
      const labels = labelsOf(session, shown, options.all);
      if (options.json) {
        const cases = shown.map((j) => toJson(j, labels.get(j.row.id)!, session));
        ctx.stdout(toJsonText({ asOf: options.asOf, summary: options.all ? { ...summary, closed } : summary, cases }));
      } else {
        // Written piece by piece: joined, the table would be copied once more on its way out.
        for (const text of renderStatus(session, shown, labels, total, summary, closed, options)) ctx.stdout(text);
      }
      return late;
    });
    if (options.check && overdue) throw new AttentionNeeded("");
  },
});

interface Summary {
  overdue: number;
  action: number;
  dueSoon: number;
  onTrack: number;
}

/** What status shows and counts: the cases in its order (all, or the first `limit`), and the counts of all. */
interface Judged {
  judged: Ranked[];
  summary: Summary;
  closed: number;
  /** Cases counted (open, and closed with --all). */
  total: number;
  /** A case has a deadline past (--check). */
  late: boolean;
}

/** Every case judged, most urgent first. */
function judgedAll(judged: Ranked[]): Judged {
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
  return { judged, summary, closed, total: judged.length, late: judged.some((j) => j.overdue) };
}

/**
 * The `limit` most urgent open cases and the counts of all, from the urgencies stored with them
 * (m012): only the cases written since (stale) and spotted ones are judged here.
 */
function fromStored(
  session: Session,
  rank: (rows: CaseSteps[], evaluateAll: boolean) => Ranked[],
  limit: number,
  asOfDay: number,
): Judged {
  const { urgency } = session.store;
  const dueSoonDays = session.settings.dueSoonDays;
  const live = judgedAll(rank(urgency.live(session.agentsWithClosures), false));
  const counts = urgency.counts(asOfDay, dueSoonDays);
  const stored = urgency
    .mostUrgent(limit, session.agentsWithClosures)
    .map((row) => rankStored(row, row.urgency, asOfDay, dueSoonDays));
  const summary = {
    overdue: counts.overdue + live.summary.overdue,
    action: counts.action + live.summary.action,
    dueSoon: counts.dueSoon + live.summary.dueSoon,
    onTrack: counts.onTrack + live.summary.onTrack,
  };
  return {
    judged: mergeRanked(stored, live.judged, limit),
    summary,
    closed: 0,
    total: summary.overdue + summary.action + summary.dueSoon + summary.onTrack,
    late: counts.late > 0 || live.late,
  };
}

/**
 * The cases to judge: as stored (with their labels, when every case is shown), or as they stood on
 * a past as-of day (opened by then, later steps not applied).
 */
function rowsAsOf(session: Session, asOf: string, all: boolean, withLabels: boolean): LabelledCase[] {
  if (asOf >= session.ctx.today) return session.store.statusRows.rows(all, session.agentsWithClosures, withLabels);
  const rows: CaseSteps[] = [];
  for (const row of session.store.statusRows.rowsAsOf(asOf, all, session.agentsWithClosures)) {
    const standing = standingOn(row, row.steps, asOf);
    if (standing !== null) rows.push({ ...standing.record, steps: standing.steps });
  }
  return rows;
}

/** The labels of the cases shown: read with them (every case shown), else fetched for them. */
function labelsOf(session: Session, shown: readonly Shown[], all: boolean): Map<number, CaseLabel> {
  if (shown.length > 0 && shown.every((j) => j.row.label !== undefined))
    return new Map(shown.map((j) => [j.row.id, j.row.label!]));
  return session.store.statusRows.labels(
    shown.map((j) => j.row.id),
    all,
  );
}

function toJson(j: Shown, label: CaseLabel, session: Session) {
  const { row, evaluation } = j;
  // Members written out rather than spread from the helpers' objects: one object a case, not four.
  const { openedOn, day } = dayJson(row, evaluation);
  const { round, roundStartedOn } = roundJson(row, evaluation);
  const { late, lateUnit } = lateJson(evaluation);
  const json = {
    id: row.id,
    agent: label.agent,
    orderNo: label.orderNo,
    item: label.item,
    seller: label.seller,
    resolution: row.resolution,
    stage: row.stage,
    openedOn,
    day,
    round,
    roundStartedOn,
    flag: j.flag,
    provisional: evaluation?.provisional ?? false,
    due: evaluation?.due ?? null,
    late,
    lateUnit,
    reasons: evaluation?.reasons ?? [],
    returnWindowClosesAt: returnWindowText(caseReturnWindow(session.settings, label)),
  };
  return row.outcome === null ? json : { ...json, outcome: row.outcome };
}

function renderStatus(
  session: Session,
  shown: Shown[],
  labels: Map<number, CaseLabel>,
  total: number,
  summary: Summary,
  closed: number,
  options: { asOf: string; all: boolean },
): string[] {
  const c = session.color;
  const open = summary.overdue + summary.action + summary.dueSoon + summary.onTrack;
  const held = heldSummary(agentBalances(session.store.money.sums()));
  if (total === 0) return [`No open cases. Record one with ${hint.add()}${held}.\n`];
  const flagStyle: Record<Ranked["flag"], (t: string) => string> = {
    action: c.magenta.bold,
    overdue: c.red.bold,
    "due-soon": c.yellow,
    "on-track": c.green,
    closed: c.dim,
  };
  const asOfDay = toDay(options.asOf);
  let dueShown = false;
  const table = renderStatusTable(
    shown.map((j) => {
      const label = labels.get(j.row.id)!;
      return {
        id: j.row.id,
        orderNo: sanitize(label.orderNo),
        item: sanitize(label.item),
        resolution: j.row.resolution,
        stage: j.flag === "closed" ? `${j.row.stage} (${j.row.outcome})` : j.row.stage,
        day: j.evaluation && j.row.stage !== SPOTTED ? String(j.evaluation.day) : "",
        flag: j.flag,
        // "~": that deadline's own count passes through a provisional year (the footnote says what to do).
        due: j.evaluation?.due ? `${j.evaluation.due}${j.evaluation.pending[0]?.provisional ? "~" : ""}` : "",
        // The table's reason leaves out the due date (its own column); --json and show have the full reasons.
        reason: j.evaluation
          ? reasonParts(j.evaluation, j.row.stage as Stage, asOfDay, session.calendarFor(j.row.agent))
          : null,
      };
    }),
    {
      width: session.ctx.columns,
      asOf: options.asOf,
      styleFlag: (text, r) => flagStyle[shown[r]!.flag](text),
      styleHead: (t) => c.bold(t),
      onColumns: (head) => (dueShown = head.includes("due")),
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
  let footer = `${parts[0]}: ${parts.slice(1).join(", ")} (as of ${options.asOf})${held}`;
  if (shown.length < total)
    footer += `\nShowing the ${shown.length} most urgent; ${total - shown.length} more (--limit 0 shows all).`;
  // The footnote goes with a printed mark: none when the due column gave way to a narrow terminal.
  if (dueShown && shown.some((j) => j.evaluation?.due && j.evaluation.pending[0]?.provisional))
    footer += `\n${PROVISIONAL_NOTE}`;
  return [
    table,
    `${footer
      .split("\n")
      .map((line) => wrapText(line, session.ctx.columns))
      .join("\n")}\n`,
  ];
}
