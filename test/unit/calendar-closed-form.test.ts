import cnPackage from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { type Calendar, createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays, cnProvisional } from "../../src/domain/calendar/cn-holidays.js";
import { cnLunarFacts } from "../../src/domain/calendar/cn-lunar.js";
import type { DayAmendment, HolidayFile } from "../../src/domain/calendar/holiday-file.js";
import { lunarFactsOf, provisionalSchedule } from "../../src/domain/calendar/provisional.js";
import { dayFromParts, formatDate, weekday, yearOf } from "../../src/domain/time/dates.js";

// The calendar counts business days in closed form (whole weeks, a remainder table and a
// sorted list of exceptions). Here it is checked against the plainest possible reference:
// walking day by day, reading the holiday package directly.

const CLOSURES = ["2024-12-24", "2024-12-27", "2026-02-13", "2026-10-09", "2027-03-01", "2028-07-04"];

function reference(name: "cn" | "weekdays", closures: readonly string[]) {
  const closed = new Set(closures);
  return (day: number): boolean => {
    const date = formatDate(day);
    if (closed.has(date)) return false;
    if (name === "cn" && date in cnPackage.workdays) return true;
    if (name === "cn" && date in cnPackage.holidays) return false;
    const w = weekday(day);
    return w !== 0 && w !== 6;
  };
}

// A fixed seed: the same thousands of pairs every run.
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

/**
 * 5,000 counts and 5,000 additions between first and last, each compared with the day-by-day
 * reference: the disagreements, which the tests assert to be none.
 */
function disagreements(
  calendar: Calendar,
  isBusiness: (day: number) => boolean,
  first: number,
  last: number,
  seed: number,
): string[] {
  const next = random(seed);
  const wrong: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const from = first + Math.floor(next() * (last - first - 400));
    const to = from + Math.floor(next() * 400) - 20; // some pairs reversed or equal
    let expected = 0;
    for (let d = from + 1; d <= to; d++) if (isBusiness(d)) expected++;
    const counted = calendar.countBusinessDays(from, to);
    if (counted !== expected)
      wrong.push(`count(${formatDate(from)}, ${formatDate(to)}) = ${counted}, day by day ${expected}`);
    const n = 1 + Math.floor(next() * 30);
    let day = from;
    for (let k = 0; k < n; day++) if (isBusiness(day + 1)) k++;
    const added = calendar.addBusinessDays(from, n);
    if (added !== day)
      wrong.push(`add(${formatDate(from)}, ${n}) = ${formatDate(added)}, day by day ${formatDate(day)}`);
    if (calendar.isBusinessDay(from) !== isBusiness(from))
      wrong.push(`isBusinessDay(${formatDate(from)}) = ${calendar.isBusinessDay(from)}`);
  }
  return wrong;
}

/** None of them, showing the first ten if there are any. */
const expectNone = (wrong: string[]) =>
  expect({ disagreements: wrong.length, first: wrong.slice(0, 10) }).toEqual({ disagreements: 0, first: [] });

describe("closed-form business days against day-by-day counting", () => {
  const first = dayFromParts(2020, 1, 1);
  const last = dayFromParts(2028, 12, 31);
  for (const name of ["cn", "weekdays"] as const) {
    for (const closures of [[], CLOSURES]) {
      it(
        `${name} calendar${closures.length ? " with closures" : ""}: 5,000 counts and 5,000 additions, ` + `2020-2028`,
        () => {
          const calendar = createCalendar({ name, holidays: cnHolidays, closures });
          expectNone(
            disagreements(calendar, reference(name, closures), first, last, name.length * 1000 + closures.length),
          );
          expect(calendar.name).toBe(name);
        },
      );
    }
  }
});

// An imported 2030 whose New Year break begins in December 2029 (over the rules' 2029), and a
// 2028 unlike the rules' (written for this test).
const IMPORTED: HolidayFile[] = [
  {
    year: 2030,
    days: [
      { name: "元旦", date: "2029-12-29", isOffDay: false },
      { name: "元旦", date: "2029-12-31", isOffDay: true },
      { name: "元旦", date: "2030-01-01", isOffDay: true },
      { name: "春节", date: "2030-02-04", isOffDay: true },
      { name: "春节", date: "2030-02-05", isOffDay: true },
      { name: "春节", date: "2030-02-10", isOffDay: false },
    ],
  },
  {
    year: 2028,
    days: [
      { name: "春节", date: "2028-01-24", isOffDay: true },
      { name: "春节", date: "2028-01-23", isOffDay: false },
    ],
  },
];
const AMENDMENTS: DayAmendment[] = [
  { date: "2026-10-08", isOffDay: true },
  { date: "2027-02-14", isOffDay: true },
  { date: "2027-10-09", isOffDay: false },
  { date: "2031-03-03", isOffDay: true },
];

/**
 * The day read from the files themselves: amendment, then the next year's file for its December days, then the year's
 * own.
 */
function referenceWithSources(closures: readonly string[]) {
  const closed = new Set(closures);
  const amended = new Map(AMENDMENTS.map((a) => [a.date, a.isOffDay]));
  const imported = new Map(IMPORTED.map((f) => [f.year, f]));
  const rules = new Map<number, HolidayFile>();
  const fileOf = (year: number): HolidayFile | undefined => {
    if (imported.has(year)) return imported.get(year);
    if (year <= 2026 || year > 2100) return undefined;
    if (!rules.has(year)) rules.set(year, provisionalSchedule(year, lunarFactsOf(cnLunarFacts, year)!));
    return rules.get(year);
  };
  return (day: number): boolean => {
    const date = formatDate(day);
    if (closed.has(date)) return false;
    const amendment = amended.get(date);
    if (amendment !== undefined) return !amendment;
    const year = yearOf(day);
    const entry =
      fileOf(year + 1)?.days.find((d) => d.date === date) ?? fileOf(year)?.days.find((d) => d.date === date);
    if (entry) return !entry.isOffDay;
    if (!imported.has(year) && year <= 2026) {
      if (date in cnPackage.workdays) return true;
      if (date in cnPackage.holidays) return false;
    }
    const w = weekday(day);
    return w !== 0 && w !== 6;
  };
}

describe("closed-form business days with every source: official, provisional, imported, amended, closed", () => {
  const first = dayFromParts(2024, 1, 1);
  const last = dayFromParts(2034, 12, 31);
  for (const closures of [[], CLOSURES]) {
    it(`5,000 counts and 5,000 additions, 2024-2034${closures.length ? ", with closures" : ""}`, () => {
      const base = createCalendar({
        name: "cn",
        holidays: cnHolidays,
        provisional: cnProvisional,
        imported: IMPORTED,
        amendments: AMENDMENTS,
      });
      const calendar = closures.length ? base.withClosures(closures) : base;
      expectNone(disagreements(calendar, referenceWithSources(closures), first, last, 7 + closures.length));
      expect([...calendar.provisionalYears].sort()).toEqual([2027, 2029, 2031, 2032, 2033, 2034]);
    });
  }
});
