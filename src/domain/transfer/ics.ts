import { addDays } from "../time/dates.js";

/** A calendar entry: all day on `date`, or at the local minute `at`. */
export interface IcsEvent {
  uid: string;
  date: string;
  summary: string;
  description: string;
  /**
   * Local YYYY-MM-DDTHH:MM: a timed entry there (floating time, as kakotrack's moments are local), ending as it starts.
   */
  at?: string;
  /** More lines inside the entry, after the standard ones: SEQUENCE, LAST-MODIFIED, VALARM components. */
  extra?: readonly string[];
}

/** RFC 5545 3.3.11: backslash, semicolon and comma escaped, newlines as \n, other control characters dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");
}

/** RFC 5545 3.1: lines longer than 75 octets are folded, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const compact = (date: string): string => date.replace(/-/g, "");

/** A VCALENDAR of all-day events; `stamp` is the UTC time of export (YYYYMMDDTHHMMSSZ). */
export function buildIcs(events: readonly IcsEvent[], stamp: string): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//kakotrack//deadlines//EN",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:kakotrack deadlines",
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      ...(e.at === undefined
        ? [`DTSTART;VALUE=DATE:${compact(e.date)}`, `DTEND;VALUE=DATE:${compact(addDays(e.date, 1))}`]
        : [`DTSTART:${compact(e.at).replace(":", "")}00`]),
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      "TRANSP:TRANSPARENT",
      ...(e.extra ?? []),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
