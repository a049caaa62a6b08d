import type { Defect, MessageLang, Outcome, Phase, Resolution, Stage } from "../case/model.js";
import type { DayUnit, DeadlineId } from "../deadlines/rules.js";

// What the message templates are given and what each language must say (messages-en.ts,
// messages-zh.ts): apart from the building (messages.ts), which reads both languages.

export const MESSAGE_KINDS = ["request", "follow-up", "escalation", "support-follow-up", "accept", "counter"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** One language of a message; `both` is the two of them, Chinese first. */
export type Language = Exclude<MessageLang, "both">;

export interface Money {
  minor: number;
  currency: string;
}

/** What the templates read of the case; free text (item, description, notes) is the buyer's own. */
export interface MessageCase {
  orderNo: string;
  item: string;
  itemUrl: string | null;
  defect: Defect;
  description: string;
  resolution: Resolution;
  phase: Phase;
  /** Day 0 of the current round (the first request's in round 1). */
  openedOn: string;
  price: Money | null;
  /** The amount agreed (a partial refund at `agreed` or refunded); null before. */
  offer: Money | null;
  /** The domestic return parcel, "SF1234567890 (SF Express)" (issue 24 item 5), or null. */
  returnParcel: string | null;
  /** The partial refund the buyer asks for (`--ask`). */
  ask?: Money | null;
  /** The seller's latest offer and its day (a partial refund at `seller-offered`). */
  sellerOffer?: { amount: Money; on: string } | null;
  /** Every round, oldest first, when there is more than one (issue 24). */
  rounds?: readonly MessageRound[];
}

/** A round of the case: its path, its day 0, and whether it ended in a rejected replacement or a change of path. */
export interface MessageRound {
  resolution: Resolution;
  startedOn: string;
  ended: "rejected" | "switched" | null;
}

/** A history entry, as data: each language puts it in its own words (no stage ids in a message). */
export type MessageEvent =
  | { kind: "opened"; on: string; note: string | null }
  | { kind: "stage"; on: string; stage: Stage; amount: Money | null; note: string | null }
  | { kind: "note"; on: string; note: string }
  | { kind: "evidence"; on: string; names: readonly string[] }
  | { kind: "closed"; on: string; outcome: Outcome; amount: Money | null; note: string | null }
  | { kind: "reopened"; on: string; note: string | null }
  | { kind: "counter"; on: string; amount: Money; note: string | null }
  | { kind: "round"; on: string; ended: "rejected" | "switched"; resolution: Resolution; note: string | null }
  | { kind: "refund"; on: string; amount: Money; note: string | null };

/** Evidence as the seller sees it: a file by its original name, or a link. */
export type MessageEvidence = { kind: "file"; name: string } | { kind: "link"; url: string };

/** The latest escalation to support: its date, its note (often a ticket number), the wait since. */
export interface Escalation {
  on: string;
  note: string | null;
  /** Business days after the escalation up to and including the as-of date. */
  businessDaysWaiting: number;
}

/** An overdue deadline someone else owes the buyer. */
export interface Overdue {
  deadline: DeadlineId;
  due: string;
  /** In `unit`; 0 when overdue since a day the seller does not work. */
  late: number;
  unit: DayUnit;
  /** Counted through a provisional year: the count reads "about". */
  provisional: boolean;
}

export interface MessageInput {
  kind: MessageKind;
  case: MessageCase;
  /** Earliest first. */
  overdue: readonly Overdue[];
  events: readonly MessageEvent[];
  evidence: readonly MessageEvidence[];
  escalation: Escalation | null;
  /** Some count went through a provisional calendar year: the escalation's wait reads "about 3 business days". */
  provisional: boolean;
  /** `counter`: the amount the buyer counters with. */
  counter?: Money | null;
}

export interface Message {
  kind: MessageKind;
  lang: Language;
  /** The first line: it starts with the order number. */
  subject: string;
  text: string;
}

/**
 * Everything one language says. Words of the domain are tables (data); sentences are
 * functions of the facts. The structure of each kind is shared (`body` below), so a
 * language cannot drop a part.
 */
export interface Phrases {
  date(iso: string): string;
  ownWords(text: string): string;
  event(e: MessageEvent): string;
  subject(kind: MessageKind, c: MessageCase, escalation: Escalation | null): string;
  greeting: string;
  thanks: string;
  evidence: {
    photos(names: readonly string[]): string;
    files(names: readonly string[]): string;
    links: string;
    none(phase: Phase): string;
  };
  wanted(c: MessageCase): string;
  request: { found(c: MessageCase): string; closing: string };
  followUp: {
    opener(c: MessageCase): string;
    latest(e: MessageEvent): string;
    parcel(parcel: string): string;
    timeline: string;
    overdue(o: Overdue, about: boolean): string;
    nothingLate: string;
    ask(c: MessageCase, last: Overdue | undefined): string;
  };
  escalation: {
    opener(c: MessageCase): string;
    history: string;
    historyLine(date: string, what: string): string;
    closing: string;
  };
  support: {
    opener(c: MessageCase, escalation: Escalation | null, about: boolean): string;
    note(note: string): string;
    reminder(c: MessageCase): string;
    ask: string;
  };
  /** The earlier rounds and how each ended, with their dates ("the replacement failed QC too"). */
  rounds(rounds: readonly MessageRound[]): string;
  /** The buyer's answer to the seller's offer of a partial refund. */
  answer: {
    offer(c: MessageCase): string;
    accept: string;
    counter(amount: Money | null): string;
    ask: string;
  };
}
