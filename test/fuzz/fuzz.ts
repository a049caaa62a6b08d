import fc from "fast-check";
import { fail, same } from "./checks.js";
import { ENTRIES, type Entry, PRELUDE, setHolidayFile } from "./commands.js";
import { checkRun, checkState, readState } from "./invariants.js";
import type { Model } from "./model.js";
import { World } from "./world.js";

// Issue 29's model-based fuzz: random sequences of the commands in commands.ts, run in process
// against a real temporary database, the model's prediction and every invariant checked after
// each step. `npm test` runs a short budget (fuzz.test.ts), `npm run fuzz` a long one.

export interface FuzzOptions {
  seed: number;
  /** Steps to run in all: no sequence starts once they are reached (the last one runs whole). */
  steps: number;
  /** The longest sequence (one database each). */
  maxCommands?: number;
  /** Every how many steps every invariant is checked (the others check the cheaper ones); 1: all, always. */
  thoroughEvery?: number;
  /** Where progress goes (the long runs). */
  progress?: (steps: number, sequences: number) => void;
}

export interface FuzzFailure {
  /** The violated invariant's message. */
  message: string;
  /** fast-check's seed and path: `fc.check(..., { seed, path })` replays the shrunk case. */
  seed: number;
  path: string;
  /** The shrunk sequence as a shell script of kakotrack command lines. */
  script: string;
}

export interface FuzzResult {
  steps: number;
  sequences: number;
  /** Per command, how many steps ended with each exit code: what the run reached. */
  exits: Record<string, Record<number, number>>;
  failure?: FuzzFailure;
}

/** Start days around the breaks that move deadlines: National Day, the year's end into a provisional year, the Spring Festival, Labour Day. */
const START = fc.constantFrom(
  "2026-09-28T09:00",
  "2026-12-29T18:30",
  "2027-02-03T10:00",
  "2026-04-28T23:50",
  "2026-06-15T12:00",
);

/** One step: the command line an entry makes of its arguments on the model, run, and checked. */
class Step implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly entry: Entry<unknown>,
    readonly args: unknown,
    private readonly counter: { steps: number },
  ) {}
  check = (): boolean => true;
  async run(m: Model, w: World): Promise<void> {
    this.counter.steps++;
    await runStep(m, w, this.entry, this.args);
    // Let the event loop run between steps: vitest's worker must answer within 60 s.
    await new Promise((done) => setImmediate(done));
  }
  toString = (): string => `${this.entry.name} ${fc.stringify(this.args)}`;
}

/** Runs one step and checks the model's prediction, refusal and undo, then every invariant. */
export async function runStep(m: Model, w: World, e: Entry<unknown>, a: unknown): Promise<void> {
  const before = m.state;
  const line = e.line(m, a, w);
  m.steps++;
  if (line === null) {
    e.update?.(m, a, { code: 0, stdout: "", stderr: "" }, null);
  } else {
    const expected = e.expect(m, a);
    const head = w.journalHead();
    const ran = await w.step(line, m.now);
    if (process.env.KAKOTRACK_FUZZ_VERBOSE) console.log(`${ran.code} ${w.script.at(-1)}\n  ${ran.stderr.trim()}`);
    const counts = (m.exits[e.name] ??= {});
    counts[ran.code] = (counts[ran.code] ?? 0) + 1;
    const text = w.script.at(-1)!;
    checkRun(ran, expected.exit, text);
    if (!expected.exit.includes(ran.code))
      fail(
        "model",
        `\`${text}\` exited ${ran.code}, the model expected ${expected.exit.join(" or ")}: ${ran.stderr.trim()}`,
      );
    const after = await readState(w, m);
    const changed = w.journalHead() !== head;
    if (e.name === "undo") {
      const undone = m.undo.pop();
      if (undone === undefined)
        same("undo", after.text, before.text, "the state before and after an undo with nothing to undo");
      else same("undo", after.text, undone.state.text, `the state after undo and before \`${undone.step}\``);
    } else if (ran.code !== 0) {
      same("refusal", after.text, before.text, `the export before and after \`${text}\` (exit ${ran.code})`);
      if (changed) fail("refusal", `\`${text}\` exited ${ran.code} and journalled a change`);
    } else {
      if (changed) m.undo.push({ step: text, state: before });
      else if (after.text !== before.text)
        fail("undo", `\`${text}\` changed the database without journalling it for undo`);
      await expected.after?.(before, after, ran, w);
    }
    e.update?.(m, a, ran, line);
    m.state = after;
  }
  await checkAfter(w, m, m.steps % m.thoroughEvery === 0);
}

/**
 * The invariants of the state a step left, all of them every `thoroughEvery` steps and at a
 * sequence's end. They read the database and today only, so a step that changed neither (most
 * refusals) is not checked again.
 */
async function checkAfter(w: World, m: Model, thorough: boolean): Promise<void> {
  const key = `${m.now}\n${m.state.text}`;
  if (key === (thorough ? m.checked.thorough : m.checked.views)) return;
  await checkState(w, m, m.state, thorough);
  m.checked.views = key;
  if (thorough) m.checked.thorough = key;
}

/**
 * Runs command lines as steps of a sequence, with every check a fuzz step gets but the
 * model's prediction of its exit code: how a shrunk sequence is kept as a regression test.
 * Each line is [KAKOTRACK_NOW, arguments]; `$DIR/` in an argument is the run's folder, where
 * `files` are written first.
 */
export async function replay(
  lines: ReadonlyArray<readonly [string, readonly string[]]>,
  files: Record<string, string> = {},
): Promise<void> {
  const w = new World();
  try {
    for (const [name, content] of Object.entries(files)) w.file(name, content);
    const m = newModel(lines[0]![0], await readState(w, { now: lines[0]![0] }), {});
    for (const [now, words] of lines) {
      m.now = now;
      const args = words.map((word) => word.replace("$DIR/", `${w.dir}/`));
      const raw: Entry<null> = {
        name: args[0]!,
        weight: 0,
        args: fc.constant(null),
        line: () => args,
        expect: () => ({ exit: [0, 1, 2] }),
        update: (model, _a, ran) => void (ran.code === 0 && args[0] === "import" && (model.importedEvidence = true)),
      };
      await runStep(m, w, raw as Entry<unknown>, null);
    }
    await checkAfter(w, m, true);
  } finally {
    w.remove();
  }
}

function newModel(now: string, state: Model["state"], exits: Model["exits"], thoroughEvery = 1): Model {
  return { now, state, undo: [], exports: { json: [], csv: [] }, steps: 0, checked: {}, exits, thoroughEvery };
}

/** The holiday file calendar import reads: 2027 as the provisional rules see it, in holiday-cn's form. */
async function loadHolidayFile(): Promise<void> {
  const w = new World();
  try {
    const ran = await w.run(["calendar", "show", "2027", "--provisional", "--json"], "2026-11-02");
    if (ran.code !== 0) throw new Error(`calendar show 2027 --provisional --json exited ${ran.code}: ${ran.stderr}`);
    setHolidayFile(ran.stdout.trim());
  } finally {
    w.remove();
  }
}

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  await loadHolidayFile();
  const counter = { steps: 0, sequences: 0 };
  const exits: FuzzResult["exits"] = {};
  // One arbitrary drawing the entries by weight (fc.commands would draw its arbitraries alike).
  const step = fc.oneof(
    ...ENTRIES.map((e) => ({
      weight: e.weight,
      arbitrary: e.args.map((a) => new Step(e, a, counter) as fc.AsyncCommand<Model, World>),
    })),
  );
  // The steps of the run that failed last: shrinking ends on the smallest failing run.
  let failing: { script: string; message: string } | undefined;
  const property = fc.asyncProperty(
    START,
    fc.commands([step], { maxCommands: options.maxCommands ?? 60, size: "max" }),
    async (now, commands) => {
      if (counter.steps >= options.steps && failing === undefined) return;
      counter.sequences++;
      const w = new World();
      try {
        const m = newModel(now, await readState(w, { now }), exits, options.thoroughEvery);
        for (const { entry, args } of PRELUDE) {
          counter.steps++;
          await runStep(m, w, ENTRIES.find((e) => e.name === entry)!, args);
        }
        await fc.asyncModelRun(() => ({ model: m, real: w }), commands);
        await checkAfter(w, m, true);
      } catch (error) {
        failing = { script: w.replayScript([]), message: error instanceof Error ? error.message : String(error) };
        throw error;
      } finally {
        w.remove();
        options.progress?.(counter.steps, counter.sequences);
      }
    },
  );
  // Enough sequences: each runs the prelude's steps at least; those past the budget return at once.
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: Math.max(1, Math.ceil(options.steps / PRELUDE.length)),
  });
  const result: FuzzResult = { steps: counter.steps, sequences: counter.sequences, exits };
  if (details.failed && failing !== undefined) {
    const header = [
      `kakotrack fuzz (issue 29): seed ${options.seed}, fast-check path ${details.counterexamplePath}`,
      failing.message.split("\n")[0]!,
    ];
    result.failure = {
      message: failing.message,
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      script: scriptWithHeader(failing.script, header),
    };
  } else if (details.failed) {
    result.failure = { message: String(details.errorInstance), seed: details.seed, path: "", script: "" };
  }
  return result;
}

const scriptWithHeader = (script: string, header: string[]): string =>
  script.replace("#!/bin/sh\n", `#!/bin/sh\n${header.map((l) => `# ${l}`).join("\n")}\n`);
