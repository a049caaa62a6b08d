import { type Evaluation, unitText } from "./evaluate.js";
import type { Stage } from "./model.js";

export const MESSAGE_KINDS = ["request", "follow-up", "escalation"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface MessageCase {
  orderNo: string;
  item: string;
  itemUrl: string | null;
  defect: string;
  description: string;
  resolution: string;
  stage: Stage;
  openedOn: string;
  /** Price and the asked amount, already formatted with the currency ("129.00 CNY"). */
  price: string | null;
  offer: string | null;
}

export interface MessageEvent {
  on: string;
  what: string;
}

export interface MessageEvidence {
  name: string;
  detail: string;
}

export interface Message {
  kind: MessageKind;
  subject: string;
  text: string;
}

/** The agents' guides: overdue -> ask for an update, refused -> escalate, otherwise the request. */
export function defaultMessageKind(stage: Stage, evaluation: Evaluation): MessageKind {
  if (stage === "refused" || stage === "escalated") return "escalation";
  if (evaluation.pending.some((p) => p.overdue)) return "follow-up";
  return "request";
}

const DEFECT_WORDS: Record<string, string> = {
  flaw: "a flaw",
  "wrong-colour": "the wrong colour",
  "wrong-size": "the wrong size",
  damage: "damage",
  "wrong-item": "the wrong item",
  "missing-part": "a missing part",
  other: "a problem",
};

function wanted(c: MessageCase): string {
  switch (c.resolution) {
    case "exchange":
      return "I would like an exchange: please ask the seller to send a replacement in the correct condition, and send me new QC photos when it arrives.";
    case "refund":
      return `I would like to return the item for a full refund${c.price ? ` (${c.price})` : ""}.`;
    default:
      return c.offer
        ? `I would like to keep the item for a partial refund of ${c.offer}.`
        : "I would like to keep the item for a partial refund; please ask the seller what they can offer.";
  }
}

function evidenceLines(evidence: readonly MessageEvidence[]): string[] {
  if (evidence.length === 0) return ["Evidence: the warehouse QC photos of this order."];
  return ["Evidence (attached):", ...evidence.map((e) => `- ${e.name}${e.detail ? ` (${e.detail})` : ""}`)];
}

/** A ready-to-paste message for the agent; the first line always carries the order number. */
export function buildMessage(
  kind: MessageKind,
  c: MessageCase,
  evaluation: Evaluation,
  events: readonly MessageEvent[],
  evidence: readonly MessageEvidence[],
): Message {
  const item = `${c.item}${c.itemUrl ? ` (${c.itemUrl})` : ""}`;
  let subject: string;
  let body: string[];
  if (kind === "request") {
    subject = `Order ${c.orderNo}: QC problem, request for ${c.resolution === "partial-refund" ? "a partial refund" : c.resolution === "refund" ? "a return and refund" : "an exchange"}`;
    body = [
      `Hello, the QC photos of order ${c.orderNo} show ${DEFECT_WORDS[c.defect] ?? "a problem"} on ${item}:`,
      c.description,
      "",
      ...evidenceLines(evidence),
      "",
      wanted(c),
      "Please confirm once the seller has answered. Thank you.",
    ];
  } else if (kind === "follow-up") {
    subject = `Order ${c.orderNo}: follow-up on my request of ${c.openedOn}`;
    const overdue = evaluation.pending.filter((p) => p.overdue);
    const lines = overdue.length
      ? overdue.map((p) => `- ${p.rule.label}: due ${p.due}, now ${p.late > 0 ? `${unitText(p.late, p.rule.unit)} late` : "overdue"}`)
      : ["- no deadline has passed yet, but I have not heard back"];
    body = [
      `Hello, I am following up on my request about ${item} (${c.defect}: ${c.description}), submitted on ${c.openedOn}.`,
      "According to the expected timeline:",
      ...lines,
      "",
      "Could you please check with the seller and tell me by which date I can expect an answer?",
      "Thank you.",
    ];
  } else {
    subject = `Order ${c.orderNo}: escalation to support`;
    body = [
      `Hello, I would like support to review my request about ${item}: ${c.defect}: ${c.description}.`,
      "",
      "Timeline:",
      ...events.map((e) => `- ${e.on}: ${e.what}`),
      "",
      ...evidenceLines(evidence),
      "",
      wanted(c),
      "The defect is documented in the QC photos above. Please help me resolve this with the seller. Thank you.",
    ];
  }
  return { kind, subject, text: [subject, "", ...body].join("\n") };
}
