import { formatAmount } from "../case/parse.js";
import type { DayUnit } from "../deadlines/rules.js";
import type { MessageCase, MessageEvent, Money, Phrases } from "./phrases.js";
import { wordsIn } from "./words.js";

/** English, for the agent (and its support) who forward it to the seller. */

const { DEFECT, RESOLUTION, OUTCOME, STAGE, DEADLINE, ASK, WHEN } = wordsIn("en");

const money = (m: Money): string => formatAmount(m.minor, m.currency);
const amountOf = (m: Money | null): string => (m === null ? "" : ` of ${money(m)}`);
const noted = (note: string | null): string => (note === null ? "" : ` (my note: ${note})`);
const item = (c: MessageCase): string => `${c.item}${c.itemUrl ? ` (${c.itemUrl})` : ""}`;
/** Words an item's name may already start with, which then takes no article ("my jacket", "2 caps"). */
const DETERMINED = /^(?:(?:the|a|an|my|this|that|these|those|our|his|her|their|its|your|some|both|each)\s|[0-9])/i;
/** The item as a sentence names it: "the grey hoodie" (issue 26 item 8: "about grey hoodie" read wrong). */
const theItem = (c: MessageCase): string => (DETERMINED.test(c.item.trim()) ? item(c) : `the ${item(c)}`);

function event(e: MessageEvent): string {
  switch (e.kind) {
    case "opened":
      return `${STAGE.requested}${noted(e.note)}`;
    case "stage":
      return `${STAGE[e.stage].replace("{amount}", amountOf(e.amount))}${noted(e.note)}`;
    case "note":
      return `my note: ${e.note}`;
    case "evidence":
      return `I added evidence: ${e.names.join(", ")}`;
    case "closed":
      return (
        `the case was closed ` +
        `(${OUTCOME[e.outcome]}${e.amount === null ? "" : `, ${money(e.amount)}`})${noted(e.note)}`
      );
    case "reopened":
      return `I reopened the case${noted(e.note)}`;
    case "refund":
      return `${money(e.amount)} was refunded${noted(e.note)}`;
    case "counter":
      return `I answered with a counter-offer of ${money(e.amount)}${noted(e.note)}`;
    case "round": {
      const what =
        e.ended === "rejected"
          ? "the replacement failed QC too, so I asked for another one"
          : `I changed my request to ${RESOLUTION[e.resolution]}`;
      return `${what}${noted(e.note)}`;
    }
  }
}

/** "3 business days"; "about 3 business days" when counted through a provisional year. */
const days = (n: number, unit: DayUnit, about: boolean): string =>
  `${about ? "about " : ""}${n} ${unit === "business" ? "business day" : "day"}${n === 1 ? "" : "s"}`;

export const EN: Phrases = {
  date: (iso) => iso,
  ownWords: (text) => `In my own words: ${text}`,
  event,
  subject(kind, c, escalation) {
    switch (kind) {
      case "request":
        return (
          `Order ${c.orderNo}: ${c.phase === "qc" ? "QC problem" : "problem found on delivery"}, request for ` +
          `${RESOLUTION[c.resolution]}`
        );
      case "follow-up":
        return `Order ${c.orderNo}: follow-up on my request of ${c.openedOn}`;
      case "escalation":
        return `Order ${c.orderNo}: escalation to support`;
      case "support-follow-up":
        return `Order ${c.orderNo}: follow-up on my escalation to support${escalation ? ` of ${escalation.on}` : ""}`;
      case "accept":
        return `Order ${c.orderNo}: I accept the seller's offer of a partial refund`;
      case "counter":
        return `Order ${c.orderNo}: my answer to the seller's offer of a partial refund`;
    }
  },
  greeting: "Hello,",
  thanks: "Thank you.",
  evidence: {
    photos: (names) => `Please see the attached photos: ${names.join(", ")}`,
    files: (names) => `Please see the attached files: ${names.join(", ")}`,
    links: "Links:",
    none: (phase) =>
      phase === "qc"
        ? "The problem is visible in the warehouse QC photos of this order."
        : "I can send photos of the item on request.",
  },
  wanted(c) {
    switch (c.resolution) {
      case "exchange":
        return (
          "I would like an exchange: please ask the seller to send a replacement in the correct condition, " +
          "and send me new QC photos when it arrives."
        );
      case "refund":
        return `I would like to return the item for a full refund${c.price ? ` (${money(c.price)})` : ""}.`;
      case "partial-refund": {
        // The amount agreed, else the one the buyer asks for; never the seller's offer (issue 24).
        const amount = c.offer ?? c.ask ?? null;
        return amount
          ? `I would like to keep the item for a partial refund of ${money(amount)}.`
          : "I would like to keep the item for a partial refund; please ask the seller what they can offer.";
      }
    }
  },
  request: {
    found: (c) =>
      c.phase === "qc"
        ? `The QC photos of order ${c.orderNo} show ${DEFECT[c.defect]} on ${theItem(c)}.`
        : `After the parcel of order ${c.orderNo} arrived, I found ${DEFECT[c.defect]} on ${theItem(c)}.`,
    closing: "Please let me know once the seller has answered. Thank you.",
  },
  followUp: {
    opener: (c) =>
      `I am following up on my request of ${c.openedOn} about ${theItem(c)} (${DEFECT[c.defect]}): I asked for ` +
      `${RESOLUTION[c.resolution]}.`,
    latest: (e) => `Latest: ${event(e)} on ${e.on}.`,
    parcel: (parcel) => `The item was sent back to the seller: tracking number ${parcel}.`,
    timeline: "According to the expected timeline:",
    overdue: (o, about) =>
      `- ${DEADLINE[o.deadline]}: due ${o.due}, now ${o.late > 0 ? `${days(o.late, o.unit, about)} late` : "overdue"}`,
    nothingLate: "- nothing is late yet, but I have not heard back",
    ask: (c, last) => {
      const when = last?.deadline === "new-qc" ? "when I will receive them" : WHEN[c.resolution];
      return `Could you please ${last ? ASK[last.deadline] : "check on my request"}, and let me know ${when}?`;
    },
  },
  escalation: {
    opener: (c) => `I would like support to review my request about ${theItem(c)}: ${DEFECT[c.defect]}.`,
    history: "What happened so far:",
    historyLine: (date, what) => `- ${date}: ${what}`,
    closing: "Please help me resolve this with the seller. Thank you.",
  },
  support: {
    opener: (c, escalation, about) => {
      const since = escalation ? ` on ${escalation.on}` : "";
      const waiting =
        escalation && escalation.businessDaysWaiting > 0
          ? `for ${days(escalation.businessDaysWaiting, "business", about)}`
          : "yet";
      return `I escalated my request about ${theItem(c)} to support${since}, and I have had no reply ${waiting}.`;
    },
    note: (note) => `My note on the escalation: ${note}`,
    reminder: (c) => `The problem: ${DEFECT[c.defect]}; I asked for ${RESOLUTION[c.resolution]}.`,
    ask: "Could you please check on my case and tell me when support will answer?",
  },
  rounds(rounds) {
    const [first, ...later] = rounds;
    const since = later.map((r, i) =>
      rounds[i]!.ended === "rejected"
        ? `on ${r.startedOn} the replacement failed QC too, so I asked for another one`
        : `on ${r.startedOn} I changed my request to ${RESOLUTION[r.resolution]}`,
    );
    return `My first request was on ${first!.startedOn} (${RESOLUTION[first!.resolution]}); ${since.join("; ")}.`;
  },
  answer: {
    offer: (c) =>
      `The seller offered a partial ` +
      `refund${c.sellerOffer ? ` of ${money(c.sellerOffer.amount)} on ${c.sellerOffer.on}` : ""} for ${item(c)} ` +
      `(${DEFECT[c.defect]}).`,
    accept:
      "I accept this offer and will keep the item. Please confirm it with the seller and let me know when the " +
      "refund will be paid.",
    counter: (amount) =>
      `Thank you, but this does not make up for the problem: I would like a partial refund of ` +
      `${amount ? money(amount) : "a higher amount"} instead.`,
    ask: "Could you please pass this on to the seller and let me know their answer?",
  },
};
