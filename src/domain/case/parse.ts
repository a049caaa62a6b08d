import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { isCurrency, minorUnits } from "../money/currencies.js";
import { explainBadDate, tryParseDay } from "../time/dates.js";

/**
 * Parsers for user input: each returns the canonical value or throws a UsageError naming the fix.
 * `what` names the input in the message: a flag ("--price"), a column, or "" in a prompt, whose
 * question is on the screen, so the message starts with what was typed (issue 18).
 */

/** "--price " before the typed value, nothing in a prompt. */
const lead = (what: string): string => (what === "" ? "" : `${what} `);
/** What a message calls the input when it is the subject: the flag, or "the answer" in a prompt. */
const subject = (what: string): string => (what === "" ? "the answer" : what);

const MAX_ID = 2_147_483_647;

/** A case id as typed: 2, or #2 as every screen prints it (issue 26 item 5). */
export function parseId(typed: string): number {
  const text = typed.startsWith("#") ? typed.slice(1) : typed;
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > MAX_ID) {
    throw new UsageError(
      `"${typed}" is not a case id (ids are whole numbers like 3 or #3; run ${hint.list()} to see them)`,
    );
  }
  return Number(text);
}

export function parseChoice<T extends string>(text: string, choices: readonly T[], what: string): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${what} must be one of ${choices.join(", ")} (got "${text}")`);
}

/** Limits that keep one case readable and the database small; documented in the README. */
export const TEXT_LIMITS = { short: 500, long: 20_000 } as const;

export function parseText(text: string, what: string, limit: keyof typeof TEXT_LIMITS, required = true): string {
  if (required && text.trim() === "") throw new UsageError(`${subject(what)} cannot be empty`);
  // NUL ends strings in C tools and terminals: it can only be a mistake or an attack.
  if (text.includes("\0")) throw new UsageError(`${subject(what)} contains a NUL character; remove it`);
  if (text.length > TEXT_LIMITS[limit]) {
    throw new UsageError(`${subject(what)} is ${text.length} characters; the limit is ${TEXT_LIMITS[limit]}`);
  }
  return text;
}

export function parseCurrency(text: string): string {
  const code = text.toUpperCase();
  if (!isCurrency(code)) {
    throw new UsageError(`"${text}" is not an ISO 4217 currency code (e.g. CNY, USD, EUR)`);
  }
  return code;
}

// Twelve whole digits keep every amount far inside exact integer range.
const AMOUNT = /^([0-9]{1,12})(?:\.([0-9]+))?$/;

/** Parses "12.50" into minor units (1250) for the currency; never goes through floats. */
export function parseAmount(text: string, currency: string, what = "amount"): number {
  const m = AMOUNT.exec(text);
  const digits = minorUnits(currency);
  // What is wrong with a number that is almost an amount, in words (issue 26 item 5).
  const number = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (number !== null && (!m || (m[2] !== undefined && m[2].length > digits))) {
    const largest = digits === 0 ? "999999999999" : `999999999999.${"9".repeat(digits)}`;
    const decimals = digits === 0 ? `${currency} has no decimals` : `at most ${digits} decimals in ${currency}`;
    const why =
      number[1] === "-"
        ? "negative; give the amount without a sign"
        : number[2]!.length > 12
          ? `too large (at most ${largest} ${currency})`
          : decimals;
    throw new UsageError(`${lead(what)}${text}: ${why}`);
  }
  if (!m || (m[2] !== undefined && m[2].length > digits)) {
    const example = digits === 0 ? "1200" : `12.${"5".padEnd(digits, "0")}`;
    throw new UsageError(
      `${lead(what)}"${text}" is not an amount in ${currency}: use digits with a dot for decimals (e.g. ` +
        `${example}), no sign, symbol or thousands separator`,
    );
  }
  const whole = BigInt(m[1]!);
  const fraction = BigInt((m[2] ?? "").padEnd(digits, "0") || "0");
  return Number(whole * 10n ** BigInt(digits) + fraction);
}

/** Minor units as a decimal number in the currency: 1250 CNY -> "12.50" (-500 -> "-5.00": fees above refunds). */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorUnits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function formatAmount(minor: number, currency: string): string {
  return `${formatMinor(minor, currency)} ${currency}`;
}

/** A date on which something happened: valid, not before the case opened, not in the future. */
export function parseEventDate(
  text: string,
  what: string,
  today: string,
  notBefore?: { date: string; why: string },
): string {
  if (tryParseDay(text) === undefined) {
    const explained = explainBadDate(text);
    if (explained !== undefined) throw new UsageError(`${lead(what)}${explained}`);
    throw new UsageError(
      `${what === "" ? "" : `${what}: `}"${text}" is not a valid date (use YYYY-MM-DD, e.g. ${today})`,
    );
  }
  if (text > today)
    throw new UsageError(`${lead(what)}${text} is in the future (today is ${today}); record it when it happens`);
  if (notBefore && text < notBefore.date) {
    throw new UsageError(`${lead(what)}${text} is before ${notBefore.why} (${notBefore.date})`);
  }
  return text;
}

/**
 * A whole number in a range; `unit` says what it counts, with an example, for settings whose
 * unit the user may guess wrong ("5d: give hours, e.g. 120 for five days"; issue 26 item 5).
 */
export function parseInteger(
  text: string,
  what: string,
  min: number,
  max: number,
  unit?: { name: string; example: string },
): number {
  if (!/^[0-9]{1,6}$/.test(text) || Number(text) < min || Number(text) > max) {
    if (unit !== undefined) {
      throw new UsageError(
        `${what} ${text}: give ${unit.name}, a whole number from ${min} to ${max}, e.g. ${unit.example}`,
      );
    }
    throw new UsageError(`${what} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return Number(text);
}

/** An http(s) link, kept as given; one without a scheme (item.taobao.com/…) gets https://. */
export function parseUrl(text: string, what: string): string {
  const given = text.trim();
  const bare = !/^[a-z][a-z0-9+.-]*:/i.test(given);
  const link = bare ? `https://${given}` : given;
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  // Without a scheme, a host with a dot: "hoodie" is not a link.
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || (bare && !url.hostname.includes("."))) {
    throw new UsageError(
      `${lead(what)}"${text}" is not a web address (paste the item's link, e.g. item.taobao.com/item.htm?id=123)`,
    );
  }
  return parseText(link, what, "short");
}
