import { type Day, dayFromParts, weekday, yearOf, tryParseDay } from "./dates.js";

export type CalendarName = "cn" | "weekdays";
export const CALENDAR_NAMES: readonly CalendarName[] = ["cn", "weekdays"];

/** Official schedule: days off and make-up working days (调休), keyed YYYY-MM-DD. */
export interface HolidayData {
  holidays: Record<string, unknown>;
  workdays: Record<string, unknown>;
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

/**
 * A date key of the holiday package (YYYY-MM-DD), read digit by digit: its hundreds of keys
 * are read on every start, so no regex, slices or parse memo.
 */
function packageDay(date: string): Day | undefined {
  if (date.length !== 10) return undefined;
  const digit = (i: number): number => date.charCodeAt(i) - 48;
  const day = dayFromParts(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
  return Number.isInteger(day) ? day : undefined;
}

export interface CalendarOptions {
  name: CalendarName;
  /** Required for `cn`. */
  holidayData?: HolidayData;
  /** The user's own days off (YYYY-MM-DD), on top of the calendar. */
  closures?: readonly string[];
}

export function createCalendar(options: CalendarOptions): Calendar {
  // day -> is a business day, for every day that differs from plain Mon-Fri.
  const overrides = new Map<Day, boolean>();
  let coveredFrom = -Infinity;
  let coveredTo = Infinity;
  if (options.name === "cn") {
    const data = options.holidayData;
    if (!data) throw new Error("the cn calendar needs holiday data");
    coveredTo = -Infinity;
    coveredFrom = Infinity;
    const note = (date: string, day: Day, business: boolean): void => {
      const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + date.charCodeAt(3) - 48;
      if (year < coveredFrom) coveredFrom = year;
      if (year > coveredTo) coveredTo = year;
      if (isWeekday(day) !== business) overrides.set(day, business);
    };
    for (const date of Object.keys(data.holidays)) {
      const day = packageDay(date);
      if (day !== undefined) note(date, day, false);
    }
    for (const date of Object.keys(data.workdays)) {
      const day = packageDay(date);
      if (day !== undefined) note(date, day, true);
    }
  }
  for (const date of options.closures ?? []) {
    const day = tryParseDay(date);
    if (day !== undefined) overrides.set(day, false);
  }

  const exceptions = [...overrides.entries()]
    .filter(([day, business]) => business !== isWeekday(day))
    .sort((a, b) => a[0] - b[0]);
  const exceptionDays = Int32Array.from(exceptions, ([day]) => day);
  // deltaPrefix[i] = sum of deltas of exceptions[0..i-1]
  const deltaPrefix = new Int32Array(exceptions.length + 1);
  exceptions.forEach(([, business], i) => {
    deltaPrefix[i + 1] = deltaPrefix[i]! + (business ? 1 : -1);
  });

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

  const isBusinessDay = (day: Day): boolean => overrides.get(day) ?? isWeekday(day);

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
