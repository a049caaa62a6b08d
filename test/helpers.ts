import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach } from "vitest";

export const BIN = resolve(import.meta.dirname, "..", "bin", "kakotrack.js");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  db: string;
  /** Runs the built bin as a user would: KAKOTRACK_DB, KAKOTRACK_NOW, TZ=UTC, NO_COLOR=1, no terminal. */
  run(args: string[], options?: { now?: string; env?: Record<string, string | undefined>; input?: string }): RunResult;
  /** run() that must exit 0; returns stdout. */
  ok(args: string[], options?: { now?: string; env?: Record<string, string | undefined> }): string;
  /** run(..., --json) parsed. */
  json<T = any>(args: string[], options?: { now?: string }): T;
}

const sandboxes: string[] = [];
afterEach(() => {
  for (const dir of sandboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory and database for one test, removed after it. */
export function sandbox(defaultNow = "2026-11-02"): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), "kakotrack-test-"));
  sandboxes.push(dir);
  const db = join(dir, "kakotrack.db");
  const run: Sandbox["run"] = (args, options = {}) => {
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: dir,
      TZ: "UTC",
      NO_COLOR: "1",
      KAKOTRACK_DB: db,
      KAKOTRACK_NOW: options.now ?? defaultNow,
      ...options.env,
    };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const spawnOptions: SpawnSyncOptions = { env: env as NodeJS.ProcessEnv, input: options.input ?? "", encoding: "utf8", cwd: dir };
    const result = spawnSync(process.execPath, [BIN, ...args], spawnOptions);
    return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const ok: Sandbox["ok"] = (args, options) => {
    const r = run(args, options);
    if (r.code !== 0) throw new Error(`kakotrack ${args.join(" ")} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  };
  const json: Sandbox["json"] = (args, options) => JSON.parse(ok(args, options));
  return { dir, db, run, ok, json };
}

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
