import { describe, expect, it } from "vitest";
import { type CalendarOptions, createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays, cnProvisional } from "../../src/domain/calendar/cn-holidays.js";
import type { HolidayFile } from "../../src/domain/calendar/holiday-file.js";
import { formatDate, toDay } from "../../src/domain/time/dates.js";

// Each year's schedule has a source: a file the user imported, the bundled official data, the
// rules (provisional), or none (Monday-Friday); amendments and closures go on top.

const cn = (options: Partial<CalendarOptions> = {}) =>
  createCalendar({ name: "cn", holidays: cnHolidays, provisional: cnProvisional, ...options });
type Cal = ReturnType<typeof cn>;
const add = (cal: Cal, from: string, n: number) => formatDate(cal.addBusinessDays(toDay(from), n));

/** A 2027 schedule as the State Council might publish it, other than the rules' (written for these tests). */
const IMPORTED_2027: HolidayFile = {
  year: 2027,
  days: [
    { name: "元旦", date: "2027-01-01", isOffDay: true },
    { name: "春节", date: "2027-01-31", isOffDay: false },
    ...["02-04", "02-05", "02-06", "02-07", "02-08", "02-09", "02-10", "02-11"].map((d) => ({
      name: "春节",
      date: `2027-${d}`,
      isOffDay: true,
    })),
    { name: "春节", date: "2027-02-20", isOffDay: false },
  ],
};

describe("a year the official data does not cover is provisional", () => {
  it(
    "a refund opened 2026-12-31 has its 5-business-day response due 2027-01-08: New Year's Day 2027, a Friday, is " +
      "off",
    () => {
      const cal = cn();
      expect(add(cal, "2026-12-31", 5)).toBe("2027-01-08");
      expect([...cal.provisionalYears]).toEqual([2027]);
      expect(cal.uncoveredYears.size).toBe(0);
    },
  );

  it("a calendar apart counts the same days and notes its years in records of its own, both ways", () => {
    const cal = cn({ closures: ["2026-12-28"] });
    const apart = cal.apart();
    // The apart calendar reuses the day the first one worked out, and notes 2027 for itself only.
    expect(add(cal, "2026-12-25", 5)).toBe("2027-01-05");
    expect(add(apart, "2026-12-25", 5)).toBe("2027-01-05");
    expect(apart.countCalendarDays(toDay("2026-12-25"), toDay("2028-01-03"))).toBe(
      cal.countCalendarDays(toDay("2026-12-25"), toDay("2028-01-03")),
    );
    expect([...apart.provisionalYears].sort()).toEqual([2027, 2028]);
    expect([...cal.provisionalYears].sort()).toEqual([2027, 2028]);
    const fresh = cn({ closures: ["2026-12-28"] });
    add(fresh, "2026-12-25", 5);
    fresh.apart().addCalendarDays(toDay("2027-12-20"), 30);
    expect([...fresh.provisionalYears]).toEqual([2027]);
  });

  it("a refund opened 2027-01-25 is not due 2027-02-12: the Spring Festival (Eve Friday 5 February) is off", () => {
    const cal = cn();
    expect(add(cal, "2027-01-25", 14)).not.toBe("2027-02-12");
    expect(add(cal, "2027-01-25", 14)).toBe("2027-02-18");
    // The Sunday before the break is worked, as in the notices since 2025.
    expect(add(cal, "2027-01-25", 5)).toBe("2027-01-31");
  });

  it(
    "records nothing for counts inside the official years, and says which counts pass through a provisional " + "year",
    () => {
      const cal = cn();
      add(cal, "2026-03-02", 14);
      expect(cal.countBusinessDays(toDay("2026-09-30"), toDay("2026-12-31"))).toBe(18 + 21 + 23);
      expect(cal.provisionalYears.size).toBe(0);
      expect(cal.touchesProvisional(toDay("2026-12-20"), toDay("2026-12-31"))).toBe(false);
      expect(cal.touchesProvisional(toDay("2026-12-31"), toDay("2027-01-08"))).toBe(true);
      expect(cal.touchesProvisional(toDay("2027-01-08"), toDay("2027-01-08"))).toBe(false);
      expect(cal.provisionalYears.size).toBe(0);
    },
  );

  it("counts Monday-Friday only where not even the lunar tables reach, and says so", () => {
    const cal = cn();
    expect(add(cal, "2100-12-30", 3)).toBe("2101-01-04");
    expect(cal.countBusinessDays(toDay("2003-12-30"), toDay("2004-01-02"))).toBe(2);
    expect([...cal.uncoveredYears].sort()).toEqual([2003, 2101]);
    expect([...cal.provisionalYears]).toEqual([2100]);
    expect([
      cal.yearSource(2003),
      cal.yearSource(2004),
      cal.yearSource(2026),
      cal.yearSource(2027),
      cal.yearSource(2100),
      cal.yearSource(2101),
    ]).toEqual(["weekdays", "official", "official", "provisional", "provisional", "weekdays"]);
    expect(cal.sources).toEqual([
      { from: 2004, to: 2026, source: "official" },
      { from: 2027, to: 2100, source: "provisional" },
    ]);
  });

  it("begins a provisional year in December when its New Year break does (2030: Tuesday 1 January)", () => {
    const imported2029: HolidayFile = { year: 2029, days: [{ name: "元旦", date: "2029-01-01", isOffDay: true }] };
    const cal = cn({ imported: [imported2029] });
    expect(cal.isBusinessDay(toDay("2029-12-29"))).toBe(true); // Saturday worked for Monday 31 December
    expect(cal.isBusinessDay(toDay("2029-12-31"))).toBe(false);
    expect(cal.countBusinessDays(toDay("2029-12-20"), toDay("2029-12-28"))).toBe(6);
    expect(cal.provisionalYears.size).toBe(0);
    expect(cal.countBusinessDays(toDay("2029-12-27"), toDay("2029-12-31"))).toBe(2);
    expect([...cal.provisionalYears]).toEqual([2030]);
  });

  it("without the provisional schedule, counts those years Monday-Friday as before", () => {
    const cal = createCalendar({ name: "cn", holidays: cnHolidays });
    expect(add(cal, "2026-12-31", 5)).toBe("2027-01-07");
    expect([...cal.uncoveredYears]).toEqual([2027]);
    expect(cal.yearSource(2027)).toBe("weekdays");
  });
});

describe("an imported year", () => {
  it("outranks the provisional schedule, and is not provisional", () => {
    const cal = cn({ imported: [IMPORTED_2027] });
    expect(cal.yearSource(2027)).toBe("imported");
    // Jan 26-29, Sunday 31st, Feb 1-3, then Feb 12, 15-19.
    expect(add(cal, "2027-01-25", 14)).toBe("2027-02-19");
    expect(add(cal, "2027-01-25", 9)).toBe("2027-02-12");
    expect(cal.isBusinessDay(toDay("2027-02-04"))).toBe(false);
    expect(cal.isBusinessDay(toDay("2027-02-14"))).toBe(false); // the rules' make-up Sunday is gone
    expect(cal.isBusinessDay(toDay("2027-02-20"))).toBe(true);
    expect(cal.provisionalYears.size).toBe(0);
    expect(cal.sources).toEqual([
      { from: 2004, to: 2026, source: "official" },
      { from: 2027, to: 2027, source: "imported" },
      { from: 2028, to: 2100, source: "provisional" },
    ]);
  });

  it("outranks the bundled official data for its year: the file is the year's whole schedule", () => {
    const cal = cn({ imported: [{ year: 2026, days: [{ name: "春节", date: "2026-02-16", isOffDay: true }] }] });
    expect(cal.yearSource(2026)).toBe("imported");
    expect(cal.isBusinessDay(toDay("2026-02-16"))).toBe(false);
    expect(cal.isBusinessDay(toDay("2026-02-17"))).toBe(true);
    expect(cal.isBusinessDay(toDay("2026-02-14"))).toBe(false); // Saturday, no longer worked
    expect(cal.isBusinessDay(toDay("2025-10-08"))).toBe(false); // 2025 still official
  });

  it("imported twice is the same calendar", () => {
    const once = cn({ imported: [IMPORTED_2027] });
    const twice = cn({ imported: [IMPORTED_2027, IMPORTED_2027] });
    for (let d = toDay("2026-12-01"); d < toDay("2028-02-01"); d++)
      expect(twice.isBusinessDay(d)).toBe(once.isBusinessDay(d));
  });
});

describe("amendments (calendar set DATE off|work)", () => {
  it("override the day whatever its source says", () => {
    const cal = cn({
      amendments: [
        { date: "2027-01-04", isOffDay: true },
        { date: "2027-02-13", isOffDay: false },
        { date: "2026-10-07", isOffDay: false },
      ],
    });
    expect(add(cal, "2026-12-31", 5)).toBe("2027-01-11");
    expect(cal.isBusinessDay(toDay("2027-02-13"))).toBe(true);
    expect(cal.isBusinessDay(toDay("2026-10-07"))).toBe(true); // official National Day, amended
    expect(cal.isBusinessDay(toDay("2026-10-06"))).toBe(false);
    expect(cal.dayKind(toDay("2027-02-13"))).toBe("make-up");
    // `default` is no amendment: the schedule's own day again.
    expect(add(cn({ amendments: [] }), "2026-12-31", 5)).toBe("2027-01-08");
  });

  it("apply on top of an imported year too", () => {
    const cal = cn({ imported: [IMPORTED_2027], amendments: [{ date: "2027-02-20", isOffDay: true }] });
    expect(cal.isBusinessDay(toDay("2027-02-20"))).toBe(false);
  });
});

describe("dayKind: a month as `calendar show 2027-02` draws it", () => {
  it("tells working days, days off, make-up days, weekends and closures apart", () => {
    const cal = cn({ closures: ["2027-02-15"] });
    const kinds = [
      "2027-01-31",
      "2027-02-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-13",
      "2027-02-14",
      "2027-02-15",
      "2027-02-20",
    ].map((d) => cal.dayKind(toDay(d)));
    expect(kinds).toEqual(["make-up", "working", "off", "weekend", "weekend", "make-up", "closure", "weekend"]);
  });
});

describe("per-agent closures (withClosures)", () => {
  it("a Superbuy closure moves a Superbuy deadline and not a KakoBuy one", () => {
    const all = cn({ closures: ["2027-03-01"] });
    // config set closures 2027-01-30..2027-02-12 --agent Superbuy, as settings expand it.
    const superbuy = all.withClosures(Array.from({ length: 14 }, (_, i) => formatDate(toDay("2027-01-30") + i)));
    expect(add(all, "2027-01-25", 5)).toBe("2027-01-31");
    expect(add(superbuy, "2027-01-25", 5)).toBe("2027-02-14"); // the make-up Sunday after the closure
    expect(add(all, "2027-02-26", 1)).toBe("2027-03-02"); // the closure for all cases holds for both
    expect(add(superbuy, "2027-02-26", 1)).toBe("2027-03-02");
    expect(superbuy.dayKind(toDay("2027-01-31"))).toBe("closure");
    expect(all.dayKind(toDay("2027-01-31"))).toBe("make-up");
  });

  it("shares the record of provisional and uncovered years with the calendar it came from", () => {
    const all = cn();
    const agent = all.withClosures(["2027-02-01"]);
    add(agent, "2027-01-25", 5);
    expect(agent.provisionalYears).toBe(all.provisionalYears);
    expect([...all.provisionalYears]).toEqual([2027]);
    expect(agent.sources).toBe(all.sources);
  });
});
