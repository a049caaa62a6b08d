import { describe, expect, it } from "vitest";
import type { NewCase } from "../../src/domain/case/records.js";
import { newCaseSnapshot, stepsFromEvents } from "../../src/domain/case/records.js";
import { refundsOf, refundTotals } from "../../src/domain/money/refunds.js";
import {
  parseRefundsCell,
  parseStepsCell,
  refundsCell,
  stepsCell,
  withState,
} from "../../src/domain/transfer/csv-state.js";

// Issue 26 item 1: the CSV cells that carry a case's standing, and the events an import rebuilds from them.

const INPUT: NewCase = {
  agent: "KakoBuy",
  orderNo: "KB-1",
  item: "hoodie",
  itemUrl: null,
  seller: null,
  priceMinor: 12900,
  currency: "CNY",
  defect: "flaw",
  description: "stain",
  phase: "qc",
  resolution: "exchange",
  payment: "paypal",
  openedOn: "2026-11-02",
  storedAt: null,
  askMinor: null,
};
const STAMP = "2026-11-20T10:00:00.000Z";
const fresh = (input: Partial<NewCase> = {}) => newCaseSnapshot({ ...INPUT, ...input }, null, STAMP);

describe("csv state cells", () => {
  it("writes and reads steps with rounds and counters (with their amounts) marked, the opening step left out", () => {
    const steps = [
      { stage: "requested" as const, on: "2026-11-02" },
      { stage: "replacement-arrived" as const, on: "2026-11-10" },
      { stage: "requested" as const, on: "2026-11-12", from: "exchange" as const },
      { stage: "seller-offered" as const, on: "2026-11-13", counter: true as const },
    ];
    const cell = stepsCell(steps, [4500], "CNY");
    expect(cell).toBe(
      "replacement-arrived 2026-11-10,requested@exchange 2026-11-12,seller-offered@counter:45.00 2026-11-13",
    );
    expect(parseStepsCell(cell)).toEqual([...steps.slice(1, 3), { ...steps[3], amount: "45.00" }]);
    // A file written before counter-offers carried their amount.
    expect(parseStepsCell("seller-offered@counter 2026-11-13")).toEqual(steps.slice(3));
    expect(parseStepsCell("")).toEqual([]);
    expect(() => parseStepsCell("shipped 2026-11-10")).toThrow('unknown stage "shipped"');
    expect(() => parseStepsCell("approved 2026-02-30")).toThrow("is not a date");
    expect(() => parseStepsCell("approved@exchange 2026-11-10")).toThrow("not a round or a counter");
    expect(() => parseStepsCell("requested@exchange:5 2026-11-10")).toThrow("only a counter-offer carries an amount");
  });

  it("writes and reads refunds with their destination and day", () => {
    const refunds = [
      { eventId: 1, amountMinor: 5000, on: "2026-11-10", to: "balance" as const },
      { eventId: 2, amountMinor: 550, on: "2026-11-12", to: null },
    ];
    const cell = refundsCell(refunds, "CNY");
    expect(cell).toBe("50.00 balance 2026-11-10; 5.50 unrecorded 2026-11-12");
    expect(parseRefundsCell(cell, "CNY")).toEqual([
      { amountMinor: 5000, to: "balance", on: "2026-11-10" },
      { amountMinor: 550, to: null, on: "2026-11-12" },
    ]);
    expect(() => parseRefundsCell("5 wallet 2026-11-10", "CNY")).toThrow("not balance, original or unrecorded");
    expect(() => parseRefundsCell("0 balance 2026-11-10", "CNY")).toThrow("positive");
  });

  it("rebuilds a closed second-round case: stage events, a round, refunds counted once, the closing, the fees", () => {
    const s = withState(fresh(), {
      stage: "requested",
      steps: "replacement-arrived 2026-11-10,requested@exchange 2026-11-12",
      refunds: "10.00 balance 2026-11-14; 5.00 original 2026-11-15",
      outcome: "cancelled",
      closed_on: "2026-11-15",
      fees: "12.00",
      offer: "",
      ask: "",
    });
    expect(s.case).toMatchObject({
      stage: "requested",
      outcome: "cancelled",
      closedOn: "2026-11-15",
      offerMinor: null,
    });
    expect(s.events.map((e) => [e.kind, e.stage, e.onDate, e.amountMinor, e.data])).toEqual([
      ["opened", "requested", "2026-11-02", null, null],
      ["stage", "replacement-arrived", "2026-11-10", null, null],
      ["round", "requested", "2026-11-12", null, '{"round":2,"ended":"rejected","from":"exchange","to":"exchange"}'],
      ["refund", null, "2026-11-14", 1000, '{"to":"balance"}'],
      ["refund", null, "2026-11-15", 500, '{"to":"original"}'],
      ["closed", null, "2026-11-15", null, '{"outcome":"cancelled"}'],
      ["fee", null, "2026-11-15", 1200, null],
    ]);
    expect(refundTotals(refundsOf(s.events))).toEqual({ refundMinor: 1500, refundTo: "original" });
    expect(stepsFromEvents(s.events).at(-1)).toEqual({ stage: "requested", on: "2026-11-12", from: "exchange" });
  });

  it("rebuilds a spotted case on its spotting day, and counter-offers with their amounts (older files: the ask)", () => {
    const spotted = withState(fresh({ openedOn: "2026-11-20" }), {
      spotted_on: "2026-11-18",
      steps: "",
      stage: "spotted",
    });
    expect(spotted.case).toMatchObject({ stage: "spotted", openedOn: "2026-11-18" });
    expect(spotted.events.map((e) => [e.kind, e.stage, e.onDate])).toEqual([["spotted", null, "2026-11-18"]]);
    const countered = withState(fresh({ resolution: "partial-refund" }), {
      steps: "seller-offered 2026-11-05,seller-offered@counter 2026-11-06",
      offer: "30",
      ask: "45",
    });
    expect(countered.case).toMatchObject({ stage: "seller-offered", offerMinor: 3000, askMinor: 4500 });
    expect(countered.events.at(-1)).toMatchObject({ kind: "counter", stage: "seller-offered", amountMinor: 4500 });
    expect(countered.events.at(-2)).toMatchObject({ kind: "stage", stage: "seller-offered", amountMinor: 3000 });
    const own = withState(fresh({ resolution: "partial-refund" }), {
      steps: "seller-offered 2026-11-05,seller-offered@counter:40.00 2026-11-06",
      offer: "30",
      ask: "",
    });
    expect(own.events.at(-1)).toMatchObject({ kind: "counter", stage: "seller-offered", amountMinor: 4000 });
    // A counter-offer has an amount (a JSON export of one without could not be imported): none known is refused.
    expect(() =>
      withState(fresh({ resolution: "partial-refund" }), {
        steps: "seller-offered 2026-11-05,seller-offered@counter 2026-11-06",
        offer: "30",
      }),
    ).toThrow("column steps: the counter-offer of 2026-11-06 has no amount (seller-offered@counter:AMOUNT)");
    expect(() => withState(fresh(), { steps: "agent-reviewed 2026-11-03", stage: "approved" })).toThrow(
      'column stage: "approved" is not the last of the steps (agent-reviewed)',
    );
  });
});
