import { describe, expect, it } from "vitest";
import { fuzz } from "./fuzz.js";

// Issue 29's short budget for npm test: fixed seeds, a few hundred steps in all (docs/reliability.md, "Fuzz").
const SEEDS = (process.env.KAKOTRACK_FUZZ_SEEDS ?? "1,2,3").split(",").map(Number);
const STEPS = Number(process.env.KAKOTRACK_FUZZ_STEPS ?? 100);

describe("model-based fuzz of every command that changes data", () => {
  it.each(SEEDS)("seed %i keeps every invariant", async (seed) => {
    const started = performance.now();
    const result = await fuzz({ seed, steps: STEPS, maxCommands: 40, thoroughEvery: 1 });
    console.log(
      `seed ${seed}: ${result.steps} steps, ${result.sequences} sequences, ${Math.round(performance.now() - started)} ms`,
    );
    if (result.failure) console.log(result.failure.script);
    expect(result.failure?.message).toBeUndefined();
  });
});
