import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import { planClose, planRefund, planReopen } from "../../src/domain/case/closing-moves.js";
import type { CaseTimeline, Resolution, Stage } from "../../src/domain/case/model.js";
import { planStageMove } from "../../src/domain/case/moves.js";
import { type CaseEvent, type CaseSnapshot, newCaseSnapshot } from "../../src/domain/case/records.js";
import { deadlines, type EvaluationSettings } from "../../src/domain/deadlines/evaluate.js";
import { movedText, pausesOf, refusedBySeller } from "../../src/domain/deadlines/pauses.js";
import { DEADLINE_RULES } from "../../src/domain/deadlines/rules.js";
import { buildMessage, type MessageInput } from "../../src/domain/messages/messages.js";
import { isRefundEvent, refundsOf, refundTotals } from "../../src/domain/money/refunds.js";
import { ranLate } from "../../src/domain/reports/seller.js";
import { computeStats } from "../../src/domain/reports/stats.js";

// Issue 24 items 4-7 as pure rules, with fixed dates: refund records and their amounts, the
// return parcel, who owns each deadline, and the pauses said.

const cal = createCalendar({ name: "cn", holidays: cnHolidays });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };
const TODAY = "2026-11-20";

function timeline(resolution: Resolution, openedOn: string, steps: Array<[Stage, string]> = []): CaseTimeline {
  const all: Array<[Stage, string]> = [["requested", openedOn], ...steps];
  return {
    resolution,
    openedOn,
    stage: all.at(-1)![0],
    closed: false,
    steps: all.map(([stage, on]) => ({ stage, on })),
  };
}

let nextId = 1;
const event = (kind: string, stage: Stage | null, onDate: string, amountMinor: number | null, data: unknown = null) =>
  ({
    id: nextId++,
    caseId: 1,
    kind,
    stage,
    onDate,
    recordedAt: `${onDate}T10:00:00`,
    note: null,
    amountMinor,
    data: data === null ? null : JSON.stringify(data),
  }) satisfies CaseEvent;

/** A case at `stage` with the events given after its opening one. */
function snapshot(resolution: Resolution, price: number | null, stage: Stage, events: CaseEvent[] = []): CaseSnapshot {
  const s = newCaseSnapshot(
    {
      agent: "KakoBuy",
      orderNo: "KB-1",
      item: "coat",
      itemUrl: null,
      seller: "Lucky",
      priceMinor: price,
      currency: "CNY",
      defect: "flaw",
      description: "d",
      phase: "qc",
      resolution,
      payment: "balance",
      openedOn: "2026-11-02",
      storedAt: null,
      askMinor: null,
    },
    null,
    "2026-11-02T10:00:00",
  );
  return { ...s, case: { ...s.case, id: 1, stage }, events: [...s.events, ...events] };
}

const move = (target: Stage, extra: Record<string, string> = {}) => ({
  target,
  dateText: "2026-11-10",
  note: null,
  today: TODAY,
  refundTo: "balance" as const,
  ...extra,
});

describe("refund records", () => {
  it("are the events that carry a refund's amount: a refunded step, a refund closing, a refund", () => {
    const events = [
      event("stage", "seller-offered", "2026-11-05", 3000),
      event("stage", "refunded", "2026-11-10", 3000, { to: "balance" }),
      event("reopened", "agreed", "2026-11-12", null, { outcome: "partially-refunded" }),
      event("closed", null, "2026-11-14", 2000, { outcome: "partially-refunded", to: "original" }),
      event("refund", null, "2026-11-15", 500, "not json"),
      event("closed", null, "2026-11-16", 0, { outcome: "refunded" }), // an older database's 0.00 refund
      event("fee", null, "2026-11-16", 800),
    ];
    expect(events.map(isRefundEvent)).toEqual([false, true, false, true, true, false, false]);
    const refunds = refundsOf(events);
    expect(refunds.map((r) => [r.amountMinor, r.on, r.to])).toEqual([
      [3000, "2026-11-10", "balance"],
      [2000, "2026-11-14", "original"],
      [500, "2026-11-15", null],
    ]);
    expect(refundTotals(refunds)).toEqual({ refundMinor: 5500, refundTo: null });
    expect(refundTotals([])).toEqual({ refundMinor: null, refundTo: null });
  });

  it("a refund takes the offer, else the price, and says which; none or 0 is refused naming --amount", () => {
    const full = planStageMove(snapshot("refund", 12900, "returned"), move("refunded"));
    expect([full.amount, full.amountSource, full.change.updates]).toEqual([
      12900,
      "price",
      { stage: "refunded", outcome: "refunded", closedOn: "2026-11-10" },
    ]);
    expect(() => planStageMove(snapshot("refund", null, "returned"), move("refunded"))).toThrow(
      "a refund without a price recorded needs the amount refunded: add --amount (e.g. --amount 25.00)",
    );
    expect(() => planStageMove(snapshot("refund", 0, "returned"), move("refunded"))).toThrow(
      "a refund of 0.00 CNY records nothing (the price is 0); give the amount refunded (e.g. --amount 25.00)",
    );
    const close = { dateText: undefined, note: null, destination: undefined, force: false, today: TODAY };
    expect(() =>
      planClose(snapshot("refund", null, "requested"), {
        ...close,
        outcome: "refunded",
        amountText: undefined,
        refundTo: "balance",
      }),
    ).toThrow("closing as refunded needs the amount refunded: add --amount (e.g. --amount 25.00)");
    expect(() =>
      planClose(snapshot("refund", 100, "requested"), {
        ...close,
        outcome: "refunded",
        amountText: "0",
        refundTo: "balance",
      }),
    ).toThrow("a refund of 0.00 CNY records nothing; give the amount refunded (e.g. --amount 25.00)");
  });

  it("a further refund counts with the earlier ones against the price; reopen keeps them", () => {
    const earlier = [event("stage", "refunded", "2026-11-05", 10000, { to: "balance" })];
    const closed = snapshot("refund", 12900, "refunded", earlier);
    const reopened = planReopen(
      { ...closed, case: { ...closed.case, outcome: "refunded", closedOn: "2026-11-05" } },
      TODAY,
      null,
    );
    // Back to the step before the refund; the refund's event and the case's sum of it stay.
    expect(reopened.change.updates).toEqual({ outcome: null, closedOn: null, stage: "requested" });
    const request = {
      dateText: "2026-11-18",
      note: null,
      destination: undefined,
      force: false,
      today: TODAY,
      refundTo: "original" as const,
    };
    const planned = planRefund(snapshot("exchange", 12900, "approved", earlier), { ...request, amountText: "29" });
    expect([planned.amount, planned.totalMinor, planned.refundTo, planned.on]).toEqual([
      2900,
      12900,
      "original",
      "2026-11-18",
    ]);
    expect(planned.change.events).toEqual([
      { kind: "refund", stage: null, onDate: "2026-11-18", note: null, amountMinor: 2900, data: '{"to":"original"}' },
    ]);
    expect(planned.change.updates).toBeUndefined(); // no stage change
    expect(() =>
      planRefund(snapshot("exchange", 12900, "approved", earlier), { ...request, amountText: "29.01" }),
    ).toThrow(
      "29.01 CNY with the 100.00 CNY refunded before is more than the 129.00 CNY paid; check the amount, or add " +
        "--force for a refund that includes shipping",
    );
    expect(
      planRefund(snapshot("exchange", 12900, "approved", earlier), { ...request, amountText: "50", force: true })
        .totalMinor,
    ).toBe(15000);
    expect(() =>
      planRefund(snapshot("exchange", 12900, "approved"), { ...request, amountText: "5", dateText: "2026-11-01" }),
    ).toThrow("--date 2026-11-01 is before the case opened (2026-11-02)");
  });
});

describe("the return parcel", () => {
  it("goes with returned only; on a case already at returned it is recorded without a step", () => {
    const withParcel = planStageMove(
      snapshot("refund", 12900, "seller-agreed"),
      move("returned", { tracking: "SF1", carrier: "SF Express" }),
    );
    expect(withParcel.change.updates).toEqual({
      stage: "returned",
      returnTracking: "SF1",
      returnCarrier: "SF Express",
    });
    expect(() =>
      planStageMove(snapshot("refund", 12900, "seller-agreed"), move("agreed", { tracking: "SF1" })),
    ).toThrow("--tracking and --carrier apply only to returned (the parcel sent back), not to agreed");
    const later = planStageMove(snapshot("refund", 12900, "returned"), move("returned", { tracking: "SF2" }));
    expect([later.stepped, later.change.events, later.change.updates]).toEqual([
      false,
      undefined,
      { returnTracking: "SF2" },
    ]);
  });
});

describe("the return parcel and refunds in messages", () => {
  const input = (kind: MessageInput["kind"]): MessageInput => ({
    kind,
    case: {
      orderNo: "KB-1",
      item: "coat",
      itemUrl: null,
      defect: "flaw",
      description: "stain",
      resolution: "exchange",
      phase: "qc",
      openedOn: "2026-11-02",
      price: null,
      offer: null,
      returnParcel: "SF1 (SF Express)",
    },
    overdue: [],
    events: [
      { kind: "opened", on: "2026-11-02", note: null },
      { kind: "refund", on: "2026-11-10", amount: { minor: 1500, currency: "CNY" }, note: null },
    ],
    evidence: [],
    escalation: null,
    provisional: false,
  });

  it("the follow-up names the parcel, the escalation's history the refund outside the path (en, zh)", () => {
    expect(buildMessage(input("follow-up"), "en").text).toContain(
      "The item was sent back to the seller: tracking number SF1 (SF Express).",
    );
    expect(buildMessage(input("follow-up"), "zh").text).toContain("商品已寄回给卖家，快递单号：SF1 (SF Express)。");
    expect(buildMessage(input("escalation"), "en").text).toContain("- 2026-11-10: 15.00 CNY was refunded");
    expect(buildMessage(input("escalation"), "zh").text).toMatch(/已退款15\.00/);
  });
});

describe("who was late", () => {
  it(
    "each rule has an owner: the seller answers and ships, the agent reviews, photographs, refunds and answers " +
      "escalations",
    () => {
      expect(
        Object.fromEntries(DEADLINE_RULES.map((r) => [`${r.id} ${Object.keys(r.metBy).join(",")}`, r.owner])),
      ).toEqual({
        "agent-review exchange,refund,partial-refund": "agent",
        "counter-response ": "seller",
        "seller-response exchange": "seller",
        "replacement-arrived exchange": "seller",
        "new-qc exchange": "agent",
        "approved exchange": "buyer",
        "seller-response refund,partial-refund": "seller",
        "refund refund,partial-refund": "agent",
        "escalation-follow-up ": "agent",
      });
    },
  );

  it("the buyer's approval on day 23 is nobody else's lateness; the agent's late review is the agent's", () => {
    const t = timeline("exchange", "2026-11-02", [
      ["agent-reviewed", "2026-11-05"], // day 3: the agent's review due day 2
      ["seller-confirmed", "2026-11-06"],
      ["replacement-arrived", "2026-11-12"],
      ["new-qc", "2026-11-16"],
      ["approved", "2026-11-25"], // day 23, due day 18
    ]);
    const closed = { ...t, closed: true };
    expect(ranLate({ timeline: closed, closedOn: "2026-11-25" }, "2026-12-01", cal, settings)).toBe(false);
    const stats = computeStats(
      [
        {
          agent: "KakoBuy",
          seller: "Lucky",
          sellerKey: "lucky",
          outcome: "exchanged",
          currency: "CNY",
          refundMinor: null,
          feesMinor: 0,
          closedOn: "2026-11-25",
          timeline: closed,
        },
      ],
      "2026-12-01",
      () => cal,
      settings,
    );
    expect([stats.buyerLate, stats.sellers[0]!.ranLate, stats.agents[0]!.ranLate]).toEqual([1, 0, 1]);
  });
});

describe("pauses said", () => {
  // Refund opened Mon 2026-11-02, refused on the 5th, escalated on the 6th, the seller agreed on the 13th.
  const t = timeline("refund", "2026-11-02", [
    ["refused", "2026-11-05"],
    ["escalated", "2026-11-06"],
    ["seller-agreed", "2026-11-13"],
  ]);

  it("lists each completed pause with its business and calendar days and the side stages it went through", () => {
    const said = pausesOf(t, cal).map((p) => [p.from, p.to, p.businessDays, p.days, p.stage, p.stages.join(" then ")]);
    expect(said).toEqual([["2026-11-05", "2026-11-13", 6, 8, "refused", "refused then escalated"]]);
    // A pause still running is the case's stage, not a pause yet.
    expect(pausesOf(timeline("refund", "2026-11-02", [["escalated", "2026-11-05"]]), cal)).toEqual([]);
  });

  it(
    "says how far each deadline moved and why; one met before the pause did not move; a refusal is no met " +
      "response",
    () => {
      const pauses = pausesOf(t, cal);
      const byRule = Object.fromEntries(deadlines(t, cal, settings).map((d) => [d.rule.id, d]));
      expect(byRule.refund).toMatchObject({ due: "2026-11-30", moved: 6 });
      expect(movedText(byRule.refund!, pauses)).toBe("moved 6 business days by the refusal and escalation");
      expect(movedText(byRule["seller-response"]!, pauses)).toBeNull();
      expect(refusedBySeller(byRule["seller-response"]!)).toBe(true);
      expect(refusedBySeller(byRule["agent-review"]!)).toBe(false); // the refusal came through the agent's review
      const escalatedOnly = timeline("exchange", "2026-11-02", [
        ["agent-reviewed", "2026-11-03"],
        ["escalated", "2026-11-04"],
        ["seller-confirmed", "2026-11-09"],
      ]);
      const moved = deadlines(escalatedOnly, cal, settings).find((d) => d.rule.id === "replacement-arrived")!;
      expect([moved.due, movedText(moved, pausesOf(escalatedOnly, cal))]).toEqual([
        "2026-11-21",
        "moved 5 days by the escalation",
      ]);
    },
  );
});
