import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import type { Calendar } from "../calendar/calendar.js";
import type { MessageLang, Stage } from "../case/model.js";
import type { PendingDeadline } from "../deadlines/evaluate.js";
import { DEADLINE_RULES, type DeadlineId } from "../deadlines/rules.js";
import { toDay } from "../time/dates.js";
import { EN } from "./messages-en.js";
import { ZH } from "./messages-zh.js";
import {
  type Escalation,
  type Language,
  MESSAGE_KINDS,
  type Message,
  type MessageCase,
  type MessageEvent,
  type MessageEvidence,
  type MessageInput,
  type MessageKind,
  type Overdue,
  type Phrases,
} from "./phrases.js";

export * from "./phrases.js";

/** The deadlines that wait on the buyer's own move: nobody else is asked about them. */
const BUYERS_OWN: ReadonlySet<DeadlineId> = new Set(DEADLINE_RULES.filter((r) => r.owner === "buyer").map((r) => r.id));

const PHRASES: Record<Language, Phrases> = { en: EN, zh: ZH };

/** The kinds that ask the reader to see the attached evidence (the others refer to a request already made). */
export const KINDS_WITH_EVIDENCE: readonly MessageKind[] = ["request", "escalation"];

/** Photos get "see the attached photos"; a video or a PDF makes them "files". */
const IMAGE = /\.(jpe?g|png|gif|webp|heic|heif|bmp|tiff?|avif)$/i;

function evidenceLines(p: Phrases, c: MessageCase, evidence: readonly MessageEvidence[]): string[] {
  const files = evidence.flatMap((e) => (e.kind === "file" ? [e.name] : []));
  const links = evidence.flatMap((e) => (e.kind === "link" ? [e.url] : []));
  if (files.length === 0 && links.length === 0) return [p.evidence.none(c.phase)];
  const lines: string[] = [];
  if (files.length > 0)
    lines.push(files.every((f) => IMAGE.test(f)) ? p.evidence.photos(files) : p.evidence.files(files));
  if (links.length > 0) lines.push(p.evidence.links, ...links.map((l) => `- ${l}`));
  return lines;
}

/** The latest thing that happened on the case's path, for a follow-up ("so far: …"). */
function latestProgress(events: readonly MessageEvent[]): MessageEvent | undefined {
  return events.findLast((e) => e.kind === "stage" || e.kind === "counter" || e.kind === "round");
}

/** Files and links added on one day are one line of the history, not one line each. */
function mergeEvidence(events: readonly MessageEvent[]): MessageEvent[] {
  const merged: MessageEvent[] = [];
  for (const e of events) {
    const last = merged.at(-1);
    if (e.kind === "evidence" && last?.kind === "evidence" && last.on === e.on)
      merged[merged.length - 1] = { ...last, names: [...last.names, ...e.names] };
    else merged.push(e);
  }
  return merged;
}

function body(p: Phrases, input: MessageInput): string[] {
  const c = input.case;
  const about = input.provisional;
  // Every kind opens with what the case is about in the buyer's words; the request and the
  // escalation both end with the claim: the evidence and what the buyer wants.
  // A later round says what came before: the first request and how each round ended (issue 24).
  const rounds = c.rounds !== undefined && c.rounds.length > 1 ? [p.rounds(c.rounds)] : [];
  const opening = (opener: string): string[] => [p.greeting, opener, ...rounds, p.ownWords(c.description)];
  const claim = (closing: string): string[] => ["", ...evidenceLines(p, c, input.evidence), "", p.wanted(c), closing];
  switch (input.kind) {
    case "request":
      return [...opening(p.request.found(c)), ...claim(p.request.closing)];
    case "follow-up": {
      const latest = latestProgress(input.events);
      return [
        ...opening(p.followUp.opener(c)),
        ...(latest ? [p.followUp.latest(latest)] : []),
        ...(c.returnParcel === null ? [] : [p.followUp.parcel(c.returnParcel)]),
        "",
        p.followUp.timeline,
        ...(input.overdue.length > 0
          ? input.overdue.map((o) => p.followUp.overdue(o, o.provisional))
          : [p.followUp.nothingLate]),
        "",
        p.followUp.ask(c, input.overdue.at(-1)),
        p.thanks,
      ];
    }
    case "escalation":
      return [
        ...opening(p.escalation.opener(c)),
        "",
        p.escalation.history,
        ...mergeEvidence(input.events).map((e) => p.escalation.historyLine(p.date(e.on), p.event(e))),
        ...claim(p.escalation.closing),
      ];
    case "support-follow-up":
      return [
        p.greeting,
        p.support.opener(c, input.escalation, about),
        ...(input.escalation?.note ? [p.support.note(input.escalation.note)] : []),
        p.support.reminder(c),
        p.ownWords(c.description),
        "",
        p.support.ask,
        p.thanks,
      ];
    case "accept":
      return [p.greeting, p.answer.offer(c), p.ownWords(c.description), "", p.answer.accept, p.thanks];
    case "counter":
      return [
        p.greeting,
        p.answer.offer(c),
        p.ownWords(c.description),
        "",
        p.answer.counter(input.counter ?? c.ask ?? null),
        p.answer.ask,
        p.thanks,
      ];
  }
}

/** A ready-to-paste message in one language; its first line carries the order number. */
export function buildMessage(input: MessageInput, lang: Language): Message {
  const p = PHRASES[lang];
  const subject = p.subject(input.kind, input.case, input.escalation);
  return { kind: input.kind, lang, subject, text: [subject, "", ...body(p, input)].join("\n") };
}

/** What separates the two versions of `--lang both`, in both languages. */
export const BOTH_SEPARATOR = "—— 以下为英文版 / English version below ——";

/** The message(s) for `--lang`: `both` is the Chinese for the seller first, then the English. */
export function buildMessages(input: MessageInput, lang: MessageLang): { messages: Message[]; text: string } {
  const messages =
    lang === "both" ? [buildMessage(input, "zh"), buildMessage(input, "en")] : [buildMessage(input, lang)];
  return { messages, text: messages.map((m) => m.text).join(`\n\n${BOTH_SEPARATOR}\n\n`) };
}

/** The overdue deadlines a follow-up asks about: someone else's, earliest first. */
export function overdueDeadlines(pending: readonly PendingDeadline[]): Overdue[] {
  return pending
    .filter((d) => d.overdue && !BUYERS_OWN.has(d.rule.id))
    .map((d) => ({
      deadline: d.rule.id as DeadlineId,
      due: d.due,
      late: d.late,
      unit: d.rule.unit,
      provisional: d.provisional,
    }));
}

/** The latest escalation in the history (the case may have gone on since), with the wait counted. */
export function lastEscalation(events: readonly MessageEvent[], asOf: string, calendar: Calendar): Escalation | null {
  const e = events.findLast((x) => x.kind === "stage" && x.stage === "escalated");
  if (e === undefined || e.kind !== "stage") return null;
  return { on: e.on, note: e.note, businessDaysWaiting: calendar.countBusinessDays(toDay(e.on), toDay(asOf)) };
}

export interface KindState {
  id: number;
  stage: Stage;
  /** The seller's offer waits on the buyer's answer (seller-offered, not countered). */
  answerDue?: boolean;
  /** The seller's latest offer, formatted, if any in this round. */
  offer?: string | null;
  outcome: string | null;
  closedOn: string | null;
  overdue: readonly Overdue[];
  escalation: Escalation | null;
}

/**
 * The kind `--kind` asks for, or the one the case's state calls for (the agents' guides:
 * overdue -> ask for an update, refused -> escalate, escalated and unanswered -> follow up
 * with support). A closed case needs none: asked without --kind, that is an error.
 */
export function chooseMessageKind(requested: string | undefined, state: KindState): MessageKind {
  const kinds = MESSAGE_KINDS.join(", ");
  if (requested !== undefined) {
    if (!(MESSAGE_KINDS as readonly string[]).includes(requested))
      throw new UsageError(`--kind must be one of ${kinds} (got "${requested}")`);
    if ((requested === "accept" || requested === "counter") && !state.offer) {
      throw new UsageError(
        `case #${state.id} has no offer from the seller to answer; --kind ${requested} answers a partial refund's ` +
          `offer (${hint.advance(state.id, "seller-offered --amount X")} records it)`,
      );
    }
    if (requested === "support-follow-up" && state.escalation === null) {
      throw new UsageError(
        `case #${state.id} was never escalated, so there is no support request to follow up; use --kind escalation ` +
          `for the first message to support`,
      );
    }
    return requested as MessageKind;
  }
  if (state.outcome !== null) {
    throw new UsageError(
      `case #${state.id} is closed (${state.outcome} on ${state.closedOn}), so there is nothing to request or ` +
        `follow up; add --kind (${kinds}) to draft one anyway, or run ${hint.reopen(state.id)} if it is not over`,
    );
  }
  if (state.stage === "escalated") {
    return state.overdue.some((o) => o.deadline === "escalation-follow-up") ? "support-follow-up" : "escalation";
  }
  if (state.stage === "refused") return "escalation";
  // An offer is answered, not asked for again: a request would repeat the seller's number as the buyer's wish (issue
  // 24).
  if (state.answerDue) {
    throw new UsageError(
      `case #${state.id} has an offer from the seller (${state.offer}): draft your answer with --kind accept, or ` +
        `--kind counter --amount X`,
    );
  }
  return state.overdue.length > 0 ? "follow-up" : "request";
}
