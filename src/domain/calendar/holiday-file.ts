import { UsageError } from "../../errors.js";
import { type Day, tryParseDay, weekday, yearOf } from "../time/dates.js";

/**
 * One year's schedule in the form of NateScarlet/holiday-cn (one JSON file a year): the days off
 * of each holiday's break and its make-up working days (调休, `isOffDay: false`). It is the form
 * `kakotrack calendar import` reads and `calendar show YEAR --provisional --json` prints.
 */
export interface HolidayDay {
  name: string;
  date: string;
  isOffDay: boolean;
}

export interface HolidayFile {
  year: number;
  days: HolidayDay[];
}

/** One day's amendment (`kakotrack calendar set DATE off|work`), on top of the year's schedule. */
export interface DayAmendment {
  date: string;
  isOffDay: boolean;
}

/** The file's form with the dates sorted and only its three keys a day, in holiday-cn's order. */
export function toHolidayFile(year: number, days: readonly HolidayDay[]): HolidayFile {
  return {
    year,
    days: days
      .map((d) => ({ name: d.name, date: d.date, isOffDay: d.isOffDay }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}

/** The days of a file that differ from plain Monday-Friday, sorted: what changes a count. */
export function fileExceptions(file: HolidayFile): Day[] {
  const days: Day[] = [];
  for (const { date, isOffDay } of file.days) {
    const day = tryParseDay(date);
    if (day !== undefined && isOffDay === isWeekday(day)) days.push(day);
  }
  return days.sort((a, b) => a - b);
}

/** The first day the file speaks of: before 1 January when the New Year break begins in December. */
export function fileStart(file: HolidayFile): Day {
  let start = tryParseDay(`${file.year}-01-01`)!;
  for (const { date } of file.days) {
    const day = tryParseDay(date);
    if (day !== undefined && day < start) start = day;
  }
  return start;
}

/** Monday to Friday: the week a schedule's days off and make-up days differ from. */
export function isWeekday(day: Day): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/**
 * Splits the chinese-days package's schedule (`holidays` and `workdays` keyed YYYY-MM-DD, values
 * "English,中文,days") into one holiday-cn file a year. A New Year break that begins in December
 * belongs to the next year's notice, as in holiday-cn (its 2019.json holds 2018-12-29..31).
 */
export function filesFromPackage(data: {
  holidays: Record<string, unknown>;
  workdays: Record<string, unknown>;
}): HolidayFile[] {
  const byYear = new Map<number, HolidayDay[]>();
  const add = (dates: Record<string, unknown>, isOffDay: boolean): void => {
    for (const [date, value] of Object.entries(dates)) {
      const day = tryParseDay(date);
      if (day === undefined) continue;
      const name = String(value).split(",")[1] ?? String(value);
      const year = yearOf(day) + (date.slice(5, 7) === "12" && name === "元旦" ? 1 : 0);
      let days = byYear.get(year);
      if (!days) byYear.set(year, (days = []));
      days.push({ name, date, isOffDay });
    }
  };
  add(data.holidays, true);
  add(data.workdays, false);
  return [...byYear.keys()].sort((a, b) => a - b).map((year) => toHolidayFile(year, byYear.get(year)!));
}

const TOP_KEYS = new Set(["year", "days", "$schema", "$id", "papers"]);
const DAY_KEYS = new Set(["name", "date", "isOffDay"]);
const MAX_NAME = 100;
const FORM = `{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, ...]}`;

/**
 * Reads one year's schedule in holiday-cn's JSON form and checks all of it; throws a one-line
 * UsageError naming the file and the entry otherwise. Pure: the caller reads the file.
 * holiday-cn's `$schema`, `$id` and `papers` are accepted and dropped.
 */
export function parseHolidayFile(text: string, fileName: string): HolidayFile {
  // Typed on the name, so that TypeScript narrows after a call as after a throw.
  const refuse: (what: string) => never = (what) => {
    throw new UsageError(`${fileName}: ${what}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(`not JSON; expected one year's schedule in holiday-cn's form, ${FORM}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return refuse(`not a holiday-cn file; expected ${FORM}`);
  const top = json as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.has(key))
      refuse(
        `unknown key "${key}"; a holiday-cn file has "year" and "days" (and optionally "$schema", "$id", "papers")`,
      );
  }
  const year = top.year;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1901 || year > 2999) {
    return refuse(`"year" must be a year like 2027 (got ${JSON.stringify(year) ?? "nothing"})`);
  }
  const entries = top.days;
  if (!Array.isArray(entries)) return refuse(`"days" must be a list of {"name", "date", "isOffDay"} entries`);
  // holiday-cn publishes a year's file before the schedule, with no days: importing it would
  // silently replace the provisional calendar with Monday-Friday.
  if (entries.length === 0)
    refuse(`"days" is empty: the ${year} schedule is not in this file yet (wait until it is published)`);

  const first = tryParseDay(`${year - 1}-12-01`)!;
  const last = tryParseDay(`${year}-12-31`)!;
  const seen = new Map<string, boolean>();
  const days: HolidayDay[] = [];
  entries.forEach((entry: unknown, i) => {
    const at = `days[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      refuse(`${at}: expected {"name", "date", "isOffDay"}`);
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e))
      if (!DAY_KEYS.has(key)) refuse(`${at}: unknown key "${key}" (an entry has "name", "date" and "isOffDay")`);
    const { name, date, isOffDay } = e;
    if (typeof name !== "string" || name.trim() === "" || name.length > MAX_NAME || name.includes("\0")) {
      refuse(`${at}: "name" must be the holiday's name, up to ${MAX_NAME} characters`);
    }
    if (typeof date !== "string") refuse(`${at}: "date" must be a date like "${year}-01-01"`);
    const day = tryParseDay(date);
    if (day === undefined) refuse(`${at}: "${date}" is not a date (use YYYY-MM-DD)`);
    if (day! < first || day! > last) {
      refuse(
        `${at}: ${date} is not in ${year} (a file holds one year; only the New Year break may begin in December ` +
          `${year - 1})`,
      );
    }
    if (typeof isOffDay !== "boolean")
      refuse(`${at}: "isOffDay" must be true (a day off) or false (a make-up working day)`);
    const known = seen.get(date);
    if (known !== undefined) {
      if (known !== isOffDay) refuse(`${at}: ${date} is listed twice, once as a day off and once as a working day`);
      return;
    }
    seen.set(date, isOffDay as boolean);
    days.push({ name: name as string, date, isOffDay: isOffDay as boolean });
  });
  return toHolidayFile(year, days);
}

const AMENDMENT_STATES = ["off", "work", "default"] as const;

/**
 * `calendar set DATE off|work|default`: the amendment, or null for `default` (remove the
 * day's amendment and go back to the year's schedule).
 */
export function parseAmendment(dateText: string, stateText: string): DayAmendment | null {
  if (tryParseDay(dateText) === undefined) {
    throw new UsageError(`"${dateText}" is not a valid date (use YYYY-MM-DD, e.g. 2027-02-12)`);
  }
  if (!(AMENDMENT_STATES as readonly string[]).includes(stateText)) {
    throw new UsageError(
      `"${stateText}" is not a day's state: use off (a day off), work (a working day) or default (the schedule's own)`,
    );
  }
  return stateText === "default" ? null : { date: dateText, isOffDay: stateText === "off" };
}
