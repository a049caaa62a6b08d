// kakotrack's benchmark (docs/performance.md): builds databases of realistic cases and times
// whole `kakotrack` processes against bare `node -e 0`, alternating the two in one loop so
// both see the same machine. Usage: npm run bench [-- --sizes 1000,10000 --runs 15 --out FILE]
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fillDatabase } from "./fill.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "kakotrack.js");
const MAXRSS = join(ROOT, "bench", "maxrss.cjs");
const TODAY = "2026-11-20";

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

function time(args, db) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...env, KAKOTRACK_DB: db }, stdio: ["ignore", devNull, "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Peak resident memory (MB) of one run, reported by the process itself at exit (an untimed run). */
function peakMemory(args, db) {
  const file = join(tmpdir(), `kakotrack-rss-${process.pid}`);
  const r = spawnSync(process.execPath, ["--require", MAXRSS, ...args], {
    env: { ...env, KAKOTRACK_DB: db, KAKOTRACK_BENCH_RSS_FILE: file },
    stdio: ["ignore", devNull, "pipe"],
  });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const kb = Number(readFileSync(file, "utf8"));
  rmSync(file, { force: true });
  return kb / 1024;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

let addSerial = 0;
function commands(openId) {
  return [
    { name: "status", args: () => [BIN, "status"] },
    { name: "status --json", args: () => [BIN, "status", "--json"] },
    { name: "status --limit 0", args: () => [BIN, "status", "--limit", "0"] },
    { name: "show", args: () => [BIN, "show", String(openId)] },
    {
      name: "add --yes",
      args: () => [BIN, "add", "--yes", "--order", `BENCH-${++addSerial}`, "--item", "bench hoodie", "--defect", "flaw",
        "--description", "stain", "--resolution", "exchange", "--payment", "paypal", "--seller", "Bench Store"],
    },
    { name: "--help", args: () => [BIN, "--help"] },
  ];
}

/** The issue's targets: ratio to bare node, or absolute limits at 100,000 cases. */
function target(name, size, median, ratio, memory) {
  if (name === "status" && size <= 1000) return { goal: "<= 1.5x", pass: ratio <= 1.5 };
  if (name === "status" && size <= 10000) return { goal: "<= 2.5x", pass: ratio <= 2.5 };
  if (name === "status") return { goal: "< 1000 ms, < 300 MB", pass: median < 1000 && memory < 300 };
  if (name === "status --limit 0" && size >= 100000) return { goal: "< 2000 ms", pass: median < 2000 };
  if (name === "add --yes" || name === "show") return { goal: "<= 1.5x", pass: ratio <= 1.5 };
  if (name === "--help") return { goal: "<= 1.3x", pass: ratio <= 1.3 };
  return { goal: "", pass: true };
}

const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout?.trim() || "unknown";
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  date: new Date().toISOString(),
  commit,
  runs,
};
console.log(`kakotrack bench: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}`);
console.log(`Node ${machine.node}, commit ${commit}, ${machine.date}, ${runs} runs each, NODE_EXTRA_CA_CERTS unset`);
console.log("Peer: taskwarrior 2.6 lists 1,000 tasks in about 69 ms and 10,000 in about 714 ms.\n");

const results = [];
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), "kakotrack-bench-"));
  try {
    const db = join(dir, "kakotrack.db");
    const started = Date.now();
    const { openId, open } = fillDatabase(db, size, BIN, env, TODAY);
    const fillSeconds = (Date.now() - started) / 1000;
    const status = JSON.parse(spawnSync(process.execPath, [BIN, "status", "--json"], { env: { ...env, KAKOTRACK_DB: db }, encoding: "utf8", maxBuffer: 1 << 30 }).stdout);
    if (status.cases.length !== open) throw new Error(`status --json shows ${status.cases.length} open cases, expected ${open}`);
    console.log(`${size.toLocaleString("en")} cases (${open.toLocaleString("en")} open), built in ${fillSeconds.toFixed(1)} s`);

    const list = commands(openId);
    const times = new Map(list.map((c) => [c.name, { own: [], node: [] }]));
    for (const c of list) for (let w = 0; w < 2; w++) time(c.args(), db); // warm the file cache
    for (let run = 0; run < runs; run++) {
      for (const c of list) {
        const t = times.get(c.name);
        t.node.push(time(["-e", "0"], db));
        t.own.push(time(c.args(), db));
      }
    }
    const rows = list.map((c) => {
      const t = times.get(c.name);
      const median = quantile(t.own, 0.5);
      const nodeMedian = quantile(t.node, 0.5);
      const ratio = median / nodeMedian;
      const memory = peakMemory(c.args(), db);
      const { goal, pass } = target(c.name, size, median, ratio, memory);
      return { size, command: c.name, medianMs: +median.toFixed(1), p90Ms: +quantile(t.own, 0.9).toFixed(1),
        nodeMs: +nodeMedian.toFixed(1), ratio: +ratio.toFixed(2), peakMB: +memory.toFixed(1), goal, pass };
    });
    const pad = (v, n) => String(v).padEnd(n);
    console.log(`  ${pad("command", 18)}${pad("median ms", 11)}${pad("p90 ms", 9)}${pad("node ms", 9)}${pad("ratio", 7)}${pad("peak MB", 9)}target`);
    for (const r of rows) {
      const verdict = r.goal === "" ? "" : `${r.goal} ${r.pass ? "PASS" : "MISS"}`;
      console.log(`  ${pad(r.command, 18)}${pad(r.medianMs, 11)}${pad(r.p90Ms, 9)}${pad(r.nodeMs, 9)}${pad(`${r.ratio}x`, 7)}${pad(r.peakMB, 9)}${verdict}`);
    }
    console.log("");
    results.push(...rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (values.out) writeFileSync(values.out, `${JSON.stringify({ machine, results }, null, 2)}\n`);
