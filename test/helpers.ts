import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { expect, onTestFinished } from "vitest";
import { MIGRATIONS } from "../src/store/migrations.js";
import { APPLICATION_ID, openSqlite } from "../src/store/open.js";
import type { RunResult } from "./in-process.js";

/** The checkout: bin/, dist/ (built by `npm test` first) and node_modules/. */
const ROOT = resolve(import.meta.dirname, "..");
export const BIN = join(ROOT, "bin", "kakotrack.js");

export type { RunResult };

type RunOptions = { now?: string; env?: Record<string, string | undefined>; input?: string };

export interface TimedResult extends RunResult {
  /** Ended by the SIGKILL that `killAfter` asked for (code is then -1). */
  killed: boolean;
  /** From spawn to exit. */
  ms: number;
}

export interface Sandbox {
  dir: string;
  db: string;
  /** The environment run() gives a process (`childEnv` on this sandbox), for a test that spawns one itself. */
  env(options?: { now?: string; env?: Record<string, string | undefined> }): NodeJS.ProcessEnv;
  /** Runs the built bin as a user would: KAKOTRACK_DB, KAKOTRACK_NOW, TZ=UTC, NO_COLOR=1, no terminal. */
  run(args: string[], options?: RunOptions): RunResult;
  /**
   * run() without blocking the test worker, for tests that run many processes: a worker that
   * does not answer vitest for 60 s fails the run ("Timeout calling onTaskUpdate").
   */
  runAsync(args: string[], options?: RunOptions & { killAfter?: number }): Promise<TimedResult>;
  /** run() that must exit 0; returns stdout. */
  ok(args: string[], options?: { now?: string; env?: Record<string, string | undefined> }): string;
  /** ok() through runAsync(). */
  okAsync(args: string[], options?: { now?: string; env?: Record<string, string | undefined> }): Promise<string>;
  /** run(..., --json) parsed. */
  json<T = any>(args: string[], options?: { now?: string }): T;
  /**
   * The command line run inside this test worker through src/run.ts (`runCli`), with run()'s
   * environment, no terminal and no stdin: a few milliseconds where a process costs 70-100 ms
   * of CPU. For the steps a test starts from, for reading back what the database holds, and for
   * long catalogues (a sample of which also runs as processes); the command lines a test is
   * about run as processes of the built bin. Paths must be absolute (the working directory is
   * the worker's).
   */
  runHere(args: string[], options?: Omit<RunOptions, "input">): Promise<RunResult>;
  /** runHere() that must exit 0; returns stdout. */
  okHere(args: string[], options?: Omit<RunOptions, "input">): Promise<string>;
  /** runHere(..., --json) parsed: to read back what the database holds. */
  jsonHere<T = any>(args: string[], options?: { now?: string }): Promise<T>;
}

/**
 * A temporary folder for one test, removed when the test ends (vitest's onTestFinished): the one
 * way tests make folders. Call it inside a test: test files share a worker's modules
 * (vitest.config.ts), so a hook registered once would serve only the first file.
 */
export function tempDir(prefix = "kakotrack-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The environment of a kakotrack process in a test, as docs/design.md section 6 asks: PATH, HOME
 * (the test's folder), TZ=UTC, NO_COLOR=1, KAKOTRACK_DB and KAKOTRACK_NOW, then `env` over them;
 * a variable given as undefined is left out. Nothing else of the test runner's own environment
 * (NODE_EXTRA_CA_CERTS, say) reaches the child. Every kakotrack process a test starts gets it from here.
 */
export function childEnv(
  place: { home: string; db: string; now: string },
  env: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const all: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: place.home,
    TZ: "UTC",
    NO_COLOR: "1",
    KAKOTRACK_DB: place.db,
    KAKOTRACK_NOW: place.now,
    ...env,
  };
  for (const key of Object.keys(all)) if (all[key] === undefined) delete all[key];
  return all as NodeJS.ProcessEnv;
}

/** A temporary directory and database for one test, removed after it (`tempDir`). Call it inside a test. */
export function sandbox(defaultNow = "2026-11-02"): Sandbox {
  const dir = tempDir();
  const db = join(dir, "kakotrack.db");
  const env: Sandbox["env"] = (options = {}) =>
    childEnv({ home: dir, db, now: options.now ?? defaultNow }, options.env);
  const spawnOptions = (options: RunOptions) => ({ env: env(options), cwd: dir });
  const run: Sandbox["run"] = (args, options = {}) => {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      ...spawnOptions(options),
      input: options.input ?? "",
      encoding: "utf8",
    });
    return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const runAsync: Sandbox["runAsync"] = (args, options = {}) =>
    new Promise((done, fail) => {
      const started = performance.now();
      const child = spawn(process.execPath, [BIN, ...args], spawnOptions(options));
      let [stdout, stderr] = ["", ""];
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      // A killed child may not have read its stdin: that is no error here.
      child.stdin.on("error", () => {});
      const timer =
        options.killAfter === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.killAfter);
      child.on("error", fail);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        done({ code: code ?? -1, stdout, stderr, killed: signal === "SIGKILL", ms: performance.now() - started });
      });
      child.stdin.end(options.input ?? "");
    });
  const succeeded = (args: string[], r: RunResult): string => {
    if (r.code !== 0)
      throw new Error(`kakotrack ${args.join(" ")} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  };
  const ok: Sandbox["ok"] = (args, options) => succeeded(args, run(args, options));
  const okAsync: Sandbox["okAsync"] = async (args, options) => succeeded(args, await runAsync(args, options));
  const json: Sandbox["json"] = (args, options) => JSON.parse(ok(args, options));
  const runHere: Sandbox["runHere"] = async (args, options = {}) => {
    // Loaded on first use: most test files never run a command line in process.
    const { runInProcess } = await import("./in-process.js");
    return runInProcess(args, spawnOptions(options).env);
  };
  const okHere: Sandbox["okHere"] = async (args, options) => succeeded(args, await runHere(args, options));
  const jsonHere: Sandbox["jsonHere"] = async (args, options) => JSON.parse(await okHere(args, options));
  return { dir, db, env, run, runAsync, ok, okAsync, json, runHere, okHere, jsonHere };
}

/** A folder's files, kept in memory with their modes: `keepFiles` reads them, `putFiles` writes them back. */
type KeptFiles = Array<{ path: string; mode: number; content?: Buffer }>;

function keepFiles(root: string): KeptFiles {
  if (!existsSync(root)) return [];
  const kept: KeptFiles = [{ path: "", mode: statSync(root).mode & 0o777 }];
  for (const path of readdirSync(root, { recursive: true, encoding: "utf8" }).sort()) {
    const stat = statSync(join(root, path));
    kept.push({ path, mode: stat.mode & 0o777, content: stat.isFile() ? readFileSync(join(root, path)) : undefined });
  }
  return kept;
}

function putFiles(root: string, kept: KeptFiles): void {
  for (const { path, mode, content } of kept) {
    const target = join(root, path);
    if (content === undefined) mkdirSync(target, { recursive: true });
    else writeFileSync(target, content);
    chmodSync(target, mode);
  }
}

/**
 * A database built once per test file by `build` (dozens of kakotrack command lines), copied into
 * a new sandbox for each test that calls the returned function: every test still has its own file.
 * The built database and its evidence are kept in memory, so no folder outlives a test (`tempDir`).
 */
export function sharedDatabase(build: (s: Sandbox) => Promise<void>, defaultNow?: string): () => Promise<Sandbox> {
  let template: { db: Buffer; dbMode: number; evidence: KeptFiles } | undefined;
  return async () => {
    if (template === undefined) {
      const s = sandbox(defaultNow);
      await build(s);
      // kakotrack exits without closing its connection, so the last commits may sit in the WAL
      // file: fold them into the database file, which is then complete on its own.
      const db = openSqlite(s.db);
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
      template = {
        db: readFileSync(s.db),
        dbMode: statSync(s.db).mode & 0o777,
        evidence: keepFiles(`${s.db}.evidence`),
      };
    }
    const s = sandbox(defaultNow);
    writeFileSync(s.db, template.db);
    chmodSync(s.db, template.dbMode);
    putFiles(`${s.db}.evidence`, template.evidence);
    return s;
  };
}

/**
 * A copy of the built kakotrack (bin/, dist/ and the SQLite addon) under `root`, readable by
 * everyone: a test runs it from there when the checkout cannot serve, as another user who may not
 * enter the folder the clone is in (issue 13), or with a broken addon in place of the real one.
 */
export function copyInstallation(root: string, brokenAddon?: string): { bin: string; addon: string } {
  for (const part of ["bin", "dist"]) cpSync(join(ROOT, part), join(root, part), { recursive: true });
  // Where src/store/open.ts looks first: beside the installation's dist/.
  const addon = join(root, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");
  mkdirSync(dirname(addon), { recursive: true });
  if (brokenAddon === undefined) {
    copyFileSync(
      createRequire(join(ROOT, "package.json")).resolve("better-sqlite3/build/Release/better_sqlite3.node"),
      addon,
    );
  } else {
    writeFileSync(addon, brokenAddon);
  }
  const openUp = (path: string): void => {
    const folder = statSync(path).isDirectory();
    chmodSync(path, folder ? 0o755 : 0o644);
    if (folder) for (const entry of readdirSync(path)) openUp(join(path, entry));
  };
  openUp(root);
  return { bin: join(root, "bin", "kakotrack.js"), addon };
}

/** What `add` says when it may not ask (no terminal, or --yes) and the order number alone was given. */
export const ADD_MISSING_FLAGS =
  "missing --item, --defect, --description, --resolution, --payment (give them as flags, or run `kakotrack add` in " +
  "a terminal to be asked)";

/** Flags for a complete `add --yes`, overridable. */
export function addArgs(overrides: Record<string, string> = {}): string[] {
  const fields: Record<string, string> = {
    order: "KB-1001",
    item: "grey hoodie",
    seller: "Lucky Store",
    price: "129.00",
    defect: "flaw",
    description: "stain on the left sleeve",
    resolution: "exchange",
    payment: "paypal",
    ...overrides,
  };
  return ["add", "--yes", ...Object.entries(fields).flatMap(([k, v]) => [`--${k}`, v])];
}

/**
 * The logical lines of an iCalendar text (RFC 5545 section 3.1), after checking its folding:
 * CRLF line ends only, no line over 75 octets, no character cut in two.
 */
export function unfoldIcs(text: string): string {
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n")) {
    expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(line, "a character cut in two").not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
  }
  return text.replace(/\r\n /g, "");
}

/**
 * A kakotrack database as an older version left it: the first `version` migrations applied,
 * in WAL mode, for the rows a migration test writes before opening it with the current store.
 */
export function databaseAtSchema(path: string, version: number): ReturnType<typeof openSqlite> {
  const db = openSqlite(path);
  db.pragma("journal_mode = WAL");
  for (const m of MIGRATIONS.slice(0, version)) db.exec(m.sql);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${version}`);
  return db;
}
