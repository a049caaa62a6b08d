import { UsageError } from "../errors.js";

/**
 * Calendar dates as day numbers (days since 1970-01-01). Deadlines are whole-day
 * arithmetic, so integers are exact, free of time zones and cheap at 100,000 cases.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayFromParts(year: number, month: number, day: number): Day {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Parses YYYY-MM-DD, or returns undefined for anything else, including 2026-02-30. */
export function tryParseDay(text: string): Day | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return undefined;
  const day = dayFromParts(y, mo, d);
  // Date.UTC rolls 02-30 over into March: a round trip catches it.
  return formatDate(day) === text ? day : undefined;
}

/** Validates a user-given date and returns it in canonical form. */
export function parseDate(text: string, what: string): string {
  if (tryParseDay(text) === undefined) {
    throw new UsageError(`${what}: "${text}" is not a valid date (use YYYY-MM-DD, e.g. 2026-11-22)`);
  }
  return text;
}

export function toDay(date: string): Day {
  const day = tryParseDay(date);
  if (day === undefined) throw new Error(`not a date: ${date}`);
  return day;
}

export function formatDate(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function addDays(date: string, n: number): string {
  return formatDate(toDay(date) + n);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}
