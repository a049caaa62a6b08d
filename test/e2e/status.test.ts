import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

describe("status", () => {
  it("prints the --json contract and exits 1 under --check when a case is overdue", async () => {
    const s = sandbox("2026-11-02");
    await s.okHere(addArgs({ order: "KB-1001", item: "hoodie", resolution: "refund" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"], { now: "2026-11-03" });
    const out = s.json(["status", "--json", "--as-of", "2026-11-22"]);
    expect(out).toEqual({
      asOf: "2026-11-22",
      summary: { overdue: 1, action: 0, dueSoon: 0, onTrack: 0 },
      cases: [
        {
          id: 1,
          agent: "KakoBuy",
          orderNo: "KB-1001",
          item: "hoodie",
          seller: "Lucky Store",
          resolution: "refund",
          stage: "agent-reviewed",
          openedOn: "2026-11-02",
          day: 20,
          round: 1,
          roundStartedOn: "2026-11-02",
          flag: "overdue",
          provisional: false,
          due: "2026-11-09",
          late: 9,
          lateUnit: "business days",
          reasons: [
            "seller response overdue by 9 business days (due 2026-11-09)",
            "refund overdue since 2026-11-21, 0 business days so far (due 2026-11-20)",
          ],
          returnWindowClosesAt: null,
        },
      ],
    });
    const check = s.run(["status", "--check", "--as-of", "2026-11-22"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe("");
    expect(s.run(["status", "--check", "--as-of", "2026-11-03"]).code).toBe(0);
  });
});
