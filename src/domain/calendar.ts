import { type Day, dayFromParts, weekday, yearOf, tryParseDay } from "./dates.js";

export type CalendarName = "cn" | "weekdays";
export const CALENDAR_NAMES: readonly CalendarName[] = ["cn", "weekdays"];

/** The holiday package's form: days off and make-up working days (调休), keyed YYYY-MM-DD. */
export interface HolidayData {
  holidays: Record<string, unknown>;
  workdays: Record<string, unknown>;
}

/**
 * The official schedule as the calendar uses it: the days that differ from plain Monday-Friday
 * (days off on a weekday, make-up working days on a weekend), as sorted day numbers, and the
 * years it covers. The bundle carries it ready-made (scripts/build.mjs), so a start does not
 * parse hundreds of date keys.
 */
export interface HolidaySchedule {
  from: number;
  to: number;
  exceptions: readonly Day[];
}

export interface Calendar {
  readonly name: CalendarName;
  isBusinessDay(day: Day): boolean;
  /** Business days d with from < d <= to (0 when to <= from). */
  countBusinessDays(from: Day, to: Day): number;
  /** The n-th business day after `from` (n >= 1). */
  addBusinessDays(from: Day, n: number): Day;
  /** Years the holiday data does not cover that a count touched; they were counted as weekdays. */
  readonly uncoveredYears: ReadonlySet<number>;
  /** First and last year of the official holiday data (cn), or null (weekdays). */
  readonly coverage: { from: number; to: number } | null;
}

// Counting is closed-form: weekdays come from whole weeks times five plus a remainder
// table; holidays, make-up days and closures are a sorted list of exceptions summed
// by binary search. Day 0 (1970-01-01) is a Thursday, so a week here runs Thu..Wed.
const WEEKDAYS_BEFORE = [0, 1, 2, 2, 2, 3, 4]; // weekdays among the first r days of a Thu..Wed week
const WEEKDAY_OFFSETS = [0, 1, 4, 5, 6]; // Thu, Fri, Mon, Tue, Wed within a Thu..Wed week

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Weekdays among days [0, d): a prefix count that also works for negative d. */
function weekdaysBefore(d: Day): number {
  return 5 * Math.floor(d / 7) + WEEKDAYS_BEFORE[mod(d, 7)]!;
}

/** The weekday whose weekdaysBefore() is `index`. */
function weekdayAt(index: number): Day {
  return 7 * Math.floor(index / 5) + WEEKDAY_OFFSETS[mod(index, 5)]!;
}

function isWeekday(day: Day): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** Index of the first element > value in a sorted array. */
function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reduces the holiday package to the schedule: what changes a count, as day numbers. */
export function scheduleFromPackage(data: HolidayData): HolidaySchedule {
  let from = Infinity;
  let to = -Infinity;
  const exceptions = new Set<Day>();
  const add = (dates: Record<string, unknown>, business: boolean): void => {
    for (const date of Object.keys(dates)) {
      const day = tryParseDay(date);
      if (day === undefined) continue;
      const year = yearOf(day);
      if (year < from) from = year;
      if (year > to) to = year;
      if (isWeekday(day) !== business) exceptions.add(day);
    }
  };
  add(data.holidays, false);
  add(data.workdays, true);
  return { from, to, exceptions: [...exceptions].sort((x, y) => x - y) };
}

export interface CalendarOptions {
  name: CalendarName;
  /** Required for `cn`. */
  holidays?: HolidaySchedule;
  /** The user's own days off (YYYY-MM-DD), on top of the calendar. */
  closures?: readonly string[];
}

export function createCalendar(options: CalendarOptions): Calendar {
  let coveredFrom = -Infinity;
  let coveredTo = Infinity;
  let exceptionDays: Int32Array;
  if (options.name === "cn") {
    const schedule = options.holidays;
    if (!schedule) throw new Error("the cn calendar needs the holiday schedule");
    coveredFrom = schedule.from;
    coveredTo = schedule.to;
    exceptionDays = new Int32Array(schedule.exceptions);
  } else {
    exceptionDays = new Int32Array(0);
  }
  if (options.closures?.length) exceptionDays = withClosures(exceptionDays, options.closures);
  // deltaPrefix[i]: business days the first i exceptions add to a plain Monday-Friday count.
  const deltaPrefix = new Int32Array(exceptionDays.length + 1);
  for (let i = 0; i < exceptionDays.length; i++) deltaPrefix[i + 1] = deltaPrefix[i]! + (isWeekday(exceptionDays[i]!) ? -1 : 1);

  const uncoveredYears = new Set<number>();
  const firstCovered = dayFromParts(coveredFrom, 1, 1);
  const lastCovered = dayFromParts(coveredTo, 12, 31);
  const noteCoverage = (from: Day, to: Day): void => {
    if (options.name !== "cn" || (from >= firstCovered && to <= lastCovered)) return;
    const first = yearOf(from);
    const last = yearOf(to);
    for (let y = first; y <= last; y++) {
      if (y < coveredFrom || y > coveredTo) uncoveredYears.add(y);
    }
  };

  // An exception flips the day's Monday-Friday status.
  const isBusinessDay = (day: Day): boolean => {
    const i = upperBound(exceptionDays, day);
    return (i > 0 && exceptionDays[i - 1] === day) !== isWeekday(day);
  };

  const countBusinessDays = (from: Day, to: Day): number => {
    if (to <= from) return 0;
    noteCoverage(from + 1, to);
    const weekdays = weekdaysBefore(to + 1) - weekdaysBefore(from + 1);
    const lo = upperBound(exceptionDays, from);
    const hi = upperBound(exceptionDays, to);
    return weekdays + deltaPrefix[hi]! - deltaPrefix[lo]!;
  };

  // Many cases share a day 0, so each (day, n) is worked out once.
  const added = new Map<number, Day>();
  const addBusinessDays = (from: Day, n: number): Day => {
    if (n < 1) throw new Error("addBusinessDays needs n >= 1");
    const key = from * 4096 + n;
    const known = added.get(key);
    if (known !== undefined) return known;
    const result = addBusinessDaysOnce(from, n);
    if (n < 4096) added.set(key, result);
    return result;
  };

  const addBusinessDaysOnce = (from: Day, n: number): Day => {
    // Jump by plain weekdays for what is still missing; exceptions make each jump
    // fall short (holidays) or overshoot (make-up days), corrected below.
    let candidate = from;
    let counted = 0;
    while (counted < n) {
      candidate = weekdayAt(weekdaysBefore(candidate + 1) + (n - counted) - 1);
      counted = countBusinessDays(from, candidate);
    }
    while (counted > n || !isBusinessDay(candidate)) {
      if (isBusinessDay(candidate)) counted--;
      candidate--;
    }
    return candidate;
  };

  const coverage = options.name === "cn" ? { from: coveredFrom, to: coveredTo } : null;
  return { name: options.name, isBusinessDay, countBusinessDays, addBusinessDays, uncoveredYears, coverage };
}

/** The exceptions with the user's closures: a closed weekday becomes one, a closed make-up day stops being one. */
function withClosures(exceptionDays: Int32Array, closures: readonly string[]): Int32Array {
  const days = new Set(exceptionDays);
  for (const date of closures) {
    const day = tryParseDay(date);
    if (day === undefined) continue;
    if (isWeekday(day)) days.add(day);
    else days.delete(day);
  }
  return new Int32Array([...days].sort((a, b) => a - b));
}
