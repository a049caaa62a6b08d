import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import CrashFirst from "./test/sequencer.js";

/** Test files that mock a module (vi.mock): each needs a module graph of its own. */
const MOCKING = [
  "test/cli/add-prompts.test.ts",
  "test/cli/add-evidence-prompts.test.ts",
  "test/cli/screens-prompts.test.ts",
];

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
    sequence: { sequencer: CrashFirst },
    // vitest reads isolation here, a pool at a time: the "shared" project's pool is "threads".
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        extends: true,
        // Test files share their worker's modules: vitest's own start, and src/ for the
        // command lines run in process (China's holiday schedule alone takes half a second to
        // work out), are paid once a worker instead of once a file (issue 13). So no test keeps
        // state in a module, and a helper registers its hooks from inside a test (`sandbox`).
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: MOCKING, pool: "threads" },
      },
      { extends: true, test: { name: "isolated", include: MOCKING } },
    ],
  },
});
