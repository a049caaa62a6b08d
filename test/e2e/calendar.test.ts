import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 14 end to end: 2027 on the provisional calendar, said so; the official schedule loaded
// from holiday-cn's form, once, undone; a day amended.

const refund = (date: string, order = "KB-1") => addArgs({ order, resolution: "refund", date });
const dues = (shown: { deadlines: Array<{ rule: string; due: string }> }) =>
  Object.fromEntries(shown.deadlines.map((d) => [d.rule, d.due]));

const SCHEDULE_2027 = {
  year: 2027,
  days: [
    { name: "元旦", date: "2027-01-01", isOffDay: true },
    ...["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"].map((date) => ({
      name: "春节",
      date,
      isOffDay: true,
    })),
    { name: "春节", date: "2027-02-20", isOffDay: false },
  ],
};

describe("2027 before its schedule is published", () => {
  it("a refund opened 2026-12-31 answers by 2027-01-08 (New Year's Day is a Friday), marked provisional", async () => {
    const s = sandbox("2026-12-31");
    await s.okHere(refund("2026-12-31"));
    const r = s.run(["status", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cases[0]).toMatchObject({ provisional: true });
    expect(r.stderr).toMatch(
      /^kakotrack: note: business days and holiday breaks in 2027 are counted on a provisional calendar.*`kakotrack calendar import FILE`\n$/,
    );
    const shown = await s.jsonHere(["show", "1", "--json"]);
    expect(dues(shown)).toMatchObject({ "seller-response": "2027-01-08" });
    expect(shown.provisional).toBe(true);
    expect(s.ok(["show", "1"])).toMatch(/provisional +the 2027 schedule is not published yet/);
    expect(s.ok(["status"])).toMatch(/2027-01-05~ .*\n[\s\S]*~ counted on a provisional calendar/);
    expect(s.ok(["doctor"])).toMatch(/warning +open cases have deadlines counted on the provisional 2027 calendar/);
    const ics = s.ok(["export", "--format", "ics"]);
    expect(ics.replace(/\r\n /g, "")).toMatch(/Provisional: counted on the rules' calendar/);
  });

  it("a 2026 case whose deadlines stay in 2026 is not provisional", async () => {
    const s = sandbox("2026-11-10");
    await s.okHere(refund("2026-11-02"));
    const r = s.run(["status", "--json"]);
    expect(JSON.parse(r.stdout).cases[0].provisional).toBe(false);
    expect(r.stderr).toBe("");
  });
});

describe("calendar import, set and show", () => {
  it("loads a year's schedule once, outranks the rules, and undo reverts it", async () => {
    const s = sandbox("2027-01-25");
    const file = join(s.dir, "2027.json");
    writeFileSync(file, JSON.stringify({ $schema: "https://example.org/schema.json", ...SCHEDULE_2027 }));
    await s.okHere(refund("2027-01-25"));
    expect(s.ok(["calendar"])).toMatch(/2027-2100 +provisional/);
    expect(s.ok(["calendar", "import", file])).toMatch(
      /^Loaded China's schedule for 2027: 7 days off, 1 make-up working day/,
    );
    const once = s.ok(["export"]);
    expect(s.ok(["calendar", "import", file])).toMatch(/already loaded; nothing changed/);
    expect(s.ok(["export"]).replace(/"exportedAt": "[^"]*"/, "")).toBe(once.replace(/"exportedAt": "[^"]*"/, ""));
    expect(s.ok(["calendar"])).toMatch(/2027 +imported[\s\S]*2028-2100 +provisional/);
    // The file's schedule: 5 business days from Mon 01-25 are 01-26..01-29 and 02-01: due Mon 2027-02-01.
    expect(dues(await s.jsonHere(["show", "1", "--json"]))["seller-response"]).toBe("2027-02-01");
    expect(s.run(["status", "--json"]).stderr).toBe(""); // nothing provisional any more
    expect(s.ok(["undo"])).toMatch(/calendar import of 2027/);
    expect(s.ok(["calendar"])).toMatch(/2027-2100 +provisional/);
  });

  it("carries an imported year through export and import", async () => {
    const s = sandbox("2027-01-25");
    const file = join(s.dir, "2027.json");
    writeFileSync(file, JSON.stringify(SCHEDULE_2027));
    await s.okHere(["calendar", "import", file]);
    await s.okHere(["calendar", "set", "2027-03-01", "off"]);
    s.ok(["export", "--out", join(s.dir, "all.json")]);
    const other = sandbox("2027-01-25");
    other.ok(["import", join(s.dir, "all.json")]);
    expect(other.ok(["calendar"])).toMatch(/2027 +imported[\s\S]*days set: 2027-03-01 off/);
  });

  it("refuses a bad file with exit 2 naming the entry, and changes nothing", async () => {
    const s = sandbox("2027-01-25");
    await s.okHere(refund("2027-01-25"));
    const before = s.ok(["export"]).replace(/"exportedAt": "[^"]*"/, "");
    const bad = join(s.dir, "bad.json");
    for (const [content, message] of [
      [{ year: 2027, days: [{ name: "x", date: "2027-02-30", isOffDay: true }] }, /days\[0\].*2027-02-30/],
      [
        {
          year: 2027,
          days: [
            { name: "x", date: "2026-12-31", isOffDay: true },
            { name: "y", date: "2028-01-01", isOffDay: true },
          ],
        },
        /2028-01-01/,
      ],
      [{ days: [] }, /year/],
    ] as const) {
      writeFileSync(bad, JSON.stringify(content));
      const r = s.run(["calendar", "import", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    writeFileSync(bad, "{not json");
    expect(s.run(["calendar", "import", bad]).code).toBe(2);
    expect(s.ok(["export"]).replace(/"exportedAt": "[^"]*"/, "")).toBe(before);
  });

  it("sets a day off or back to its schedule, and draws the month", () => {
    const s = sandbox("2027-02-10");
    expect(s.ok(["calendar", "set", "2027-02-15", "off"])).toBe("2027-02-15 is now a day off for every case.\n");
    const month = s.json(["calendar", "show", "2027-02", "--json"]);
    const kind = (date: string) => month.days.find((d: { date: string }) => d.date === date).kind;
    expect([kind("2027-02-05"), kind("2027-02-15"), kind("2027-02-13"), kind("2027-02-16")]).toEqual([
      "off",
      "off",
      "weekend",
      "working",
    ]);
    expect(month.days.find((d: { today: boolean }) => d.today).date).toBe("2027-02-10");
    expect(s.ok(["calendar", "show", "2027-02"])).toMatch(
      /^February 2027 \(provisional\)\n[\s\S]*Mon[\s\S]*\[10\*\?\][\s\S]*15\*\?/,
    );
    s.ok(["calendar", "set", "2027-02-15", "default"]);
    expect(s.json(["calendar", "show", "2027-02", "--json"]).days[14].kind).toBe("working");
    expect(s.run(["calendar", "set", "2027-02-15", "holiday"]).code).toBe(2);
  });

  it("prints the rules' year in holiday-cn's form, even for a year with official data", () => {
    const s = sandbox("2026-12-01");
    const year = s.json(["calendar", "show", "2026", "--provisional", "--json"]);
    expect(year.year).toBe(2026);
    expect(year.days.length).toBeGreaterThan(20);
    expect(Object.keys(year.days[0]).sort()).toEqual(["date", "isOffDay", "name"]);
    expect(year.days.some((d: { date: string; isOffDay: boolean }) => d.date === "2026-10-01" && d.isOffDay)).toBe(
      true,
    );
  });
});

describe("an agent's own closures", () => {
  it("move that agent's deadlines and no one else's", async () => {
    // Superbuy closed 2025-01-27..02-04, a day before the state's Spring Festival break (01-28..02-04).
    const s = sandbox("2025-01-20");
    await s.okHere(["config", "set", "closures", "2025-01-27..2025-02-04", "--agent", "Superbuy"]);
    await s.okHere([...refund("2025-01-20", "SB-1"), "--agent", "Superbuy"]);
    await s.okHere(refund("2025-01-20", "KB-1"));
    const refundDue = async (id: string) => dues(await s.jsonHere(["show", id, "--json"])).refund;
    expect(await refundDue("2")).toBe("2025-02-13"); // KakoBuy: the state's calendar
    expect(await refundDue("1")).toBe("2025-02-14"); // Superbuy: one working day fewer (01-27)
    const status = s.json(["status", "--json", "--all", "--limit", "0"]);
    expect(status.cases.map((c: { orderNo: string }) => c.orderNo).sort()).toEqual(["KB-1", "SB-1"]);
    await s.okHere(["advance", "1", "seller-agreed", "--date", "2025-01-22"], { now: "2025-01-22" });
    await s.okHere(["advance", "2", "seller-agreed", "--date", "2025-01-22"], { now: "2025-01-22" });
    const on = s.json(["status", "--json", "--as-of", "2025-01-22"], { now: "2025-02-14" });
    expect(Object.fromEntries(on.cases.map((c: { orderNo: string; due: string }) => [c.orderNo, c.due]))).toEqual({
      "KB-1": "2025-02-13",
      "SB-1": "2025-02-14",
    });
    expect(s.ok(["config", "list"])).toMatch(/│ closures@Superbuy +│ 2025-01-27\.\.2025-02-04 +│ for Superbuy's cases/);
  });
});
