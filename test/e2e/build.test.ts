import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/commands/index.js";
import { sandbox } from "../helpers.js";

// What `npm run build` leaves in dist/ (npm test builds first). A rejected code cache does not
// break kakotrack, it only makes every start compile the bundle again: this is where it shows.
const dist = resolve(import.meta.dirname, "..", "..", "dist");

const accepted = (bundle: string, cache: string) =>
  !new Script(readFileSync(bundle, "utf8"), { filename: bundle, cachedData: readFileSync(cache) }).cachedDataRejected;

describe("the build", () => {
  it("makes a bundle for each command, with the program, and one for cli-table3's tables", () => {
    const apart = readdirSync(join(dist, "apart")).sort();
    expect(apart).toEqual([...COMMANDS.map((c) => `command-${c.name}.cjs`), "small-table.cjs"].sort());
    // The program's own bundle holds no command (it would load at every start of its help).
    const program = readFileSync(join(dist, "kakotrack.cjs"), "utf8");
    expect(program).not.toContain("SHA256SUMS"); // the claim packet's
    expect(program).not.toContain("colSpan"); // cli-table3's
    // A command's holds its own code and the program, not another command's.
    const status = readFileSync(join(dist, "apart", "command-status.cjs"), "utf8");
    expect(status).toContain("Showing the "); // status's own
    expect(status).toContain("Data: --db, else $KAKOTRACK_DB"); // the program's help
    expect(status).not.toContain("SHA256SUMS");
    // notify's channels and sent-state load with notify only (issue 27).
    const notify = readFileSync(join(dist, "apart", "command-notify.cjs"), "utf8");
    for (const own of ["ToastNotificationManager", "INSERT INTO notifications", "Apprise URLs"])
      expect(notify).toContain(own);
    for (const bundle of ["command-status.cjs", "command-add.cjs", "command-export.cjs"]) {
      const text = readFileSync(join(dist, "apart", bundle), "utf8");
      expect([bundle, text.includes("ToastNotificationManager") || text.includes("INSERT INTO notifications")]).toEqual(
        [bundle, false],
      );
    }
    // refuse and escalate live in advance's module, and have bundles of their own.
    const refuse = readFileSync(join(dist, "apart", "command-refuse.cjs"), "utf8");
    expect(refuse).toContain("offer or refund amount, for seller-offered");
    // A command's own module is loaded (import() in the list of commands) as its bundle itself, never as another
    // bundle, nor wrapped by esbuild to initialise on first use, which would wrap all it imports (the minified
    // wrapper is keyed by the module's path).
    expect({
      self: refuse.includes('require("../dist/apart/command-refuse.cjs")'),
      advance: refuse.includes("command-advance.cjs"),
    }).toEqual({ self: true, advance: false });
    for (const { name } of COMMANDS.filter((c) => c.name !== "completion")) {
      const text = readFileSync(join(dist, "apart", `command-${name}.cjs`), "utf8");
      expect([name, /"src\/commands\/[a-z]+\.ts"\(/.test(text)]).toEqual([name, false]);
    }
  });

  it("writes the program's help page, which a line asking only for it prints as commander draws it", () => {
    const page = readFileSync(join(dist, "program-help.txt"), "utf8");
    expect(page).toMatch(/^Usage: kakotrack \[options\] \[command\]\n/);
    const s = sandbox();
    for (const args of [["--help"], ["-h"], ["help"]])
      expect([args, s.run(args)]).toEqual([args, { code: 0, stdout: page, stderr: "" }]);
    expect(s.run([])).toEqual({ code: 2, stdout: "", stderr: page });
    // Drawn by commander: a width set, or more on the line than the help option.
    expect(s.ok(["--help"], { env: { COLUMNS: "80" } })).toBe(page);
    expect(s.ok(["--no-color", "--help"])).toBe(page);
    expect(s.ok(["--help"], { env: { COLUMNS: "120" } })).not.toBe(page);
  });

  it("writes a code cache for every bundle that this Node accepts", () => {
    const bundles = ["kakotrack.cjs", ...readdirSync(join(dist, "apart")).map((f) => join("apart", f))];
    const caches = readdirSync(join(dist, "cache")).sort();
    expect(caches).toEqual(bundles.map((b) => `${b.replace(/^apart\//, "").slice(0, -".cjs".length)}.cache`).sort());
    for (const bundle of bundles) {
      const cache = join(dist, "cache", `${bundle.replace(/^apart\//, "").slice(0, -".cjs".length)}.cache`);
      expect([bundle, accepted(join(dist, bundle), cache)]).toEqual([bundle, true]);
    }
  });
});
