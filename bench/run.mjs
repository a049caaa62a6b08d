// kakotrack's benchmark (docs/performance.md): builds databases of realistic cases and times
// whole `kakotrack` processes against bare `node -e 0`, alternating the two in one loop so
// both see the same machine, and beside them the peer, taskwarrior, when `task` is on the PATH.
// Usage: npm run bench [-- --sizes 1000,1000open --runs 15 --out FILE]; a size is a number of
// cases (today's mix, a fifth of them open) or, ending in `open`, a number of open cases.
// Exits 0 whatever the times are: only a failed setup is an error.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fillDatabase } from "./fill.mjs";
import { makePeer, peerFiles, peerVersion } from "./peer.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "kakotrack.js");
const MAXRSS = join(ROOT, "bench", "maxrss.cjs");
const JSON_FLOOR = join(ROOT, "bench", "json-floor.cjs");
const GNU_TIME = "/usr/bin/time";
const TODAY = "2026-11-20";
const WARMUPS = 2;
const MEMORY_RUNS = 3;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000,1000open,10000open" },
    runs: { type: "string", default: "15" },
    out: { type: "string" },
  },
});
/** `1000`: 1,000 cases of today's mix; `1000open`: as many cases of it as hold 1,000 open ones. */
const sizes = values.sizes.split(",").map((key) => {
  const [, n, open] = /^(\d+)(open)?$/.exec(key.trim()) ?? [];
  return { key: `${Number(n)}${open ?? ""}`, ...(open ? { open: Number(n) } : { cases: Number(n) }) };
});
const runs = Number(values.runs);
if (sizes.some((s) => !((s.open ?? s.cases) >= 1)) || !Number.isInteger(runs) || runs < 1) {
  console.error(
    "usage: node bench/run.mjs [--sizes 1000,10000,100000,1000open,10000open] [--runs 15] [--out results.json]",
  );
  process.exit(2);
}

// This sandbox sets NODE_EXTRA_CA_CERTS, which costs every Node 20 start ~55 ms that users do not pay.
const env = { ...process.env, KAKOTRACK_NOW: TODAY, NO_COLOR: "1" };
delete env.NODE_EXTRA_CA_CERTS;
const devNull = openSync("/dev/null", "w");

/** A command: node (kakotrack, bare node) by default, or `task` with the peer's environment. */
function run(args, db, file = process.execPath, childEnv = env) {
  const r = spawnSync(file, args, { env: { ...childEnv, KAKOTRACK_DB: db }, stdio: ["ignore", devNull, "pipe"] });
  const shown = `${file === process.execPath ? "node" : file} ${args.join(" ")}`;
  if (r.status !== 0) throw new Error(`\`${shown}\` exited ${r.status}: ${r.stderr}`);
}

function time(args, db, file, childEnv) {
  const started = process.hrtime.bigint();
  run(args, db, file, childEnv);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Peak resident memory (MB) over a few untimed runs. GNU time reads the child's rusage
 * from outside; without it the process reports its own at exit through maxrss.cjs.
 */
function peakMemory(c, db) {
  const file = join(tmpdir(), `kakotrack-rss-${process.pid}`);
  // maxrss.cjs is Node's: without GNU time the peer's memory is not known.
  if (c.file && !existsSync(GNU_TIME)) return null;
  let peakKiB = 0;
  for (let i = 0; i < MEMORY_RUNS; i++) {
    // Asked each run: add needs a new order number every time (it refuses a duplicate).
    const args = c.args();
    const [command, commandArgs] = existsSync(GNU_TIME)
      ? [GNU_TIME, ["-f", "%M", "-o", file, c.file ?? process.execPath, ...args]]
      : [process.execPath, ["--require", MAXRSS, ...args]];
    const r = spawnSync(command, commandArgs, {
      env: { ...(c.env ?? env), KAKOTRACK_DB: db, KAKOTRACK_BENCH_RSS_FILE: file },
      stdio: ["ignore", devNull, "pipe"],
    });
    if (r.status !== 0)
      throw new Error(`memory run of \`${c.file ?? "node"} ${args.join(" ")}\` exited ${r.status}: ${r.stderr}`);
    peakKiB = Math.max(peakKiB, Number(readFileSync(file, "utf8").trim().split("\n").pop()));
    rmSync(file, { force: true });
  }
  return peakKiB / 1024;
}

/** Nearest-rank quantile. */
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

let addSerial = 0;
/**
 * `add` and `show` run for a typical seller and for the busiest, whose memory is the longest.
 * With a peer, `task list` and `task export` too; `vs` names the peer command each is set beside.
 * `json floor` (bench/json-floor.cjs) is the floor under `status --json`: its reads and writes, no rule.
 */
function commands(typical, busiest, peer) {
  const add = (seller) => () => [
    BIN,
    "add",
    "--yes",
    "--order",
    `BENCH-${++addSerial}`,
    "--item",
    "grey hoodie",
    "--defect",
    "flaw",
    "--description",
    "stain on the left sleeve",
    "--resolution",
    "exchange",
    "--payment",
    "paypal",
    "--seller",
    seller,
  ];
  const peerCommands = peer
    ? [
        { name: "task list", file: "task", env: peer.env, args: () => ["list"] },
        { name: "task export", file: "task", env: peer.env, args: () => ["export"] },
      ]
    : [];
  return [
    { name: "status", args: () => [BIN, "status"], vs: "task list" },
    { name: "status --json", args: () => [BIN, "status", "--json"], vs: "task export" },
    // A reference, not kakotrack: the same cases read and written as that JSON with no rule applied.
    { name: "json floor", args: () => [JSON_FLOOR], vs: "task export" },
    { name: "status --limit 0", args: () => [BIN, "status", "--limit", "0"] },
    { name: "show", args: () => [BIN, "show", String(typical.showId)] },
    { name: "show (busiest)", args: () => [BIN, "show", String(busiest.showId)] },
    // A new order each run: the database grows by one case a run, as it would in use.
    { name: "add --yes", args: add(typical.seller) },
    { name: "add --yes (busiest)", args: add(busiest.seller) },
    { name: "--help", args: () => [BIN, "--help"] },
    ...peerCommands,
  ];
}

/**
 * The targets (issue 28), one row each: `size` is a size's key (every size when absent);
 * `node` a ratio to bare node, `peer` a ratio to the peer command beside it, `ms` and `mb`
 * limits on the median and the peak memory. `show` and `add --yes` cover both sellers.
 */
const TARGETS = [
  { command: "status", size: "1000", node: 1.4 },
  { command: "status", size: "10000", node: 2.0 },
  { command: "status", size: "100000", ms: 150, mb: 100 },
  { command: "status --limit 0", size: "100000", ms: 2000 },
  { command: "status --json", size: "1000", node: 1.5 },
  { command: "status --json", size: "10000", node: 3.0 },
  { command: "status", size: "1000open", peer: 1 },
  { command: "status", size: "10000open", peer: 1 },
  { command: "status --json", size: "1000open", node: 2.0 },
  { command: "status --json", size: "10000open", peer: 1 },
  { command: "show", node: 1.4 },
  { command: "add --yes", node: 1.4 },
  { command: "--help", node: 1.2 },
];

/** The goal text and verdict of a row; pass is null when the peer it is compared with is missing. */
function target(c, size, median, ratio, memory, vsPeer) {
  const goals = [];
  let pass = true;
  let unknown = false;
  for (const t of TARGETS) {
    const forCommand = c.name === t.command || c.name.startsWith(`${t.command} (`);
    if (!forCommand || (t.size !== undefined && t.size !== size.key)) continue;
    if (t.node !== undefined) goals.push(`<= ${t.node}x`), (pass &&= ratio <= t.node);
    if (t.ms !== undefined) goals.push(`< ${t.ms} ms`), (pass &&= median < t.ms);
    if (t.mb !== undefined) goals.push(`< ${t.mb} MB`), (pass &&= memory !== null && memory < t.mb);
    if (t.peer !== undefined) {
      goals.push(t.peer === 1 ? `< ${c.vs}` : `< ${t.peer}x ${c.vs}`);
      if (vsPeer === null) unknown = true;
      else pass &&= vsPeer < t.peer;
    }
  }
  return { goal: goals.join(", "), pass: unknown ? null : pass };
}

/** Builds the database and checks kakotrack accepts it before anything is timed. */
function prepare(db, size) {
  const started = process.hrtime.bigint();
  const { cases, open, typical, busiest } = fillDatabase(db, size, BIN, env, TODAY);
  // fill.mjs writes rows as the commands do but cannot work out their due days (src/store/urgency.ts):
  // doctor --fix does, as kakotrack's next change would (it exits 1 only for a problem it reports).
  const fixed = spawnSync(process.execPath, [BIN, "doctor", "--fix"], {
    env: { ...env, KAKOTRACK_DB: db },
    encoding: "utf8",
  });
  if (fixed.status !== 0)
    throw new Error(`doctor --fix on the generated database exited ${fixed.status}: ${fixed.stdout}${fixed.stderr}`);
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const r = spawnSync(process.execPath, [BIN, "status", "--json"], {
    env: { ...env, KAKOTRACK_DB: db },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`status --json on the generated database exited ${r.status}: ${r.stderr}`);
  let status;
  try {
    status = JSON.parse(r.stdout);
  } catch (error) {
    throw new Error(`status --json on the generated database printed no valid JSON: ${error.message}`);
  }
  if (status.cases?.length !== open) {
    throw new Error(`status --json shows ${status.cases?.length} open cases; the generator made ${open}`);
  }
  for (const { showId } of [typical, busiest]) run([BIN, "show", String(showId)], db);
  return { cases, open, typical, busiest, buildSeconds, summary: status.summary, openCases: status.cases };
}

const fmt = (n) => n.toLocaleString("en");

function measure(size) {
  const dir = mkdtempSync(join(tmpdir(), "kakotrack-bench-"));
  try {
    const db = join(dir, "kakotrack.db");
    const { cases, open, typical, busiest, buildSeconds, summary, openCases } = prepare(db, size);
    const megabytes = statSync(db).size / 2 ** 20;
    console.log(
      `${size.key}: ${fmt(cases)} cases (${fmt(open)} open: ${summary.overdue} overdue, ${summary.action} need ` +
        `action, ` +
        `${summary.dueSoon} due soon, ${summary.onTrack} on track), ${megabytes.toFixed(0)} MB, built in ` +
        `${buildSeconds.toFixed(1)} s`,
    );

    console.log(
      `  sellers: typical "${typical.seller}" (${typical.cases} cases, shows #${typical.showId}), ` +
        `busiest "${busiest.seller}" (${busiest.cases} cases, shows #${busiest.showId})`,
    );
    const peer = peerVersionText ? makePeer(dir, openCases, TODAY, env) : null;
    if (peer) {
      console.log(
        `  peer: ${fmt(peer.tasks)} pending tasks (${peer.overdue} overdue, ${peer.dueWeek} due within 7 days), ` +
          `imported in ${peer.importSeconds.toFixed(1)} s`,
      );
    }
    const list = commands(typical, busiest, peer);
    // taskwarrior must not rewrite its files in the timed runs (a gc, a first run's set-up):
    // that would time work a user's next `task list` does not do. Checked around both phases.
    const imported = peer && peerFiles(peer.data);
    for (const c of list) for (let w = 0; w < WARMUPS; w++) time(c.args(), db, c.file, c.env);
    const warmed = peer && peerFiles(peer.data);
    const times = new Map(list.map((c) => [c.name, { own: [], node: [] }]));
    for (let i = 0; i < runs; i++) {
      for (const c of list) {
        const t = times.get(c.name);
        t.node.push(time(["-e", "0"], db));
        t.own.push(time(c.args(), db, c.file, c.env));
      }
    }
    if (peer) {
      const changed = (a, b) => [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f));
      const inWarmUps = changed(imported, warmed);
      const inRuns = changed(warmed, peerFiles(peer.data));
      if (inWarmUps.length > 0) console.log(`  note: taskwarrior changed ${inWarmUps.join(", ")} in the warm-ups`);
      if (inRuns.length > 0)
        console.log(`  note: taskwarrior changed ${inRuns.join(", ")} in the timed runs: its times include that`);
    }
    // Bare Node's median over all its runs of the block, which every command's runs span: the
    // median of the 15 next to one command moved by up to 5 ms from command to command here.
    const nodeMedian = quantile(
      [...times.values()].flatMap((t) => t.node),
      0.5,
    );
    const medianOf = (name) => (times.has(name) ? quantile(times.get(name).own, 0.5) : null);
    const rows = list.map((c) => {
      const t = times.get(c.name);
      const median = quantile(t.own, 0.5);
      const ratio = median / nodeMedian;
      const peerMedian = c.vs ? medianOf(c.vs) : null;
      const vsPeer = peerMedian === null ? null : median / peerMedian;
      const memory = peakMemory(c, db);
      const { goal, pass } = target(c, size, median, ratio, memory, vsPeer);
      return {
        size: size.key,
        command: c.name,
        medianMs: +median.toFixed(1),
        p90Ms: +quantile(t.own, 0.9).toFixed(1),
        nodeMs: +nodeMedian.toFixed(1),
        ratio: +ratio.toFixed(2),
        vsPeer: vsPeer === null ? null : +vsPeer.toFixed(2),
        peakMB: memory === null ? null : +memory.toFixed(1),
        goal,
        pass,
      };
    });
    const pad = (v, n) => String(v).padEnd(n);
    console.log(
      `  ${pad("command", 22)}${pad("median ms", 11)}${pad("p90 ms", 9)}${pad("node ms", 9)}${pad("ratio", 8)}` +
        `${pad("vs peer", 9)}${pad("peak MB", 9)}target`,
    );
    for (const r of rows) {
      const verdict = r.goal === "" ? "" : `${r.goal} ${r.pass === null ? "(no peer)" : r.pass ? "PASS" : "MISS"}`;
      console.log(
        `  ${pad(r.command, 22)}${pad(r.medianMs, 11)}${pad(r.p90Ms, 9)}${pad(r.nodeMs, 9)}${pad(`${r.ratio}x`, 8)}` +
          `${pad(r.vsPeer === null ? "" : `${r.vsPeer}x`, 9)}${pad(r.peakMB ?? "-", 9)}${verdict}`,
      );
    }
    console.log("");
    return {
      size: size.key,
      cases,
      open,
      megabytes: +megabytes.toFixed(1),
      buildSeconds: +buildSeconds.toFixed(1),
      typical,
      busiest,
      peer: peer && { tasks: peer.tasks, overdue: peer.overdue, dueWeek: peer.dueWeek },
      rows,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const git = (...args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
const head = git("rev-parse", "--short", "HEAD");
// The figures belong to the code that ran: say so when it is not the commit's.
const dirty = git("status", "--porcelain", "--", "src", "scripts", "bin").stdout?.trim();
const peerVersionText = peerVersion(env);
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
  os: `${platform()} ${release()}`,
  node: process.version,
  date: new Date().toISOString(),
  commit: head.status === 0 ? `${head.stdout.trim()}${dirty ? " + uncommitted changes" : ""}` : "unknown",
  runs,
  memory: existsSync(GNU_TIME) ? "GNU time %M" : "process.resourceUsage().maxRSS at exit",
  peer: peerVersionText ? `taskwarrior ${peerVersionText}` : null,
};
console.log(`kakotrack bench: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}`);
console.log(`Node ${machine.node}, commit ${machine.commit}, ${machine.date}`);
console.log(
  `${runs} runs a command after ${WARMUPS} warm-ups, each next to a \`node -e 0\`; NODE_EXTRA_CA_CERTS unset; ` +
    `today = ${TODAY}`,
);
console.log(
  peerVersionText
    ? `Peer: taskwarrior ${peerVersionText}, one pending task per open case, timed in the same loop; ` +
        "vs peer: status against `task list`, status --json against `task export`.\n"
    : "Peer: skipped, `task` is not on the PATH (.ci/run installs Debian's taskwarrior).\n",
);

const results = [];
try {
  for (const size of sizes) results.push(measure(size));
} catch (error) {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
}
if (values.out) writeFileSync(values.out, `${JSON.stringify({ machine, results }, null, 2)}\n`);
