import type { Calendar } from "../calendar/calendar.js";
import type { CaseTimeline, RefundDestination, StageStep } from "../case/model.js";
import { formatAmount } from "../case/parse.js";
import { type CaseEvent, type CaseRecord, returnParcelWords } from "../case/records.js";
import { countDays, type Deadline } from "../deadlines/evaluate.js";
import { movedText, type Pause, refusedBySeller } from "../deadlines/pauses.js";
import { unitText } from "../deadlines/reasons.js";
import type { DayUnit } from "../deadlines/rules.js";
import { DESTINATION_WORDS } from "../money/money.js";
import type { Refund } from "../money/refunds.js";
import { daysBetween, toDay } from "../time/dates.js";

/**
 * What the claim packet says about a case (issue 17 item 7): the facts, each deadline's
 * verdict, the history and the evidence, ready for the Markdown and HTML renderers.
 */

export type Verdict = "met" | "refused" | "met-late" | "missed" | "not-reached" | "paused" | "pending";

export const VERDICT_WORDS: Record<Verdict, string> = {
  met: "met",
  refused: "seller refused",
  "met-late": "met late",
  missed: "missed",
  "not-reached": "not reached",
  paused: "paused",
  pending: "pending",
};

export interface DeadlineVerdict {
  label: string;
  due: string;
  /** Calendar days from day 0: where the expected window starts (0, or the escalation) and ends. */
  fromDay: number;
  dueDay: number;
  verdict: Verdict;
  /** When it was met (met, met-late), else null. */
  metOn: string | null;
  /** Days late (met-late: when met; missed: as of the as-of date or the closing), in `unit`. */
  late: number;
  unit: DayUnit;
  /** What the verdict rests on, in words: (met) "on 2026-11-03 (due 2026-11-04)", and how a pause moved it. */
  text: string;
}

/** Each deadline's verdict as of `asOf`, earliest due first: met (on time or late), missed, pending, paused. */
export function judgeDeadlines(
  timeline: CaseTimeline,
  all: readonly Deadline[],
  asOf: string,
  calendar: Calendar,
  closedOn: string | null,
  pauses: readonly Pause[],
): DeadlineVerdict[] {
  const lateBy = (d: Deadline, until: string): number => countDays(d.rule.unit, calendar, d.dueDay, toDay(until));
  const escalatedOn = timeline.steps.findLast((s: StageStep) => s.stage === "escalated")?.on;
  return [...all]
    .sort((a, b) => a.dueDay - b.dueDay)
    .map((d): DeadlineVerdict => {
      const met = d.metOn;
      const end = closedOn ?? asOf;
      let verdict: Verdict;
      let late = 0;
      if (met !== null) {
        late = d.metLate;
        verdict = refusedBySeller(d) ? "refused" : late > 0 ? "met-late" : "met";
      } else if (closedOn !== null) {
        verdict = d.due < closedOn ? "missed" : "not-reached";
        if (verdict === "missed") late = lateBy(d, closedOn);
      } else if (d.paused) {
        verdict = "paused";
      } else {
        verdict = d.due < asOf ? "missed" : "pending";
        if (verdict === "missed") late = lateBy(d, asOf);
      }
      const lateText = unitText(late, d.rule.unit);
      const text: Record<Verdict, string> = {
        met: `on ${met} (due ${d.due})`,
        refused: late > 0 ? `on ${met}, ${lateText} after the due date ${d.due}` : `on ${met} (due ${d.due})`,
        "met-late": `on ${met}, ${lateText} after the due date ${d.due}`,
        missed:
          closedOn === null
            ? `due ${d.due}, overdue by ${lateText} as of ${asOf}`
            : `due ${d.due}, not met when the case closed on ${end}`,
        "not-reached": `the case closed on ${end}, before it was due (${d.due})`,
        paused: `while the case is ${timeline.stage} (due ${d.due} when the pause began)`,
        pending: `due ${d.due}`,
      };
      const fromDay =
        d.rule.from === "escalated" && escalatedOn !== undefined ? daysBetween(timeline.openedOn, escalatedOn) : 0;
      return {
        label: d.rule.label,
        due: d.due,
        fromDay,
        dueDay: daysBetween(timeline.openedOn, d.due),
        verdict,
        metOn: met,
        late,
        unit: d.rule.unit,
        text: [text[verdict], movedText(d, pauses)].filter((t) => t !== null).join("; "),
      };
    });
}

/** What each kind of history entry is called in the dossier; the note, amount and data add to it. */
const EVENT_TITLES: Record<string, (e: CaseEvent) => string> = {
  opened: () => "request submitted (day 0)",
  stage: (e) =>
    e.stage === "refused"
      ? "the seller refused"
      : e.stage === "escalated"
        ? "escalated to the agent's support"
        : `reached ${e.stage}`,
  note: () => "note",
  evidence: () => "evidence added",
  closed: (e) => `closed as ${(JSON.parse(e.data ?? "{}") as { outcome?: string }).outcome ?? "closed"}`,
  reopened: () => "reopened",
  refund: (e) => `refund received${destinationWords(e.data)}`,
  fee: () => "fee paid",
  edit: () => "fields corrected",
};

/** ", to the agent balance": where a refund event says it went. */
function destinationWords(data: string | null): string {
  const to = (JSON.parse(data ?? "{}") as { to?: RefundDestination }).to;
  return to === undefined ? "" : `, to ${DESTINATION_WORDS[to]}`;
}

/** One history entry in words: "reached seller-offered (40.00 CNY)". */
export function describeEvent(e: CaseEvent, currency: string): { what: string; note: string | null } {
  const title = EVENT_TITLES[e.kind]?.(e) ?? e.kind;
  return { what: e.amountMinor === null ? title : `${title} (${formatAmount(e.amountMinor, currency)})`, note: e.note };
}

/** The case's fields, labelled as a support agent reads them; its refunds as of the dossier's day. */
export function caseFacts(
  row: CaseRecord,
  refunds: readonly Refund[],
): Array<{ label: string; value: string; link?: boolean }> {
  const facts: Array<{ label: string; value: string; link?: boolean }> = [
    { label: "Agent", value: row.agent },
    { label: "Order number", value: row.orderNo },
    { label: "Item", value: row.item },
  ];
  if (row.itemUrl !== null) facts.push({ label: "Item link", value: row.itemUrl, link: true });
  if (row.seller !== null) facts.push({ label: "Seller", value: row.seller });
  if (row.priceMinor !== null) facts.push({ label: "Price paid", value: formatAmount(row.priceMinor, row.currency) });
  facts.push(
    { label: "Paid with", value: row.payment },
    { label: "Defect", value: row.defect },
    { label: "What is wrong", value: row.description },
    {
      label: "Where the item is",
      value: row.phase === "shipped" ? "shipped (after international shipping)" : "in the agent's warehouse (QC)",
    },
    { label: "Asked for", value: row.resolution },
    { label: "Request submitted", value: `${row.openedOn} (day 0)` },
    { label: "Stage", value: row.stage },
  );
  if (row.offerMinor !== null) facts.push({ label: "Offer", value: formatAmount(row.offerMinor, row.currency) });
  const parcel = returnParcelWords(row);
  if (parcel !== null) facts.push({ label: "Return parcel", value: parcel });
  if (refunds.length > 0) {
    const each = refunds.map(
      (r) =>
        `${formatAmount(r.amountMinor, row.currency)} on ` +
        `${r.on}${r.to === null ? "" : ` to ${DESTINATION_WORDS[r.to]}`}`,
    );
    facts.push({ label: "Refunds received", value: each.join("; ") });
  }
  if (row.outcome !== null) {
    const refunded = row.refundMinor === null ? "" : `, ${formatAmount(row.refundMinor, row.currency)} refunded`;
    facts.push({ label: "Outcome", value: `${row.outcome} on ${row.closedOn}${refunded}` });
  }
  return facts;
}

/** The packet's folder (and zip) name: `kakotrack-case-3-KB-1001`, the order number kept to safe characters. */
export function packetName(id: number, orderNo: string): string {
  const order = orderNo
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 40);
  return order === "" ? `kakotrack-case-${id}` : `kakotrack-case-${id}-${order}`;
}

/** Image types a browser shows, told by their first bytes (a name can lie), for embedding in the page. */
export function imageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "image/webp";
  return null;
}

/** A piece of evidence as the dossier lists it. */
export interface DossierEvidence {
  kind: "file" | "url";
  /** The file's name in the packet (its original name, made unique), or the link. */
  name: string;
  /** The name it was attached under. */
  originalName: string;
  size: number | null;
  sha256: string | null;
  addedOn: string;
  /** In the packet, or left out because the stored copy is missing or changed; or a link. */
  state: "included" | "missing" | "changed" | "link";
  /** Where it is inside the packet (evidence/qc.jpg), when included. */
  path: string | null;
  /** An included image the page shows inline: its type and bytes. */
  image: { type: string; bytes: Uint8Array } | null;
}

/** Everything the dossier pages show. */
export interface Dossier {
  record: CaseRecord;
  asOf: string;
  /** Calendar days since day 0 on the as-of date. */
  day: number;
  /** status's flag ("overdue", …), or "closed". */
  flag: string;
  version: string;
  /** The business-day calendar deadlines were counted in ("cn", "weekdays"). */
  calendar: string;
  /** A pending deadline was counted through a year without official holiday data. */
  provisional: boolean;
  facts: ReturnType<typeof caseFacts>;
  timeline: CaseTimeline;
  /** The deadlines as evaluate gives them (the text picture), and their verdicts. */
  deadlines: readonly Deadline[];
  verdicts: DeadlineVerdict[];
  /** When the deadlines were paused (refused, escalated) and for how long. */
  pauses: readonly Pause[];
  history: Array<{ on: string; recordedAt: string; what: string; note: string | null }>;
  notes: Array<{ on: string; text: string }>;
  evidence: DossierEvidence[];
  messages: Array<{ kind: string; subject: string; text: string }>;
}
