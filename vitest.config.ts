import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most tests wait on kakotrack processes, so two test files at once keep two cores busy
    // where vitest's default (cores - 1) would run one file after another (issue 13).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // The longest test but the crash and concurrency ones (which set their own, scaled with their
    // length) took 40 s on a 2-core machine loaded three to five times over (docs/reliability.md).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["./test/summary-reporter.ts", "default"],
  },
});
