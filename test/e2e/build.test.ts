import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";

// What `npm run build` leaves in dist/ (npm test builds first). A rejected code cache does not
// break kakotrack, it only makes every start compile the bundle again: this is where it shows.
const dist = resolve(import.meta.dirname, "..", "..", "dist");

describe("the build", () => {
  it("writes code caches that this Node accepts for the bundle: one per warmed command and a shared one", () => {
    const source = readFileSync(join(dist, "kakotrack.cjs"), "utf8");
    const caches = readdirSync(join(dist, "cache")).sort();
    expect(caches).toEqual(["add", "advance", "help", "list", "refuse", "show", "status"].map((c) => `${c}.cache`));
    for (const file of [...caches.map((c) => join(dist, "cache", c)), join(dist, "kakotrack.cjs.cache")]) {
      const script = new Script(source, { filename: join(dist, "kakotrack.cjs"), cachedData: readFileSync(file) });
      expect([file, script.cachedDataRejected]).toEqual([file, false]);
    }
  });
});
