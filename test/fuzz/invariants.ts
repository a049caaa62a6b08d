import { writeFileSync } from "node:fs";
import { OUTCOMES } from "../../src/domain/case/model.js";
import { CLOSING_OUTCOME, PATHS } from "../../src/domain/case/stages.js";
import { addDays } from "../../src/domain/time/dates.js";
import { fail, same } from "./checks.js";
import { type ExportedCase, type Model, parseState, refundEvents, refundOf, type State, today } from "./model.js";
import type { Ran, World } from "./world.js";

// The invariants of issue 29, checked after every step. Each failure names its invariant.

/** Every run: exit 0, 1 or 2 (3 only where the step made a storage fault on purpose); errors one line, no stack trace. */
export function checkRun(ran: Ran, allowed: readonly number[], line: string): void {
  if (![0, 1, 2, ...allowed.filter((c) => c === 3)].includes(ran.code))
    fail("exit", `\`${line}\` exited ${ran.code}: ${ran.stderr.trim()}`);
  if (/^\s+at /m.test(ran.stderr) || /unexpected error/.test(ran.stderr))
    fail("stderr", `\`${line}\` printed a stack trace or an unexpected error: ${ran.stderr.trim()}`);
  const lines = ran.stderr.split("\n").filter((l) => l !== "");
  if (ran.code >= 2 && (lines.length !== 1 || !lines[0]!.startsWith("kakotrack: ")))
    fail("stderr", `\`${line}\` exited ${ran.code} with ${lines.length} stderr lines: ${ran.stderr.trim()}`);
}

/** Reads a command's JSON output, which must exit 0. */
async function json(w: World, m: Model, args: string[], invariant: string): Promise<any> {
  const ran = await w.run(args, m.now);
  if (ran.code !== 0) fail(invariant, `\`${args.join(" ")}\` exited ${ran.code}: ${ran.stderr.trim()}`);
  return JSON.parse(ran.stdout);
}

/** The database (another than the world's: `db`) as its JSON export says. */
export async function readState(w: World, m: Pick<Model, "now">, db = w.db): Promise<State> {
  const ran = await w.run(["export"], m.now, db);
  if (ran.code !== 0) fail("export", `export exited ${ran.code}: ${ran.stderr.trim()}`);
  return parseState(ran.stdout);
}

/** "12.50" in minor units (the JSON outputs' money: decimal strings in the currency). */
function toMinor(text: string): number {
  const negative = text.startsWith("-");
  const [whole, part = ""] = text.replace("-", "").split(".");
  const minor = Number(whole) * 10 ** part.length + Number(part || 0);
  return negative ? -minor : minor;
}

type Sums = Map<string, number>;
const bump = (sums: Sums, key: string, minor: number): void => void sums.set(key, (sums.get(key) ?? 0) + minor);

/** Money: balances, stats' refunds, fees and net recovered, against the sums of the export. */
async function checkMoney(w: World, m: Model, s: State): Promise<void> {
  const refunded: Sums = new Map();
  const withdrawn: Sums = new Map();
  const untracked: Sums = new Map();
  const key = (agent: string, currency: string) => `${agent.toLowerCase()} ${currency}`;
  for (const c of s.cases) {
    const { toBalance } = refundOf(c);
    if (toBalance !== null) bump(refunded, key(c.agent, c.currency), toBalance);
  }
  for (const x of s.withdrawals) {
    bump(withdrawn, key(x.agent, x.currency), x.amountMinor);
    bump(untracked, key(x.agent, x.currency), x.untrackedMinor);
    if (x.untrackedMinor < 0 || x.untrackedMinor > x.amountMinor)
      fail("money", `withdrawal #${x.id} untracked ${x.untrackedMinor}`);
  }
  const balance = await json(w, m, ["balance", "--json"], "money");
  const keys = new Set([...refunded.keys(), ...withdrawn.keys()]);
  same(
    "money",
    balance.agents.map((b: any) => key(b.agent, b.currency)).sort(),
    [...keys].sort(),
    "balance's agents and currencies",
  );
  for (const b of balance.agents) {
    const k = key(b.agent, b.currency);
    const owed = (refunded.get(k) ?? 0) - (withdrawn.get(k) ?? 0) + (untracked.get(k) ?? 0);
    const figures = [toMinor(b.refundedToBalance), toMinor(b.withdrawn), toMinor(b.held)];
    same(
      "money",
      figures,
      [refunded.get(k) ?? 0, withdrawn.get(k) ?? 0, Math.max(0, owed)],
      `balance of ${k} (refunded, withdrawn, held)`,
    );
  }
  const stats = await json(w, m, ["stats", "--json"], "money");
  const byCurrency = {
    refunded: new Map<string, number>(),
    fees: new Map<string, number>(),
    net: new Map<string, number>(),
  };
  for (const c of s.cases) {
    const refund = refundOf(c).minor;
    const fees = c.events.filter((e) => e.kind === "fee").reduce((sum, e) => sum + e.amountMinor!, 0);
    if (refund !== null) bump(byCurrency.refunded, c.currency, refund);
    if (fees > 0) bump(byCurrency.fees, c.currency, fees);
    if (refund !== null || fees > 0) bump(byCurrency.net, c.currency, (refund ?? 0) - fees);
  }
  const figures = (o: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(o)
        .map(([c, v]) => [c, toMinor(v)])
        .sort(),
    );
  const sorted = (sums: Sums) => Object.fromEntries([...sums].sort());
  same(
    "money",
    figures(stats.refunded),
    sorted(byCurrency.refunded),
    "stats' refunded and the sum of the cases' refunds",
  );
  same("money", figures(stats.fees), sorted(byCurrency.fees), "stats' fees and the sum of the fee events");
  same("money", figures(stats.netRecovered), sorted(byCurrency.net), "stats' net recovered and refunds - fees");
  for (const field of ["refunded", "fees", "netRecovered"] as const) {
    const summed: Sums = new Map();
    for (const g of stats.agents)
      for (const [c, v] of Object.entries(g[field] as Record<string, string>)) bump(summed, c, toMinor(v));
    same("money", sorted(summed), figures(stats[field]), `stats' ${field} over the agents and overall`);
  }
}

/** A case's history: no stage after its closing, its stage and outcome those of its events, no date after today. */
export function checkHistory(c: ExportedCase, day: string): void {
  type Resolution = keyof typeof PATHS;
  const data = (e: { data: string | null }) => JSON.parse(e.data ?? "{}") as { from?: Resolution; to?: Resolution };
  // Each round has its own path (switch, issue 24): a step closes the case at the end of its round's path.
  const firstRound = c.events.find((e) => e.kind === "round");
  let roundPath = PATHS[(firstRound === undefined ? undefined : data(firstRound).from) ?? (c.resolution as Resolution)];
  const path = PATHS[c.resolution as Resolution];
  let closed = false;
  let stage = c.events[0]?.kind === "spotted" ? "spotted" : undefined;
  let lastStep = "";
  for (const e of c.events) {
    if (e.onDate > day) fail("history", `case #${c.id}'s ${e.kind} event is dated ${e.onDate}, after today ${day}`);
    if (e.kind === "closed" && closed) fail("history", `case #${c.id} closed twice`);
    if (e.kind === "reopened" && !closed) fail("history", `case #${c.id} reopened while open`);
    if (e.kind === "stage" && closed) fail("history", `case #${c.id} reached ${e.stage} after its closing`);
    if (e.stage !== null && e.kind !== "reopened") {
      if (e.onDate < lastStep)
        fail("history", `case #${c.id}'s step to ${e.stage} (${e.onDate}) is before its previous step (${lastStep})`);
      lastStep = e.onDate;
    }
    if (e.stage !== null) stage = e.stage;
    if (e.kind === "round") roundPath = PATHS[data(e).to ?? (c.resolution as Resolution)];
    if (e.kind === "closed" || (e.kind === "stage" && e.stage === roundPath.at(-1))) closed = true;
    if (e.kind === "reopened") closed = false;
  }
  if (stage !== c.stage) fail("history", `case #${c.id} is at ${c.stage}, its events say ${stage}`);
  if (closed !== (c.outcome !== null))
    fail("history", `case #${c.id}'s outcome ${c.outcome}, its events say ${closed ? "closed" : "open"}`);
  if (c.outcome === null && c.closedOn !== null) fail("history", `open case #${c.id} has a closing date`);
  // Refunds are records (issue 24): the case's total is the sum of its refund events, open or closed.
  const refunds = refundEvents(c);
  const total = refunds.length === 0 ? null : refunds.reduce((sum, e) => sum + e.amountMinor!, 0);
  if (c.refundMinor !== total)
    fail("history", `case #${c.id}'s refunds ${c.refundMinor}, its refund events say ${total}`);
  if (c.outcome !== null && !OUTCOMES.includes(c.outcome as never))
    fail("history", `case #${c.id}: outcome ${c.outcome}`);
  if ((c.outcome === "refunded" || c.outcome === "partially-refunded") && c.refundMinor === null)
    fail("history", `case #${c.id} closed as ${c.outcome} with no amount`);
  if (c.refundTo !== null && c.refundMinor === null)
    fail("history", `case #${c.id} has a refund destination and no refund`);
  if (c.stage === path.at(-1) && c.outcome !== CLOSING_OUTCOME[c.resolution as keyof typeof CLOSING_OUTCOME])
    fail("history", `case #${c.id} is at its path's end (${c.stage}) with outcome ${c.outcome}`);
  const opened = c.events.find((e) => e.kind === "opened");
  if (c.stage !== "spotted" && opened?.onDate !== c.openedOn)
    fail("history", `case #${c.id}'s day 0 ${c.openedOn}, its opening event ${opened?.onDate}`);
}

/** Fields status and show must agree on for an open case. */
const JUDGED = [
  "stage",
  "openedOn",
  "day",
  "flag",
  "due",
  "reasons",
  "late",
  "lateUnit",
  "provisional",
  "returnWindowClosesAt",
];

/**
 * status --json, show --json and list --json agree on the open cases, and with the export: every
 * open case's show when `all`, else two of them in turn (show is a run a case).
 */
async function checkViews(w: World, m: Model, s: State, all: boolean): Promise<void> {
  const status = await json(w, m, ["status", "--json"], "views");
  const open = s.cases.filter((c) => c.outcome === null);
  same(
    "views",
    status.cases.map((c: any) => c.id).sort((a: number, b: number) => a - b),
    open.map((c) => c.id),
    "status's cases and the open ones",
  );
  const rows: any[] = status.cases;
  await checkTable(w, m, rows, status.summary);
  const picked = all ? rows : [rows[m.steps % rows.length], rows[(m.steps + 1) % rows.length]];
  for (const row of new Set(picked.filter(Boolean))) {
    const shown = await json(w, m, ["show", String(row.id), "--json"], "views");
    const pick = (o: any) => JUDGED.map((k) => o[k]);
    same("views", pick(shown), pick(row), `case #${row.id} in status and show (${JUDGED.join(", ")})`);
  }
  const list = await json(w, m, ["list", "--all", "--json"], "views");
  same(
    "views",
    list.map((c: any) => [c.id, c.stage, c.outcome]),
    s.cases.map((c) => [c.id, c.stage, c.outcome]),
    "list and the export",
  );
}

/**
 * status's table, which ranks and counts from the urgencies stored with the cases (issue 28), and
 * --json, which judges every case: the same most urgent cases in the same order, the same counts.
 */
async function checkTable(w: World, m: Model, rows: any[], summary: any): Promise<void> {
  if (rows.length === 0) return;
  const table = await w.run(["status", "--limit", "3"], m.now);
  if (table.code !== 0 && table.code !== 1) fail("views", `status exited ${table.code}: ${table.stderr.trim()}`);
  const ids = [...table.stdout.matchAll(/^│ #(\d+) /gm)].map((match) => Number(match[1]));
  same(
    "views",
    ids,
    rows.slice(0, 3).map((c) => c.id),
    "the most urgent cases in status's table and in --json",
  );
  const { overdue, action, dueSoon, onTrack } = summary;
  const counts =
    `${overdue + action + dueSoon + onTrack} open: ${overdue} overdue, ${action} need action, ${dueSoon} due soon, ` +
    `${onTrack} on track`;
  if (!table.stdout.includes(counts)) fail("views", `status's table does not say "${counts}": ${table.stdout}`);
}

/** --as-of a past day: no event dated after it, no case opened after it. */
async function checkAsOf(w: World, m: Model, s: State): Promise<void> {
  const day = addDays(today(m), -(1 + (m.steps % 17)));
  const status = await json(w, m, ["status", "--json", "--all", "--as-of", day], "as-of");
  for (const c of status.cases)
    if (c.openedOn !== null && c.openedOn > day)
      fail("as-of", `status --as-of ${day} shows case #${c.id} opened ${c.openedOn}`);
  const c = s.cases[m.steps % Math.max(1, s.cases.length)];
  if (c === undefined) return;
  const ran = await w.run(["show", String(c.id), "--json", "--as-of", day], m.now);
  if (ran.code === 2) return; // not opened yet on that day
  if (ran.code !== 0) fail("as-of", `show ${c.id} --as-of ${day} exited ${ran.code}: ${ran.stderr.trim()}`);
  for (const e of JSON.parse(ran.stdout).events)
    if (e.on > day) fail("as-of", `show ${c.id} --as-of ${day} lists a ${e.kind} event of ${e.on}`);
}

/** export json -> import into an empty database -> export: the same cases, withdrawals and settings; doctor healthy. */
async function checkRoundTrip(w: World, m: Model, s: State): Promise<void> {
  const doctor = await w.run(["doctor"], m.now);
  const problems = doctor.stdout.split("\n").filter((line) => line.startsWith("problem: "));
  const onlyImportedFiles =
    m.importedEvidence === true && problems.every((p) => / is missing from the evidence store; /.test(p));
  if (doctor.code !== 0 && !(doctor.code === 1 && problems.length > 0 && onlyImportedFiles))
    fail("doctor", `doctor exited ${doctor.code}: ${doctor.stdout}${doctor.stderr}`);
  if (s.cases.length === 0 && s.withdrawals.length === 0) return;
  const file = `${w.dir}/round-trip.json`;
  writeFileSync(file, s.exported);
  const other = `${w.scratch("round-trip")}/kakotrack.db`;
  const imported = await w.run(["import", file], m.now, other);
  if (imported.code !== 0)
    fail("round trip", `import into an empty database exited ${imported.code}: ${imported.stderr.trim()}`);
  const again = await w.run(["export"], m.now, other);
  same(
    "round trip",
    parseState(again.stdout).text,
    s.text,
    "the export and the export of its import into an empty database",
  );
}

/**
 * The invariants of the state after a step: histories, money and the views every step; when
 * `thorough`, show of every open case, --as-of, doctor and the round trip too.
 */
export async function checkState(w: World, m: Model, s: State, thorough: boolean): Promise<void> {
  for (const c of s.cases) checkHistory(c, today(m));
  await checkMoney(w, m, s);
  await checkViews(w, m, s, thorough);
  if (!thorough) return;
  await checkAsOf(w, m, s);
  await checkRoundTrip(w, m, s);
}
