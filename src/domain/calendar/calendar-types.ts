import type { Day } from "../time/dates.js";

/** The calendar's words, apart from its counting (calendar.ts) so the schedules can name them too. */
export type CalendarName = "cn" | "weekdays";
export const CALENDAR_NAMES: readonly CalendarName[] = ["cn", "weekdays"];

/**
 * How calendar-day deadlines count (`config set calendar-days`): `breaks` skips the days of the
 * official holiday breaks and closures (docs/design.md section 3.5); `all` counts every day.
 */
export type CalendarDays = "breaks" | "all";
export const CALENDAR_DAYS: readonly CalendarDays[] = ["breaks", "all"];

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

/**
 * Where a year's schedule comes from, best first: a file the user imported, the bundled official data, the rules, or
 * none.
 */
export type YearSource = "imported" | "official" | "provisional" | "weekdays";

/**
 * A day as a month view draws it. `make-up`: a weekend day worked (调休); `off`: a weekday off; `closure`: the user's
 * own.
 */
export type DayKind = "working" | "off" | "make-up" | "weekend" | "closure";

export interface SourceRange {
  from: number;
  to: number;
  source: YearSource;
}
