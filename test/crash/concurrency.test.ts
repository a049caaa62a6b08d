import { appendFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox, type TimedResult } from "../helpers.js";

// 8 writers and a cron-like `status --check` at the same time: every write is a short
// IMMEDIATE transaction and the busy timeout is 20 s, so a writer waits its turn and
// nobody sees "database is locked". The figures go to docs/reliability.md.

const WRITERS = 8;
/** `npm test` 4 (each writer's 5 commands overlap the others'), `npm run test:crash` 40. */
const ADDS_EACH = Number(process.env.KAKOTRACK_CONCURRENCY_ADDS ?? 4);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("concurrency", () => {
  it(`${WRITERS} writers and status --check at once: every command succeeds, none sees a lock`, async () => {
    const s = sandbox("2026-11-20");
    s.ok(addArgs({ order: "first", date: "2026-11-01" })); // overdue by 2026-11-20: --check exits 1
    const alone: number[] = [];
    for (let i = 0; i < 5; i++) alone.push((await s.runAsync(addArgs({ order: `alone-${i}` }))).ms);

    const writes: TimedResult[] = [];
    const reads: TimedResult[] = [];
    let writing = true;
    const writer = async (w: number) => {
      for (let i = 0; i < ADDS_EACH; i++) {
        writes.push(await s.runAsync(addArgs({ order: `W${w}-${i}` })));
        if (i % 3 === 2) writes.push(await s.runAsync(["note", "1", `writer ${w} was here`]));
      }
    };
    const reader = async () => {
      while (writing) reads.push(await s.runAsync(["status", "--check"]));
    };
    const readerDone = reader();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await readerDone;

    const failed = [...writes.filter((r) => r.code !== 0), ...reads.filter((r) => r.code !== 1)];
    const locked = [...writes, ...reads].filter((r) => /lock|busy/i.test(r.stderr));
    const figures = {
      writers: WRITERS,
      writes: writes.length,
      reads: reads.length,
      failed: failed.length,
      locked: locked.length,
      aloneMedianMs: Math.round(median(alone)),
      writeMedianMs: Math.round(median(writes.map((r) => r.ms))),
      writeLongestMs: Math.round(Math.max(...writes.map((r) => r.ms))),
      readLongestMs: Math.round(Math.max(...reads.map((r) => r.ms))),
    };
    console.log(`concurrency test: ${JSON.stringify(figures)}`);
    if (process.env.KAKOTRACK_CRASH_REPORT)
      appendFileSync(process.env.KAKOTRACK_CRASH_REPORT, `${JSON.stringify({ test: "concurrency", ...figures })}\n`);
    expect(failed.map((r) => r.stderr)).toEqual([]);
    expect(locked).toEqual([]);
    expect(reads.length).toBeGreaterThan(0);
    const cases = s.json(["list", "--json"]);
    expect(cases).toHaveLength(1 + 5 + WRITERS * ADDS_EACH);
    expect(s.json(["show", "1", "--json"]).events.filter((e: any) => e.kind === "note")).toHaveLength(
      WRITERS * Math.floor(ADDS_EACH / 3),
    );
  }, 300_000);
});
