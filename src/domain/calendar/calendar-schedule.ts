import { type Day, dayFromParts, tryParseDay, yearOf } from "../time/dates.js";
import type {
  CalendarDays,
  CalendarName,
  HolidayData,
  HolidaySchedule,
  SourceRange,
  YearSource,
} from "./calendar-types.js";
import { type DayAmendment, fileExceptions, fileStart, type HolidayFile, isWeekday } from "./holiday-file.js";
import type { ProvisionalSchedule } from "./provisional.js";

// How a calendar's schedule is assembled from its sources (docs/design.md section 3): the
// bundled official years, the provisional rules' years, the user's imported years and single
// days, and closures. src/domain/calendar.ts counts over the result.

/** Index of the first element > value in a sorted array. */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
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
  /**
   * The rules' schedule for the years the official data does not cover (bundled); without it they count Monday-Friday.
   */
  provisional?: ProvisionalSchedule;
  /** Years the user imported (`calendar import`): each replaces that year's official or provisional schedule. */
  imported?: readonly HolidayFile[];
  /** Single days the user amended (`calendar set`), over every year's schedule. */
  amendments?: readonly DayAmendment[];
  /** The user's own days off (YYYY-MM-DD), on top of the calendar. */
  closures?: readonly string[];
  /** Whether calendar-day deadlines skip holiday breaks and closures (default `breaks`). */
  calendarDays?: CalendarDays;
}

/**
 * What every calendar made from the same options shares: the exceptions before closures, and
 * the days a count must note, as spans of days: provisional years, and years without any
 * schedule (counted Monday-Friday).
 */
export interface Schedule {
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

export function weekdaysSchedule(): Schedule {
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

export function cnSchedule(options: CalendarOptions): Schedule {
  const official = options.holidays;
  if (!official) throw new Error("the cn calendar needs the holiday schedule");
  const provisional = options.provisional;
  const imported = new Map<number, HolidayFile>();
  for (const file of options.imported ?? []) imported.set(file.year, file);

  const yearSource = (year: number): YearSource =>
    imported.has(year)
      ? "imported"
      : year >= official.from && year <= official.to
        ? "official"
        : provisional && year >= provisional.from && year <= provisional.to
          ? "provisional"
          : "weekdays";
  // A year's days begin on 1 January, or earlier when its schedule's New Year break begins in December.
  const start = (year: number): Day => {
    const jan1 = dayFromParts(year, 1, 1);
    const source = yearSource(year);
    const first =
      source === "imported"
        ? fileStart(imported.get(year)!)
        : source === "provisional"
          ? provisional!.starts[year - provisional!.from]!
          : jan1;
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
    else spanFrom.push(from), spanTo.push(to), spanProvisional.push(provisional);
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
    else
      for (let year = run.from; year <= run.to; year++)
        slice(fileExceptions(imported.get(year)!), start(year), start(year + 1) - 1);
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
    yearOwning: (day) =>
      yearSource(yearOf(day) + 1) === "provisional" && day >= start(yearOf(day) + 1) ? yearOf(day) + 1 : yearOf(day),
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

export function closureDays(closures: readonly string[]): Int32Array {
  const days = new Set<Day>();
  for (const date of closures) {
    const day = tryParseDay(date);
    if (day !== undefined) days.add(day);
  }
  return Int32Array.from([...days].sort((a, b) => a - b));
}

export function union(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  return Int32Array.from(new Set([...a, ...b])).sort();
}

/** The exceptions with closures merged in: a closed weekday becomes one, a closed make-up day stops being one. */
export function withClosures(exceptions: Int32Array, closed: Int32Array): Int32Array {
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

/**
 * The days of the official holiday breaks in a schedule (docs/design.md section 3.5): every day
 * of each maximal run of days off (weekdays off, weekend days not worked) that holds at least one
 * weekday off. A weekend next to a holiday is part of its break; a weekend between working weeks,
 * or next to a make-up working day only, is not. From the exceptions with the user's amendments,
 * before closures; sorted.
 */
export function breakDays(exceptions: Int32Array): Int32Array {
  const isException = (d: Day): boolean => {
    const i = upperBound(exceptions, d);
    return i > 0 && exceptions[i - 1] === d;
  };
  // A weekday is off when it is an exception; a weekend day when it is not (a make-up day is worked).
  const off = (d: Day): boolean => isException(d) === isWeekday(d);
  const out: Day[] = [];
  let last = -Infinity;
  for (let i = 0; i < exceptions.length; i++) {
    const e = exceptions[i]!;
    if (e <= last || !isWeekday(e)) continue;
    let from = e;
    while (from - 1 > last && off(from - 1)) from--;
    let to = e;
    while (off(to + 1)) to++;
    for (let d = from; d <= to; d++) out.push(d);
    last = to;
  }
  return Int32Array.from(out);
}
