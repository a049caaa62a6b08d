import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most tests wait on kakotrack processes, so two test files at once keep two cores busy
    // where vitest's default (cores - 1) would run one file after another (issue 13).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // No test but the crash and concurrency ones (which set their own, scaled with their length)
    // takes more than about 6 s on a 2-core machine with one core busy (docs/reliability.md), nor
    // more than 35 s with four other programs running flat out beside the suite.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["./test/summary-reporter.ts", "default"],
  },
});
