import { type Day, dayFromParts, tryParseDay, yearOf } from "./dates.js";
import { type DayAmendment, fileExceptions, fileStart, type HolidayFile, isWeekday } from "./holiday-file.js";
import type { ProvisionalSchedule } from "./provisional.js";

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

/** Where a year's schedule comes from, best first: a file the user imported, the bundled official data, the rules, or none. */
export type YearSource = "imported" | "official" | "provisional" | "weekdays";

/** A day as a month view draws it. `make-up`: a weekend day worked (调休); `off`: a weekday off; `closure`: the user's own. */
export type DayKind = "working" | "off" | "make-up" | "weekend" | "closure";

export interface SourceRange {
  from: number;
  to: number;
  source: YearSource;
}

export interface Calendar {
  readonly name: CalendarName;
  isBusinessDay(day: Day): boolean;
  /** Business days d with from < d <= to (0 when to <= from). */
  countBusinessDays(from: Day, to: Day): number;
  /** The n-th business day after `from` (n >= 1). */
  addBusinessDays(from: Day, n: number): Day;
  /** Years without any schedule that a count touched; they were counted as Monday-Friday. */
  readonly uncoveredYears: ReadonlySet<number>;
  /** Provisional years (the rules' schedule) that a count touched. */
  readonly provisionalYears: ReadonlySet<number>;
  /** First and last year of the official holiday data (cn), or null (weekdays). */
  readonly coverage: { from: number; to: number } | null;
  /** Each run of years with one source, from the first year with a schedule to the last; every other year is Monday-Friday. */
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

/** Index of the first element > value in a sorted array. */
function upperBound(sorted: ArrayLike<number>, value: number): number {
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
  /** The official schedule (bundled): required for `cn`. */
  holidays?: HolidaySchedule;
  /** The rules' schedule for the years the official data does not cover (bundled); without it they count Monday-Friday. */
  provisional?: ProvisionalSchedule;
  /** Years the user imported (`calendar import`): each replaces that year's official or provisional schedule. */
  imported?: readonly HolidayFile[];
  /** Single days the user amended (`calendar set`), over every year's schedule. */
  amendments?: readonly DayAmendment[];
  /** The user's own days off (YYYY-MM-DD), on top of the calendar. */
  closures?: readonly string[];
}

/**
 * What every calendar made from the same options shares: the exceptions before closures, and
 * the days a count must note, as spans of days: provisional years, and years without any
 * schedule (counted Monday-Friday).
 */
interface Schedule {
  exceptions: Int32Array;
  coverage: { from: number; to: number } | null;
  sources: readonly SourceRange[];
  yearSource(year: number): YearSource;
  /** Sorted, disjoint spans of days [spanFrom[i], spanTo[i]]: provisional years, or years without a schedule. */
  spanFrom: number[];
  spanTo: number[];
  spanProvisional: boolean[];
  /** The year whose schedule governs the day (a December day can be the next year's). */
  yearOwning(day: Day): number;
  /** A stretch with no span in it, around the official years: most counts fall inside and note nothing. */
  quietFrom: number;
  quietTo: number;
}

export function createCalendar(options: CalendarOptions): Calendar {
  const schedule = options.name === "cn" ? cnSchedule(options) : weekdaysSchedule();
  return calendarOf(options.name, schedule, closureDays(options.closures ?? []), new Set(), new Set());
}

function weekdaysSchedule(): Schedule {
  return {
    exceptions: withAmendments(new Int32Array(0), []),
    coverage: null,
    sources: [],
    yearSource: () => "weekdays",
    yearOwning: yearOf,
    spanFrom: [],
    spanTo: [],
    spanProvisional: [],
    quietFrom: -Infinity,
    quietTo: Infinity,
  };
}

function cnSchedule(options: CalendarOptions): Schedule {
  const official = options.holidays;
  if (!official) throw new Error("the cn calendar needs the holiday schedule");
  const provisional = options.provisional;
  const imported = new Map<number, HolidayFile>();
  for (const file of options.imported ?? []) imported.set(file.year, file);

  const yearSource = (year: number): YearSource =>
    imported.has(year) ? "imported"
    : year >= official.from && year <= official.to ? "official"
    : provisional && year >= provisional.from && year <= provisional.to ? "provisional"
    : "weekdays";
  // A year's days begin on 1 January, or earlier when its schedule's New Year break begins in December.
  const start = (year: number): Day => {
    const jan1 = dayFromParts(year, 1, 1);
    const source = yearSource(year);
    const first = source === "imported" ? fileStart(imported.get(year)!) : source === "provisional" ? provisional!.starts[year - provisional!.from]! : jan1;
    return Math.max(first, jan1 - 31);
  };

  // Runs of years with one source, found from the few years where a source begins or ends:
  // a start walks runs, not years (the provisional ones alone are 74).
  const cuts = new Set([official.from, official.to + 1]);
  if (provisional) cuts.add(provisional.from).add(provisional.to + 1);
  for (const year of imported.keys()) cuts.add(year).add(year + 1);
  const bounds = [...cuts].sort((a, b) => a - b);
  const sources: SourceRange[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const source = yearSource(bounds[i]!);
    const previous = sources[sources.length - 1];
    if (previous?.source === source) previous.to = bounds[i + 1]! - 1;
    else sources.push({ from: bounds[i]!, to: bounds[i + 1]! - 1, source });
  }

  const pieces: ArrayLike<number>[] = [];
  const spanFrom: number[] = [];
  const spanTo: number[] = [];
  const spanProvisional: boolean[] = [];
  const span = (from: number, to: number, provisional: boolean): void => {
    const n = spanFrom.length;
    if (n > 0 && spanProvisional[n - 1] === provisional && spanTo[n - 1] === from - 1) spanTo[n - 1] = to;
    else (spanFrom.push(from), spanTo.push(to), spanProvisional.push(provisional));
  };
  /** The exceptions of a sorted list between two days, as a slice (a builtin copy, not a loop). */
  const slice = (days: readonly number[], from: Day, to: Day, lo = 0, hi = days.length): void => {
    pieces.push(days.slice(Math.max(lo, upperBound(days, from - 1)), Math.min(hi, upperBound(days, to))));
  };
  span(-Infinity, start(bounds[0]!) - 1, false);
  for (const run of sources) {
    const from = start(run.from);
    const to = start(run.to + 1) - 1;
    if (run.source === "official") slice(official.exceptions, from, to);
    else if (run.source === "provisional") {
      const { exceptions, offsets } = provisional!;
      slice(exceptions, from, to, offsets[run.from - provisional!.from], offsets[run.to - provisional!.from + 1]);
      span(from, to, true);
    } else if (run.source === "weekdays") span(from, to, false);
    else for (let year = run.from; year <= run.to; year++) slice(fileExceptions(imported.get(year)!), start(year), start(year + 1) - 1);
  }
  span(start(bounds[bounds.length - 1]!), Infinity, false);

  const exceptions = new Int32Array(pieces.reduce((n, p) => n + p.length, 0));
  pieces.reduce((at, p) => (exceptions.set(p, at), at + p.length), 0);
  // The quiet stretch: the gap between spans that holds the official years.
  const after = upperBound(spanTo, dayFromParts(official.from, 1, 1) - 1);
  return {
    exceptions: withAmendments(exceptions, options.amendments ?? []),
    coverage: { from: official.from, to: official.to },
    sources,
    yearSource,
    // The provisional year a day belongs to: its own, or the next one's New Year break in December.
    yearOwning: (day) => (yearSource(yearOf(day) + 1) === "provisional" && day >= start(yearOf(day) + 1) ? yearOf(day) + 1 : yearOf(day)),
    spanFrom,
    spanTo,
    spanProvisional,
    quietFrom: after > 0 ? spanTo[after - 1]! + 1 : -Infinity,
    quietTo: after < spanFrom.length ? spanFrom[after]! - 1 : Infinity,
  };
}

/** The exceptions with the user's amendments: each amended day is off or worked, whatever the schedule says. */
function withAmendments(exceptions: Int32Array, amendments: readonly DayAmendment[]): Int32Array {
  if (amendments.length === 0) return exceptions;
  const days = new Set(exceptions);
  for (const { date, isOffDay } of amendments) {
    const day = tryParseDay(date);
    if (day === undefined) continue;
    if (isOffDay === isWeekday(day)) days.add(day);
    else days.delete(day);
  }
  return Int32Array.from([...days].sort((a, b) => a - b));
}

function closureDays(closures: readonly string[]): Int32Array {
  const days = new Set<Day>();
  for (const date of closures) {
    const day = tryParseDay(date);
    if (day !== undefined) days.add(day);
  }
  return Int32Array.from([...days].sort((a, b) => a - b));
}

function union(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  return Int32Array.from(new Set([...a, ...b])).sort();
}

/** The exceptions with closures merged in: a closed weekday becomes one, a closed make-up day stops being one. */
function withClosures(exceptions: Int32Array, closed: Int32Array): Int32Array {
  if (closed.length === 0) return exceptions;
  const out: Day[] = [];
  let i = 0;
  let j = 0;
  while (i < exceptions.length || j < closed.length) {
    const e = i < exceptions.length ? exceptions[i]! : Infinity;
    const c = j < closed.length ? closed[j]! : Infinity;
    if (e < c) out.push(exceptions[i++]!);
    else {
      // Closed: off whatever the schedule said, so an exception exactly when it is a weekday.
      if (isWeekday(c)) out.push(c);
      if (e === c) i++;
      j++;
    }
  }
  return Int32Array.from(out);
}

function calendarOf(
  name: CalendarName,
  schedule: Schedule,
  closed: Int32Array,
  uncoveredYears: Set<number>,
  provisionalYears: Set<number>,
): Calendar {
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

  const { spanFrom, spanTo, spanProvisional, yearOwning, quietFrom, quietTo } = schedule;
  /** The first span that ends on or after `day`. */
  const spanAt = (day: Day): number => upperBound(spanTo, day - 1);
  // Days lo..hi whose years are all noted already: counts repeat the same stretch of days, and
  // noting costs several times what the count does.
  let notedLo = Infinity;
  let notedHi = -Infinity;
  const noteCoverage = (from: Day, to: Day): void => {
    const lo = from + 1;
    if ((lo >= quietFrom && to <= quietTo) || (lo >= notedLo && to <= notedHi)) return;
    for (let i = spanAt(lo); i < spanFrom.length && spanFrom[i]! <= to; i++) {
      const provisional = spanProvisional[i]!;
      const yearFor = provisional ? yearOwning : yearOf;
      const years = provisional ? provisionalYears : uncoveredYears;
      for (let y = yearFor(Math.max(lo, spanFrom[i]!)), end = yearFor(Math.min(to, spanTo[i]!)); y <= end; y++) years.add(y);
    }
    // Overlapping or adjoining stretches make one; otherwise the latest is remembered.
    if (lo <= notedHi + 1 && to >= notedLo - 1) (notedLo = Math.min(notedLo, lo)), (notedHi = Math.max(notedHi, to));
    else (notedLo = lo), (notedHi = to);
  };
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

  const countBusinessDays = (from: Day, to: Day): number => {
    if (to <= from) return 0;
    noteCoverage(from, to);
    return count(from, to);
  };

  // Many cases share a day 0, so each (day, n) is worked out once.
  const added = new Map<number, Day>();
  const addBusinessDays = (from: Day, n: number): Day => {
    if (n < 1) throw new Error("addBusinessDays needs n >= 1");
    const key = from * 4096 + n;
    const known = added.get(key);
    if (known !== undefined) return known;
    const result = addBusinessDaysOnce(from, n);
    noteCoverage(from, result);
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

  const dayKind = (day: Day): DayKind => {
    const i = upperBound(closed, day);
    if (i > 0 && closed[i - 1] === day) return "closure";
    const weekday = isWeekday(day);
    return isBusinessDay(day) ? (weekday ? "working" : "make-up") : weekday ? "off" : "weekend";
  };

  return {
    name,
    isBusinessDay,
    countBusinessDays,
    addBusinessDays,
    uncoveredYears,
    provisionalYears,
    coverage: schedule.coverage,
    sources: schedule.sources,
    yearSource: schedule.yearSource,
    dayKind,
    touchesProvisional,
    withClosures: (more) => calendarOf(name, schedule, union(closed, closureDays(more)), uncoveredYears, provisionalYears),
  };
}
