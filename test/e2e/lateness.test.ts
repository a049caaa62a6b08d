import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 24 item 6 end to end: a seller ran late only on the seller's own deadlines; the agent's
// review counts against the agent, the buyer's own approval against nobody but the buyer.

describe("who was late", () => {
  it(
    "does not blame a seller who met every deadline for the buyer's late approval, nor for the agent's " + "review",
    async () => {
      const s = sandbox("2026-12-01");
      await s.okHere(addArgs({ order: "KB-1", date: "2026-11-02" }));
      for (const [stage, on] of [
        ["agent-reviewed", "2026-11-03"],
        ["seller-confirmed", "2026-11-06"],
        ["replacement-arrived", "2026-11-12"],
        ["new-qc", "2026-11-16"],
        ["approved", "2026-11-25"], // day 23: the buyer approved five days after day 18
      ])
        await s.okHere(["advance", "1", stage!, "--date", on!]);
      // The agent reviewed on day 4 (due day 2); the seller was on time; the buyer has not approved by day 21.
      await s.okHere(addArgs({ order: "KB-2", date: "2026-11-10" }));
      await s.okHere(["advance", "2", "agent-reviewed", "--date", "2026-11-14"]);
      await s.okHere(["advance", "2", "seller-confirmed", "--date", "2026-11-15"]);
      await s.okHere(["advance", "2", "replacement-arrived", "--date", "2026-11-20"]);
      await s.okHere(["advance", "2", "new-qc", "--date", "2026-11-22"]);

      expect(s.ok(["add", ...addArgs({ order: "KB-3", date: "2026-12-01" }).slice(1)])).toContain(
        "Seller Lucky Store: 2 earlier cases, 0 refused, 0 ran late, typically resolved in 23 days.",
      );
      const stats = s.json(["stats", "--json"]);
      expect(stats.buyerLate).toBe(2);
      expect(stats.sellers.map((g: any) => [g.name, g.cases, g.ranLate])).toEqual([["Lucky Store", 3, 0]]);
      expect(stats.agents.map((g: any) => [g.name, g.cases, g.ranLate])).toEqual([["KakoBuy", 3, 1]]);
      expect(stats.sellers[0].deadlines.approved).toEqual({ judged: 2, onTime: 0, rate: 0 });
      expect(s.ok(["stats"])).toContain(
        "Your own approvals ran late in 2 cases (not counted against sellers or agents)\n",
      );
    },
  );
});
