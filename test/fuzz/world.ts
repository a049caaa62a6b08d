import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqlite } from "../../src/store/open.js";
import { type RunResult, runInProcess } from "../in-process.js";

/** One command line's result, run in process through src/run.ts. */
export type Ran = RunResult;

/**
 * Where the databases go: memory (/dev/shm) where there is one. The fuzz checks what commands
 * do, not durability (the crash tests do), and SQLite's fsync of every commit took most of a step.
 */
function scratchRoot(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

/** Quoted for sh: what the replay script prints. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The real thing a fuzz run drives: a temporary folder with one database, command lines run in
 * this process (`runCli`, the boundary src/main.ts runs once a process), and the script of every
 * step so far, which replays the run with the built kakotrack (`sh script`).
 */
export class World {
  readonly dir = mkdtempSync(join(scratchRoot(), "kakotrack-fuzz-"));
  readonly db = join(this.dir, "kakotrack.db");
  /** The replay script's lines: the files the steps read, and each step's command line. */
  readonly script: string[] = [];

  /** Runs one command line against `db` (or another database) on `now`, without recording it. */
  run(args: readonly string[], now: string, db = this.db): Promise<Ran> {
    const env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      TZ: "UTC",
      NO_COLOR: "1",
      KAKOTRACK_DB: db,
      KAKOTRACK_NOW: now,
    };
    return runInProcess(args, env);
  }

  /** A step: run and recorded in the script, paths inside the folder written relative to it. */
  async step(args: readonly string[], now: string): Promise<Ran> {
    const words = args.map((a) =>
      a.startsWith(`${this.dir}/`) ? `"$DIR"/${shellQuote(a.slice(this.dir.length + 1))}` : shellQuote(a),
    );
    this.script.push(`KAKOTRACK_NOW=${now} kakotrack ${words.join(" ")}`);
    return this.run(args, now);
  }

  /** A file a later step reads (an evidence file, a holiday file), written into the script too. */
  file(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    this.script.push(`cat > "$DIR"/${shellQuote(name)} <<'KAKOTRACK_FUZZ_EOF'\n${content}\nKAKOTRACK_FUZZ_EOF`);
    return path;
  }

  /** A fresh folder inside this one (another database for the import round trip); `recorded`: a step's, in the script too. */
  scratch(name: string, recorded = false): string {
    const path = join(this.dir, name);
    rmSync(path, { recursive: true, force: true });
    mkdirSync(path);
    if (recorded) this.script.push(`rm -rf "$DIR"/${shellQuote(name)}; mkdir "$DIR"/${shellQuote(name)}`);
    return path;
  }

  /** The newest undo journal entry's id (0: none): which steps journalled a change. */
  journalHead(): number {
    let db: ReturnType<typeof openSqlite> | undefined;
    try {
      db = openSqlite(this.db, { readonly: true, fileMustExist: true });
      return (db.prepare("SELECT coalesce(max(id), 0) AS id FROM changes").get() as { id: number }).id;
    } catch {
      return 0; // no database yet
    } finally {
      db?.close();
    }
  }

  /** The script that replays the steps so far with the built kakotrack, as a developer would run it. */
  replayScript(header: string[]): string {
    return [
      "#!/bin/sh",
      ...header.map((line) => `# ${line}`),
      "# Replays the steps with the built kakotrack: `sh THIS-FILE` in the checkout (KAKOTRACK_BIN: another bin).",
      '[ -n "$KAKOTRACK_BIN" ] || KAKOTRACK_BIN=bin/kakotrack.js',
      'kakotrack() { node "$KAKOTRACK_BIN" "$@"; echo "(exit $?)"; }',
      "set -v",
      'DIR=$(mktemp -d); export KAKOTRACK_DB="$DIR/kakotrack.db" TZ=UTC NO_COLOR=1',
      ...this.script,
      "",
    ].join("\n");
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
