import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { resolveDbPath } from "../context.js";
import { toTimeline } from "../domain/case/records.js";
import { evaluate, provisionalYearsOf } from "../domain/deadlines/evaluate.js";
import { toDay, yearOf } from "../domain/time/dates.js";
import { AttentionNeeded } from "../errors.js";
import { hint, unquoted } from "../hints.js";
import { checkStoredFile, evidenceDir } from "../store/evidence-files.js";
import { SCHEMA_VERSION } from "../store/migrations.js";
import { humanSize, storedCopyFix } from "../ui/evidence-view.js";
import { sanitize } from "../ui/sanitize.js";
import { withSession } from "./shared/session.js";
import { defineCommand, flag } from "./shared/spec.js";

/** Files that must be readable by the owner only: the database, its WAL and shared-memory files, the evidence store. */
function permissionProblems(dbPath: string): string[] {
  const problems: string[] = [];
  for (const [path, kind] of [
    [dbPath, "database"],
    [`${dbPath}-wal`, "WAL file"],
    [`${dbPath}-shm`, "shared-memory file"],
    [evidenceDir(dbPath), "evidence store"],
  ] as const) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      const fix = kind === "evidence store" ? "chmod -R go-rwx" : "chmod 600";
      problems.push(`${kind} ${path} is readable by others (mode ${mode.toString(8)}); run: ${fix} '${path}'`);
    }
  }
  return problems;
}

/**
 * The database and its folder as this user may use them: kakotrack reads a file it cannot write
 * (issue 26 item 6), but records nothing in it, so doctor says so with the fix.
 */
function writeProblems(dbPath: string): string[] {
  const problems: string[] = [];
  for (const [path, kind] of [
    [dbPath, "database"],
    [`${dbPath}-wal`, "WAL file"],
    [dirname(dbPath), "folder"],
  ] as const) {
    if (!existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      const { mode, uid } = statSync(path);
      problems.push(
        `not writable by you: ${kind} ${path} (mode ${(mode & 0o777).toString(8)}, owner uid ${uid}); kakotrack ` +
          `can read it but record nothing: run kakotrack as its owner, or give yourself write permission (chmod u+w ` +
          `'${path}' as the owner)`,
      );
    }
  }
  return problems;
}

/** Checks the database, its schema, the evidence store and permissions; exit 1 when something needs fixing. */
export const doctor = defineCommand({
  options: {
    fix: flag("--fix", "work the open cases' stored due days out again (when doctor says they differ)"),
  },
  examples: ["kakotrack doctor    # exit 0 when healthy, 1 when something needs fixing", "kakotrack doctor --fix"],
  async run(ctx, { globals, options }) {
    const path = resolveDbPath(globals.db, ctx.env);
    if (!existsSync(path)) {
      ctx.stdout(`No database at ${sanitize(path)} yet: the first ${hint.add()} creates it.\n`);
      return;
    }
    if (options.fix) {
      const count = await withSession(ctx, globals, "write", (session) => session.store.urgency.workOutAgain());
      ctx.stdout(`Worked out the due days of ${count} open case${count === 1 ? "" : "s"} again.\n`);
    }
    const problems = await withSession(ctx, globals, "read", (session) => {
      const { store, calendar } = session;
      const lines: string[] = [`database   ${sanitize(store.path)}`];
      const problems: string[] = [];
      const schema = store.readOnly
        ? `${store.schemaVersion}, newer than this kakotrack's ${SCHEMA_VERSION}: read-only here, upgrade kakotrack`
        : `${store.schemaVersion} (current)`;
      lines.push(`schema     ${schema}`);
      if (store.readOnly) problems.push("the database is from a newer kakotrack; upgrade kakotrack to change it");
      const health = store.health.problems();
      lines.push(`integrity  ${health.length === 0 ? "ok" : "PROBLEMS"}`);
      problems.push(
        ...health.map((h) => `${h} (restore a backup: ${unquoted(hint.backup())} copies are complete databases)`),
      );
      const differing = store.urgency.differing();
      if (differing > 0) {
        const what =
          differing === 1 ? "1 open case's stored due day differs" : `${differing} open cases' stored due days differ`;
        problems.push(
          `${what} from what the deadlines give (status ranks and counts by them); run: ` +
            unquoted(hint.doctor("--fix")),
        );
      }
      const counts = store.health.counts();
      lines.push(
        `contents   ${counts.cases} cases (${counts.open} open), ${counts.events} events, ${counts.evidence} ` +
          `evidence items`,
      );

      const files = store.health.evidenceFiles();
      const dir = evidenceDir(store.path);
      let missing = 0;
      let changed = 0;
      for (const file of files) {
        const state = checkStoredFile(store.path, file.sha256);
        if (state === "intact") continue;
        if (state === "missing") missing++;
        else changed++;
        const what = state === "missing" ? "missing from" : "changed in";
        problems.push(
          `evidence ${sanitize(file.name)} of case #${file.caseId} is ${what} the evidence store; ` +
            `${storedCopyFix(file.caseId, file.sha256, dir)}`,
        );
      }
      const unused = store.evidence.unused();
      const held = unused.filter((f) => f.heldForUndo).length;
      for (const f of unused) {
        if (f.heldForUndo) continue;
        const why = f.partial ? "left by an interrupted copy" : "used by no case (an attach or an undo cut short)";
        problems.push(
          `stored file ${sanitize(f.path)} (${humanSize(f.size)}) is ${why}; delete it: rm '${sanitize(f.path)}'`,
        );
      }
      const extra =
        `${unused.length - held} ` +
        `unused${held > 0 ? `, ${held} kept for undo (of removed cases or attaches)` : ""}`;
      lines.push(
        `evidence   ${files.length} files in ${sanitize(dir)}: ${files.length - missing - changed} intact, ` +
          `${missing} missing, ${changed} changed; ${extra}`,
      );

      const permissions = permissionProblems(store.path);
      const writes = writeProblems(store.path);
      const access = permissions.length === 0 ? "owner only" : "TOO OPEN";
      lines.push(`access     ${access}${writes.length === 0 ? "" : "; NOT WRITABLE by you"}`);
      problems.push(...writes, ...permissions);

      if (calendar.coverage !== null) {
        const year = yearOf(toDay(ctx.today));
        const source = calendar.yearSource(year);
        lines.push(
          `calendar   cn, official holidays ${calendar.coverage.from}-${calendar.coverage.to}; this year ${year}: ` +
            `${source}`,
        );
        // Warned as soon as a pending deadline is counted through a provisional year, even before that year begins.
        const provisional = new Set<number>();
        for (const row of store.cases.withSteps("open")) {
          const evaluation = evaluate(
            toTimeline(row, row.steps),
            ctx.today,
            session.calendarFor(row.agent),
            session.settings,
          );
          for (const y of provisionalYearsOf(row.openedOn, evaluation, ctx.today, calendar)) provisional.add(y);
        }
        if (provisional.size > 0) {
          const years = [...provisional].sort().join(", ");
          lines.push(
            `warning    open cases have deadlines counted on the provisional ${years} calendar (the official ` +
              `schedule is not published yet); load it with ${hint.calendar("import FILE")} when it is`,
          );
        }
      } else {
        lines.push("calendar   weekdays (Monday-Friday)");
      }
      ctx.stdout(`${lines.join("\n")}\n`);
      return problems;
    });
    if (problems.length === 0) {
      ctx.stdout("Healthy.\n");
      return;
    }
    for (const p of problems) ctx.stdout(`problem: ${p}\n`);
    throw new AttentionNeeded(`doctor found ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  },
});
