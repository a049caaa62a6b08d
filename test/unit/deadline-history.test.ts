import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import { standingOn } from "../../src/domain/case/as-of.js";
import type { CaseTimeline } from "../../src/domain/case/model.js";
import { furthestIndex, nextStage } from "../../src/domain/case/stages.js";
import { deadlines, type EvaluationSettings } from "../../src/domain/deadlines/evaluate.js";
import { ranLate, sellerHistory } from "../../src/domain/reports/seller.js";
import { computeStats, FOLLOW_UP_ID, type StatsCase } from "../../src/domain/reports/stats.js";
import { renderTimeline } from "../../src/ui/timeline.js";
import { timeline } from "../fixtures.js";

// Issue 14 items 5 and 6: deadlines met before a pause keep their own dates, lateness is
// counted one way in show and stats, and a case as of a day is the case as it stood then.

const cal = createCalendar({ name: "cn", holidays: cnHolidays });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

const byRule = (t: CaseTimeline) => Object.fromEntries(deadlines(t, cal, settings).map((d) => [d.rule.id, d]));

describe("met deadlines keep their own dates", () => {
  // Refund opened Mon 2026-11-09, reviewed on day 1, refused on the 11th, escalated, agreed on the 20th.
  const paused = timeline("refund", "2026-11-09", [
    ["agent-reviewed", "2026-11-10"],
    ["refused", "2026-11-11"],
    ["escalated", "2026-11-12"],
    ["seller-agreed", "2026-11-20"],
  ]);

  it("the agent review met before the pause keeps day 2; the refund, unmet, moves by the pause", () => {
    const d = byRule(paused);
    expect(d["agent-review"]).toMatchObject({ due: "2026-11-11", met: true, metOn: "2026-11-10", metLate: 0 });
    // The refusal answered the seller response on the day the pause began: its own date too.
    expect(d["seller-response"]).toMatchObject({ due: "2026-11-16", met: true, metOn: "2026-11-11", metLate: 0 });
    // 14 business days from 11-09 is 11-27; paused 11-11..11-20 (7 business days) moves it to 12-08.
    expect(d.refund).toMatchObject({ due: "2026-12-08", met: false, metOn: null });
    expect(renderTimeline(paused, deadlines(paused, cal, settings), "2026-11-23")).toMatch(
      /2026-11-11 {2}agent review \(done\)/,
    );
  });

  it("a deadline met late says by how much, in its unit, and stats counts it as not on time", () => {
    const late = timeline("refund", "2026-11-09", [
      ["agent-reviewed", "2026-11-10"],
      ["seller-agreed", "2026-11-17"],
    ]);
    expect(byRule(late)["seller-response"]).toMatchObject({ due: "2026-11-16", metLate: 1 });
    expect(renderTimeline(late, deadlines(late, cal, settings), "2026-11-20")).toMatch(
      /seller response \(done, 1 business day late\)/,
    );
    const lateExchange = timeline("exchange", "2026-11-02", [["agent-reviewed", "2026-11-05"]]);
    expect(byRule(lateExchange)["agent-review"]).toMatchObject({ due: "2026-11-04", metLate: 1 });
    const stats = computeStats([statsCase(late, "Lucky")], "2026-11-20", () => cal, settings);
    expect(stats.sellers[0]!.deadlines["seller-response"]).toMatchObject({ judged: 1, onTime: 0 });
    expect(stats.sellers[0]!.ranLate).toBe(1);
  });

  it("met on a day the seller does not work just after the due date is not late (no business day passed)", () => {
    // Due Mon 2026-11-16; answered Sat 2026-11-14 is early; a calendar-day rule met a day late is late.
    const t = timeline("refund", "2026-11-09", [
      ["agent-reviewed", "2026-11-10"],
      ["seller-agreed", "2026-11-14"],
    ]);
    expect(byRule(t)["seller-response"]!.metLate).toBe(0);
  });
});

function statsCase(t: CaseTimeline, seller: string, agent = "KakoBuy", closedOn: string | null = null): StatsCase {
  return {
    agent,
    seller,
    sellerKey: seller.toLowerCase(),
    outcome: closedOn ? "refunded" : null,
    currency: "CNY",
    refundMinor: null,
    feesMinor: 0,
    closedOn,
    timeline: t,
  };
}

describe("ran late, in stats and seller memory", () => {
  it("an escalation left waiting past its follow-up is the agent's lateness, not the seller's", () => {
    // Reviewed and refused on time, escalated 11-12, support silent until the 23rd (follow-up due 11-19).
    const t = timeline("refund", "2026-11-09", [
      ["agent-reviewed", "2026-11-10"],
      ["refused", "2026-11-11"],
      ["escalated", "2026-11-12"],
      ["seller-agreed", "2026-11-23"],
    ]);
    const stats = computeStats([statsCase(t, "Lucky")], "2026-11-23", () => cal, settings);
    expect(stats.sellers[0]).toMatchObject({ ranLate: 0, refused: 1 });
    expect(stats.sellers[0]!.deadlines[FOLLOW_UP_ID]).toBeUndefined();
    expect(stats.agents[0]).toMatchObject({ ranLate: 1 });
    expect(stats.agents[0]!.deadlines[FOLLOW_UP_ID]).toEqual({ judged: 1, onTime: 0, rate: 0 });
    expect(ranLate({ timeline: t, closedOn: null }, "2026-11-23", cal, settings)).toBe(false);
  });

  it("counts the same deadlines as the columns: a case on time everywhere did not run late", () => {
    const t = timeline("exchange", "2026-11-02", [
      ["agent-reviewed", "2026-11-03"],
      ["seller-confirmed", "2026-11-06"],
    ]);
    expect(sellerHistory([{ timeline: t, closedOn: null }], "2026-11-08", cal, settings).late).toBe(0);
    expect(sellerHistory([{ timeline: t, closedOn: null }], "2026-11-17", cal, settings).late).toBe(1); // replacement due 11-16
  });
});

describe("a correction back", () => {
  it("takes back the stages after it: their deadlines count again and the next stage follows it", () => {
    const t = timeline("refund", "2026-11-02", [
      ["agent-reviewed", "2026-11-03"],
      ["seller-agreed", "2026-11-04"],
      ["agent-reviewed", "2026-11-05"],
    ]);
    expect(furthestIndex("refund", t.steps)).toBe(1);
    expect(nextStage("refund", t.stage, t.steps)).toBe("seller-agreed");
    expect(byRule(t)["seller-response"]!.met).toBe(false);
  });
});

describe("a case as it stood on a day", () => {
  const record = { openedOn: "2026-11-02", stage: "refunded", outcome: "refunded", closedOn: "2026-11-20" };
  const steps = [
    { stage: "requested" as const, on: "2026-11-02" },
    { stage: "agent-reviewed" as const, on: "2026-11-03" },
    { stage: "seller-agreed" as const, on: "2026-11-06" },
    { stage: "refunded" as const, on: "2026-11-20" },
  ];

  it("did not exist before day 0", () => {
    expect(standingOn(record, steps, "2026-11-01")).toBeNull();
  });

  it("is open at the stage it had then, when it closed later", () => {
    expect(standingOn(record, steps, "2026-11-06")).toEqual({
      record: { openedOn: "2026-11-02", stage: "seller-agreed", outcome: null, closedOn: null },
      steps: steps.slice(0, 3),
    });
    expect(standingOn(record, steps, "2026-11-02")!.record.stage).toBe("requested");
  });

  it("is the case as stored from its last date on", () => {
    const standing = standingOn(record, steps, "2026-11-20")!;
    expect(standing.record).toBe(record);
    expect(standing.steps).toBe(steps);
  });
});
