import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar.js";
import { cnHolidays } from "../../src/domain/cn-holidays.js";
import cnPackage from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { dayFromParts, formatDate, weekday } from "../../src/domain/dates.js";

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

describe("closed-form business days against day-by-day counting", () => {
  const first = dayFromParts(2020, 1, 1);
  const last = dayFromParts(2028, 12, 31);
  for (const name of ["cn", "weekdays"] as const) {
    for (const closures of [[], CLOSURES]) {
      it(`${name} calendar${closures.length ? " with closures" : ""}: 5,000 counts and 5,000 additions, 2020-2028`, () => {
        const calendar = createCalendar({ name, holidays: cnHolidays, closures });
        const isBusiness = reference(name, closures);
        const next = random(name.length * 1000 + closures.length);
        let checked = 0;
        for (let i = 0; i < 5000; i++) {
          const from = first + Math.floor(next() * (last - first - 400));
          const to = from + Math.floor(next() * 400) - 20; // some pairs reversed or equal
          let expected = 0;
          for (let d = from + 1; d <= to; d++) if (isBusiness(d)) expected++;
          if (calendar.countBusinessDays(from, to) !== expected) {
            throw new Error(`${name}: count(${formatDate(from)}, ${formatDate(to)}) = ${calendar.countBusinessDays(from, to)}, day by day ${expected}`);
          }
          const n = 1 + Math.floor(next() * 30);
          let day = from;
          for (let k = 0; k < n; day++) if (isBusiness(day + 1)) k++;
          if (calendar.addBusinessDays(from, n) !== day) {
            throw new Error(`${name}: add(${formatDate(from)}, ${n}) = ${formatDate(calendar.addBusinessDays(from, n))}, day by day ${formatDate(day)}`);
          }
          if (calendar.isBusinessDay(from) !== isBusiness(from)) throw new Error(`${name}: isBusinessDay(${formatDate(from)})`);
          checked++;
        }
        expect(checked).toBe(5000);
      });
    }
  }
});
