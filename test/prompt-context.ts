import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { Context } from "../src/context.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A context as a terminal gives it (prompts allowed), for running a command in process
 * against a temporary database and home folder, removed after the test; `out` collects
 * stdout and stderr.
 */
export function promptContext(): { ctx: Context; out: string[]; dir: string } {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "kakotrack-prompt-"));
  dirs.push(dir);
  const ctx: Context = {
    today: "2026-11-02",
    now: "2026-11-02T12:00",
    env: { KAKOTRACK_DB: join(dir, "k.db"), HOME: dir },
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    interactive: true,
    stdoutIsTTY: false,
    columns: undefined,
    clock: () => "12:00:00",
    utcNow: () => "2026-11-20T12:00:00.000Z",
  };
  return { ctx, out, dir };
}
