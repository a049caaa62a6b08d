import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { CALENDAR_DAYS, CALENDAR_NAMES, type CalendarDays, type CalendarName } from "../calendar/calendar.js";
import { agentKey, canonicalAgent, parseAgent } from "../case/agents.js";
import { MESSAGE_LANGS, type MessageLang, REFUND_DESTINATIONS, type RefundDestination } from "../case/model.js";
import { parseChoice, parseCurrency, parseInteger } from "../case/parse.js";
import { NOTIFY_SETTING_SPECS } from "../notify/setting-values.js";
import { addDays, tryParseDay } from "../time/dates.js";

/** Settings key of the random id every database gets (migration m002; calendar feeds use it in UIDs). */
export const DATABASE_ID = "database-id";

/**
 * Settings key of what the open cases' stored due days were worked out on (issue 28): written by
 * the store, cleared by a trigger whenever another setting changes (m012).
 */
export const URGENCY_BASIS_KEY = "urgency-basis";

/** The settings `kakotrack config` manages: one row a key, parsed and defaulted here. */
export interface Settings {
  calendar: CalendarName;
  /** Whether calendar-day deadlines skip holiday breaks and closures (`breaks`) or count every day (`all`). */
  calendarDays: CalendarDays;
  dueSoonDays: number;
  escalationFollowUpDays: number;
  defaultAgent: string;
  defaultCurrency: string;
  /** The user's own days off, expanded to single dates. */
  closures: string[];
  /** Language of `kakotrack message` when --lang is not given. */
  messageLang: MessageLang;
  /** Hours from stock-in during which the agent accepts a return or exchange. */
  returnWindowHours: number;
  /** Where a refund goes unless `--to` says: the agent balance or the original payment. */
  refundTo: RefundDestination;
  /**
   * Values set for one agent (`config set KEY VALUE --agent NAME`, stored as `KEY@NAME`), by
   * agentKey (the canonical name, lower case), then key: canonical text. `forAgent` reads them.
   */
  agents: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** The settings that can differ by agent, as one agent sees them. */
export interface AgentSettings {
  returnWindowHours: number;
  refundTo: RefundDestination;
}

interface SettingSpec {
  key: string;
  /** The settings row, when it is not `key` (a name the calendar's own rows already hold). */
  row?: string;
  description: string;
  default: string;
  /** Returns the canonical stored text, or throws UsageError. */
  parse: (text: string) => string;
  /** Can be set for one agent with `--agent` (stored as `KEY@AGENT`). */
  perAgent?: boolean;
  /** Where this machine sends notifications: stays with this database, never exported or imported (issue 27). */
  local?: boolean;
  /** Carries a token: `config list` and `config set` show it masked (issue 27). */
  secret?: boolean;
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
  {
    key: "calendar",
    description: "business-day calendar: cn (China, with holidays and make-up days) or weekdays",
    default: "cn",
    parse: (t) => parseChoice(t, CALENDAR_NAMES, "calendar"),
  },
  // Stored as calendar-day-count: the row calendar-days holds `calendar set`'s amendments (calendar-data.ts).
  {
    key: "calendar-days",
    row: "calendar-day-count",
    description:
      "calendar-day deadlines (exchange days, agent review): breaks (holiday breaks and closures are not counted) " +
      "or all",
    default: "breaks",
    parse: (t) => parseChoice(t, CALENDAR_DAYS, "calendar-days"),
  },
  {
    key: "due-soon",
    description: "calendar days ahead that count as due soon",
    default: "2",
    parse: (t) =>
      String(parseInteger(t, "due-soon", 0, 30, { name: "calendar days", example: "2 for two days ahead" })),
  },
  {
    key: "escalation-followup",
    description: "business days after an escalation before following up",
    default: "5",
    parse: (t) =>
      String(parseInteger(t, "escalation-followup", 1, 60, { name: "business days", example: "5 for a week" })),
  },
  {
    key: "default-agent",
    description: "agent for new cases",
    default: "KakoBuy",
    parse: (t) => parseAgent(t, "default-agent"),
  },
  { key: "default-currency", description: "currency for new cases (ISO 4217)", default: "CNY", parse: parseCurrency },
  {
    key: "closures",
    description:
      "your own days off on top of the calendar: dates or ranges, comma-separated (--agent: that agent's own, e.g. " +
      "its New Year break)",
    default: "",
    parse: parseClosures,
    perAgent: true,
  },
  {
    key: "message-lang",
    description: `language of ${hint.message()}: en, zh (Chinese, for the seller) or both`,
    default: "en",
    parse: (t) => parseChoice(t, MESSAGE_LANGS, "message-lang"),
  },
  // The agents' published return windows: Mulebuy and Wegobuy 5 days from stock-in, OOPbuy and the
  // "Onebuy" agents (HubbuyCN, Ponybuy, CrazyBuy, Allcnhaul, ...) 120 hours, KakoBuy reported at 120 (issue 16).
  {
    key: "return-window",
    description: "hours after stock-in (add --stored) that the agent accepts a return or exchange",
    default: "120",
    parse: (t) => String(parseInteger(t, "return-window", 1, 8760, { name: "hours", example: "120 for five days" })),
    perAgent: true,
  },
  {
    key: "refund-to",
    description: "where refunds go unless --to says: balance (the agent wallet) or original (the payment)",
    default: "balance",
    parse: (t) => parseChoice(t, REFUND_DESTINATIONS, "refund-to"),
    perAgent: true,
  },
  ...NOTIFY_SETTING_SPECS,
];

/** The settings row a setting is stored in. */
export function settingRow(spec: SettingSpec): string {
  return spec.row ?? spec.key;
}

/** A stored key that stays with this database: the JSON export leaves it out and an import ignores it. */
export function isLocalSetting(stored: string): boolean {
  return stored === DATABASE_ID || stored === URGENCY_BASIS_KEY || storedSettingSpec(stored)?.local === true;
}

/** Where a per-agent value is stored: `return-window@Mulebuy`. */
export function agentSettingKey(key: string, agent: string): string {
  return `${key}@${canonicalAgent(agent)}`;
}

/** A stored key split into the setting and the agent it is for (undefined: the global value). */
export function splitSettingKey(stored: string): { key: string; agent: string | undefined } {
  const at = stored.indexOf("@");
  return at < 0 ? { key: stored, agent: undefined } : { key: stored.slice(0, at), agent: stored.slice(at + 1) };
}

/** The days an agent closes on top of everyone's closures (`config set closures … --agent NAME`), by agentKey. */
export function agentClosures(settings: Settings): Map<string, string[]> {
  const closures = new Map<string, string[]>();
  for (const [agent, own] of settings.agents) {
    const text = own.get("closures");
    if (text) closures.set(agent, expandClosures(text));
  }
  return closures;
}

/** The settings as they apply to one agent's cases: its own values, else the global ones. */
export function forAgent(settings: Settings, agent: string): AgentSettings {
  // Most databases set nothing for one agent: no name to normalise.
  const own = settings.agents.size === 0 ? undefined : settings.agents.get(agentKey(agent));
  if (own === undefined) return { returnWindowHours: settings.returnWindowHours, refundTo: settings.refundTo };
  const hours = own.get("return-window");
  return {
    returnWindowHours: hours === undefined ? settings.returnWindowHours : Number(hours),
    refundTo: (own.get("refund-to") as RefundDestination | undefined) ?? settings.refundTo,
  };
}

export function settingSpec(key: string): SettingSpec {
  const spec = SETTING_SPECS.find((s) => s.key === key);
  if (!spec) {
    throw new UsageError(`unknown setting "${key}" (known: ${SETTING_SPECS.map((s) => s.key).join(", ")})`);
  }
  return spec;
}

/**
 * The spec of a stored key, a per-agent one (`return-window@Mulebuy`) included; undefined for one this version does not
 * know.
 */
export function storedSettingSpec(stored: string): SettingSpec | undefined {
  const { key, agent } = splitSettingKey(stored);
  const spec = SETTING_SPECS.find((s) => settingRow(s) === key);
  return spec === undefined || (agent !== undefined && (!spec.perAgent || agent.trim() === "")) ? undefined : spec;
}

/** Settings from their stored text; a stored value that no longer parses falls back to the default. */
export function resolveSettings(stored: ReadonlyMap<string, string>): Settings {
  const get = (key: string): string => {
    const spec = settingSpec(key);
    const value = stored.get(settingRow(spec));
    if (value === undefined) return spec.default;
    try {
      return spec.parse(value);
    } catch {
      return spec.default;
    }
  };
  const agents = new Map<string, Map<string, string>>();
  for (const [storedKey, value] of stored) {
    const { key, agent } = splitSettingKey(storedKey);
    if (agent === undefined) continue;
    const spec = storedSettingSpec(storedKey);
    if (spec === undefined) continue;
    let parsed: string;
    try {
      parsed = spec.parse(value);
    } catch {
      continue; // a value that no longer parses: the global one applies
    }
    const own = agents.get(agentKey(agent)) ?? new Map<string, string>();
    own.set(key, parsed);
    agents.set(agentKey(agent), own);
  }
  return {
    calendar: get("calendar") as CalendarName,
    calendarDays: get("calendar-days") as CalendarDays,
    dueSoonDays: Number(get("due-soon")),
    escalationFollowUpDays: Number(get("escalation-followup")),
    defaultAgent: get("default-agent"),
    defaultCurrency: get("default-currency"),
    closures: expandClosures(get("closures")),
    messageLang: get("message-lang") as MessageLang,
    returnWindowHours: Number(get("return-window")),
    refundTo: get("refund-to") as RefundDestination,
    agents,
  };
}
