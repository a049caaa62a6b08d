import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { addArgs, type RunResult, sharedDatabase } from "./helpers.js";

// The hostile input catalogue (docs/reliability.md): every entry must be refused with exit 2,
// one line on stderr, no stack trace, and the database file unchanged byte for byte. Every entry
// runs in process (test/cli/hostile.test.ts), a sample of them as processes too
// (test/e2e/hostile.test.ts).

const BAD_DATES = [
  "2026-02-30",
  "+275760-09-13",
  "31/12/2026",
  "",
  "2026-13-01",
  "2026-1-5",
  "20261105",
  "2026-11-05T00:00",
];
const BAD_AMOUNTS = [
  "-0",
  "1e309",
  "0x10",
  "1,50",
  "9007199254740993",
  "¥12",
  "$5",
  "12.345",
  " 12",
  "NaN",
  "Infinity",
  "-5",
];
const BAD_IDS = ["0", "-1", "1e2", "12abc", "99999999999999999999", "", " 1", "1.0", "0x1", "#0", "9"];

export interface Entry {
  name: string;
  args: string[];
}

/** The catalogue by kind of input. */
function catalogue(): Record<string, Entry[]> {
  const groups: Record<string, Entry[]> = {};
  let group: Entry[] = [];
  const start = (name: string) => (group = groups[name] = []);
  const add = (name: string, args: string[]) => group.push({ name, args });
  start("dates given to writing commands");
  for (const d of BAD_DATES) {
    add(`add --date ${d}`, [...addArgs({ order: "X" }), "--date", d]);
    add(`advance --date ${d}`, ["advance", "1", "--date", d]);
    add(`refuse --date ${d}`, ["refuse", "1", "--date", d]);
    add(`escalate --date ${d}`, ["escalate", "1", "--date", d]);
    add(`close --date ${d}`, ["close", "1", "--outcome", "cancelled", "--date", d]);
    add(`note --date ${d}`, ["note", "1", "text", "--date", d]);
    add(`evidence --date ${d}`, ["evidence", "1", "https://example.com/a", "--date", d]);
    add(`edit --date ${d}`, ["edit", "1", "--date", d]);
  }
  add("advance --date in the future", ["advance", "1", "--date", "2026-11-21"]);
  add("advance --date before day 0", ["advance", "1", "--date", "2026-10-01"]);
  add("add --date in the future", [...addArgs({ order: "X" }), "--date", "2027-01-01"]);
  start("dates given to reading commands");
  for (const d of BAD_DATES) {
    for (const command of [["status"], ["show", "1"], ["message", "1"], ["stats"], ["export", "--format", "csv"]]) {
      add(`${command[0]} --as-of ${d}`, [...command, "--as-of", d]);
    }
  }
  start("amounts");
  for (const a of BAD_AMOUNTS) {
    add(`add --price ${a}`, [...addArgs({ order: "X" }), "--price", a]);
    add(`advance seller-offered --amount ${a}`, ["advance", "2", "seller-offered", "--amount", a]);
    add(`close --amount ${a}`, ["close", "3", "--outcome", "refunded", "--amount", a]);
    if (a !== "") add(`edit --price ${a}`, ["edit", "1", "--price", a]);
  }
  start("case ids given to show and the stage commands");
  for (const id of BAD_IDS) {
    for (const command of [["show"], ["advance"], ["refuse"], ["escalate"], ["close", "--outcome", "cancelled"]]) {
      add(`${command[0]} id ${JSON.stringify(id)}`, [command[0]!, id, ...command.slice(1)]);
    }
  }
  start("case ids given to message, edit, rm, note and evidence");
  for (const id of BAD_IDS) {
    for (const command of [
      ["message"],
      ["edit", "--item", "x"],
      ["rm", "--yes"],
      ["note", "text"],
      ["evidence", "https://example.com/a"],
    ]) {
      add(`${command[0]} id ${JSON.stringify(id)}`, [command[0]!, id, ...command.slice(1)]);
    }
  }
  start("text, choices, sizes and unknown words");
  for (const flag of ["order", "item", "description"]) add(`add --${flag} empty`, addArgs({ [flag]: " " }));
  add("note empty", ["note", "1", ""]);
  add("add --item over the limit", addArgs({ item: "x".repeat(501) }));
  add("add --description 120 kB", addArgs({ description: "y".repeat(120_000) }));
  add("note 120 kB", ["note", "1", "z".repeat(120_000)]);
  add("add --defect unknown", addArgs({ defect: "\u001b[31mred" }));
  add("add --currency unknown", addArgs({ currency: "XYZ" }));
  add("add --url not a link", addArgs({ url: "javascript:alert(1)" }));
  add("advance to a stage off the path", ["advance", "1", "refunded"]);
  add("advance unknown stage", ["advance", "1", "teleported"]);
  add("close unknown outcome", ["close", "1", "--outcome", "won"]);
  add("status --limit -1", ["status", "--limit", "-1"]);
  add("status --limit 1e3", ["status", "--limit", "1e3"]);
  add("config set due-soon 1e9", ["config", "set", "due-soon", "1e9"]);
  add("config set calendar moon", ["config", "set", "calendar", "moon"]);
  add("unknown command", ["frobnicate"]);
  add("unknown flag", ["status", "--frobnicate"]);
  add("10,000 arguments to status", ["status", ...Array.from({ length: 10_000 }, (_, i) => `arg${i}`)]);
  add("10,000 evidence links", [
    "evidence",
    "1",
    ...Array.from({ length: 10_000 }, (_, i) => `https://example.com/${i}`),
  ]);
  add("export --format pdf", ["export", "--format", "pdf"]);
  add("import missing file", ["import", "/nonexistent/file.json"]);
  add("--db empty", ["--db", "", "status"]);
  return groups;
}
export const CATALOGUE = catalogue();

/** The command an entry runs: its first word after the global options. */
const commandOf = (entry: Entry): string => (entry.args[0] === "--db" ? entry.args[2]! : entry.args[0]!);

/** Entries whose size is the point: they must cross a real exec (the kernel's argument limits). */
export const LARGE = new Set([
  "add --description 120 kB",
  "note 120 kB",
  "10,000 arguments to status",
  "10,000 evidence links",
]);

/**
 * What runs as processes of the built bin too: in each group one entry of every command, the
 * k-th command taking its k-th entry so the sample's bad values differ, and every large entry.
 */
function sample(entries: Entry[]): Entry[] {
  const byCommand = new Map<string, Entry[]>();
  for (const entry of entries) byCommand.set(commandOf(entry), [...(byCommand.get(commandOf(entry)) ?? []), entry]);
  const picked = [...byCommand.values()].map((own, k) => own[k % own.length]!);
  return entries.filter((entry) => picked.includes(entry) || LARGE.has(entry.name));
}
export const SAMPLE = Object.fromEntries(Object.entries(CATALOGUE).map(([group, entries]) => [group, sample(entries)]));

/** What a terminal would interpret: controls other than tab and newline, DEL, C1, bidi overrides. */
export const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The database file and its WAL: kakotrack exits without a checkpoint, so a commit would change only the WAL. */
export const digest = (path: string) => {
  const hash = createHash("sha256").update(readFileSync(path));
  if (existsSync(`${path}-wal`)) hash.update(readFileSync(`${path}-wal`));
  return hash.digest("hex");
};

/**
 * What is wrong with a refusal, or null: exit 2, one line on stderr, no stack trace, nothing a terminal would act on.
 */
export function badRefusal(r: RunResult): string | null {
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  if (r.code !== 2) return `exit ${r.code} (${r.stderr.trim()})`;
  if (lines.length !== 1) return `${lines.length} stderr lines`;
  if (/^\s+at /m.test(r.stderr) || !lines[0]!.startsWith("kakotrack: ")) return lines[0]!;
  if (TERMINAL_UNSAFE.test(lines[0]!)) return "raw control characters in the error";
  return null;
}

/** Files under `dir` this process holds open (Linux's /proc; elsewhere none can be seen). */
export function openFilesUnder(dir: string): string[] {
  if (!existsSync("/proc/self/fd")) return [];
  const paths = readdirSync("/proc/self/fd").map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return ""; // the fd readdir itself used, closed since
    }
  });
  return paths.filter((path) => path.startsWith(realpathSync(dir)));
}

/** The database the catalogue runs against (three cases at different stages), built once a test file. */
export const hostileDatabase = () =>
  sharedDatabase(async (s) => {
    await s.okHere(addArgs({ order: "KB-1", date: "2026-11-02" }));
    await s.okHere(addArgs({ order: "KB-2", resolution: "partial-refund", date: "2026-11-02" }));
    await s.okHere(["advance", "2", "agent-reviewed", "--date", "2026-11-03"]);
    await s.okHere(addArgs({ order: "KB-3", resolution: "refund", date: "2026-11-02" }));
  }, "2026-11-20");
