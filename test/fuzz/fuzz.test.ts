import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, BIN } from "../helpers.js";
import { fuzz } from "./fuzz.js";
import { World } from "./world.js";

// Issue 29's short budget for npm test: three fixed seeds of 48 steps, every invariant every 5th
// step and at each sequence's end, the others every step (docs/reliability.md, "Model-based
// fuzz"). `npm run fuzz -- --steps N --seed S` runs long.
const STEPS = 48;

describe("model-based fuzz of every command that changes data", () => {
  it.each([1, 2, 3])("seed %i keeps every invariant", async (seed) => {
    const result = await fuzz({ seed, steps: STEPS, maxCommands: 40 });
    // On a violation: its message, and the shrunk sequence as a script to replay with the built kakotrack.
    expect(result.failure?.script ?? "", result.failure?.message).toBe("");
    expect(result.steps).toBeGreaterThanOrEqual(STEPS);
  });
});

describe("the replay script a violation prints", () => {
  it("runs the steps again with the built kakotrack, files and folders included", async () => {
    const w = new World();
    try {
      await w.step(addArgs({ order: "KB-1", date: "2026-11-02" }), "2026-11-02T10:00");
      const file = w.file("qc-a.jpg", "photo a");
      await w.step(["evidence", "1", file], "2026-11-03T09:00");
      await w.step(["--db", w.scratch("not-a-database", true), "status"], "2026-11-03T09:00");
      const script = join(w.dir, "replay.sh");
      writeFileSync(script, w.replayScript(["a test"]));
      const ran = spawnSync("sh", [script], { env: { PATH: process.env.PATH, KAKOTRACK_BIN: BIN }, encoding: "utf8" });
      // The add, the evidence file written by the script, and the folder where the database should be.
      expect(ran.stdout.match(/\(exit \d+\)/g)).toEqual(["(exit 0)", "(exit 0)", "(exit 3)"]);
      expect(ran.stdout).toContain("qc-a.jpg");
    } finally {
      w.remove();
    }
  });
});
