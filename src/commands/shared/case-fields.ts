import { homedir } from "node:os";
import { buildCase, type Field, FIELDS, type FieldSpec, placeholders } from "../../domain/case-input.js";
import { parseTypedPath } from "../../domain/evidence.js";
import { KNOWN_AGENTS } from "../../domain/model.js";
import { Interrupted, UsageError } from "../../errors.js";
import { sanitize } from "../../ui/sanitize.js";
import { checkEvidenceItem, MAX_EVIDENCE_ITEMS } from "./evidence-intake.js";
import { recordedAt, type Session } from "./session.js";
import { type OptionSpec, text } from "./spec.js";

/** One flag per case field (--order, --item, …), for add and edit. */
export function fieldOptions(fields: readonly FieldSpec[], help: (spec: FieldSpec) => string): Record<Field, OptionSpec<string | undefined>> {
  const options = {} as Record<Field, OptionSpec<string | undefined>>;
  for (const spec of fields) options[spec.field] = text(`--${spec.field} <${spec.arg}>`, help(spec), spec.choices);
  return options;
}

/** The values of the field flags that were given. */
export function givenFields(fields: readonly FieldSpec[], options: Partial<Record<Field, string | undefined>>): Partial<Record<Field, string>> {
  const values: Partial<Record<Field, string>> = {};
  for (const spec of fields) if (options[spec.field] !== undefined) values[spec.field] = options[spec.field];
  return values;
}

export function inputDefaults(session: Session) {
  return { settings: session.settings, today: session.ctx.today, now: session.ctx.now };
}

/** Called before a field is asked for; it may fill the field in (add's question whether the request was sent). */
export type BeforeField = (field: Field, values: Partial<Record<Field, string>>) => Promise<void>;

/**
 * Asks for every field the flags did not give, checking each answer as it is typed.
 * `prefill` (edit) puts the current values in as the defaults.
 */
export async function promptFields(
  values: Partial<Record<Field, string>>,
  session: Session,
  fields: readonly FieldSpec[] = FIELDS,
  prefill: Partial<Record<Field, string>> = {},
  beforeField?: BeforeField,
): Promise<void> {
  const { askChoice, askText } = await import("../../ui/prompts.js");
  const defaults = inputDefaults(session);
  for (const spec of fields) {
    if (values[spec.field] === undefined) await beforeField?.(spec.field, values);
    if (values[spec.field] !== undefined) continue;
    const fallback = prefill[spec.field] ?? spec.defaultValue?.(defaults);
    if (spec.choices && spec.field !== "agent") {
      const help = spec.choiceHelp ?? {};
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
          buildCase({ ...placeholders(), ...prefill, ...values, [spec.field]: answer }, defaults);
          return true;
        } catch (error) {
          return error instanceof UsageError ? error.message : String(error);
        }
      },
    });
  }
}

/** What an interrupted add keeps: the fields typed so far and the evidence given. */
interface Draft {
  fields: Partial<Record<Field, string>>;
  evidence: string[];
}

/** A draft as saved: the fields, and the evidence under a key no field has. */
function readDraft(data: string): Draft {
  const { evidence, ...fields } = JSON.parse(data) as Partial<Record<Field, string>> & { evidence?: string[] };
  return { fields, evidence: evidence ?? [] };
}

/**
 * Asks for evidence, one file or link at a time, until an empty answer: a photo of the
 * defect is the first thing a buyer has (issue 17 item 8). Each answer is checked as typed;
 * a dragged file's quoted or escaped path is read as the file.
 */
export async function promptEvidence(session: Session, evidence: string[]): Promise<void> {
  const { askText } = await import("../../ui/prompts.js");
  const home = session.ctx.env.HOME || homedir();
  const windows = process.platform === "win32";
  while (evidence.length < MAX_EVIDENCE_ITEMS) {
    const answer = await askText({
      message:
        evidence.length === 0
          ? "Evidence: a QC photo, screenshot or link (type or drag a file here; Enter to skip)"
          : `Another file or link (${evidence.length} so far; Enter when done)`,
      validate: (typed) => {
        if (typed.trim() === "") return true;
        const item = parseTypedPath(typed, home, windows);
        if (evidence.includes(item)) return `${sanitize(item)} is already on the list; give another, or Enter when done`;
        try {
          checkEvidenceItem(item);
          return true;
        } catch (error) {
          return error instanceof UsageError ? error.message : String(error);
        }
      },
    });
    if (answer.trim() === "") return;
    evidence.push(parseTypedPath(answer, home, windows));
  }
}

/**
 * Prompts, offering first the draft an interrupted add left; then asks for evidence when
 * the flags gave none. On Ctrl-C what was typed so far is kept as the draft (the case
 * itself is not stored) and the add exits 130.
 */
export async function promptWithDraft(
  values: Partial<Record<Field, string>>,
  session: Session,
  evidence: string[],
  beforeField?: BeforeField,
): Promise<void> {
  const saved = session.store.drafts.latest();
  let prefill: Partial<Record<Field, string>> = {};
  const askEvidence = evidence.length === 0;
  if (saved !== undefined) {
    const draft = readDraft(saved.data);
    const what = [draft.fields.order, draft.fields.item].filter(Boolean).map((t) => sanitize(t!)).join(" ") || "a case";
    const { askConfirm } = await import("../../ui/prompts.js");
    if (await askConfirm({ message: `Resume ${what}, interrupted at ${saved.savedAt}?`, default: true })) {
      prefill = draft.fields;
      if (askEvidence) evidence.push(...draft.evidence);
    } else {
      session.store.drafts.discard();
    }
  }
  try {
    await promptFields(values, session, FIELDS, prefill, beforeField);
    if (askEvidence) await promptEvidence(session, evidence);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    const typed = { ...prefill, ...values };
    if (Object.keys(typed).length === 0) throw error;
    session.store.drafts.save(JSON.stringify(evidence.length > 0 ? { ...typed, evidence } : typed), recordedAt(session.ctx));
    throw new Interrupted("interrupted: the case was not stored; what you typed is kept, and the next `kakotrack add` offers it");
  }
}
