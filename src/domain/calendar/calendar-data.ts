import { UsageError } from "../../errors.js";
import { type DayAmendment, type HolidayFile, parseHolidayFile } from "./holiday-file.js";

/**
 * Where the user's calendar data lives: settings rows, so that export, import, backup and undo
 * carry it like every other setting (docs/design.md section 3.4). One row per imported year
 * (`calendar-year:2027`, the year's whole schedule in holiday-cn's form) and one row of single-day
 * amendments (`calendar-days`).
 */
export const IMPORTED_YEAR_PREFIX = "calendar-year:";
export const AMENDMENTS_KEY = "calendar-days";

export function importedYearKey(year: number): string {
  return `${IMPORTED_YEAR_PREFIX}${year}`;
}

export function isCalendarKey(key: string): boolean {
  return key === AMENDMENTS_KEY || key.startsWith(IMPORTED_YEAR_PREFIX);
}

export interface CalendarInputs {
  imported: HolidayFile[];
  amendments: DayAmendment[];
}

/** The imported years and amendments from the stored settings; a row that no longer parses is left out. */
export function calendarInputs(stored: ReadonlyMap<string, string>): CalendarInputs {
  const imported: HolidayFile[] = [];
  let amendments: DayAmendment[] = [];
  for (const [key, value] of stored) {
    if (!isCalendarKey(key)) continue;
    try {
      if (key === AMENDMENTS_KEY) amendments = parseAmendments(value);
      else imported.push(parseHolidayFile(value, key));
    } catch {
      // A damaged row counts as absent: the year falls back to its bundled or provisional schedule.
    }
  }
  imported.sort((a, b) => a.year - b.year);
  return { imported, amendments };
}

/** The stored amendments row, checked (an import of a kakotrack export reads it back). */
export function parseAmendments(text: string): DayAmendment[] {
  const data = JSON.parse(text) as unknown;
  if (!Array.isArray(data)) throw new UsageError(`${AMENDMENTS_KEY} must be a list of {"date", "isOffDay"}`);
  return data.map((entry, i) => {
    const { date, isOffDay } = (entry ?? {}) as Partial<DayAmendment>;
    if (typeof date !== "string" || typeof isOffDay !== "boolean")
      throw new UsageError(`${AMENDMENTS_KEY}[${i}] is not {"date", "isOffDay"}`);
    return { date, isOffDay };
  });
}

/** The amendments with one day set (or, with null, back to its schedule), sorted by date. */
export function withAmendment(
  amendments: readonly DayAmendment[],
  date: string,
  amendment: DayAmendment | null,
): DayAmendment[] {
  const others = amendments.filter((a) => a.date !== date);
  return (amendment === null ? others : [...others, amendment]).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** A stored calendar row checked for an import: the same checks as `calendar import` and `calendar set`. */
export function checkCalendarSetting(key: string, value: string): string {
  if (key === AMENDMENTS_KEY) return JSON.stringify(parseAmendments(value));
  const file = parseHolidayFile(value, key);
  if (importedYearKey(file.year) !== key) throw new UsageError(`${key} holds the schedule of ${file.year}`);
  return JSON.stringify(file);
}
