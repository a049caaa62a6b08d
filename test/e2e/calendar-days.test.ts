import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";
import { spotted } from "./money-fixtures.js";

// Issue 25 end to end: calendar-day deadlines skip the official holiday breaks and closures, say
// so, and the provisional marks sit on the deadlines counted through a provisional year.

const exchange = (date: string, order = "KB-1", more: Record<string, string> = {}) =>
  addArgs({ order, resolution: "exchange", date, ...more });
type Shown = { deadlines: Array<{ rule: string; due: string; skipped: number; provisional: boolean; late: number }> };
const byRule = (shown: Shown) => Object.fromEntries(shown.deadlines.map((d) => [d.rule, d]));

describe("calendar-day deadlines and holiday breaks", () => {
  it("an exchange opened on Friday 2026-09-25 skips the Mid-Autumn and National Day breaks, and says so", async () => {
    const s = sandbox("2026-09-25");
    await s.okHere(exchange("2026-09-25"));
    const shown = byRule(s.json(["show", "1", "--json"], { now: "2026-10-05" }));
    expect(shown["agent-review"]).toMatchObject({ due: "2026-09-29", skipped: 2, late: 1, provisional: false });
    expect(shown["seller-response"]).toMatchObject({ due: "2026-10-11", skipped: 9, provisional: false });
    const r = s.run(["show", "1"], { now: "2026-10-05" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  agent review due 2026-09-29: the Mid-Autumn break is not counted\n");
    expect(r.stdout).toContain(
      "  seller response due 2026-10-11: the Mid-Autumn and National Day breaks are not counted\n",
    );
    expect(r.stdout).toMatch(/│ seller response +│ 2026-10-11 +│ due in 6 days +│/);
    expect(r.stdout).not.toContain("~");
  });

  it("`config set calendar-days all` counts every day again; the calendar's own amendments stay", async () => {
    const s = sandbox("2026-09-25");
    await s.okHere(exchange("2026-09-25"));
    await s.okHere(["calendar", "set", "2026-11-20", "off"]);
    expect(s.ok(["config", "set", "calendar-days", "all"])).toBe("calendar-days = all\n");
    expect(s.ok(["config", "get", "calendar-days"])).toBe("all\n");
    expect(s.ok(["config", "list"])).toMatch(/calendar-days +│ all /);
    const shown = byRule(s.json(["show", "1", "--json"], { now: "2026-10-05" }));
    expect(shown["seller-response"]).toMatchObject({ due: "2026-10-02", skipped: 0, late: 3 });
    expect((await s.jsonHere(["calendar", "--json"])).amendments).toEqual([{ date: "2026-11-20", isOffDay: true }]);
    expect(s.run(["config", "set", "calendar-days", "some"]).code).toBe(2);
    expect(s.ok(["config", "unset", "calendar-days"])).toBe("calendar-days = breaks (default)\n");
    expect(byRule(s.json(["show", "1", "--json"], { now: "2026-10-05" }))["seller-response"]!.due).toBe("2026-10-11");
  });

  it("a Superbuy exchange is not overdue while Superbuy is closed over New Year", async () => {
    const s = sandbox("2026-12-30");
    await s.okHere(["config", "set", "closures", "2026-12-31..2027-01-04", "--agent", "Superbuy"]);
    await s.okHere(exchange("2026-12-30", "SB-1", { agent: "Superbuy" }));
    await s.okHere(exchange("2026-12-30", "KB-1"));
    const r = s.run(["status", "--json"], { now: "2027-01-04" });
    expect(r.code).toBe(0);
    const cases = JSON.parse(r.stdout).cases;
    const superbuy = cases.find((c: { id: number }) => c.id === 1);
    expect(superbuy).toMatchObject({
      flag: "due-soon",
      due: "2027-01-06",
      reasons: ["agent review due in 2 days (2027-01-06)"],
    });
    // The other agent's case: only the New Year break (1-3 January 2027, provisional).
    expect(cases.find((c: { id: number }) => c.id === 2)).toMatchObject({ flag: "due-soon", due: "2027-01-04" });
    expect(r.stderr).toMatch(/^kakotrack: note: business days and holiday breaks in 2027 are counted on a provisional/);
    const shown = byRule(s.json(["show", "1", "--json"], { now: "2027-01-04" }));
    expect(shown["agent-review"]).toMatchObject({ due: "2027-01-06", skipped: 5, provisional: true });
    expect(s.ok(["show", "1"], { now: "2027-01-04" })).toContain(
      "  agent review due 2027-01-06: the New Year break and closure days are not counted\n",
    );
    const month = s.ok(["calendar", "show", "2027-01", "--agent", "Superbuy"], { now: "2027-01-04" });
    expect(month).toMatch(/│ +1x\? │ +2x\? │ +3x\? │/);
    expect(month).toContain("x closure (yours or Superbuy's)");
    expect(s.ok(["calendar", "show", "2027-01"], { now: "2027-01-04" })).toMatch(
      /│ +1\*\? │ +2\? │ +3\? │\n│ \[4\?\] │/,
    );
  });

  it(
    "an exchange opened 2027-02-03 is not overdue in the Spring Festival break, and message drafts no " + "follow-up",
    async () => {
      const s = sandbox("2027-02-03");
      await s.okHere(exchange("2027-02-03"));
      const r = s.run(["status", "--json", "--check"], { now: "2027-02-12" });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).cases[0]).toMatchObject({ flag: "due-soon", due: "2027-02-14", provisional: true });
      expect(byRule(s.json(["show", "1", "--json"], { now: "2027-02-12" }))["seller-response"]).toMatchObject({
        due: "2027-02-19",
        skipped: 9,
        provisional: true,
      });
      const message = s.run(["message", "1", "--lang", "zh", "--json"], { now: "2027-02-12" });
      expect(JSON.parse(message.stdout).kind).toBe("request");
      expect(message.stdout).not.toContain("超时");
    },
  );

  it("a seller who answers two days after the break is 2 days late everywhere, not 11", async () => {
    const s = sandbox("2027-01-28");
    await s.okHere(exchange("2027-01-28"));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2027-01-29"], { now: "2027-01-29" });
    // Seller response due Thursday 4 February, the day before the break (5-13 February).
    const during = s.json(["status", "--json"], { now: "2027-02-10" }).cases[0];
    expect(during.reasons).toEqual(["seller response overdue since 2027-02-05, 0 days so far (due 2027-02-04)"]);
    const after = s.json(["status", "--json"], { now: "2027-02-15" }).cases[0];
    expect(after.reasons).toEqual(["seller response overdue by 2 days (due 2027-02-04)"]);
    expect(s.ok(["message", "1"], { now: "2027-02-15" })).toContain("due 2027-02-04, now about 2 days late");
    await s.okHere(["advance", "1", "seller-confirmed", "--date", "2027-02-15"], { now: "2027-02-15" });
    expect(s.ok(["show", "1"], { now: "2027-02-15" })).toContain("2027-02-04  seller response (done, 2 days late)");
    const stats = s.json(["stats", "--json"], { now: "2027-02-15" });
    expect(stats.sellers[0].deadlines["seller-response"]).toMatchObject({ judged: 1, onTime: 0 });
  });
});

describe("the return window and the agent's closures", () => {
  it("stops while the agent is closed, not for state holidays, and not under calendar-days all", async () => {
    const s = sandbox("2026-12-29T12:00");
    await s.okHere(["config", "set", "closures", "2026-12-31..2027-01-04", "--agent", "Superbuy"]);
    await s.okHere(spotted("2026-12-29 10:00", { agent: "Superbuy", order: "SB-1" }));
    await s.okHere(spotted("2026-12-29 10:00", { agent: "KakoBuy", order: "KB-1" }));
    const closes = () =>
      s
        .json(["status", "--json"])
        .cases.map((c: { orderNo: string; returnWindowClosesAt: string }) => [c.orderNo, c.returnWindowClosesAt]);
    // 120 hours, the five closed days not counted; KakoBuy's window runs through New Year.
    expect(closes()).toEqual([
      ["KB-1", "2027-01-03T10:00"],
      ["SB-1", "2027-01-08T10:00"],
    ]);
    await s.okHere(["config", "set", "calendar-days", "all"]);
    expect(closes()).toEqual([
      ["SB-1", "2027-01-03T10:00"],
      ["KB-1", "2027-01-03T10:00"],
    ]);
  });
});

describe("provisional marks per deadline", () => {
  const setUp = async () => {
    const s = sandbox("2026-12-31");
    // A refund whose earliest deadline stays in 2026 while its refund reaches 2027, and an
    // exchange whose agent review is counted through the provisional New Year break.
    await s.okHere(
      addArgs({
        order: "KB-20261224-LONGORDER",
        item: "grey hoodie with a long name",
        resolution: "refund",
        date: "2026-12-24",
      }),
    );
    await s.okHere(exchange("2026-12-30", "KB-20261230-LONGORDER", { item: "black cap with a long name too" }));
    return s;
  };

  it("status marks only the due date whose own count is provisional, at 120 columns with the footnote", async () => {
    const s = await setUp();
    const r = s.run(["status"], { env: { COLUMNS: "120" } });
    expect(r.code).toBe(0);
    // The order numbers are never cut (issue 26), so at 120 columns the due dates of this year lose their year.
    expect(r.stdout).toMatch(/│ #1 .*│ (2026-)?12-26 +│/);
    expect(r.stdout).toMatch(/│ #2 .*│ 2027-01-04~ │/);
    expect(r.stdout).toContain("~ counted on a provisional calendar");
    const cases = s.json(["status", "--json"]).cases;
    expect(cases.map((c: { provisional: boolean }) => c.provisional)).toEqual([true, true]);
  });

  it("at 80 columns the due column gives way, and its footnote with it", async () => {
    const s = await setUp();
    const r = s.run(["status"], { env: { COLUMNS: "80" } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/│ due /);
    expect(r.stdout).not.toContain("~");
  });

  it("no footnote when no due date shown is provisional", async () => {
    const s = await setUp();
    await s.okHere(["close", "2", "--outcome", "cancelled"]);
    const r = s.run(["status"], { env: { COLUMNS: "120" } });
    expect(r.stdout).toMatch(/│ #1 .*│ (2026-)?12-26 +│/);
    expect(r.stdout).not.toContain("~");
  });

  it("show marks each provisional row of its deadlines table, and --json each deadline", async () => {
    const s = await setUp();
    const r = s.run(["show", "1"]);
    expect(r.stdout).toMatch(/│ agent review +│ 2026-12-26 {2}│/);
    expect(r.stdout).toMatch(/│ seller response +│ 2026-12-31 {2}│/);
    expect(r.stdout).toMatch(/│ refund +│ 2027-01-14~ │/);
    expect(r.stdout).toContain("  ~ counted on a provisional calendar");
    const shown = s.json(["show", "1", "--json"]);
    expect(shown.provisional).toBe(true);
    expect(shown.deadlines.map((d: { provisional: boolean }) => d.provisional)).toEqual([false, false, true]);
  });
});
