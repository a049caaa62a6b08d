import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Test files that mock a module (vi.mock): each needs a module graph of its own. */
const MOCKING = ["test/unit/add-prompts.test.ts", "test/unit/add-evidence-prompts.test.ts", "test/unit/screens-prompts.test.ts"];

export default defineConfig({
  test: {
    // Most tests wait on kakotrack processes, so two test files at once keep two cores busy
    // where vitest's default (cores - 1) would run one file after another (issue 13).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // The longest test but the crash and concurrency ones (which set their own, scaled with their
    // length) took 40 s on a 2-core machine loaded three to five times over (docs/reliability.md).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["./test/summary-reporter.ts", "default"],
    // vitest reads isolation from here, a pool at a time: "threads" is the unit project's, below.
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        extends: true,
        // The unit tests share a worker's modules: each file importing the calendar would
        // otherwise work out China's holiday schedule again (half a second), and vitest's own
        // start-up is paid once a worker instead of once a file. No unit test keeps state in a module.
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], exclude: MOCKING, pool: "threads" },
      },
      { extends: true, test: { name: "isolated", include: ["test/e2e/**/*.test.ts", "test/crash/**/*.test.ts", ...MOCKING] } },
    ],
  },
});
