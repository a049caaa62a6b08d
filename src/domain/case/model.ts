/** The words of the domain (docs/design.md section 1), as data the CLI and the store share. */

export const RESOLUTIONS = ["exchange", "refund", "partial-refund"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const DEFECTS = ["flaw", "wrong-colour", "wrong-size", "damage", "wrong-item", "missing-part", "other"] as const;
export type Defect = (typeof DEFECTS)[number];

export const PHASES = ["qc", "shipped"] as const;
export type Phase = (typeof PHASES)[number];

export const PAYMENTS = ["paypal", "card", "balance", "other"] as const;
export type Payment = (typeof PAYMENTS)[number];

export const OUTCOMES = ["exchanged", "refunded", "partially-refunded", "accepted-as-is", "cancelled", "lost"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where a refund goes: the agent balance (wallet) or the original payment (docs/design.md section 1.3). */
export const REFUND_DESTINATIONS = ["balance", "original"] as const;
export type RefundDestination = (typeof REFUND_DESTINATIONS)[number];

export const KNOWN_AGENTS = [
  "KakoBuy",
  "CSSBuy",
  "Superbuy",
  "Sugargoo",
  "Mulebuy",
  "ACBuy",
  "Hoobuy",
  "Oopbuy",
  "AllChinaBuy",
] as const;

export const STAGES = [
  "spotted",
  "requested",
  "agent-reviewed",
  "seller-confirmed",
  "replacement-arrived",
  "new-qc",
  "approved",
  "seller-agreed",
  "returned",
  "seller-offered",
  "agreed",
  "refunded",
  "refused",
  "escalated",
] as const;
export type Stage = (typeof STAGES)[number];

/** Languages of `kakotrack message`: Chinese is for the seller the agent forwards it to (issue 17). */
export const MESSAGE_LANGS = ["en", "zh", "both"] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

export type Flag = "action" | "overdue" | "due-soon" | "on-track";

/** A stage change as the evaluator sees it: which stage, on which date. */
export interface StageStep {
  stage: Stage;
  on: string;
  /** On the `requested` step that starts a new round (reject, switch): the resolution of the round it ended. */
  from?: Resolution;
  /** The buyer's counter-offer (a `counter` event): the case stays at `seller-offered`, waiting on the seller. */
  counter?: true;
}

/** What deadline evaluation reads of a case. */
export interface CaseTimeline {
  resolution: Resolution;
  openedOn: string;
  stage: Stage;
  closed: boolean;
  /** Every stage change in the order recorded, starting with `requested` on day 0. */
  steps: readonly StageStep[];
  /** When the return window closes (stock-in plus the agent's window), where known: a spotted case's one deadline. */
  returnWindowClosesAt?: number | null;
}

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
