import { writeFileSync } from "node:fs";
import { fuzz } from "./fuzz.js";

// `npm run fuzz -- --steps 100000 --seed 7` (scripts/fuzz.mjs bundles and runs this): the long
// runs of issue 29's fuzz. `--seed 1..5` runs each seed in turn with --steps each. Prints the seed,
// the steps run and the time; on a violation the shrunk sequence as a shell script (also written
// to fuzz-failure-seed-N.sh), and exits 1.

function parseArgs(argv: string[]): { steps: number; seeds: number[]; maxCommands: number; thoroughEvery: number } {
  const value = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? fallback : (argv[i + 1] ?? "");
  };
  const steps = Number(value("--steps", "1000"));
  const seedText = value("--seed", String(Date.now() % 1_000_000));
  const maxCommands = Number(value("--max-commands", "60"));
  const thoroughEvery = Number(value("--thorough-every", "5"));
  const range = /^(\d+)\.\.(\d+)$/.exec(seedText);
  const seeds = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : [Number(seedText)];
  if (
    !Number.isSafeInteger(steps) ||
    steps < 1 ||
    seeds.some((s) => !Number.isSafeInteger(s)) ||
    !(maxCommands >= 1) ||
    !(thoroughEvery >= 1)
  )
    throw new Error("usage: npm run fuzz -- --steps N --seed S|FROM..TO [--max-commands N] [--thorough-every N]");
  return { steps, seeds, maxCommands, thoroughEvery };
}

const { steps, seeds, maxCommands, thoroughEvery } = parseArgs(process.argv.slice(2));
let failed = false;
for (const seed of seeds) {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  let shown = 0;
  console.log(
    `kakotrack fuzz: seed ${seed}, ${steps} steps, sequences of up to ${maxCommands}, every invariant every ${thoroughEvery} steps`,
  );
  const result = await fuzz({
    seed,
    steps,
    maxCommands,
    thoroughEvery,
    progress(done, sequences) {
      if (done - shown < 1000) return;
      shown = done;
      const { rss, heapUsed } = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      console.log(
        `  seed ${seed}: ${done} steps, ${sequences} sequences, ${elapsed()}, ${mb(rss)} MB (heap ${mb(heapUsed)} MB)`,
      );
    },
  });
  console.log(
    `seed ${seed}: ${result.steps} steps in ${result.sequences} sequences, ${elapsed()}: ${result.failure ? "VIOLATION" : "no violation"}`,
  );
  const exits = Object.entries(result.exits).map(([name, codes]) => `${name} ${JSON.stringify(codes)}`);
  console.log(`  exit codes by command: ${exits.join(", ")}`);
  if (result.failure) {
    failed = true;
    const file = `fuzz-failure-seed-${seed}.sh`;
    writeFileSync(file, result.failure.script, { mode: 0o755 });
    console.log(
      `${result.failure.message}\n\nThe shrunk sequence (fast-check seed ${result.failure.seed}, path ${result.failure.path}), also in ${file}:\n\n${result.failure.script}`,
    );
  }
}
process.exitCode = failed ? 1 : 0;
