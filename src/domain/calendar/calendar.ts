import { type Day, yearOf } from "../time/dates.js";
import {
  breakDays,
  type CalendarOptions,
  closureDays,
  cnSchedule,
  type Schedule,
  union,
  upperBound,
  weekdaysSchedule,
  withClosures,
} from "./calendar-schedule.js";
import type { CalendarDays, CalendarName, DayKind, SourceRange, YearSource } from "./calendar-types.js";
import { isWeekday } from "./holiday-file.js";

export type { CalendarOptions } from "./calendar-schedule.js";
export type {
  CalendarDays,
  CalendarName,
  DayKind,
  HolidayData,
  HolidaySchedule,
  SourceRange,
  YearSource,
} from "./calendar-types.js";
export { CALENDAR_DAYS, CALENDAR_NAMES } from "./calendar-types.js";

export interface Calendar {
  readonly name: CalendarName;
  isBusinessDay(day: Day): boolean;
  /** Business days d with from < d <= to (0 when to <= from). */
  countBusinessDays(from: Day, to: Day): number;
  /** The n-th business day after `from` (n >= 1). */
  addBusinessDays(from: Day, n: number): Day;
  /** How calendar-day deadlines count: skipping holiday breaks and closures, or every day. */
  readonly calendarDays: CalendarDays;
  /** Days d with from < d <= to in an official holiday break or closed, whatever calendarDays says. */
  skippedDays(from: Day, to: Day): number;
  /** Days d with from < d <= to that a calendar-day deadline counts: all, or (breaks) those not skipped. */
  countCalendarDays(from: Day, to: Day): number;
  /** The n-th day a calendar-day deadline counts after `from` (from + n when n < 1). */
  addCalendarDays(from: Day, n: number): Day;
  /** The holiday breaks with a day in (from, to], each whole, as [first, last] days. */
  breaksIn(from: Day, to: Day): Array<[Day, Day]>;
  /** Closure days d with from < d <= to. */
  closuresIn(from: Day, to: Day): number;
  /** Years without any schedule that a count touched; they were counted as Monday-Friday. */
  readonly uncoveredYears: ReadonlySet<number>;
  /** Provisional years (the rules' schedule) that a count touched. */
  readonly provisionalYears: ReadonlySet<number>;
  /** First and last year of the official holiday data (cn), or null (weekdays). */
  readonly coverage: { from: number; to: number } | null;
  /**
   * Each run of years with one source, from the first year with a schedule to the last; every other year is
   * Monday-Friday.
   */
  readonly sources: readonly SourceRange[];
  yearSource(year: number): YearSource;
  dayKind(day: Day): DayKind;
  /** Whether a count over (from, to] passes through a provisional year; records nothing. */
  touchesProvisional(from: Day, to: Day): boolean;
  /**
   * The same calendar with more closures (an agent's own): it shares this one's schedule, and
   * its uncoveredYears and provisionalYears, so a session reads one set of each.
   */
  withClosures(closures: readonly string[]): Calendar;
  /**
   * The same calendar, sharing what it has worked out, with year records of its own: for counts
   * the user is not shown (the stored urgencies' refresh), which must not add to a command's notes.
   */
  apart(): Calendar;
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

export function createCalendar(options: CalendarOptions): Calendar {
  const schedule = options.name === "cn" ? cnSchedule(options) : weekdaysSchedule();
  const closed = closureDays(options.closures ?? []);
  const calendarDays = options.calendarDays ?? "breaks";
  return recording(countingOn(schedule, closed), options.name, schedule, closed, calendarDays, new Set(), new Set());
}

/** A schedule's counts, which record nothing: worked out as they are asked for, and shared by the calendars on it. */
type Counting = ReturnType<typeof countingOn>;

function countingOn(schedule: Schedule, closed: Int32Array) {
  const exceptionDays = withClosures(schedule.exceptions, closed);
  // deltaPrefix[i]: business days the first i exceptions add to a plain Monday-Friday count.
  // Filled only as far as a count needs: the provisional years to 2100 are most of the
  // exceptions, and most counts stop in the years around today.
  const deltaPrefix = new Int32Array(exceptionDays.length + 1);
  let prefixed = 0;
  const prefix = (i: number): number => {
    for (; prefixed < i; prefixed++) {
      const w = mod(exceptionDays[prefixed]! + 4, 7); // 0 = Sunday; inline, as a call per exception costs a start
      deltaPrefix[prefixed + 1] = deltaPrefix[prefixed]! + (w === 0 || w === 6 ? 1 : -1);
    }
    return deltaPrefix[i]!;
  };

  const { spanFrom, spanTo, spanProvisional, quietFrom, quietTo } = schedule;
  /** The first span that ends on or after `day`. */
  const spanAt = (day: Day): number => upperBound(spanTo, day - 1);
  const touchesProvisional = (from: Day, to: Day): boolean => {
    if (to <= from || (from + 1 >= quietFrom && to <= quietTo)) return false;
    for (let i = spanAt(from + 1); i < spanFrom.length && spanFrom[i]! <= to; i++) if (spanProvisional[i]) return true;
    return false;
  };

  // An exception flips the day's Monday-Friday status.
  const isBusinessDay = (day: Day): boolean => {
    const i = upperBound(exceptionDays, day);
    return (i > 0 && exceptionDays[i - 1] === day) !== isWeekday(day);
  };

  const count = (from: Day, to: Day): number => {
    if (to <= from) return 0;
    const weekdays = weekdaysBefore(to + 1) - weekdaysBefore(from + 1);
    const lo = upperBound(exceptionDays, from);
    const hi = upperBound(exceptionDays, to);
    return weekdays + prefix(hi) - prefix(lo);
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
      counted = count(from, candidate);
    }
    while (counted > n || !isBusinessDay(candidate)) {
      if (isBusinessDay(candidate)) counted--;
      candidate--;
    }
    return candidate;
  };

  // What a calendar-day count skips: the days of holiday breaks, and with them the closures, as
  // sorted lists exact over the days winLo..winHi: worked out for the stretch the counts reach
  // (the years around today) and widened when one reaches further. All the exceptions to 2100
  // (~2,400) cost a cold start ~6 ms; a year or two, a few microseconds.
  let winLo = 0;
  let winHi = -1;
  let breakList: Int32Array = new Int32Array(0);
  let skipList: Int32Array = breakList;
  const cover = (lo: Day, hi: Day): void => {
    if (lo >= winLo && hi <= winHi) return;
    if (winLo <= winHi) (lo = Math.min(lo, winLo)), (hi = Math.max(hi, winHi));
    winLo = lo - 183;
    winHi = hi + 183;
    // Every day of a break is within two days of one of its weekdays off: three days more suffice.
    const ex = schedule.exceptions;
    breakList = breakDays(ex.subarray(upperBound(ex, winLo - 4), upperBound(ex, winHi + 3)));
    skipList = union(breakList, closed);
  };
  const skippedDays = (from: Day, to: Day): number => {
    if (to <= from) return 0;
    cover(from + 1, to);
    return upperBound(skipList, to) - upperBound(skipList, from);
  };
  /** The n-th day after `from` that is not skipped (n >= 1). */
  const addUnskippedDays = (from: Day, n: number): Day => {
    // The least day whose count is n: from + n plus the days skipped up to it, found by
    // iterating from below (each step adds the skipped days it newly passed; a few steps).
    // Not memoised as addBusinessDays is: most windows hold no skipped day, two searches.
    let day = from + n;
    for (;;) {
      if (from + 1 < winLo || day > winHi) cover(from + 1, day + 31);
      const next = from + n + upperBound(skipList, day) - upperBound(skipList, from);
      if (next === day) break;
      day = next;
    }
    return day;
  };
  const breaksIn = (from: Day, to: Day): Array<[Day, Day]> => {
    cover(from - 16, to + 16);
    const b = breakList;
    const runs: Array<[Day, Day]> = [];
    for (let i = upperBound(b, from); i < b.length && b[i]! <= to; i++) {
      let first = i;
      while (first > 0 && b[first - 1] === b[first]! - 1) first--;
      while (i + 1 < b.length && b[i + 1] === b[i]! + 1) i++;
      runs.push([b[first]!, b[i]!]);
    }
    return runs;
  };
  const closuresIn = (from: Day, to: Day): number =>
    to <= from ? 0 : upperBound(closed, to) - upperBound(closed, from);

  const dayKind = (day: Day): DayKind => {
    const i = upperBound(closed, day);
    if (i > 0 && closed[i - 1] === day) return "closure";
    const weekday = isWeekday(day);
    return isBusinessDay(day) ? (weekday ? "working" : "make-up") : weekday ? "off" : "weekend";
  };

  return {
    count,
    isBusinessDay,
    addBusinessDays,
    skippedDays,
    addUnskippedDays,
    breaksIn,
    closuresIn,
    dayKind,
    touchesProvisional,
    spanAt,
  };
}

/** A calendar on shared counts, noting in its own sets the years they pass through. */
function recording(
  counting: Counting,
  name: CalendarName,
  schedule: Schedule,
  closed: Int32Array,
  calendarDays: CalendarDays,
  uncoveredYears: Set<number>,
  provisionalYears: Set<number>,
): Calendar {
  const { spanFrom, spanTo, spanProvisional, yearOwning, quietFrom, quietTo } = schedule;
  // Days lo..hi whose years are all noted already: counts repeat the same stretch of days, and
  // noting costs several times what the count does.
  let notedLo = Infinity;
  let notedHi = -Infinity;
  const noteCoverage = (from: Day, to: Day): void => {
    const lo = from + 1;
    if ((lo >= quietFrom && to <= quietTo) || (lo >= notedLo && to <= notedHi)) return;
    for (let i = counting.spanAt(lo); i < spanFrom.length && spanFrom[i]! <= to; i++) {
      const provisional = spanProvisional[i]!;
      const yearFor = provisional ? yearOwning : yearOf;
      const years = provisional ? provisionalYears : uncoveredYears;
      for (let y = yearFor(Math.max(lo, spanFrom[i]!)), end = yearFor(Math.min(to, spanTo[i]!)); y <= end; y++)
        years.add(y);
    }
    // Overlapping or adjoining stretches make one; otherwise the latest is remembered.
    if (lo <= notedHi + 1 && to >= notedLo - 1) (notedLo = Math.min(notedLo, lo)), (notedHi = Math.max(notedHi, to));
    else (notedLo = lo), (notedHi = to);
  };
  const { count, addBusinessDays, skippedDays, addUnskippedDays } = counting;

  return {
    name,
    calendarDays,
    skippedDays,
    countCalendarDays: (from, to) => {
      if (to <= from) return 0;
      if (calendarDays === "all") return to - from;
      noteCoverage(from, to);
      return to - from - skippedDays(from, to);
    },
    addCalendarDays: (from, n) => {
      if (calendarDays === "all" || n < 1) return from + n;
      const day = addUnskippedDays(from, n);
      noteCoverage(from, day);
      return day;
    },
    breaksIn: counting.breaksIn,
    closuresIn: counting.closuresIn,
    isBusinessDay: counting.isBusinessDay,
    countBusinessDays: (from, to) => {
      if (to <= from) return 0;
      noteCoverage(from, to);
      return count(from, to);
    },
    addBusinessDays: (from, n) => {
      const day = addBusinessDays(from, n);
      noteCoverage(from, day);
      return day;
    },
    uncoveredYears,
    provisionalYears,
    coverage: schedule.coverage,
    sources: schedule.sources,
    yearSource: schedule.yearSource,
    dayKind: counting.dayKind,
    touchesProvisional: counting.touchesProvisional,
    withClosures: (more) => {
      const all = union(closed, closureDays(more));
      return recording(countingOn(schedule, all), name, schedule, all, calendarDays, uncoveredYears, provisionalYears);
    },
    apart: () => recording(counting, name, schedule, closed, calendarDays, new Set(), new Set()),
  };
}
