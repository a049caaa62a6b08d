import { fstatSync, statSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { dayFromParts } from "./domain/time/dates.js";
import { formatMoment, MINUTES_A_DAY, tryParseMoment } from "./domain/time/moments.js";
import { UsageError } from "./errors.js";

/** What the outside world gives a command. Nothing below this reads process or the clock. */
export interface Context {
  /** Today's local date (YYYY-MM-DD), or KAKOTRACK_NOW. */
  today: string;
  /**
   * Now as local YYYY-MM-DDTHH:MM (KAKOTRACK_NOW's time, 00:00 when it is a date alone): for the return window's hours.
   */
  now: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdin is a terminal: prompts are allowed. */
  interactive: boolean;
  /** stdout is a terminal: colour applies. */
  stdoutIsTTY: boolean;
  /** The widest a line may be: the terminal's width, else COLUMNS (also in a pipe); undefined: no limit. */
  columns: number | undefined;
  /** Local wall-clock time HH:MM:SS, for "recorded at" stamps. */
  clock: () => string;
  /** The instant as ISO 8601 UTC, for export stamps. */
  utcNow: () => string;
}

/**
 * Where stdout goes. A regular file or /dev/null (cron's usual redirections) is written
 * directly: no terminal can be behind it, and Node's stdout stream costs its stream modules
 * on every start (docs/performance.md). Pipes and terminals use the stream.
 */
export function stdoutIsPlainFile(): boolean {
  try {
    const st = fstatSync(1);
    if (st.isFile()) return true;
    return process.platform !== "win32" && st.isCharacterDevice() && st.rdev === statSync("/dev/null").rdev;
  } catch {
    return false; // closed or unusual: let the stream decide
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

/** Where a run writes text: Node's stdout or stderr stream, or a test's collector. */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * What the outside world hands a run (src/run.ts): the process's own streams from the process
 * boundary (src/main.ts), or a test's when it runs command lines in process.
 */
export interface Streams {
  stdout(): TextStream;
  stderr(): TextStream;
  /** stdout is the process's fd 1 and a regular file or /dev/null: written directly (`stdoutIsPlainFile`). */
  stdoutIsPlainFile(): boolean;
  /** stdin is a terminal: prompts are allowed. */
  stdinIsTTY(): boolean;
}

export function createContext(streams: Streams, env: NodeJS.ProcessEnv): Context {
  let now: string;
  if (env.KAKOTRACK_NOW) {
    const moment = tryParseMoment(env.KAKOTRACK_NOW);
    if (moment === undefined || env.KAKOTRACK_NOW.includes(" ")) {
      throw new UsageError(
        `KAKOTRACK_NOW: "${env.KAKOTRACK_NOW}" is not a valid date or time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM, ` +
          `e.g. 2026-11-22T09:30)`,
      );
    }
    now = formatMoment(moment);
  } else {
    const clock = new Date();
    const day = dayFromParts(clock.getFullYear(), clock.getMonth() + 1, clock.getDate());
    now = formatMoment(day * MINUTES_A_DAY + clock.getHours() * 60 + clock.getMinutes());
  }
  const today = now.slice(0, 10);
  const plainFile = streams.stdoutIsPlainFile();
  const stdoutIsTTY = !plainFile && Boolean(streams.stdout().isTTY);
  return {
    today,
    now,
    env,
    stdout: plainFile ? (text) => writeAll(1, text) : (text) => void streams.stdout().write(text),
    stderr: (text) => void streams.stderr().write(text),
    // A getter: creating the stdin stream costs start-up time, and only prompting commands ask.
    get interactive() {
      return streams.stdinIsTTY();
    },
    stdoutIsTTY,
    columns: outputWidth(stdoutIsTTY ? streams.stdout().columns : undefined, env.COLUMNS),
    clock: () => new Date().toTimeString().slice(0, 8),
    utcNow: () => new Date().toISOString(),
  };
}

/** The terminal's width when it has one, else a COLUMNS that is a whole number, else none (issue 18). */
export function outputWidth(terminal: number | undefined, columnsVariable: string | undefined): number | undefined {
  if (terminal !== undefined && terminal > 0) return terminal;
  if (columnsVariable !== undefined && /^[1-9][0-9]{0,4}$/.test(columnsVariable)) return Number(columnsVariable);
  return undefined;
}

/** --db, else KAKOTRACK_DB, else the platform data directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined) {
    if (flag === "") throw new UsageError("--db needs a file path (e.g. --db ~/kakotrack.db)");
    return flag;
  }
  if (env.KAKOTRACK_DB) return env.KAKOTRACK_DB;
  return join(defaultDataDir(env), "kakotrack.db");
}

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  switch (process.platform) {
    case "darwin":
      return join(home, "Library", "Application Support", "kakotrack");
    case "win32":
      return join(env.LOCALAPPDATA || join(home, "AppData", "Local"), "kakotrack");
    default:
      return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "kakotrack");
  }
}

export function colorEnabled(ctx: Context, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if ("NO_COLOR" in ctx.env && ctx.env.NO_COLOR !== "") return false;
  return ctx.stdoutIsTTY;
}
