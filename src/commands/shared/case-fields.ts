import { homedir } from "node:os";
import { closeKnownAgent } from "../../domain/case/agents.js";
import { buildCase, FIELDS, type Field, type FieldSpec, placeholders } from "../../domain/case/case-input.js";
import { parseTypedPath } from "../../domain/case/evidence.js";
import { KNOWN_AGENTS } from "../../domain/case/model.js";
import { describeDate, parseDateInput, parseMomentInput } from "../../domain/time/date-input.js";
import { Interrupted, UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { sanitize } from "../../ui/sanitize.js";
import { checkEvidenceItem, MAX_EVIDENCE_ITEMS } from "./evidence-intake.js";
import { recordedAt, type Session } from "./session.js";
import { date, type OptionSpec, text } from "./spec.js";

/** One flag per case field (--order, --item, …), for add and edit. */
export function fieldOptions(
  fields: readonly FieldSpec[],
  help: (spec: FieldSpec) => string,
): Record<Field, OptionSpec<string | undefined>> {
  const options = {} as Record<Field, OptionSpec<string | undefined>>;
  for (const spec of fields) {
    const flags = `--${spec.field} <${spec.arg}>`;
    options[spec.field] =
      spec.field === "date"
        ? date(flags, `${help(spec)}; also yesterday, 3 days ago, mon, 5 Nov`)
        : text(flags, help(spec), spec.choices);
  }
  return options;
}

/** The values of the field flags that were given. */
export function givenFields(
  fields: readonly FieldSpec[],
  options: Partial<Record<Field, string | undefined>>,
): Partial<Record<Field, string>> {
  const values: Partial<Record<Field, string>> = {};
  for (const spec of fields) if (options[spec.field] !== undefined) values[spec.field] = options[spec.field];
  return values;
}

export function inputDefaults(session: Session) {
  return { settings: session.settings, today: session.ctx.today, now: session.ctx.now };
}

/** Called before a field is asked for; it may fill the field in (add's question whether the request was sent). */
export type BeforeField = (field: Field, values: Partial<Record<Field, string>>) => Promise<void>;

/** Where the questions stood when interrupted: the field being asked and what was typed into it. */
export interface Typing {
  field?: Field;
  text: string;
}

export interface PromptOptions {
  fields?: readonly FieldSpec[];
  /** edit: the current values, offered as the defaults. */
  prefill?: Partial<Record<Field, string>>;
  /** A half-typed answer given back, to be edited. */
  resume?: Typing;
  /** Kept up to date while asking, for a draft if the buyer interrupts. */
  progress?: Typing;
  /** More checks of the values so far (edit: day 0 against the case's history); throws UsageError. */
  check?: (values: Partial<Record<Field, string>>) => void;
  beforeField?: BeforeField;
}

/** An answer's problem in words for the prompt (no flag names: the question is on the screen), or true. */
function problem(check: () => void): string | true {
  try {
    check();
    return true;
  } catch (error) {
    return error instanceof UsageError ? error.message : String(error);
  }
}

/**
 * Asks for every field the flags did not give, checking each answer as it is typed. Dates
 * may be typed as a person says them (yesterday, mon, 5 Nov) and are kept as YYYY-MM-DD.
 */
export async function promptFields(
  values: Partial<Record<Field, string>>,
  session: Session,
  options: PromptOptions = {},
): Promise<void> {
  const fields = options.fields ?? FIELDS;
  const prefill = options.prefill ?? {};
  const progress = options.progress ?? { text: "" };
  const { askChoice, askText } = await import("../../ui/prompts.js");
  const defaults = inputDefaults(session);
  for (const spec of fields) {
    if (values[spec.field] === undefined) await options.beforeField?.(spec.field, values);
    if (values[spec.field] !== undefined) continue;
    if (spec.askedWhen?.({ ...prefill, ...values }) === false) continue;
    progress.field = spec.field;
    progress.text = "";
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
    // Dates, and stock-in times with a date in the same words ("yesterday 14:00"), are kept canonical.
    const canonical = (answer: string): string =>
      spec.field === "date"
        ? parseDateInput(answer, defaults.today, "")
        : spec.field === "stored" && answer.trim() !== ""
          ? parseMomentInput(answer, "", defaults.today, defaults.now).replace("T", " ")
          : answer;
    const resumed =
      options.resume?.field === spec.field && options.resume.text !== "" ? options.resume.text : undefined;
    const answer = await askText({
      message: spec.field === "agent" ? `${spec.message} (${KNOWN_AGENTS.join(", ")})` : spec.message,
      default: resumed ?? fallback,
      editable: resumed !== undefined,
      required: spec.required,
      validate: (typed) =>
        problem(() => {
          const value = canonical(typed);
          buildCase({ ...placeholders(), ...prefill, ...values, [spec.field]: value }, defaults, () => "");
          options.check?.({ ...values, [spec.field]: value });
        }),
      onType: (typed) => {
        progress.text = typed;
      },
      shown: spec.field === "date" ? (typed) => describeDate(typed, canonical(typed)) : undefined,
    });
    values[spec.field] = canonical(answer);
  }
  progress.field = undefined;
}

/** A draft as stored: the answers so far and the half-typed one (drafts before issue 18 are the answers alone). */
interface Draft {
  fields: Partial<Record<Field, string>>;
  /** The evidence given so far. */
  evidence?: string[];
  typing?: Typing;
}

/** A draft as saved; an older one holds the fields alone (and its evidence under a key no field has). */
function readDraft(data: string): Draft {
  const parsed = JSON.parse(data) as Draft | (Partial<Record<Field, string>> & { evidence?: string[] });
  if ("fields" in parsed && typeof parsed.fields === "object") return parsed as Draft;
  const { evidence, ...fields } = parsed as Partial<Record<Field, string>> & { evidence?: string[] };
  return { fields, evidence };
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
        if (evidence.includes(item))
          return `${sanitize(item)} is already on the list; give another, or Enter when done`;
        return problem(() => checkEvidenceItem(item));
      },
    });
    if (answer.trim() === "") return;
    evidence.push(parseTypedPath(answer, home, windows));
  }
}

/**
 * Prompts, offering first the draft an interrupted add left: resumed, the answers it holds are
 * not asked again and a half-typed answer is given back to finish; then asks for evidence when
 * the flags gave none. On Ctrl-C what was typed so far is kept as the draft (the case itself
 * is not stored) and the add exits 130.
 */
export async function promptWithDraft(
  values: Partial<Record<Field, string>>,
  session: Session,
  evidence: string[],
  beforeField?: BeforeField,
): Promise<void> {
  const draft = session.store.drafts.latest();
  const askEvidence = evidence.length === 0;
  let resume: Typing | undefined;
  if (draft !== undefined) {
    const saved = readDraft(draft.data);
    const what =
      [saved.fields.order, saved.fields.item]
        .filter(Boolean)
        .map((t) => sanitize(t!))
        .join(" ") || "a case";
    const { askConfirm } = await import("../../ui/prompts.js");
    if (await askConfirm({ message: `Resume ${what}, interrupted at ${draft.savedAt}?`, default: true })) {
      const defaults = inputDefaults(session);
      for (const [field, value] of Object.entries(saved.fields) as Array<[Field, string]>) {
        // An answer that no longer passes (a day 0 now in the future, say) is asked again.
        const valid = problem(() => buildCase({ ...placeholders(), [field]: value }, defaults)) === true;
        if (values[field] === undefined && valid) values[field] = value;
      }
      resume = saved.typing;
      if (askEvidence) evidence.push(...(saved.evidence ?? []));
    } else {
      session.store.drafts.discard();
    }
  }
  const progress: Typing = { text: "" };
  try {
    await promptFields(values, session, { resume, progress, beforeField });
    if (askEvidence) await promptEvidence(session, evidence);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    if (Object.keys(values).length === 0 && progress.text === "" && evidence.length === 0) throw error;
    const kept: Draft = {
      fields: values,
      ...(evidence.length > 0 ? { evidence } : {}),
      ...(progress.field !== undefined && progress.text !== "" ? { typing: progress } : {}),
    };
    session.store.drafts.save(JSON.stringify(kept), recordedAt(session.ctx));
    throw new Interrupted(
      `interrupted: the case was not stored; what you typed is kept, and the next ${hint.add()} offers it`,
    );
  }
}

/** A one-line hint on stderr when an agent name kakotrack does not know is a slip away from one it does (issue 26). */
export function hintAgent(session: Session, agent: string, fix: (known: string) => string): void {
  const known = closeKnownAgent(agent);
  if (known === undefined) return;
  session.ctx.stderr(
    `kakotrack: note: "${sanitize(agent)}" is not an agent kakotrack knows; if you meant ${known}: ${fix(known)}\n`,
  );
}
