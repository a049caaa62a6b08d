import { describe, expect, it } from "vitest";
import { cnLunarFacts } from "../../src/domain/calendar/cn-lunar.js";
import { fileExceptions, type HolidayFile, isWeekday } from "../../src/domain/calendar/holiday-file.js";
import {
  type LunarFacts,
  lawSchedule,
  lunarFactsOf,
  provisionalSchedule,
} from "../../src/domain/calendar/provisional.js";
import { dayFromParts, formatDate, toDay } from "../../src/domain/time/dates.js";

// The rules are checked with fixed lunar facts against schedules written out here from the State
// Council's notices, and over every year they serve (2027-2100) against what a schedule must be.

const facts = (springFestival: string, qingming: string, dragonBoat: string, midAutumn: string): LunarFacts => ({
  springFestival,
  qingming,
  dragonBoat,
  midAutumn,
});

/** Days off ("A" or "A..B") and make-up days, as the days that differ from Monday-Friday. */
function differences(off: readonly string[], work: readonly string[]): string[] {
  const days: number[] = [];
  for (const range of off) {
    const [a, b = a] = range.split("..") as [string, string?];
    for (let d = toDay(a); d <= toDay(b!); d++) if (isWeekday(d)) days.push(d);
  }
  for (const date of work) if (!isWeekday(toDay(date))) days.push(toDay(date));
  return days.sort((x, y) => x - y).map(formatDate);
}
const predicted = (file: HolidayFile): string[] => fileExceptions(file).map(formatDate);

// The notices' days off and make-up days, written out here as MM-DD, after the year's lunar facts
// (Spring Festival, Qingming, Dragon Boat, Mid-Autumn); the rules must give each year from the
// facts alone. 2026: New Year bridged to a Sunday worked, nine Spring Festival days to the 7th,
// National Day's make-up before Mid-Autumn's break. 2025: the new law's four Spring Festival and
// two Labour days, Mid-Autumn inside an eight-day National Day. 2023: before 2025 a whole weekend
// next to the break worked, Mid-Autumn on 29 September starting National Day's. 2018: Labour Day
// bridged from a Tuesday, National Day's make-up days the weekend before a Monday. 2015:
// Mid-Autumn on the Sunday before National Day given back in its break (the one-off Victory Day
// holiday of 3-4 September 2015 is no rule's, and not here).
const NOTICES = [
  "2026 | 02-17 04-05 06-19 09-25 | off 01-01..01-03 02-15..02-23 04-06 05-01..05-05 06-19 09-25 10-01..10-07 | " +
    "work 01-04 02-14 02-28 05-09 09-20 10-10",
  "2025 | 01-29 04-04 05-31 10-06 | off 01-01 01-28..02-04 04-04 05-01..05-05 06-02 10-01..10-08 | work 01-26 " +
    "02-08 04-27 09-28 10-11",
  "2023 | 01-22 04-05 06-22 09-29 | off 01-02 01-21..01-27 04-05 04-29..05-03 06-22..06-23 09-29..10-06 | work " +
    "01-28 01-29 04-23 05-06 06-25 10-07 10-08",
  "2018 | 02-16 04-05 06-18 09-24 | off 01-01 02-15..02-21 04-05..04-06 04-30..05-01 06-18 09-24 10-01..10-07 | " +
    "work 02-11 02-24 04-08 04-28 09-29 09-30",
  "2015 | 02-19 04-05 06-20 09-27 | off 01-01..01-02 02-18..02-24 04-06 05-01 06-22 10-01..10-07 | work 01-04 " +
    "02-15 02-28 10-10",
];

describe("provisionalSchedule reproduces the notices", () => {
  for (const notice of NOTICES) {
    const [year, lunar, off, work] = notice.split(" | ") as [string, string, string, string];
    const dates = (list: string): string[] =>
      list
        .split(" ")
        .slice(1)
        .map((d) => d.replace(/(^|\.\.)/g, `$1${year}-`));
    it(`${year} as its notice has it`, () => {
      const [springFestival, qingming, dragonBoat, midAutumn] = lunar.split(" ").map((d) => `${year}-${d}`) as [
        string,
        string,
        string,
        string,
      ];
      const file = provisionalSchedule(Number(year), facts(springFestival, qingming, dragonBoat, midAutumn));
      expect(predicted(file)).toEqual(differences(dates(off), dates(work)));
    });
  }
});

describe("provisionalSchedule for 2027", () => {
  it("gives the whole year in holiday-cn's form", () => {
    const file = provisionalSchedule(2027, facts("2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"));
    const listed = (name: string, isOffDay: boolean) =>
      file.days.filter((d) => d.name === name && d.isOffDay === isOffDay).map((d) => d.date.slice(5));
    expect(file.year).toBe(2027);
    expect(listed("元旦", true)).toEqual(["01-01", "01-02", "01-03"]);
    // New Year's Eve is Friday 5 February: Eve to the 7th (Friday 12th) and the Saturday after; the Sundays either side
    // worked.
    expect(listed("春节", true)).toEqual([
      "02-05",
      "02-06",
      "02-07",
      "02-08",
      "02-09",
      "02-10",
      "02-11",
      "02-12",
      "02-13",
    ]);
    expect(listed("春节", false)).toEqual(["01-31", "02-14"]);
    expect(listed("清明节", true)).toEqual(["04-03", "04-04", "04-05"]);
    expect(listed("劳动节", true)).toEqual(["05-01", "05-02", "05-03", "05-04", "05-05"]);
    expect(listed("劳动节", false)).toEqual(["05-08"]);
    expect(listed("端午节", true)).toEqual(["06-09"]);
    expect(listed("中秋节", true)).toEqual(["09-15"]);
    expect(listed("国庆节", true)).toEqual(["10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"]);
    expect(listed("国庆节", false)).toEqual(["09-26", "10-09"]);
    expect(file.days).toHaveLength(3 + 11 + 3 + 6 + 1 + 1 + 9);
  });
});

describe("cnLunarFacts (chinese-days at build time)", () => {
  it("holds the lunar dates and solar terms of the years the rules serve", () => {
    expect(lunarFactsOf(cnLunarFacts, 2027)).toEqual(facts("2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"));
    expect(lunarFactsOf(cnLunarFacts, 2025)).toEqual(facts("2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06"));
    // 2028 has a leap 5th month: the Dragon Boat Festival is in the ordinary one.
    expect(lunarFactsOf(cnLunarFacts, 2028)?.dragonBoat).toBe("2028-05-28");
    expect([cnLunarFacts.from, cnLunarFacts.to, lunarFactsOf(cnLunarFacts, 2101)]).toEqual([2008, 2100, undefined]);
  });
});

describe("every provisional year, 2027-2100", () => {
  const years = Array.from({ length: 74 }, (_, i) => 2027 + i);
  const schedules = years.map((year) => provisionalSchedule(year, lunarFactsOf(cnLunarFacts, year)!));

  it("takes each law day off and gives back each one on a weekend: 13 weekdays off net of make-up days", () => {
    for (const file of schedules) {
      const f = lunarFactsOf(cnLunarFacts, file.year)!;
      const off = new Set(file.days.filter((d) => d.isOffDay).map((d) => d.date));
      const spring = toDay(f.springFestival);
      const lawDays = [
        dayFromParts(file.year, 1, 1),
        spring - 1,
        spring,
        spring + 1,
        spring + 2,
        toDay(f.qingming),
        dayFromParts(file.year, 5, 1),
        dayFromParts(file.year, 5, 2),
        toDay(f.dragonBoat),
        toDay(f.midAutumn),
        ...[1, 2, 3].map((d) => dayFromParts(file.year, 10, d)),
      ];
      for (const d of lawDays)
        expect([file.year, formatDate(d), off.has(formatDate(d))]).toEqual([file.year, formatDate(d), true]);
      const net = fileExceptions(file).reduce((n, d) => n + (isWeekday(d) ? 1 : -1), 0);
      expect([file.year, net]).toEqual([file.year, 13]);
    }
  });

  it("works make-up days only on weekends, joined to a working week, never more than six working days in a row", () => {
    for (const file of schedules) {
      const exceptions = new Set(fileExceptions(file));
      const working = (d: number): boolean => isWeekday(d) !== exceptions.has(d);
      for (const { date, isOffDay } of file.days) {
        if (isOffDay) continue;
        const d = toDay(date);
        expect([date, isWeekday(d)]).toEqual([date, false]);
        let run = 1;
        for (let x = d - 1; working(x); x--) run++;
        for (let x = d + 1; working(x); x++) run++;
        expect([date, run > 1 && run <= 6]).toEqual([date, true]);
      }
    }
  });
});

describe("lawSchedule: the law's days alone, a weekend one given back", () => {
  it("follows the law in force: the 2013 revision in 2024, the 2024 revision from 2025", () => {
    const days = (file: HolidayFile, name: string) => file.days.filter((d) => d.name === name).map((d) => d.date);
    const y2024 = lawSchedule(2024, facts("2024-02-10", "2024-04-04", "2024-06-10", "2024-09-17"));
    expect(days(y2024, "春节")).toEqual(["2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14"]);
    expect(days(y2024, "劳动节")).toEqual(["2024-05-01"]);
    const y2027 = lawSchedule(2027, facts("2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"));
    expect(days(y2027, "春节")).toEqual([
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-02-09",
      "2027-02-10",
    ]);
    expect(days(y2027, "劳动节")).toEqual(["2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04"]);
    expect(y2027.days.every((d) => d.isOffDay)).toBe(true);
  });
});
