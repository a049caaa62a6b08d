import { formatAmount, formatMinor } from "../domain/case/parse.js";
import { sellerKey, toTimeline } from "../domain/case/records.js";
import { DEADLINE_RULES } from "../domain/deadlines/rules.js";
import {
  type ByCurrency,
  computeStats,
  FOLLOW_UP_ID,
  type GroupStats,
  type MoneyStats,
  type Stats,
} from "../domain/reports/stats.js";
import { type FitColumn, fitColumns, wrapText } from "../ui/fit.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { casesAsOf, type Session, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag } from "./shared/spec.js";

/** Deadline columns in rule order, one per id (the two seller-response rows share one). */
const DEADLINE_IDS = [...new Set(DEADLINE_RULES.filter((r) => r.from === "opened").map((r) => r.id))];
const SHORT_NAMES: Record<string, string> = {
  "agent-review": "review",
  "seller-response": "response",
  "replacement-arrived": "arrival",
  "new-qc": "new QC",
  approved: "approval",
  refund: "refund",
  [FOLLOW_UP_ID]: "follow-up",
};

export const stats = defineCommand({
  options: {
    asOf: { ...asOf(), help: "the cases as they stood on this date, open ones judged then" },
    json: flag("--json", "machine-readable output"),
  },
  examples: ["kakotrack stats --json"],
  async run(ctx, { globals, options }) {
    const small = options.json ? undefined : await import("../ui/small-table.js");
    await withSession(ctx, globals, "read", (session) => {
      const fees = session.store.money.feesByCase(options.asOf);
      const refunds = session.store.money.refundsByCase(options.asOf);
      const cases = casesAsOf(session, "all", options.asOf).map((row) => ({
        agent: row.agent,
        seller: row.seller,
        sellerKey: sellerKey(row.seller),
        outcome: row.outcome,
        currency: row.currency,
        refundMinor: refunds.get(row.id) ?? null,
        feesMinor: fees.get(row.id) ?? 0,
        closedOn: row.closedOn,
        timeline: toTimeline(row, row.steps),
      }));
      const result = computeStats(cases, options.asOf, (c) => session.calendarFor(c.agent), session.settings);
      if (options.json) {
        const group = (g: GroupStats) => ({ ...g, ...moneyJson(g) });
        ctx.stdout(
          toJsonText({
            asOf: options.asOf,
            ...result,
            ...moneyJson(result),
            agents: result.agents.map(group),
            sellers: result.sellers.map(group),
          }),
        );
        return;
      }
      ctx.stdout(renderStats(session, result, small!.renderSmallTable));
      ctx.stdout(renderMoneyByGroup(session, result, small!.renderSmallTable));
    });
  },
});

/**
 * The seller table shows the sellers with the most cases (it is a small table whatever the data); --json has them all.
 */
const TOP_SELLERS = 20;

/** Deadline columns give way when the terminal is narrow: the buyer's own approval first, the refund last. */
const DEADLINE_DROP_ORDER = [
  "approved",
  FOLLOW_UP_ID,
  "new-qc",
  "replacement-arrived",
  "agent-review",
  "seller-response",
  "refund",
];

type DrawTable = (
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { styleHead?: (t: string) => string },
) => string;

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

function groupTable(
  session: Session,
  draw: DrawTable,
  title: string,
  groups: readonly GroupStats[],
  ids: readonly string[],
): string {
  if (groups.length === 0) return "";
  const shown = groups.slice(0, TOP_SELLERS);
  const columns: FitColumn[] = [
    { head: title, cells: shown.map((g) => sanitize(g.name)), max: 24, min: 8, comfortable: 12 },
    { head: "cases", cells: shown.map((g) => String(g.cases)) },
    { head: "refused", cells: shown.map((g) => String(g.refused)), dropRank: 10 },
    { head: "ran late", cells: shown.map((g) => String(g.ranLate)), dropRank: 11 },
    ...ids.map((id) => ({
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
  const more =
    groups.length > shown.length
      ? `${groups.length - shown.length} more ${title}s with fewer cases (--json lists them all)\n`
      : "";
  if (width === undefined)
    return (
      draw(
        columns.map((c) => c.head),
        shown.map((_, r) => columns.map((c) => c.cells[r]!)),
        { styleHead },
      ) + more
    );
  const fitted = fitColumns(columns, shown.length, width);
  const table =
    fitted.kind === "lines" ? `${fitted.lines.join("\n")}\n` : draw(fitted.head, fitted.rows, { styleHead });
  return table + (more && `${wrapText(more.trimEnd(), width)}\n`);
}

/** Money as decimal strings in its currency, as everywhere in kakotrack's JSON. */
function moneyJson(m: MoneyStats) {
  const text = (by: ByCurrency) =>
    Object.fromEntries(Object.entries(by).map(([c, minor]) => [c, formatMinor(minor, c)]));
  return { refunded: text(m.refunded), fees: text(m.fees), netRecovered: text(m.netRecovered) };
}

function amounts(by: ByCurrency): string {
  const entries = Object.entries(by);
  return entries.length === 0 ? "nothing yet" : entries.map(([c, m]) => formatAmount(m, c)).join(", ");
}

/** What the disputes cost and brought back, per agent and per seller that has any money (a table each). */
function renderMoneyByGroup(session: Session, s: Stats, draw: DrawTable): string {
  if (Object.keys(s.netRecovered).length === 0) return "";
  const lines = [`\nFees: ${amounts(s.fees)}; net recovered (refunds minus fees): ${amounts(s.netRecovered)}`];
  for (const [title, groups] of [
    ["agent", s.agents],
    ["seller", s.sellers],
  ] as const) {
    const rows = groups.flatMap((g) =>
      Object.keys(g.netRecovered)
        .sort()
        .map((c) => [
          sanitize(g.name),
          c,
          formatMinor(g.refunded[c] ?? 0, c),
          formatMinor(g.fees[c] ?? 0, c),
          formatMinor(g.netRecovered[c]!, c),
        ]),
    );
    if (rows.length === 0) continue;
    lines.push(
      draw([title, "currency", "refunded", "fees", "net"], rows, { styleHead: (t) => session.color.bold(t) }).trimEnd(),
    );
  }
  return `${lines.join("\n")}\n`;
}

function renderStats(session: Session, s: Stats, draw: DrawTable): string {
  if (s.cases === 0) return "No cases yet.\n";
  const lines = [
    `Cases: ${s.cases}; by outcome: ${counts(s.byOutcome)}`,
    `By resolution: ${counts(s.byResolution)}`,
    `Refunded: ${
      Object.keys(s.refunded).length === 0
        ? "nothing yet"
        : Object.entries(s.refunded)
            .map(([c, m]) => formatAmount(m, c))
            .join(", ")
    }`,
  ];
  if (s.exchangesRetried > 0) {
    const sellers = s.sellers
      .filter((g) => g.exchangesRetried > 0)
      .map((g) => `${sanitize(g.name)} ${g.exchangesRetried}`);
    lines.push(
      `Exchanges that needed another round (a replacement failed QC): ` +
        `${s.exchangesRetried}${sellers.length > 0 ? `; by seller: ${sellers.join(", ")}` : ""}`,
    );
  }
  const days = Object.entries(s.daysToResolution);
  lines.push(
    days.length === 0
      ? "Days to resolution: no closed cases yet"
      : `Days to resolution: ` +
          `${days.map(([r, d]) => `${r} median ${d.median}, worst ${d.worst} (${d.closed} closed)`).join("; ")}`,
  );
  if (s.buyerLate > 0)
    lines.push(
      `Your own approvals ran late in ${s.buyerLate} case${s.buyerLate === 1 ? "" : "s"} (not counted against ` +
        `sellers or agents)`,
    );
  const deadlineNote =
    "review ... refund (and the agents' follow-up on escalations): deadlines met on time / deadlines judged (met, " +
    "or past due while open); ran late: one of its own missed (a seller's: response, arrival; an agent's: review, " +
    "new QC, refund, follow-up)";
  const wrap = (text: string): string => wrapText(text, session.ctx.columns);
  const sellers = groupTable(session, draw, "seller", s.sellers, DEADLINE_IDS);
  const agents = groupTable(session, draw, "agent", s.agents, [...DEADLINE_IDS, FOLLOW_UP_ID]);
  return `${lines.map(wrap).join("\n")}\n\n${sellers}${agents}${wrap(deadlineNote)}\n`;
}
