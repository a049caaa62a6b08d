import type { Resolution, Stage } from "../case/model.js";

export type DayUnit = "calendar" | "business";

/**
 * Whose move a deadline waits for (issue 24 item 6): a late one counts against the seller
 * (seller memory, stats per seller) or the agent (stats per agent); the buyer's own is nobody's
 * lateness but the buyer's.
 */
export type DeadlineOwner = "seller" | "agent" | "buyer";

/** A rule as the table declares it; its id's type comes from the table (DeadlineId). */
interface DeadlineRuleSpec {
  id: string;
  /** What the reasons call it: "seller response overdue by …". */
  label: string;
  /** The stage that meets the deadline, per resolution the rule applies to (any later path stage does too). */
  metBy: Partial<Record<Resolution, Stage>>;
  /** A refusal is the seller's answer, so it meets the response deadline too. */
  metByRefusal: boolean;
  /**
   * Counted from day 0 (the round's), from the escalation (only while escalated), or from the
   * buyer's counter-offer (only while it is the round's latest step).
   */
  from: "opened" | "escalated" | "countered";
  /** Day count; `escalationFollowUp` reads the setting of that name. */
  days: number | "escalationFollowUp";
  unit: DayUnit;
  /** Overdue reason; {late} is "3 business days", {due} the due date. */
  overdueText: string;
  owner: DeadlineOwner;
}

export interface DeadlineRule extends Omit<DeadlineRuleSpec, "id"> {
  id: DeadlineId;
}

const ALL = { exchange: "agent-reviewed", refund: "agent-reviewed", "partial-refund": "agent-reviewed" } as const;

/**
 * The expected timeline (docs/design.md section 2). Exchange days come from KakoBuy's published
 * exchange timeline (agent reviews day 1-2, seller confirms day 3-7, new item day 7-14, new QC
 * day 14-16, approve and ship day 16-18); refunds from its refund terms (seller answers in 2-5
 * business days, refunds take 5-14 business days). The escalation follow-up is kakotrack's own.
 * Owners: the seller answers and ships the replacement; the agent reviews, takes the new QC
 * photos, pays the refund and answers escalations; the approval is the buyer's own move.
 */
const RULES = [
  {
    id: "agent-review",
    label: "agent review",
    metBy: ALL,
    metByRefusal: true,
    from: "opened",
    days: 2,
    unit: "calendar",
    owner: "agent",
    overdueText: "agent review overdue by {late} (due {due})",
  },
  {
    id: "seller-response",
    label: "seller response",
    metBy: { exchange: "seller-confirmed" },
    metByRefusal: true,
    from: "opened",
    days: 7,
    unit: "calendar",
    owner: "seller",
    overdueText: "seller response overdue by {late} (due {due})",
  },
  {
    id: "replacement-arrived",
    label: "replacement arrival",
    metBy: { exchange: "replacement-arrived" },
    metByRefusal: false,
    from: "opened",
    days: 14,
    unit: "calendar",
    owner: "seller",
    overdueText: "replacement arrival overdue by {late} (due {due})",
  },
  {
    id: "new-qc",
    label: "new QC photos",
    metBy: { exchange: "new-qc" },
    metByRefusal: false,
    from: "opened",
    days: 16,
    unit: "calendar",
    owner: "agent",
    overdueText: "new QC photos overdue by {late} (due {due})",
  },
  {
    id: "approved",
    label: "approval of the replacement",
    metBy: { exchange: "approved" },
    metByRefusal: false,
    from: "opened",
    days: 18,
    unit: "calendar",
    owner: "buyer",
    overdueText: "approval of the replacement overdue by {late} (due {due})",
  },
  {
    id: "seller-response",
    label: "seller response",
    metBy: { refund: "seller-agreed", "partial-refund": "seller-offered" },
    metByRefusal: true,
    from: "opened",
    days: 5,
    unit: "business",
    owner: "seller",
    overdueText: "seller response overdue by {late} (due {due})",
  },
  {
    id: "refund",
    label: "refund",
    metBy: { refund: "refunded", "partial-refund": "refunded" },
    metByRefusal: false,
    from: "opened",
    days: 14,
    unit: "business",
    owner: "agent",
    overdueText: "refund past 14 business days, overdue by {late} (due {due})",
  },
  {
    id: "escalation-follow-up",
    label: "escalation follow-up",
    metBy: {},
    metByRefusal: false,
    from: "escalated",
    days: "escalationFollowUp",
    unit: "business",
    owner: "agent",
    overdueText: "escalation follow-up overdue by {late} (due {due})",
  },
  {
    // The seller's answer to a counter-offer: as long as its first answer (issue 24).
    id: "counter-response",
    label: "answer to your counter-offer",
    metBy: {},
    metByRefusal: false,
    from: "countered",
    days: 5,
    unit: "business",
    owner: "seller",
    overdueText: "answer to your counter-offer overdue by {late} (due {due})",
  },
] as const satisfies readonly DeadlineRuleSpec[];

/** The rules' ids, from the table: a new rule is a new id everywhere it is named (messages' words too). */
export type DeadlineId = (typeof RULES)[number]["id"];
export const DEADLINE_RULES: readonly DeadlineRule[] = RULES;

/** Stages where the next move is the buyer's, and what it is (not `seller-offered` once the buyer has countered). */
export const BUYER_ACTIONS: Partial<Record<Stage, string>> = {
  "new-qc": "review the replacement's QC photos, then approve it or ask again",
  "seller-offered": "the seller made an offer: accept it or counter",
  refused: "the seller refused: escalate to the agent's support or accept as is",
};
