import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// --as-of D judges the cases as they stood on D: cases opened later do not exist yet, later
// events are not applied (issue 14 item 5).

async function setUp() {
  const s = sandbox("2026-12-01");
  await s.okHere(addArgs({ order: "KB-1", resolution: "refund", date: "2026-11-02" }));
  await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"]);
  await s.okHere(["advance", "1", "seller-agreed", "--date", "2026-11-06"]);
  await s.okHere(["advance", "1", "refunded", "--date", "2026-11-20", "--amount", "100"]);
  await s.okHere(addArgs({ order: "KB-2", date: "2026-11-25" }));
  await s.okHere(["close", "2", "--outcome", "cancelled", "--date", "2026-11-30"]);
  return s;
}

describe("as of a past day", () => {
  it("status lists only the cases opened by then, at their stage then, and open if they closed later", async () => {
    const s = await setUp();
    const on = s.json(["status", "--as-of", "2026-11-10", "--json"]);
    expect(on.cases.map((c: { orderNo: string }) => c.orderNo)).toEqual(["KB-1"]);
    expect(on.cases[0]).toMatchObject({ stage: "seller-agreed", day: 8, flag: "on-track" });
    const later = s.json(["status", "--as-of", "2026-11-27", "--json"]);
    expect(later.cases.map((c: { orderNo: string; stage: string }) => [c.orderNo, c.stage])).toEqual([
      ["KB-2", "requested"],
    ]);
    expect(s.json(["status", "--json"]).cases).toEqual([]);
  });

  it("show and list agree, and show refuses a case that did not exist yet", async () => {
    const s = await setUp();
    const shown = s.json(["show", "1", "--as-of", "2026-11-10", "--json"]);
    expect(shown).toMatchObject({ stage: "seller-agreed", outcome: null, refunded: null });
    expect(shown.events.map((e: { on: string }) => e.on)).toEqual(["2026-11-02", "2026-11-03", "2026-11-06"]);
    expect(s.run(["show", "2", "--as-of", "2026-11-10"])).toMatchObject({
      code: 2,
      stderr: "kakotrack: case #2 was opened on 2026-11-25, after 2026-11-10: it did not exist yet\n",
    });
    const listed = s.json(["list", "--all", "--as-of", "2026-11-26", "--json"]);
    expect(listed.map((c: { id: number; outcome: string | null }) => [c.id, c.outcome])).toEqual([
      [1, "refunded"],
      [2, null],
    ]);
  });

  it("stats counts what had happened by then", async () => {
    const s = await setUp();
    const then = s.json(["stats", "--as-of", "2026-11-10", "--json"]);
    expect(then.cases).toBe(1);
    expect(then.byOutcome).toEqual({ open: 1 });
    expect(s.json(["stats", "--json"]).byOutcome).toEqual({ refunded: 1, cancelled: 1 });
  });
});
