// The lunar-calendar dates and solar terms the provisional rules need (src/domain/provisional.ts),
// from chinese-days' tables. The build evaluates this module and bundles its result as plain
// numbers (scripts/build.mjs), so a start never loads chinese-days' code.
import { getSolarDateFromLunar, getSolarTerms } from "chinese-days";
import { toDay } from "../time/dates.js";
import { FIRST_LAW_YEAR, type LunarFactsTable } from "./provisional.js";

/** chinese-days' lunar tables end with the lunar year 2100. */
const LAST_LUNAR_YEAR = 2100;

function lunarDay(year: number, month: number, day: number): number {
  // In a year with a leap month of the same number, `date` is the ordinary month's day.
  return toDay(getSolarDateFromLunar(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`).date);
}

function qingming(year: number): number {
  const term = getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === "pure_brightness");
  if (!term) throw new Error(`chinese-days has no Qingming in April ${year}`);
  return toDay(term.date);
}

function factsTable(from: number, to: number): LunarFactsTable {
  const days: number[] = [];
  for (let year = from; year <= to; year++)
    days.push(lunarDay(year, 1, 1), qingming(year), lunarDay(year, 5, 5), lunarDay(year, 8, 15));
  return { from, to, days };
}

export const cnLunarFacts: LunarFactsTable = factsTable(FIRST_LAW_YEAR, LAST_LUNAR_YEAR);
