import { describe, expect, it } from "vitest";
import { badRefusal, CATALOGUE, digest, hostileDatabase, LARGE, openFilesUnder, SAMPLE } from "../hostile-catalogue.js";

// The hostile input catalogue in process; its sample as processes is in test/e2e/hostile.test.ts.

const setUp = hostileDatabase();

describe("hostile input catalogue", () => {
  it("has the 289 entries docs/reliability.md counts, 39 of them run as processes too", () => {
    expect(Object.values(CATALOGUE).flat()).toHaveLength(289);
    expect(Object.values(SAMPLE).flat()).toHaveLength(39);
    expect(
      Object.values(SAMPLE)
        .flat()
        .filter((entry) => LARGE.has(entry.name)),
    ).toHaveLength(LARGE.size);
  });

  // Every entry, through the CLI's boundary (src/run.ts) in this worker: a process each took
  // 20-37 s for the catalogue on 2 cores, most of it Node starting (issue 13).
  it.each(Object.entries(CATALOGUE))(
    "refuses %s with exit 2, one line, no stack trace, and the database unchanged",
    async (_, entries) => {
      const s = await setUp();
      const before = digest(s.db);
      const failures: string[] = [];
      for (const entry of entries) {
        const problem = badRefusal(await s.runHere(entry.args));
        if (problem !== null) failures.push(`${entry.name}: ${problem}`);
        if (digest(s.db) !== before) failures.push(`${entry.name}: the database changed`);
      }
      expect(failures).toEqual([]);
      // Each run closed the database it opened: no run saw another's connection.
      expect(openFilesUnder(s.dir)).toEqual([]);
    },
  );
});
