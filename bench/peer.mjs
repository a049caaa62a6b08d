// The benchmark's peer: taskwarrior 2.6 (Debian's `taskwarrior`, which .ci/run installs), given
// one pending task for each open case kakotrack's `status --json` lists, in a TASKDATA and TASKRC
// of its own in the bench's temporary folder. docs/performance.md says how it is measured.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DAY = 86400000;

/** taskwarrior's version, or null when `task` is not on the PATH (or does not run). */
export function peerVersion(env) {
  const r = spawnSync("task", ["--version"], { env, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** `2026-11-20` moved by `shiftMs`, in taskwarrior's date format (UTC midnight). */
const taskDate = (date, shiftMs) =>
  `${new Date(Date.parse(`${date}T00:00:00Z`) + shiftMs).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;

/**
 * Writes the peer's taskrc and imports one pending task per open case: the item as the
 * description (the same text, so the same lengths), the agent as the project, the case's due
 * day as the due date and its opening day as the entry date. taskwarrior's today is the clock's,
 * kakotrack's the bench's TODAY: every date is moved by the days between the two, so the tasks
 * are as overdue or due soon as the cases. Returns the environment to run `task` in and the mix.
 */
export function makePeer(dir, cases, today, env) {
  const data = join(dir, "taskdata");
  const rc = join(dir, "taskrc");
  mkdirSync(data);
  // news.version: 2.6 otherwise adds "Recently upgraded to 2.6.0" to every report until `task
  // news` is run. Colour off as for kakotrack (NO_COLOR); hooks off: the folder is new anyway.
  // gc, verbosity, width and locking stay at their defaults, as a user has them; gc has nothing
  // to collect in a list of pending tasks and rewrites no file (run.mjs checks that).
  writeFileSync(rc, `data.location=${data}\nconfirmation=off\nhooks=off\ncolor=off\nnews.version=2.6.0\n`);
  const peerEnv = { ...env, TASKRC: rc, TASKDATA: data, TZ: "UTC" };

  const now = Date.now();
  const shiftMs = Date.parse(new Date(now).toISOString().slice(0, 10)) - Date.parse(today);
  const tasks = cases.map((c) => ({
    status: "pending",
    description: c.item,
    project: c.agent,
    // A spotted case (not yet requested) has no opening day: entered today.
    entry: taskDate(c.openedOn ?? today, shiftMs),
    ...(c.due ? { due: taskDate(c.due, shiftMs) } : {}),
  }));
  const file = join(dir, "tasks.json");
  writeFileSync(file, JSON.stringify(tasks));
  const started = process.hrtime.bigint();
  const r = spawnSync("task", ["import", file], { env: peerEnv, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`task import exited ${r.status}: ${r.stderr.trim()}`);
  const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  // taskwarrior's own words (due=7 in taskrc(5)): overdue before now, "due" within 7 days.
  const dues = tasks.filter((t) => t.due).map((t) => Date.parse(t.due.replace(/^(\d{4})(\d\d)(\d\d)T.*$/, "$1-$2-$3")));
  return {
    env: peerEnv,
    data,
    tasks: tasks.length,
    overdue: dues.filter((d) => d < now).length,
    dueWeek: dues.filter((d) => d >= now && d < now + 7 * DAY).length,
    importSeconds,
  };
}

/** Size and modification time of each file in TASKDATA: a timed run must not change them. */
export function peerFiles(data) {
  return new Map(
    readdirSync(data).map((name) => {
      const s = statSync(join(data, name));
      return [name, `${s.size} ${s.mtimeMs}`];
    }),
  );
}
