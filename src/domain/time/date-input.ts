import { format } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { parse } from "date-fns/parse";
import { subDays } from "date-fns/subDays";
import { subYears } from "date-fns/subYears";
import { UsageError } from "../../errors.js";
import { dayFromParts, explainBadDate, formatDate, tryParseDay } from "./dates.js";
import { parseMoment, tryParseMoment } from "./moments.js";

/**
 * Dates as a person types them, in prompts and flags alike (issue 18), read with date-fns
 * relative to the given today. Everything looks back, as the dates typed are of things that
 * happened: a weekday is the latest one (today counts: "mon" on a Monday is today; "last mon"
 * is the one before), and a date without a year is the latest one on or before today (in
 * January, "12-28" and "28 Dec" are last December's). The hot path never comes here: status
 * judges with day numbers, and YYYY-MM-DD is read without date-fns. The bundle loads date-fns
 * on the first call of one of its functions (scripts/build.mjs).
 */

/** Formats with a year, then without (the latest such date on or before today). */
const WITH_YEAR = [
  "yyyy/M/d",
  "yyyy.M.d",
  "d MMM yyyy",
  "d MMMM yyyy",
  "MMM d yyyy",
  "MMMM d yyyy",
  "MMM d, yyyy",
  "MMMM d, yyyy",
];
const WITHOUT_YEAR = ["M-d", "d MMM", "d MMMM", "MMM d", "MMMM d"];
const WEEKDAYS = ["EEE", "EEEE"];

export const DATE_FORMS_HELP = "YYYY-MM-DD, today, yesterday, 3 days ago, mon, 2026/11/05, 11-05 or 5 Nov";

function fromDate(date: Date): string {
  return formatDate(dayFromParts(date.getFullYear(), date.getMonth() + 1, date.getDate()));
}

function tryFormats(text: string, formats: readonly string[], reference: Date): Date | undefined {
  for (const f of formats) {
    const date = parse(text, f, reference);
    if (isValid(date)) return date;
  }
  return undefined;
}

/** The date `text` means on `today` (YYYY-MM-DD), or undefined. */
export function readDateText(text: string, today: string): string | undefined {
  const date = readDate(text, today);
  return date !== undefined && tryParseDay(date) !== undefined ? date : undefined;
}

function readDate(text: string, today: string): string | undefined {
  const typed = text.trim().replace(/\s+/g, " ");
  if (tryParseDay(typed) !== undefined) return typed;
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const now = new Date(y, m - 1, d);
  const lower = typed.toLowerCase();
  if (lower === "today") return today;
  if (lower === "yesterday") return fromDate(subDays(now, 1));
  const ago = /^(\d{1,4}) (day|days|week|weeks) ago$/.exec(lower);
  if (ago) return fromDate(subDays(now, Number(ago[1]) * (ago[2]!.startsWith("week") ? 7 : 1)));
  const last = lower.startsWith("last ");
  // date-fns reads a weekday as that day of today's week (Sunday to Saturday).
  const weekday = tryFormats(last ? typed.slice(5) : typed, WEEKDAYS, now);
  if (weekday !== undefined) {
    const back = weekday > now || (last && weekday.getTime() === now.getTime()) ? 7 : 0;
    return fromDate(subDays(weekday, back));
  }
  const full = tryFormats(typed, WITH_YEAR, now);
  if (full !== undefined) return fromDate(full);
  const partial = tryFormats(typed, WITHOUT_YEAR, now);
  if (partial !== undefined) return fromDate(partial > now ? subYears(partial, 1) : partial);
  return undefined;
}

/** readDateText or a UsageError naming the forms; `what` leads the message ("--date"), empty in prompts. */
export function parseDateInput(text: string, today: string, what: string): string {
  const date = readDateText(text, today);
  if (date === undefined) {
    const explained = explainBadDate(text.trim());
    if (explained !== undefined) throw new UsageError(`${what ? `${what} ` : ""}${explained}`);
    throw new UsageError(`${what ? `${what}: ` : ""}"${text}" is not a valid date (use ${DATE_FORMS_HELP})`);
  }
  return date;
}

export const MOMENT_FORMS_HELP =
  '"YYYY-MM-DD HH:MM", or a date as --date takes it and a time ("yesterday 14:00", "mon 9:30")';

/**
 * A stock-in time as typed (--stored, its prompt): "YYYY-MM-DD HH:MM", or the words --date takes
 * with a time after them ("yesterday 14:00", "mon 9:30", "5 Nov 8:05"; issue 26 item 5); a date
 * alone means 00:00. Checked by parseMoment; returns it canonical (YYYY-MM-DDTHH:MM).
 */
export function parseMomentInput(text: string, what: string, today: string, now: string): string {
  const typed = text.trim().replace(/\s+/g, " ");
  if (tryParseMoment(typed) === undefined) {
    const timed = /^(.*?)(?:[ T]([0-9]{1,2}):([0-9]{2}))?$/.exec(typed)!;
    const date = timed[1] === "" ? undefined : readDateText(timed[1]!, today);
    const hour = timed[2] === undefined ? 0 : Number(timed[2]);
    const minute = timed[3] === undefined ? 0 : Number(timed[3]);
    if (date !== undefined && hour < 24 && minute < 60) {
      return parseMoment(`${date} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`, what, now);
    }
    const explained = explainBadDate(typed.slice(0, 10));
    if (explained !== undefined) throw new UsageError(`${what ? `${what} ` : ""}${explained}`);
    throw new UsageError(`${what ? `${what}: ` : ""}"${text}" is not a date and time (use ${MOMENT_FORMS_HELP})`);
  }
  return parseMoment(typed, what, now);
}

/** A typed date with the day it means, for the prompt to show: "mon (Mon 16 Nov 2026)". */
export function describeDate(typed: string, date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = format(new Date(y, m - 1, d), "EEE d MMM yyyy");
  return typed.trim() === date ? `${date} (${day.slice(0, 3)})` : `${typed.trim()} (${day})`;
}
