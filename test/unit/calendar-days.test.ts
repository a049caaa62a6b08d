import { describe, expect, it } from "vitest";
import { type Calendar, type CalendarOptions, createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays, cnProvisional } from "../../src/domain/calendar/cn-holidays.js";
import { formatDate, toDay } from "../../src/domain/time/dates.js";

// Issue 25: calendar-day deadlines skip the days of the official holiday breaks and closures.

const cn = (more: Partial<CalendarOptions> = {}) =>
  createCalendar({ name: "cn", holidays: cnHolidays, provisional: cnProvisional, ...more });
const add = (cal: Calendar, from: string, n: number) => formatDate(cal.addCalendarDays(toDay(from), n));
const count = (cal: Calendar, from: string, to: string) => cal.countCalendarDays(toDay(from), toDay(to));
const skipped = (cal: Calendar, from: string, to: string) => cal.skippedDays(toDay(from), toDay(to));
const breaks = (cal: Calendar, from: string, to: string) =>
  cal.breaksIn(toDay(from), toDay(to)).map(([a, b]) => `${formatDate(a)}..${formatDate(b)}`);

describe("the days of a holiday break", () => {
  it("are each run of days off that holds a weekday off, its weekend days included", () => {
    const cal = cn();
    // 2026: Mid-Autumn Friday 25 - Sunday 27 September; National Day Thursday 1 - Wednesday 7 October.
    expect(breaks(cal, "2026-09-01", "2026-10-31")).toEqual(["2026-09-25..2026-09-27", "2026-10-01..2026-10-07"]);
    // A whole break is given even when the stretch asked about starts inside it.
    expect(breaks(cal, "2026-10-05", "2026-10-06")).toEqual(["2026-10-01..2026-10-07"]);
  });

  it("leave out ordinary weekends and the weekend day next to a make-up working day", () => {
    const cal = cn();
    // Saturday 19 September: Sunday 20 is worked (make-up), so it is an ordinary weekend day.
    expect(skipped(cal, "2026-09-18", "2026-09-20")).toBe(0);
    // Sunday 11 October, after the make-up Saturday 10 October.
    expect(skipped(cal, "2026-10-09", "2026-10-12")).toBe(0);
    expect(skipped(cal, "2026-11-06", "2026-11-09")).toBe(0);
  });
});

describe("calendar-day counts (calendar-days breaks)", () => {
  it("skip a break inside the window: an exchange opened Friday 2026-09-25", () => {
    const cal = cn();
    expect(add(cal, "2026-09-25", 2)).toBe("2026-09-29"); // agent review
    expect(add(cal, "2026-09-25", 7)).toBe("2026-10-11"); // seller response: 28-30, 8-11 October
    expect(count(cal, "2026-09-25", "2026-10-11")).toBe(7);
    expect(skipped(cal, "2026-09-25", "2026-10-11")).toBe(9);
    expect(add(cal, "2026-09-28", 7)).toBe("2026-10-12");
  });

  it("start counting after the break when the window starts inside one", () => {
    const cal = cn();
    expect(add(cal, "2026-10-03", 2)).toBe("2026-10-09");
    expect(count(cal, "2026-10-03", "2026-10-07")).toBe(0);
    expect(count(cal, "2026-10-03", "2026-10-08")).toBe(1);
  });

  it("count ordinary weekends, as before", () => {
    const cal = cn();
    expect(add(cal, "2026-11-06", 2)).toBe("2026-11-08");
    expect(add(cal, "2026-11-06", 18)).toBe("2026-11-24");
  });

  it("skip a closure on top of a break once: Superbuy closed 2026-12-31..2027-01-04, New Year 1-3 January", () => {
    const closures = ["2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"];
    const cal = cn().withClosures(closures);
    expect(add(cal, "2026-12-30", 2)).toBe("2027-01-06");
    expect(skipped(cal, "2026-12-30", "2027-01-06")).toBe(5);
    expect(cal.closuresIn(toDay("2026-12-30"), toDay("2027-01-06"))).toBe(5);
    expect(count(cal, "2026-12-30", "2027-01-04")).toBe(0);
    // Without the closure only the New Year break is skipped.
    expect(add(cn(), "2026-12-30", 2)).toBe("2027-01-04");
  });

  it("follow the provisional Spring Festival 2027 (5-13 February, Sunday 14 worked) and note the year", () => {
    const cal = cn();
    expect(breaks(cal, "2027-02-01", "2027-02-28")).toEqual(["2027-02-05..2027-02-13"]);
    expect(add(cal, "2027-02-03", 2)).toBe("2027-02-14");
    expect(add(cal, "2027-02-03", 7)).toBe("2027-02-19");
    expect(count(cal, "2027-02-03", "2027-02-12")).toBe(1);
    expect([...cal.provisionalYears]).toEqual([2027]);
    expect(cal.touchesProvisional(toDay("2027-02-03"), toDay("2027-02-14"))).toBe(true);
  });

  it("follow an imported 2027 schedule that replaces the provisional one", () => {
    const days = [
      { name: "元旦", date: "2027-01-01", isOffDay: true },
      ...["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"].map((date) => ({
        name: "春节",
        date,
        isOffDay: true,
      })),
      { name: "春节", date: "2027-02-20", isOffDay: false },
    ];
    const cal = cn({ imported: [{ year: 2027, days }] });
    expect(breaks(cal, "2027-02-01", "2027-02-28")).toEqual(["2027-02-05..2027-02-14"]);
    expect(add(cal, "2027-02-03", 2)).toBe("2027-02-15");
    expect(add(cal, "2027-02-03", 7)).toBe("2027-02-20"); // the make-up Saturday counts
    expect(cal.provisionalYears.size).toBe(0);
  });

  it("follow a day amended with calendar set: a weekday off joins its weekend to a break", () => {
    const cal = cn({ amendments: [{ date: "2026-11-20", isOffDay: true }] });
    expect(breaks(cal, "2026-11-01", "2026-11-30")).toEqual(["2026-11-20..2026-11-22"]);
    expect(add(cal, "2026-11-19", 2)).toBe("2026-11-24");
  });

  it("skip only closures on the weekdays calendar", () => {
    const cal = createCalendar({ name: "weekdays", closures: ["2026-10-02"] });
    expect(add(cal, "2026-09-25", 7)).toBe("2026-10-03");
    expect(cal.breaksIn(toDay("2026-01-01"), toDay("2026-12-31"))).toEqual([]);
  });

  it("count every day with calendar-days all", () => {
    const cal = cn({ calendarDays: "all", closures: ["2026-09-28"] });
    expect(add(cal, "2026-09-25", 7)).toBe("2026-10-02");
    expect(count(cal, "2026-09-25", "2026-10-11")).toBe(16);
    expect(skipped(cal, "2026-09-25", "2026-10-11")).toBe(10); // what breaks would skip, for the record
    add(cn({ calendarDays: "all" }), "2027-02-03", 7);
  });

  it("are the same whatever stretch a run counted first (the break days are worked out as counts reach)", () => {
    const years = Array.from({ length: 31 }, (_, i) => 2005 + i);
    const whole = (cal: Calendar, y: number) => skipped(cal, `${y - 1}-12-31`, `${y}-12-31`);
    const scattered = cn();
    const byYear = [2030, 2015, 2026, 2005, 2035].map((y) => whole(scattered, y));
    expect(byYear).toEqual([2030, 2015, 2026, 2005, 2035].map((y) => whole(cn(), y)));
    const oneByOne = cn();
    const sums = years.map((y) => {
      let n = 0;
      for (let d = toDay(`${y}-01-01`); d <= toDay(`${y}-12-31`); d++) n += oneByOne.skippedDays(d - 1, d);
      return n;
    });
    expect(sums).toEqual(years.map((y) => whole(cn(), y)));
    expect(Math.min(...sums)).toBeGreaterThan(20);
  });

  it("agree with a day-by-day count over 2025-2028", () => {
    const cal = cn().withClosures(["2026-05-06", "2027-12-30"]);
    const skip = (d: number) => cal.skippedDays(d - 1, d) === 1;
    for (let from = toDay("2025-01-01"); from < toDay("2028-06-01"); from += 3) {
      for (const n of [1, 2, 7, 18]) {
        let day = from;
        for (let left = n; left > 0; ) if (!skip(++day)) left--;
        if (cal.addCalendarDays(from, n) !== day) throw new Error(`${formatDate(from)} + ${n}`);
        if (cal.countCalendarDays(from, day) !== n) throw new Error(`count ${formatDate(from)}..${formatDate(day)}`);
      }
    }
  });
});
