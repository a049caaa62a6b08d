import type { Context } from "../context.js";
import { Interrupted, UsageError } from "../errors.js";
import { evaluate } from "../domain/evaluate.js";
import { DEFECTS, KNOWN_AGENTS, PAYMENTS, PHASES, RESOLUTIONS, type Resolution } from "../domain/model.js";
import { formatAmount, parseAmount, parseChoice, parseCurrency, parseEventDate, parseText, parseUrl } from "../domain/parse.js";
import type { NewCase } from "../store/store.js";
import { sanitize } from "../ui/sanitize.js";
import { collectEvidence, evidenceEvents } from "./evidence.js";
import { sellerMemory } from "./seller-memory.js";
import { type GlobalOptions, recordedAt, type Session, withSession } from "./session.js";

/** Flags of `add`, as typed (validated here, not by the argument parser). */
export interface AddOptions {
  agent?: string;
  order?: string;
  item?: string;
  url?: string;
  seller?: string;
  price?: string;
  currency?: string;
  defect?: string;
  description?: string;
  resolution?: string;
  payment?: string;
  phase?: string;
  date?: string;
  note?: string;
  evidence?: string[];
  yes?: boolean;
}

export type Field = Exclude<keyof AddOptions, "yes" | "evidence">;

interface FieldSpec {
  field: Field;
  message: string;
  /** Needed with --yes or without a terminal (the others have defaults or are optional). */
  required: boolean;
  choices?: readonly string[];
  defaultValue?: (session: Session) => string | undefined;
}

/** Prompt order; every prompted field has a flag of the same name. */
export const FIELDS: readonly FieldSpec[] = [
  { field: "agent", message: "Agent", required: false, choices: KNOWN_AGENTS, defaultValue: (s) => s.settings.defaultAgent },
  { field: "order", message: "Agent order number", required: true },
  { field: "item", message: "Item", required: true },
  { field: "url", message: "Item URL (Taobao/Weidian/1688, optional)", required: false },
  { field: "seller", message: "Seller / store name (optional)", required: false },
  { field: "currency", message: "Currency", required: false, defaultValue: (s) => s.settings.defaultCurrency },
  { field: "price", message: "Price paid (optional)", required: false },
  { field: "defect", message: "Defect", required: true, choices: DEFECTS },
  { field: "description", message: "What is wrong, in your words", required: true },
  { field: "phase", message: "Where is the item", required: false, choices: PHASES, defaultValue: () => "qc" },
  { field: "resolution", message: "What do you want", required: true, choices: RESOLUTIONS },
  { field: "payment", message: "Paid with", required: true, choices: PAYMENTS },
  { field: "date", message: "Request submitted on", required: false, defaultValue: (s) => s.ctx.today },
  { field: "note", message: "Note (optional)", required: false },
];

const CHOICE_HELP: Partial<Record<Field, Record<string, string>>> = {
  phase: { qc: "still in the agent's warehouse (easy returns)", shipped: "already shipped internationally (returns are hard)" },
  resolution: { exchange: "replace it", refund: "return it for a refund", "partial-refund": "keep it for part of the money back" },
};

/** How errors name a field: its flag on the command line (a spreadsheet import names columns). */
function flagName(field: Field): string {
  if (field === "order") return "--order (the agent's order number)";
  return field === "url" ? "item URL" : `--${field}`;
}

/** Validates all given values into a new case; the first bad one throws. */
export function buildCase(
  values: Partial<Record<Field, string>>,
  session: Session,
  name: (field: Field) => string = flagName,
): { input: NewCase; note: string | null } {
  const today = session.ctx.today;
  const currency = parseCurrency(values.currency ?? session.settings.defaultCurrency);
  const optional = (v: string | undefined): string | null => (v === undefined || v.trim() === "" ? null : v);
  const url = optional(values.url);
  const price = optional(values.price);
  const note = optional(values.note);
  return {
    input: {
      agent: parseText(values.agent ?? session.settings.defaultAgent, name("agent"), "short"),
      orderNo: parseText(values.order ?? "", name("order"), "short"),
      item: parseText(values.item ?? "", name("item"), "short"),
      itemUrl: url === null ? null : parseUrl(url, name("url")),
      seller: optional(values.seller) === null ? null : parseText(values.seller!, name("seller"), "short"),
      priceMinor: price === null ? null : parseAmount(price, currency, name("price")),
      currency,
      defect: parseChoice(values.defect ?? "", DEFECTS, name("defect")),
      description: parseText(values.description ?? "", name("description"), "long"),
      phase: parseChoice(values.phase ?? "qc", PHASES, name("phase")),
      resolution: parseChoice(values.resolution ?? "", RESOLUTIONS, name("resolution")),
      payment: parseChoice(values.payment ?? "", PAYMENTS, name("payment")),
      openedOn: parseEventDate(values.date ?? today, name("date"), today),
    },
    note: note === null ? null : parseText(note, name("note"), "long"),
  };
}

/**
 * Asks for every field the flags did not give, checking each answer as it is typed.
 * `prefill` (edit) puts the current values in as the defaults.
 */
export async function promptFields(
  values: Partial<Record<Field, string>>,
  session: Session,
  fields: readonly FieldSpec[] = FIELDS,
  prefill: Partial<Record<Field, string>> = {},
): Promise<void> {
  const { askChoice, askText } = await import("../ui/prompts.js");
  for (const spec of fields) {
    if (values[spec.field] !== undefined) continue;
    const fallback = prefill[spec.field] ?? spec.defaultValue?.(session);
    if (spec.choices && spec.field !== "agent") {
      const help = CHOICE_HELP[spec.field] ?? {};
      values[spec.field] = await askChoice({
        message: spec.message,
        choices: spec.choices.map((value) => ({ value, description: help[value] })),
        default: fallback,
      });
      continue;
    }
    values[spec.field] = await askText({
      message: spec.field === "agent" ? `${spec.message} (${KNOWN_AGENTS.join(", ")})` : spec.message,
      default: fallback,
      required: spec.required,
      validate: (answer) => {
        try {
          buildCase({ ...placeholders(), ...prefill, ...values, [spec.field]: answer }, session);
          return true;
        } catch (error) {
          return error instanceof UsageError ? error.message : String(error);
        }
      },
    });
  }
}

/**
 * Prompts, offering first the draft an interrupted add left. On Ctrl-C what was typed so
 * far is kept as the draft (the case itself is not stored) and the add exits 130.
 */
async function promptWithDraft(values: Partial<Record<Field, string>>, session: Session): Promise<void> {
  const draft = session.store.latestDraft();
  let prefill: Partial<Record<Field, string>> = {};
  if (draft !== undefined) {
    const saved = JSON.parse(draft.data) as Partial<Record<Field, string>>;
    const what = [saved.order, saved.item].filter(Boolean).map((t) => sanitize(t!)).join(" ") || "a case";
    const { askConfirm } = await import("../ui/prompts.js");
    if (await askConfirm({ message: `Resume ${what}, interrupted at ${draft.savedAt}?`, default: true })) prefill = saved;
    else session.store.discardDrafts();
  }
  try {
    await promptFields(values, session, FIELDS, prefill);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    const typed = { ...prefill, ...values };
    if (Object.keys(typed).length === 0) throw error;
    session.store.saveDraft(JSON.stringify(typed), recordedAt(session.ctx));
    throw new Interrupted("interrupted: the case was not stored; what you typed is kept, and the next `kakotrack add` offers it");
  }
}

/** Valid stand-ins for fields not asked yet, so one answer can be checked on its own. */
function placeholders(): Partial<Record<Field, string>> {
  return { order: "x", item: "x", defect: "other", description: "x", resolution: "exchange", payment: "other" };
}

export async function add(ctx: Context, globals: GlobalOptions, options: AddOptions): Promise<void> {
  await withSession(ctx, globals, "write", async (session) => {
    const values: Partial<Record<Field, string>> = {};
    for (const spec of FIELDS) if (options[spec.field] !== undefined) values[spec.field] = options[spec.field];
    // Check what was given before asking anything else.
    buildCase({ ...placeholders(), ...values }, session);
    const missing = FIELDS.filter((f) => f.required && values[f.field] === undefined);
    // --yes first: asking whether stdin is a terminal creates the stdin stream (start-up time).
    const prompting = !options.yes && ctx.interactive;
    if (prompting) {
      await promptWithDraft(values, session);
    } else if (missing.length > 0) {
      const flags = missing.map((f) => `--${f.field}`).join(", ");
      throw new UsageError(`missing ${flags} (give them as flags, or run \`kakotrack add\` in a terminal to be asked)`);
    }
    const { input, note } = buildCase(values, session);
    const evidence = collectEvidence(session, options.evidence ?? [], input.openedOn);
    const id = session.store.addCase(
      input,
      { note, evidence, events: evidenceEvents(evidence), discardDrafts: prompting },
      recordedAt(ctx),
    );
    ctx.stdout(renderAdded(session, id, input));
    const memory = sellerMemory(session, input.seller, id);
    if (memory !== null) ctx.stdout(`${memory}\n`);
    if (input.phase === "shipped") ctx.stdout(SHIPPED_WARNING);
  });
}

// From the agents' own guides on problems found after delivery.
const SHIPPED_WARNING = `Note: this item has already been shipped internationally. Returns from here are slow and costly
(return shipping to China, customs, weeks of waiting). The usual options:
  - a minor defect: accept it as is (kakotrack close <id> --outcome accepted-as-is)
  - a major defect: ask for a partial refund instead (kakotrack edit <id> --resolution partial-refund)
  - a wrong item sent by the agent's warehouse: the agent fixes it, ask their support
`;

function renderAdded(session: Session, id: number, input: NewCase): string {
  const lines = [
    `Recorded case #${id}: ${sanitize(input.orderNo)} ${sanitize(input.item)} (${input.resolution}${
      input.priceMinor !== null ? `, ${formatAmount(input.priceMinor, input.currency)}` : ""
    }), opened ${input.openedOn}.`,
  ];
  const evaluation = evaluate(
    { resolution: input.resolution as Resolution, openedOn: input.openedOn, stage: "requested", closed: false, steps: [{ stage: "requested", on: input.openedOn }] },
    session.ctx.today,
    session.calendar,
    session.settings,
  );
  const next = evaluation.pending[0];
  if (next) lines.push(`Next: ${next.rule.label} due ${next.due}${next.overdue ? " (already overdue)" : ""}.`);
  for (const reason of evaluation.reasons) lines.push(`  ${reason}`);
  return `${lines.join("\n")}\n`;
}
