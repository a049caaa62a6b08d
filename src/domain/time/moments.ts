import { UsageError } from "../../errors.js";
import { type Day, formatDate, tryParseDay } from "./dates.js";

/**
 * Local wall-clock moments as minutes since 1970-01-01 00:00: only the return window is
 * counted to the hour (DESIGN.md section 3), in plain integers like the day numbers. Wall
 * clock, not elapsed time: across a change to or from summer time a window is an hour off
 * (China, where the warehouses are, has none).
 */
export type Minute = number;

export const MINUTES_A_DAY = 1440;

/** "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM", or a date alone (00:00); undefined for anything else. */
export function tryParseMoment(text: string): Minute | undefined {
  const day = tryParseDay(text.slice(0, 10));
  if (day === undefined) return undefined;
  if (text.length === 10) return day * MINUTES_A_DAY;
  const m = /^[T ]([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text.slice(10));
  return m ? day * MINUTES_A_DAY + Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** A moment the buyer gives (--stored): a real date and time, not after now. Returns it canonical. */
export function parseMoment(text: string, what: string, now: string): string {
  const moment = tryParseMoment(text.trim());
  if (moment === undefined) {
    throw new UsageError(
      `${what}: "${text}" is not a date and time (use "YYYY-MM-DD HH:MM" in local time, e.g. ` +
        `"${now.replace("T", " ")}"; a date alone means 00:00)`,
    );
  }
  if (moment > toMinute(now))
    throw new UsageError(`${what} ${formatMomentText(moment)} is in the future (now is ${now.replace("T", " ")})`);
  return formatMoment(moment);
}

export function toMinute(moment: string): Minute {
  const m = tryParseMoment(moment);
  if (m === undefined) throw new Error(`not a moment: ${moment}`);
  return m;
}

export function dayOfMinute(m: Minute): Day {
  return Math.floor(m / MINUTES_A_DAY);
}

/** The stored and JSON form: "YYYY-MM-DDTHH:MM". */
export function formatMoment(m: Minute): string {
  const minutes = m - dayOfMinute(m) * MINUTES_A_DAY;
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  return `${formatDate(dayOfMinute(m))}T${hh < 10 ? "0" : ""}${hh}:${mm < 10 ? "0" : ""}${mm}`;
}

/** As people read it: "YYYY-MM-DD HH:MM". */
export function formatMomentText(m: Minute): string {
  return formatMoment(m).replace("T", " ");
}

/**
 * The moment a date is judged at: now when it is today, else its start (a date alone means
 * 00:00, as for --stored and KAKOTRACK_NOW).
 */
export function momentOfDate(date: string, today: string, now: string): Minute {
  return date === today ? toMinute(now) : toMinute(date);
}
