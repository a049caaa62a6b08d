import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 14 in process: a case's 2027 deadlines on the provisional calendar (its processes are in
// test/e2e/calendar.test.ts).

const refund = (date: string, order = "KB-1") => addArgs({ order, resolution: "refund", date });
const dues = (shown: { deadlines: Array<{ rule: string; due: string }> }) =>
  Object.fromEntries(shown.deadlines.map((d) => [d.rule, d.due]));

describe("2027 before its schedule is published", () => {
  it("a refund opened 2027-01-25 is not overdue through the Spring Festival", async () => {
    const s = sandbox("2027-02-13");
    await s.okHere(refund("2027-01-25"));
    await s.okHere(["advance", "1", "seller-agreed", "--date", "2027-01-27"]);
    const shown = await s.jsonHere(["show", "1", "--json"]);
    // Monday-Friday would put the 14th business day on 2027-02-12 and call it overdue on the 13th.
    expect(dues(shown).refund! > "2027-02-13").toBe(true);
    expect(shown.flag).toBe("on-track");
  });
});
