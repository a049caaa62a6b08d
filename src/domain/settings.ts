import { UsageError } from "../errors.js";
import { CALENDAR_NAMES, type CalendarName } from "./calendar.js";
import { addDays, tryParseDay } from "./dates.js";
import { MESSAGE_LANGS, type MessageLang } from "./model.js";
import { parseChoice, parseCurrency, parseInteger, parseText } from "./parse.js";

/** Settings key of the random id every database gets (migration m002; calendar feeds use it in UIDs). */
export const DATABASE_ID = "database-id";

/** The settings `kakotrack config` manages: one row a key, parsed and defaulted here. */
export interface Settings {
  calendar: CalendarName;
  dueSoonDays: number;
  escalationFollowUpDays: number;
  defaultAgent: string;
  defaultCurrency: string;
  /** The user's own days off, expanded to single dates. */
  closures: string[];
  /** Language of `kakotrack message` when --lang is not given. */
  messageLang: MessageLang;
}

interface SettingSpec {
  key: string;
  description: string;
  default: string;
  /** Returns the canonical stored text, or throws UsageError. */
  parse: (text: string) => string;
}

const MAX_CLOSURE_DAYS = 366;

/** "2026-12-24,2026-12-28..2026-12-31" -> canonical text; empty clears. */
function parseClosures(text: string): string {
  if (text.trim() === "") return "";
  const parts = text.split(",").map((p) => p.trim());
  for (const part of parts) {
    const [from, to, extra] = part.split("..");
    const a = tryParseDay(from ?? "");
    const b = to === undefined ? a : tryParseDay(to);
    if (a === undefined || b === undefined || extra !== undefined || b < a || b - a >= MAX_CLOSURE_DAYS) {
      throw new UsageError(
        `closures: "${part}" is not a date or range (use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated)`,
      );
    }
  }
  return parts.join(",");
}

function expandClosures(text: string): string[] {
  const dates: string[] = [];
  for (const part of text.split(",").filter(Boolean)) {
    const [from, to = from] = part.split("..") as [string, string?];
    for (let d = from; d <= to!; d = addDays(d, 1)) dates.push(d);
  }
  return dates;
}

export const SETTING_SPECS: readonly SettingSpec[] = [
  { key: "calendar", description: "business-day calendar: cn (China, with holidays and make-up days) or weekdays",
    default: "cn", parse: (t) => parseChoice(t, CALENDAR_NAMES, "calendar") },
  { key: "due-soon", description: "calendar days ahead that count as due soon",
    default: "2", parse: (t) => String(parseInteger(t, "due-soon", 0, 30)) },
  { key: "escalation-followup", description: "business days after an escalation before following up",
    default: "5", parse: (t) => String(parseInteger(t, "escalation-followup", 1, 60)) },
  { key: "default-agent", description: "agent for new cases", default: "KakoBuy",
    parse: (t) => parseText(t, "default-agent", "short") },
  { key: "default-currency", description: "currency for new cases (ISO 4217)", default: "CNY", parse: parseCurrency },
  { key: "closures", description: "your own days off on top of the calendar: dates or ranges, comma-separated",
    default: "", parse: parseClosures },
  { key: "message-lang", description: "language of `kakotrack message`: en, zh (Chinese, for the seller) or both",
    default: "en", parse: (t) => parseChoice(t, MESSAGE_LANGS, "message-lang") },
];

export function settingSpec(key: string): SettingSpec {
  const spec = SETTING_SPECS.find((s) => s.key === key);
  if (!spec) {
    throw new UsageError(`unknown setting "${key}" (known: ${SETTING_SPECS.map((s) => s.key).join(", ")})`);
  }
  return spec;
}

/** Settings from their stored text; a stored value that no longer parses falls back to the default. */
export function resolveSettings(stored: ReadonlyMap<string, string>): Settings {
  const get = (key: string): string => {
    const spec = settingSpec(key);
    const value = stored.get(key);
    if (value === undefined) return spec.default;
    try {
      return spec.parse(value);
    } catch {
      return spec.default;
    }
  };
  return {
    calendar: get("calendar") as CalendarName,
    dueSoonDays: Number(get("due-soon")),
    escalationFollowUpDays: Number(get("escalation-followup")),
    defaultAgent: get("default-agent"),
    defaultCurrency: get("default-currency"),
    closures: expandClosures(get("closures")),
    messageLang: get("message-lang") as MessageLang,
  };
}
