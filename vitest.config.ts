import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most tests wait on kakotrack processes, so two test files at once keep two cores busy
    // where vitest's default (cores - 1) would run one file after another (issue 13).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // Every test takes at most about 10 s on a busy 2-core machine (docs/reliability.md); the crash
    // and concurrency tests set their own, scaled with their length.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["./test/summary-reporter.ts", "default"],
  },
});
