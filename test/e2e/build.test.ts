import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";

// What `npm run build` leaves in dist/ (npm test builds first). A rejected code cache does not
// break kakotrack, it only makes every start compile the bundle again: this is where it shows.
const dist = resolve(import.meta.dirname, "..", "..", "dist");

const accepted = (bundle: string, cache: string) =>
  !new Script(readFileSync(bundle, "utf8"), { filename: bundle, cachedData: readFileSync(cache) }).cachedDataRejected;

describe("the build", () => {
  it("writes code caches that this Node accepts for the bundle: one per warmed command and a shared one", () => {
    const caches = readdirSync(join(dist, "cache")).filter((c) => !c.startsWith("apart-")).sort();
    expect(caches).toEqual(["add", "advance", "close", "help", "list", "message", "note", "refuse", "show", "stats", "status", "undo"].map((c) => `${c}.cache`));
    for (const file of [...caches.map((c) => join(dist, "cache", c)), join(dist, "kakotrack.cjs.cache")]) {
      expect([file, accepted(join(dist, "kakotrack.cjs"), file)]).toEqual([file, true]);
    }
  });

  it("puts each command and cli-table3 in a bundle of its own, with caches for those the warm-up ran", () => {
    const apart = readdirSync(join(dist, "apart")).sort();
    expect(apart).toContain("command-status.cjs");
    expect(apart).toContain("command-packet.cjs");
    expect(apart).toContain("small-table.cjs");
    // The main bundle holds none of them (a second copy would load at every start).
    const main = readFileSync(join(dist, "kakotrack.cjs"), "utf8");
    expect(main).not.toContain("SHA256SUMS"); // the claim packet's
    expect(main).not.toContain("colSpan"); // cli-table3's
    const caches = readdirSync(join(dist, "cache")).filter((c) => c.startsWith("apart-")).sort();
    const warmed = ["add", "advance", "close", "list", "message", "note", "show", "stats", "status", "undo"].map((c) => `apart-command-${c}.cache`);
    expect(caches).toEqual([...warmed, "apart-small-table.cache"]);
    for (const cache of caches) {
      const bundle = join(dist, "apart", `${cache.slice("apart-".length, -".cache".length)}.cjs`);
      expect([cache, accepted(bundle, join(dist, "cache", cache))]).toEqual([cache, true]);
    }
  });
});
