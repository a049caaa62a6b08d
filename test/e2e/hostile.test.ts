import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs } from "../helpers.js";
import { badRefusal, digest, hostileDatabase, SAMPLE, TERMINAL_UNSAFE } from "../hostile-catalogue.js";

// The hostile input catalogue's sample as processes of the built bin, and hostile text accepted
// and printed; every entry of the catalogue runs in process in test/cli/hostile.test.ts.

const setUp = hostileDatabase();

describe("hostile input catalogue", () => {
  // The sample as processes of the built bin: the same exit code and the same line as in
  // process, so the bundle and the process boundary refuse as the source does.
  it.each(Object.entries(SAMPLE))("refuses %s the same as a process of the built bin", async (_, entries) => {
    const s = await setUp();
    const before = digest(s.db);
    const failures: string[] = [];
    for (const entry of entries) {
      const [asProcess, here] = [await s.runAsync(entry.args), await s.runHere(entry.args)];
      const problem = badRefusal(asProcess);
      if (problem !== null) failures.push(`${entry.name}: ${problem}`);
      else if (asProcess.stderr !== here.stderr || asProcess.stdout !== here.stdout) {
        failures.push(
          `${entry.name}: ${JSON.stringify(asProcess.stderr)} as a process, ${JSON.stringify(here.stderr)} in process`,
        );
      }
      if (digest(s.db) !== before) failures.push(`${entry.name}: the database changed`);
    }
    expect(failures).toEqual([]);
  });

  it("stores accepted hostile text exactly and prints it sanitised everywhere", async () => {
    const s = await setUp();
    const nasty =
      "coat \u009b31m \u001b[31mRED\u001b[0m \u001b]0;pwned\u0007 " +
      "\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\ a\rb \u202egpj.exe \u0008\u007f 夹克";
    s.ok(
      addArgs({
        order: `KB-${nasty}`,
        item: nasty,
        seller: nasty,
        description: `${nasty}\nsecond line`,
        date: "2026-11-02",
      }),
    );
    s.ok(["note", "4", nasty]);
    const shown = s.json(["show", "4", "--json"]);
    expect([shown.orderNo, shown.item, shown.seller, shown.description]).toEqual([
      `KB-${nasty}`,
      nasty,
      nasty,
      `${nasty}\nsecond line`,
    ]);
    expect(shown.events.at(-1).note).toBe(nasty);
    const outputs = [
      s.ok(["status"]),
      s.ok(["show", "4"]),
      s.ok(["list"]),
      s.ok(["message", "4"]),
      s.ok(["stats"]),
      s.ok(["message", "4", "--kind", "escalation"]),
    ];
    for (const out of outputs) expect(out).not.toMatch(TERMINAL_UNSAFE);
    expect(outputs[1]).toContain("coat \\x9b31m \\x1b[31mRED\\x1b[0m \\x1b]0;pwned\\x07");
    expect(outputs[1]).toContain("a\\rb \\u202egpj.exe");
    // JSON keeps the exact text but writes what a terminal would act on as \u escapes.
    for (const args of [
      ["show", "4", "--json"],
      ["status", "--json"],
      ["list", "--json"],
      ["message", "4", "--json"],
      ["export"],
    ]) {
      expect(s.ok(args)).not.toMatch(TERMINAL_UNSAFE);
    }
    // A csv written to a file or a pipe is exact: it is data for a spreadsheet.
    expect(s.ok(["export", "--format", "csv"])).toContain(`"${nasty}"`);
    // An error that quotes user text is sanitised too.
    const r = s.run(["advance", "4", nasty]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(TERMINAL_UNSAFE);
  });

  it("refuses NUL and 1 MB text arriving through an import, writing nothing", async () => {
    const s = await setUp();
    const before = digest(s.db);
    const header = "order,item,defect,description,resolution,payment\r\n";
    const files = {
      "nul.csv": `${header}KB-9,cap\u0000s,flaw,torn,exchange,card\r\n`,
      "huge.csv": `${header}KB-9,cap,flaw,${"x".repeat(1024 * 1024)},exchange,card\r\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(s.dir, name), text);
      const r = s.run(["import", "--format", "csv", join(s.dir, name)]);
      expect(r.code, name).toBe(2);
      expect(digest(s.db)).toBe(before);
    }
  });
});
