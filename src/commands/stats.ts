import { formatAmount, formatMinor } from "../domain/parse.js";
import { DEADLINE_RULES } from "../domain/rules.js";
import { computeStats, type GroupStats, type Stats } from "../domain/stats.js";
import { sellerKey } from "../domain/records.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { fitColumns, type FitColumn, wrapText } from "../ui/fit.js";
import { type Session, toTimeline, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag } from "./shared/spec.js";

/** Deadline columns in rule order, one per id (the two seller-response rows share one). */
const DEADLINE_IDS = [...new Set(DEADLINE_RULES.filter((r) => r.from === "opened").map((r) => r.id))];
const SHORT_NAMES: Record<string, string> = {
  "agent-review": "review", "seller-response": "response", "replacement-arrived": "arrival", "new-qc": "new QC",
  approved: "approval", refund: "refund",
};

export const stats = defineCommand({
  name: "stats",
  description: "refunds, outcomes, days to resolution, and how often each seller and agent ran late or refused",
  options: { asOf: { ...asOf(), help: "judge deadlines of open cases on this date" }, json: flag("--json", "machine-readable output") },
  examples: ["kakotrack stats --json"],
  async run(ctx, { globals, options }) {
    const small = options.json ? undefined : await import("../ui/small-table.js");
    await withSession(ctx, globals, "read", (session) => {
      const cases = session.store.cases.withSteps("all").map((row) => ({
        agent: row.agent,
        seller: row.seller,
        sellerKey: sellerKey(row.seller),
        outcome: row.outcome,
        currency: row.currency,
        refundMinor: row.refundMinor,
        closedOn: row.closedOn,
        timeline: toTimeline(row, row.steps),
      }));
      const result = computeStats(cases, options.asOf, session.calendar, session.settings);
      if (options.json) {
        // Money as decimal strings in its currency, as everywhere in kakotrack's JSON.
        const refunded = Object.fromEntries(Object.entries(result.refunded).map(([c, minor]) => [c, formatMinor(minor, c)]));
        ctx.stdout(toJsonText({ asOf: options.asOf, ...result, refunded }));
        return;
      }
      ctx.stdout(renderStats(session, result, small!.renderSmallTable));
    });
  },
});

/** The seller table shows the sellers with the most cases (it is a small table whatever the data); --json has them all. */
const TOP_SELLERS = 20;

/** Deadline columns give way when the terminal is narrow: the buyer's own approval first, the refund last. */
const DEADLINE_DROP_ORDER = ["approved", "new-qc", "replacement-arrived", "agent-review", "seller-response", "refund"];

type DrawTable = (head: readonly string[], rows: readonly (readonly string[])[], options: { styleHead?: (t: string) => string }) => string;

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

function groupTable(session: Session, draw: DrawTable, title: string, groups: readonly GroupStats[]): string {
  if (groups.length === 0) return "";
  const shown = groups.slice(0, TOP_SELLERS);
  const columns: FitColumn[] = [
    { head: title, cells: shown.map((g) => sanitize(g.name)), max: 24, min: 8, comfortable: 12 },
    { head: "cases", cells: shown.map((g) => String(g.cases)) },
    { head: "refused", cells: shown.map((g) => String(g.refused)), dropRank: 10 },
    { head: "ran late", cells: shown.map((g) => String(g.ranLate)), dropRank: 11 },
    ...DEADLINE_IDS.map((id) => ({
      head: SHORT_NAMES[id] ?? id,
      cells: shown.map((g) => {
        const d = g.deadlines[id];
        return d === undefined ? "-" : `${d.onTime}/${d.judged}`;
      }),
      dropRank: DEADLINE_DROP_ORDER.indexOf(id),
    })),
  ];
  const styleHead = (t: string): string => session.color.bold(t);
  const width = session.ctx.columns;
  const more = groups.length > shown.length ? `${groups.length - shown.length} more ${title}s with fewer cases (--json lists them all)\n` : "";
  if (width === undefined) return draw(columns.map((c) => c.head), shown.map((_, r) => columns.map((c) => c.cells[r]!)), { styleHead }) + more;
  const fitted = fitColumns(columns, shown.length, width);
  const table = fitted.kind === "lines" ? `${fitted.lines.join("\n")}\n` : draw(fitted.head, fitted.rows, { styleHead });
  return table + (more && wrapText(more.trimEnd(), width) + "\n");
}

function renderStats(session: Session, s: Stats, draw: DrawTable): string {
  if (s.cases === 0) return "No cases yet.\n";
  const lines = [
    `Cases: ${s.cases}; by outcome: ${counts(s.byOutcome)}`,
    `By resolution: ${counts(s.byResolution)}`,
    `Refunded: ${Object.keys(s.refunded).length === 0 ? "nothing yet" : Object.entries(s.refunded).map(([c, m]) => formatAmount(m, c)).join(", ")}`,
  ];
  const days = Object.entries(s.daysToResolution);
  lines.push(
    days.length === 0
      ? "Days to resolution: no closed cases yet"
      : `Days to resolution: ${days.map(([r, d]) => `${r} median ${d.median}, worst ${d.worst} (${d.closed} closed)`).join("; ")}`,
  );
  const deadlineNote =
    "review ... refund: deadlines met on time / deadlines judged (met, or past due while open); ran late: any deadline missed";
  const wrap = (text: string): string => wrapText(text, session.ctx.columns);
  return `${lines.map(wrap).join("\n")}\n\n${groupTable(session, draw, "seller", s.sellers)}${groupTable(session, draw, "agent", s.agents)}${wrap(deadlineNote)}\n`;
}
