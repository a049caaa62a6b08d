import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import type { CaseTimeline } from "../../src/domain/case/model.js";
import { deadlines, evaluate } from "../../src/domain/deadlines/evaluate.js";
import { median, ranLate, sellerHistory } from "../../src/domain/reports/seller.js";
import { nextStep } from "../../src/ui/next-step.js";
import { renderTimeline } from "../../src/ui/timeline.js";
import { timeline } from "../fixtures.js";

const cal = createCalendar({ name: "cn", holidays: cnHolidays });
const settings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

const picture = (t: CaseTimeline, asOf: string) => renderTimeline(t, deadlines(t, cal, settings), asOf);

describe("timeline picture", () => {
  it("draws the exchange's day 0 to 18 with due dates, events and the as-of day", () => {
    expect(
      picture(timeline("exchange", "2026-11-02", [["agent-reviewed", "2026-11-03"]]), "2026-11-12"),
    ).toMatchInlineSnapshot(`
      "        1              2                    3     4     5
        ├─────┼──────────────┼────────────────────┼─────┼─────┤
        ●  ●
                                      ▲ as of 2026-11-12 (day 10)
        0                                                day 18
        1 2026-11-04  agent review (done)
        2 2026-11-09  seller response (overdue)
        3 2026-11-16  replacement arrival (pending)
        4 2026-11-18  new QC photos (pending)
        5 2026-11-20  approval of the replacement (pending)
        ● 2026-11-02  requested
        ● 2026-11-03  agent-reviewed
      "
    `);
  });

  it("draws a refund to its 14th business day across the National Day week, as-of past the end", () => {
    expect(
      picture(timeline("refund", "2026-09-30", [["seller-agreed", "2026-10-09"]]), "2026-11-02"),
    ).toMatchInlineSnapshot(`
      "                    1       2                         3
        ├─────────────────┼───────┼─────────────────────────┤
        ●                 ●
                                                            ▶ as of 2026-11-02 (day 33)
        0                                              day 26
        1 2026-10-09  agent review (done)
        2 2026-10-13  seller response (done)
        3 2026-10-26  refund (overdue)
        ● 2026-09-30  requested
        ● 2026-10-09  seller-agreed
      "
    `);
  });

  it("marks paused deadlines while escalated", () => {
    const out = picture(timeline("exchange", "2026-11-02", [["escalated", "2026-11-05"]]), "2026-11-06");
    expect(out).toContain("seller response (paused)");
    expect(out).toContain("escalation follow-up (pending)");
  });
});

describe("next step", () => {
  const step = (t: CaseTimeline, asOf: string, outcome: string | null = null) =>
    nextStep({ id: 4, stage: t.stage, outcome, closedOn: outcome ? asOf : null }, evaluate(t, asOf, cal, settings));

  it("says what to do in each state", () => {
    expect(step(timeline("refund", "2026-11-02", [["agent-reviewed", "2026-11-03"]]), "2026-11-12")).toBe(
      "ask the agent for an update: seller response is 3 business days late; `kakotrack message 4`",
    );
    expect(step(timeline("refund", "2026-11-02"), "2026-11-02")).toMatch(
      /^send the request to the agent.*by 2026-11-04$/,
    );
    expect(step(timeline("refund", "2026-11-02", [["refused", "2026-11-04"]]), "2026-11-05")).toMatch(
      /^the seller refused: escalate/,
    );
    expect(step(timeline("refund", "2026-11-02", [["escalated", "2026-11-04"]]), "2026-11-05")).toBe(
      "wait for support's answer (follow up by 2026-11-11); record what support decided with `kakotrack advance 4 " +
        "<stage>` (the stage it led to)",
    );
    expect(step(timeline("refund", "2026-11-02", [["escalated", "2026-11-04"]]), "2026-11-13")).toBe(
      "follow up with support: the escalation follow-up is 2 business days late; `kakotrack message 4`",
    );
    expect(step(timeline("exchange", "2026-11-02", [["new-qc", "2026-11-15"]]), "2026-11-15")).toMatch(
      /^review the replacement's QC/,
    );
    expect(step(timeline("partial-refund", "2026-11-02", [["seller-offered", "2026-11-04"]]), "2026-11-04")).toMatch(
      /accept it/,
    );
    expect(step(timeline("exchange", "2026-11-02", [["seller-confirmed", "2026-11-04"]]), "2026-11-05")).toBe(
      "wait: replacement arrival due 2026-11-16",
    );
    expect(step(timeline("exchange", "2026-11-02", [], true), "2026-11-05", "cancelled")).toBe(
      "nothing: closed as cancelled on 2026-11-05",
    );
  });
});

describe("seller history", () => {
  it("counts refusals, late cases and the median days to resolution", () => {
    const onTime = {
      timeline: timeline(
        "exchange",
        "2026-11-02",
        [
          ["agent-reviewed", "2026-11-03"],
          ["seller-confirmed", "2026-11-06"],
          ["replacement-arrived", "2026-11-12"],
          ["new-qc", "2026-11-14"],
          ["approved", "2026-11-15"],
        ],
        true,
      ),
      closedOn: "2026-11-15",
    };
    const late = {
      timeline: timeline("refund", "2026-11-02", [["agent-reviewed", "2026-11-06"]], true),
      closedOn: "2026-11-20",
    };
    const refused = {
      timeline: timeline("refund", "2026-11-02", [
        ["agent-reviewed", "2026-11-03"],
        ["refused", "2026-11-05"],
      ]),
      closedOn: null,
    };
    expect(ranLate(onTime, "2026-12-01", cal, settings)).toBe(false);
    expect(ranLate(late, "2026-12-01", cal, settings)).toBe(true);
    expect(ranLate(refused, "2026-12-01", cal, settings)).toBe(false);
    expect(sellerHistory([onTime, late, refused], "2026-12-01", cal, settings)).toEqual({
      cases: 3,
      refused: 1,
      late: 1,
      closed: 2,
      replacementsFailed: 0,
      medianDaysToResolution: 15.5,
    });
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
  });
});
