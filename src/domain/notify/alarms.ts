import { UsageError } from "../../errors.js";
import { escapeText } from "../transfer/ics.js";

/**
 * Calendar alarms for `export --format ics` (issue 27; RFC 5545 3.6.6 VALARM, 3.3.6 durations).
 * A trigger is minutes from the event's start: an all-day deadline starts at 00:00 of its due
 * day, the return window at its closing minute. Relative triggers keep the alarms in local time
 * (an absolute one would have to be UTC).
 */

/** 09:00 on the day before and on the due day. */
export const DEFAULT_ALARMS = "1d@09:00,0d@09:00";
/** The return window's alarm: 12 hours before it closes. */
export const RETURN_WINDOW_ALARM = -12 * 60;

/**
 * `--alarm`: comma-separated `Nd@HH:MM` (at that time N days before the due day), or `Nd`,
 * `Nh`, `Nm` (that long before the deadline starts). Returns trigger minutes.
 */
export function parseAlarms(text: string): number[] {
  const triggers = text.split(",").map((part) => {
    const item = part.trim();
    const at = /^(\d{1,3})d@([01]\d|2[0-3]):([0-5]\d)$/.exec(item);
    if (at) return -Number(at[1]) * 1440 + Number(at[2]) * 60 + Number(at[3]);
    const before = /^(\d{1,5})([dhm])$/.exec(item);
    if (before) return -Number(before[1]) * { d: 1440, h: 60, m: 1 }[before[2] as "d" | "h" | "m"];
    throw new UsageError(
      `--alarm: "${item}" is not an alarm (use 1d, 2h, 30m before the deadline, or 1d@09:00 for a time of day; ` +
        `comma-separated)`,
    );
  });
  return [...new Set(triggers)];
}

/** Minutes as an RFC 5545 duration: -900 -> "-PT15H", 540 -> "PT9H", -1500 -> "-P1DT1H". */
export function icsDuration(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / 1440);
  const hours = Math.floor((abs % 1440) / 60);
  const mins = abs % 60;
  const time = `${hours ? `${hours}H` : ""}${mins ? `${mins}M` : ""}`;
  if (abs === 0) return "PT0S";
  return `${sign}P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** The VALARM components of one event: a display alarm per trigger, saying what is due. */
export function alarmLines(triggers: readonly number[], description: string): string[] {
  return triggers.flatMap((t) => [
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(description)}`,
    `TRIGGER:${icsDuration(t)}`,
    "END:VALARM",
  ]);
}

/**
 * SEQUENCE and LAST-MODIFIED of every entry of an export made at `utcNow` (ISO 8601): kakotrack
 * keeps no history of its exports, so each is a newer revision of every entry (SEQUENCE: whole
 * minutes since 2020), and a calendar that reads the file again takes its dates over the ones it has.
 */
export function revisionLines(utcNow: string): string[] {
  const sequence = Math.max(0, Math.floor((Date.parse(utcNow) - Date.UTC(2020, 0, 1)) / 60_000));
  return [`SEQUENCE:${sequence}`, `LAST-MODIFIED:${utcNow.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}`];
}
