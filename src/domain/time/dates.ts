import { UsageError } from "../../errors.js";

/**
 * Calendar dates as day numbers (days since 1970-01-01). Deadlines are whole-day
 * arithmetic, so integers are exact, free of time zones and cheap at 100,000 cases.
 */
export type Day = number;

// Civil-date conversion in integer arithmetic (H. Hinnant's days_from_civil and
// civil_from_days): no Date objects, so 100,000 cases cost microseconds, not milliseconds.

export function dayFromParts(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function partsFromDay(day: Day): [year: number, month: number, day: number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

// status judges every open case, and their dates repeat (day 0s, due dates): parsing and
// formatting each distinct date once keeps 100,000 cases from allocating a string per use.
const MEMO_LIMIT = 50_000;
const parsed = new Map<string, Day | undefined>();
const formatted = new Map<Day, string>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Parses YYYY-MM-DD, or returns undefined for anything else, including 2026-02-30. */
export function tryParseDay(text: string): Day | undefined {
  const known = parsed.get(text);
  if (known !== undefined || parsed.has(text)) return known;
  return remember(parsed, text, parseDay(text));
}

/** The number the characters text[from, to) spell, or -1 unless all are digits 0-9. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

// Read character by character: a regular expression's match is an array and three strings
// for each of the hundreds of distinct dates status meets.
function parseDay(text: string): Day | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // YYYY-MM-DD
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return dayFromParts(y, mo, d);
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * What is wrong with a YYYY-MM-DD text that is no date, in words ("2026-02-30: February 2026 has
 * 28 days"); undefined when it is a date or not of that form (issue 26 item 5).
 */
export function explainBadDate(text: string): string | undefined {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text) || tryParseDay(text) !== undefined) return undefined;
  const [y, mo] = text.split("-").map(Number) as [number, number];
  if (y < 1900) return `${text}: dates start in 1900`;
  if (mo < 1 || mo > 12) return `${text}: there is no month ${mo} (months are 01 to 12)`;
  return `${text}: ${MONTH_NAMES[mo - 1]} ${y} has ${daysInMonth(y, mo)} days`;
}

/** Validates a user-given date and returns it in canonical form. */
export function parseDate(text: string, what: string): string {
  if (tryParseDay(text) === undefined) {
    const explained = explainBadDate(text);
    if (explained !== undefined) throw new UsageError(`${what} ${explained}`);
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
  const known = formatted.get(day);
  if (known !== undefined) return known;
  const [y, m, d] = partsFromDay(day);
  return remember(formatted, day, `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: Day): number {
  return partsFromDay(day)[0];
}

export function addDays(date: string, n: number): string {
  return formatDate(toDay(date) + n);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}
