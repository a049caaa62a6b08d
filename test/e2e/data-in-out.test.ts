import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 26: nothing lost on the way in or out (items 2 to 8).

describe("csv cells a spreadsheet would run (issue 26 item 2)", () => {
  it("writes formula-like cells with a leading quote and reads them back as they were", async () => {
    const s = sandbox();
    const texts = ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tindent", "'=quoted already"];
    for (const [i, text] of texts.entries()) {
      await s.okHere(addArgs({ order: `KB-${i}`, item: text, description: text }));
    }
    const out = join(s.dir, "cases.csv");
    s.ok(["export", "--format", "csv", "--out", out]);
    const csv = readFileSync(out, "utf8");
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    expect(csv).toContain(",'+1+2,");
    expect(csv).toContain(",'-2+3,");
    expect(csv).toContain(",'@SUM(A1),");
    expect(csv).toContain("''=quoted already");
    expect(csv).not.toMatch(/,[=+@]/);
    const t = sandbox();
    t.ok(["import", out]);
    const items = t.json(["list", "--json"]).map((c: { item: string; description: string }) => c.item);
    expect(items).toEqual(texts);
  });

  it("leaves plain numbers as numbers", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    await s.okHere(["fee", "1", "5", "--what", "shipping"]);
    const csv = s.ok(["export", "--format", "csv"]);
    expect(csv).toMatch(/,5\.00,-5\.00\r\n$/);
  });
});
