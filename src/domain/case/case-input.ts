import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import type { Settings } from "../config/settings.js";
import { parseMomentInput } from "../time/date-input.js";
import { parseAgent } from "./agents.js";
import { DEFECTS, KNOWN_AGENTS, PAYMENTS, PHASES, RESOLUTIONS } from "./model.js";
import { parseAmount, parseChoice, parseCurrency, parseEventDate, parseText, parseUrl } from "./parse.js";
import type { NewCase } from "./records.js";

/** A case's fields as add, edit and a spreadsheet import take them: text, checked by buildCase. */
export const FIELD_NAMES = [
  "agent",
  "order",
  "item",
  "url",
  "seller",
  "currency",
  "price",
  "defect",
  "description",
  "phase",
  "stored",
  "resolution",
  "payment",
  "ask",
  "date",
  "note",
] as const;
export type Field = (typeof FIELD_NAMES)[number];

/** What a field falls back to: the settings, today and now (no stock-in time after it). */
export interface InputDefaults {
  settings: Pick<Settings, "defaultAgent" | "defaultCurrency">;
  today: string;
  now: string;
}

export interface FieldSpec {
  field: Field;
  /** What the flag's value is: --order <number>. */
  arg: string;
  /** The question a prompt asks. */
  message: string;
  /** Needed with --yes or without a terminal (the others have defaults or are optional). */
  required: boolean;
  choices?: readonly string[];
  /** One line on each choice, for prompts. */
  choiceHelp?: Record<string, string>;
  defaultValue?: (defaults: InputDefaults) => string | undefined;
  /** The flag's help; edit's own where it differs. */
  help: string;
  editHelp?: string;
  /** Asked on a terminal only when the answers so far call for it (the ask: a partial refund's). */
  askedWhen?: (values: Partial<Record<Field, string>>) => boolean;
}

/** Prompt order; every prompted field has a flag of the same name (--order, --item, …). */
export const FIELDS: readonly FieldSpec[] = [
  {
    field: "agent",
    arg: "name",
    message: "Agent",
    required: false,
    choices: KNOWN_AGENTS,
    defaultValue: (d) => d.settings.defaultAgent,
    help: "shopping agent (default: KakoBuy or `config set default-agent`)",
  },
  { field: "order", arg: "number", message: "Agent order number", required: true, help: "the agent's order number" },
  { field: "item", arg: "text", message: "Item", required: true, help: "what the item is" },
  {
    field: "url",
    arg: "url",
    message: "Item URL (Taobao/Weidian/1688, optional)",
    required: false,
    help: "item link (Taobao, Weidian, 1688)",
    editHelp: "item link (empty to clear)",
  },
  {
    field: "seller",
    arg: "name",
    message: "Seller / store name (optional)",
    required: false,
    help: "seller / store name",
    editHelp: "seller / store name (empty to clear)",
  },
  {
    field: "currency",
    arg: "code",
    message: "Currency",
    required: false,
    defaultValue: (d) => d.settings.defaultCurrency,
    help: "ISO 4217 currency (default CNY)",
  },
  {
    field: "price",
    arg: "amount",
    message: "Price paid (optional)",
    required: false,
    help: "price paid, e.g. 129.00",
    editHelp: "price paid (empty to clear)",
  },
  { field: "defect", arg: "kind", message: "Defect", required: true, choices: DEFECTS, help: DEFECTS.join(", ") },
  {
    field: "description",
    arg: "text",
    message: "What is wrong, in your words",
    required: true,
    help: "what is wrong, in your words",
  },
  {
    field: "phase",
    arg: "phase",
    message: "Where is the item",
    required: false,
    choices: PHASES,
    defaultValue: () => "qc",
    choiceHelp: {
      qc: "still in the agent's warehouse (easy returns)",
      shipped: "already shipped internationally (returns are hard)",
    },
    help: "qc (still in the warehouse, default) or shipped",
  },
  {
    field: "stored",
    arg: "time",
    message: "Stored in the agent's warehouse at (YYYY-MM-DD HH:MM, or e.g. yesterday 14:00; optional)",
    required: false,
    help:
      'stock-in time at the agent\'s warehouse, "YYYY-MM-DD HH:MM" local, or as --date takes it with a time ' +
      '("yesterday 14:00"); the return window counts from it',
    editHelp: 'stock-in time, "YYYY-MM-DD HH:MM" (empty to clear)',
  },
  {
    field: "resolution",
    arg: "kind",
    message: "What do you want",
    required: true,
    choices: RESOLUTIONS,
    choiceHelp: {
      exchange: "replace it",
      refund: "return it for a refund",
      "partial-refund": "keep it for part of the money back",
    },
    help: "exchange, refund or partial-refund",
    editHelp: `exchange, refund or partial-refund (only while still requested; later: ${hint.switch()})`,
  },
  {
    field: "payment",
    arg: "method",
    message: "Paid with",
    required: true,
    choices: PAYMENTS,
    help: "paypal, card, balance or other",
  },
  {
    field: "ask",
    arg: "amount",
    message: "Partial refund you ask for (optional)",
    required: false,
    askedWhen: (values) => values.resolution === "partial-refund",
    help: "the partial refund you ask for, e.g. 40.00 (partial-refund only)",
    editHelp: "the partial refund you ask for (empty to clear)",
  },
  {
    field: "date",
    arg: "date",
    message: "Request submitted on",
    required: false,
    defaultValue: (d) => d.today,
    help: "day the request was submitted (default today)",
    editHelp: "day 0: when the request was submitted",
  },
  { field: "note", arg: "text", message: "Note (optional)", required: false, help: "a first note" },
];

/** How errors name a field: its flag on the command line (a spreadsheet import names columns). */
export function flagName(field: Field): string {
  if (field === "order") return "--order (the agent's order number)";
  return field === "url" ? "item URL" : `--${field}`;
}

/**
 * Validates all given values into a new case; the first bad one throws UsageError.
 * `noDescription`: a spreadsheet without that column, whose cases have none.
 */
export function buildCase(
  values: Partial<Record<Field, string>>,
  defaults: InputDefaults,
  name: (field: Field) => string = flagName,
  noDescription = false,
): { input: NewCase; note: string | null } {
  const { today, now, settings } = defaults;
  const currency = parseCurrency(values.currency ?? settings.defaultCurrency);
  const optional = (v: string | undefined): string | null => (v === undefined || v.trim() === "" ? null : v);
  const url = optional(values.url);
  const price = optional(values.price);
  const note = optional(values.note);
  const stored = optional(values.stored);
  const ask = optional(values.ask);
  const input: NewCase = {
    agent: parseAgent(values.agent ?? settings.defaultAgent, name("agent")),
    orderNo: parseText(values.order ?? "", name("order"), "short"),
    item: parseText(values.item ?? "", name("item"), "short"),
    itemUrl: url === null ? null : parseUrl(url, name("url")),
    seller: optional(values.seller) === null ? null : parseText(values.seller!, name("seller"), "short"),
    priceMinor: price === null ? null : parseAmount(price, currency, name("price")),
    currency,
    defect: parseChoice(values.defect ?? "", DEFECTS, name("defect")),
    description: parseText(values.description ?? "", name("description"), "long", !noDescription),
    phase: parseChoice(values.phase ?? "qc", PHASES, name("phase")),
    resolution: parseChoice(values.resolution ?? "", RESOLUTIONS, name("resolution")),
    payment: parseChoice(values.payment ?? "", PAYMENTS, name("payment")),
    openedOn: parseEventDate(values.date ?? today, name("date"), today),
    storedAt: stored === null ? null : parseMomentInput(stored, name("stored"), today, now),
    askMinor: ask === null ? null : parseAmount(ask, currency, name("ask")),
  };
  if (input.askMinor !== null && input.resolution !== "partial-refund") {
    throw new UsageError(
      `${name("ask")} is the partial refund you ask for: it goes with --resolution partial-refund (not ` +
        `${input.resolution})`,
    );
  }
  if (input.storedAt !== null && input.storedAt.slice(0, 10) > input.openedOn) {
    throw new UsageError(
      `${name("stored")} ${input.storedAt.replace("T", " ")} is after day 0 (${input.openedOn}): the request is ` +
        `sent once the item is in the warehouse`,
    );
  }
  return { input, note: note === null ? null : parseText(note, name("note"), "long") };
}

/** Valid stand-ins for fields not given yet, so one value can be checked on its own. */
export function placeholders(): Partial<Record<Field, string>> {
  return { order: "x", item: "x", defect: "other", description: "x", resolution: "exchange", payment: "other" };
}
