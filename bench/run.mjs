// kakotrack's benchmark (docs/performance.md): builds databases of realistic cases and times
// whole `kakotrack` processes against bare `node -e 0`, alternating the two in one loop so
// both see the same machine. Usage: npm run bench [-- --sizes 1000,10000 --runs 15 --out FILE]
// Exits 0 whatever the times are: only a failed setup is an error.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fillDatabase } from "./fill.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "kakotrack.js");
const MAXRSS = join(ROOT, "bench", "maxrss.cjs");
const GNU_TIME = "/usr/bin/time";
const TODAY = "2026-11-20";
const WARMUPS = 2;
const MEMORY_RUNS = 3;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    runs: { type: "string", default: "15" },
    out: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node bench/run.mjs [--sizes 1000,10000,100000] [--runs 15] [--out results.json]");
  process.exit(2);
}

// This sandbox sets NODE_EXTRA_CA_CERTS, which costs every Node 20 start ~55 ms that users do not pay.
const env = { ...process.env, KAKOTRACK_NOW: TODAY, NO_COLOR: "1" };
delete env.NODE_EXTRA_CA_CERTS;
const devNull = openSync("/dev/null", "w");

function run(args, db) {
  const r = spawnSync(process.execPath, args, {
    env: { ...env, KAKOTRACK_DB: db },
    stdio: ["ignore", devNull, "pipe"],
  });
  if (r.status !== 0) throw new Error(`\`node ${args.join(" ")}\` exited ${r.status}: ${r.stderr}`);
}

function time(args, db) {
  const started = process.hrtime.bigint();
  run(args, db);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Peak resident memory (MB) over a few untimed runs. GNU time reads the child's rusage
 * from outside; without it the process reports its own at exit through maxrss.cjs.
 */
function peakMemory(argsOf, db) {
  const file = join(tmpdir(), `kakotrack-rss-${process.pid}`);
  let peakKiB = 0;
  for (let i = 0; i < MEMORY_RUNS; i++) {
    // Asked each run: add needs a new order number every time (it refuses a duplicate).
    const args = argsOf();
    const [command, commandArgs] = existsSync(GNU_TIME)
      ? [GNU_TIME, ["-f", "%M", "-o", file, process.execPath, ...args]]
      : [process.execPath, ["--require", MAXRSS, ...args]];
    const r = spawnSync(command, commandArgs, {
      env: { ...env, KAKOTRACK_DB: db, KAKOTRACK_BENCH_RSS_FILE: file },
      stdio: ["ignore", devNull, "pipe"],
    });
    if (r.status !== 0) throw new Error(`memory run of \`node ${args.join(" ")}\` exited ${r.status}: ${r.stderr}`);
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
/** `add` and `show` run for a typical seller and for the busiest, whose memory is the longest. */
function commands(typical, busiest) {
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
  return [
    { name: "status", args: () => [BIN, "status"] },
    { name: "status --json", args: () => [BIN, "status", "--json"] },
    { name: "status --limit 0", args: () => [BIN, "status", "--limit", "0"] },
    { name: "show", args: () => [BIN, "show", String(typical.showId)] },
    { name: "show (busiest)", args: () => [BIN, "show", String(busiest.showId)] },
    // A new order each run: the database grows by one case a run, as it would in use.
    { name: "add --yes", args: add(typical.seller) },
    { name: "add --yes (busiest)", args: add(busiest.seller) },
    { name: "--help", args: () => [BIN, "--help"] },
  ];
}

/** The targets: ratios to bare node in the same run, or absolute limits at 100,000 cases. */
function target(name, size, median, ratio, memory) {
  if (name === "status" && size === 1000) return { goal: "<= 1.5x", pass: ratio <= 1.5 };
  if (name === "status" && size === 10000) return { goal: "<= 2.5x", pass: ratio <= 2.5 };
  if (name === "status" && size === 100000) return { goal: "< 1000 ms, < 300 MB", pass: median < 1000 && memory < 300 };
  if (name === "status --limit 0" && size === 100000) return { goal: "< 2000 ms", pass: median < 2000 };
  if (name.startsWith("add --yes") || name.startsWith("show")) return { goal: "<= 1.5x", pass: ratio <= 1.5 };
  if (name === "--help") return { goal: "<= 1.3x", pass: ratio <= 1.3 };
  return { goal: "", pass: true };
}

/** Builds the database and checks kakotrack accepts it before anything is timed. */
function prepare(db, size) {
  const started = process.hrtime.bigint();
  const { open, typical, busiest } = fillDatabase(db, size, BIN, env, TODAY);
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
  return { open, typical, busiest, buildSeconds, summary: status.summary };
}

function measure(size) {
  const dir = mkdtempSync(join(tmpdir(), "kakotrack-bench-"));
  try {
    const db = join(dir, "kakotrack.db");
    const { open, typical, busiest, buildSeconds, summary } = prepare(db, size);
    const megabytes = statSync(db).size / 2 ** 20;
    console.log(
      `${size.toLocaleString("en")} cases (${open.toLocaleString("en")} open: ${summary.overdue} overdue, ${summary.action} need action, ` +
        `${summary.dueSoon} due soon, ${summary.onTrack} on track), ${megabytes.toFixed(0)} MB, built in ${buildSeconds.toFixed(1)} s`,
    );

    console.log(
      `  sellers: typical "${typical.seller}" (${typical.cases} cases, shows #${typical.showId}), ` +
        `busiest "${busiest.seller}" (${busiest.cases} cases, shows #${busiest.showId})`,
    );
    const list = commands(typical, busiest);
    for (const c of list) for (let w = 0; w < WARMUPS; w++) time(c.args(), db);
    const times = new Map(list.map((c) => [c.name, { own: [], node: [] }]));
    for (let i = 0; i < runs; i++) {
      for (const c of list) {
        const t = times.get(c.name);
        t.node.push(time(["-e", "0"], db));
        t.own.push(time(c.args(), db));
      }
    }
    // Bare Node's median over all its runs of the block, which every command's runs span: the
    // median of the 15 next to one command moved by up to 5 ms from command to command here.
    const nodeMedian = quantile(
      [...times.values()].flatMap((t) => t.node),
      0.5,
    );
    const rows = list.map((c) => {
      const t = times.get(c.name);
      const median = quantile(t.own, 0.5);
      const ratio = median / nodeMedian;
      const memory = peakMemory(c.args, db);
      const { goal, pass } = target(c.name, size, median, ratio, memory);
      return {
        size,
        command: c.name,
        medianMs: +median.toFixed(1),
        p90Ms: +quantile(t.own, 0.9).toFixed(1),
        nodeMs: +nodeMedian.toFixed(1),
        ratio: +ratio.toFixed(2),
        peakMB: +memory.toFixed(1),
        goal,
        pass,
      };
    });
    const pad = (v, n) => String(v).padEnd(n);
    console.log(
      `  ${pad("command", 22)}${pad("median ms", 11)}${pad("p90 ms", 9)}${pad("node ms", 9)}${pad("ratio", 8)}${pad("peak MB", 9)}target`,
    );
    for (const r of rows) {
      const verdict = r.goal === "" ? "" : `${r.goal} ${r.pass ? "PASS" : "MISS"}`;
      console.log(
        `  ${pad(r.command, 22)}${pad(r.medianMs, 11)}${pad(r.p90Ms, 9)}${pad(r.nodeMs, 9)}${pad(`${r.ratio}x`, 8)}${pad(r.peakMB, 9)}${verdict}`,
      );
    }
    console.log("");
    return {
      size,
      open,
      megabytes: +megabytes.toFixed(1),
      buildSeconds: +buildSeconds.toFixed(1),
      typical,
      busiest,
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
};
console.log(`kakotrack bench: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}`);
console.log(`Node ${machine.node}, commit ${machine.commit}, ${machine.date}`);
console.log(
  `${runs} runs a command after ${WARMUPS} warm-ups, each next to a \`node -e 0\`; NODE_EXTRA_CA_CERTS unset; today = ${TODAY}`,
);
console.log("Peer: taskwarrior 2.6 lists 1,000 tasks in about 69 ms and 10,000 in about 714 ms.\n");

const results = [];
try {
  for (const size of sizes) results.push(measure(size));
} catch (error) {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
}
if (values.out) writeFileSync(values.out, `${JSON.stringify({ machine, results }, null, 2)}\n`);
