import { formatAmount, formatMinor } from "../domain/parse.js";
import { DEADLINE_RULES } from "../domain/rules.js";
import { type ByCurrency, computeStats, FOLLOW_UP_ID, type GroupStats, type MoneyStats, type Stats } from "../domain/stats.js";
import { sellerKey } from "../domain/records.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { renderTable } from "../ui/table.js";
import { casesAsOf, type Session, toTimeline, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag } from "./shared/spec.js";

/** Deadline columns in rule order, one per id (the two seller-response rows share one). */
const DEADLINE_IDS = [...new Set(DEADLINE_RULES.filter((r) => r.from === "opened").map((r) => r.id))];
const SHORT_NAMES: Record<string, string> = {
  "agent-review": "review", "seller-response": "response", "replacement-arrived": "arrival", "new-qc": "new QC",
  approved: "approval", refund: "refund", [FOLLOW_UP_ID]: "follow-up",
};

export const stats = defineCommand({
  name: "stats",
  description: "refunds, outcomes, days to resolution, and how often each seller and agent ran late or refused",
  options: { asOf: { ...asOf(), help: "the cases as they stood on this date, open ones judged then" }, json: flag("--json", "machine-readable output") },
  examples: ["kakotrack stats --json"],
  async run(ctx, { globals, options }) {
    await withSession(ctx, globals, "read", (session) => {
      const fees = session.store.money.feesByCase(options.asOf);
      const cases = casesAsOf(session, "all", options.asOf).map((row) => ({
        agent: row.agent,
        seller: row.seller,
        sellerKey: sellerKey(row.seller),
        outcome: row.outcome,
        currency: row.currency,
        refundMinor: row.refundMinor,
        feesMinor: fees.get(row.id) ?? 0,
        closedOn: row.closedOn,
        timeline: toTimeline(row, row.steps),
      }));
      const result = computeStats(cases, options.asOf, (c) => session.calendarFor(c.agent), session.settings);
      if (options.json) {
        const group = (g: GroupStats) => ({ ...g, ...moneyJson(g) });
        ctx.stdout(toJsonText({ asOf: options.asOf, ...result, ...moneyJson(result), agents: result.agents.map(group), sellers: result.sellers.map(group) }));
        return;
      }
      ctx.stdout(renderStats(session, result));
      ctx.stdout(renderMoneyByGroup(session, result));
    });
  },
});

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

function groupTable(session: Session, title: string, groups: readonly GroupStats[], ids: readonly string[]): string {
  if (groups.length === 0) return "";
  const head = [title, "cases", "refused", "ran late", ...ids.map((id) => SHORT_NAMES[id] ?? id)];
  const rows = groups.map((g) => [
    sanitize(g.name),
    String(g.cases),
    String(g.refused),
    String(g.ranLate),
    ...ids.map((id) => {
      const d = g.deadlines[id];
      return d === undefined ? "-" : `${d.onTime}/${d.judged}`;
    }),
  ]);
  return renderTable(head, rows, { maxWidths: [24], styleHead: (t) => session.color.bold(t) });
}

/** Money as decimal strings in its currency, as everywhere in kakotrack's JSON. */
function moneyJson(m: MoneyStats) {
  const text = (by: ByCurrency) => Object.fromEntries(Object.entries(by).map(([c, minor]) => [c, formatMinor(minor, c)]));
  return { refunded: text(m.refunded), fees: text(m.fees), netRecovered: text(m.netRecovered) };
}

function amounts(by: ByCurrency): string {
  const entries = Object.entries(by);
  return entries.length === 0 ? "nothing yet" : entries.map(([c, m]) => formatAmount(m, c)).join(", ");
}

/** What the disputes cost and brought back, per agent and per seller that has any money (a table each). */
function renderMoneyByGroup(session: Session, s: Stats): string {
  if (Object.keys(s.netRecovered).length === 0) return "";
  const lines = [`\nFees: ${amounts(s.fees)}; net recovered (refunds minus fees): ${amounts(s.netRecovered)}`];
  for (const [title, groups] of [["agent", s.agents], ["seller", s.sellers]] as const) {
    const rows = groups.flatMap((g) =>
      Object.keys(g.netRecovered).sort().map((c) => [
        sanitize(g.name), c, formatMinor(g.refunded[c] ?? 0, c), formatMinor(g.fees[c] ?? 0, c), formatMinor(g.netRecovered[c]!, c),
      ]),
    );
    if (rows.length === 0) continue;
    lines.push(renderTable([title, "currency", "refunded", "fees", "net"], rows, { maxWidths: [24], styleHead: (t) => session.color.bold(t) }).trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

function renderStats(session: Session, s: Stats): string {
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
    "review ... refund (and the agents' follow-up on escalations): deadlines met on time / deadlines judged (met, or past due while open); ran late: any of these missed";
  return `${lines.join("\n")}\n\n${groupTable(session, "seller", s.sellers, DEADLINE_IDS)}${groupTable(session, "agent", s.agents, [...DEADLINE_IDS, FOLLOW_UP_ID])}${deadlineNote}\n`;
}
