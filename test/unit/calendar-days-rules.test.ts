import { describe, expect, it } from "vitest";
import { skippedText } from "../../src/domain/calendar/breaks.js";
import { type CalendarOptions, createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays, cnProvisional } from "../../src/domain/calendar/cn-holidays.js";
import { cnLunarFacts } from "../../src/domain/calendar/cn-lunar.js";
import type { CaseTimeline, Resolution, Stage } from "../../src/domain/case/model.js";
import { deadlines, type EvaluationSettings, evaluate } from "../../src/domain/deadlines/evaluate.js";
import { reasonParts } from "../../src/domain/deadlines/reason-parts.js";
import { returnWindowClosesAt, returnWindowText } from "../../src/domain/deadlines/return-window.js";
import { toDay } from "../../src/domain/time/dates.js";

// Issue 25: the deadlines counted in calendar days skip holiday breaks and closures.

const cn = (more: Partial<CalendarOptions> = {}) =>
  createCalendar({ name: "cn", holidays: cnHolidays, provisional: cnProvisional, ...more });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

function timeline(resolution: Resolution, openedOn: string, steps: Array<[Stage, string]> = []): CaseTimeline {
  const all = [["requested", openedOn] as [Stage, string], ...steps];
  return {
    resolution,
    openedOn,
    stage: all[all.length - 1]![0],
    closed: false,
    steps: all.map(([stage, on]) => ({ stage, on })),
  };
}
const pendingOf = (t: CaseTimeline, asOf: string, cal = cn()) =>
  Object.fromEntries(evaluate(t, asOf, cal, settings).pending.map((p) => [p.rule.id, p]));

describe("judging calendar-day deadlines", () => {
  it("moves every exchange deadline past the breaks in its window, and counts them as skipped", () => {
    const p = pendingOf(timeline("exchange", "2026-09-25"), "2026-09-25");
    expect(Object.values(p).map((d) => [d.rule.id, d.due, d.skipped])).toEqual([
      ["agent-review", "2026-09-29", 2],
      ["seller-response", "2026-10-11", 9],
      ["replacement-arrived", "2026-10-18", 9],
      ["new-qc", "2026-10-20", 9],
      ["approved", "2026-10-22", 9],
    ]);
    const all = pendingOf(timeline("exchange", "2026-09-25"), "2026-09-25", cn({ calendarDays: "all" }));
    expect([all["seller-response"]!.due, all["seller-response"]!.skipped]).toEqual(["2026-10-02", 0]);
  });

  it("counts lateness without the break: 0 days inside it, still overdue", () => {
    const t = timeline("exchange", "2027-01-28", [["agent-reviewed", "2027-01-29"]]);
    const during = evaluate(t, "2027-02-10", cn(), settings);
    expect(during.flag).toBe("overdue");
    expect(during.reasons).toEqual(["seller response overdue since 2027-02-05, 0 days so far (due 2027-02-04)"]);
    expect(reasonParts(during, t.stage, toDay("2027-02-10"), cn())!.forms).toEqual([
      "overdue, 0 days so far",
      "overdue, 0 days",
      "overdue",
    ]);
    expect(evaluate(t, "2027-02-15", cn(), settings).pending[0]!.late).toBe(2);
    const met = timeline("exchange", "2027-01-28", [
      ["agent-reviewed", "2027-01-29"],
      ["seller-confirmed", "2027-02-15"],
    ]);
    const sellerResponse = deadlines(met, cn(), settings).find((d) => d.rule.id === "seller-response")!;
    expect([sellerResponse.metLate, sellerResponse.skipped]).toEqual([2, 0]);
  });

  it("moves a deadline by a pause's counted days: a pause outside the break moves it by its own days", () => {
    const t = timeline("exchange", "2026-09-21", [
      ["refused", "2026-09-22"],
      ["seller-confirmed", "2026-09-24"],
    ]);
    // 14 + 2 paused days after 21 September: 22-24 and 28-30 September, then 8-17 October.
    expect(pendingOf(t, "2026-09-24")["replacement-arrived"]!.due).toBe("2026-10-17");
    expect(pendingOf(t, "2026-09-24", cn({ calendarDays: "all" }))["replacement-arrived"]!.due).toBe("2026-10-07");
  });

  it("marks provisional only the deadlines whose own count reaches a provisional year", () => {
    const refund = evaluate(timeline("refund", "2026-12-24"), "2026-12-28", cn(), settings);
    expect(refund.pending.map((p) => [p.rule.id, p.provisional])).toEqual([
      ["agent-review", false],
      ["seller-response", false],
      ["refund", true],
    ]);
    expect(refund.provisional).toBe(true);
    // A calendar-day count passes through the provisional New Year break; under `all` it reads no schedule.
    const t = timeline("exchange", "2026-12-30");
    expect(evaluate(t, "2026-12-30", cn(), settings).pending[0]).toMatchObject({
      due: "2027-01-04",
      provisional: true,
    });
    expect(evaluate(t, "2026-12-30", cn({ calendarDays: "all" }), settings).pending[0]).toMatchObject({
      due: "2027-01-01",
      provisional: false,
    });
    expect(evaluate(t, "2026-12-30", cn({ calendarDays: "all" }), settings).provisional).toBe(false);
  });
});

describe("what a count skipped, in words", () => {
  const words = (from: string, to: string, cal = cn()) => skippedText(cal, toDay(from), toDay(to), cnLunarFacts);

  it("names a break after the holidays in it", () => {
    expect(words("2026-09-25", "2026-10-11")).toBe("the Mid-Autumn and National Day breaks are not counted");
    // 2025: one eight-day break holds National Day and Mid-Autumn (6 October).
    expect(words("2025-09-29", "2025-10-12")).toBe("the National Day and Mid-Autumn break is not counted");
    expect(words("2027-02-03", "2027-02-19")).toBe("the Spring Festival break is not counted");
    expect(words("2026-11-02", "2026-11-09")).toBeNull();
  });

  it("says a holiday break for one with no holiday in it, and closure days", () => {
    // 2015: 3-4 September off for the 70th anniversary of the victory (a one-off notice).
    expect(words("2015-09-01", "2015-09-08")).toBe("a holiday break is not counted");
    const closed = cn().withClosures(["2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"]);
    expect(words("2026-12-30", "2027-01-06", closed)).toBe("the New Year break and closure days are not counted");
    expect(words("2026-11-02", "2026-11-09", cn({ closures: ["2026-11-05"] }))).toBe("a closure day is not counted");
  });
});

describe("the return window and the agent's closures", () => {
  const closed = (...dates: string[]) => Int32Array.from(dates.map(toDay));
  const closes = (storedAt: string, hours: number, days: Int32Array) =>
    returnWindowText(returnWindowClosesAt(storedAt, hours, days));

  it("stops for each closed day it reaches, not for state holidays", () => {
    const newYear = closed("2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04");
    expect(closes("2026-12-29T10:00", 120, new Int32Array(0))).toBe("2027-01-03T10:00");
    expect(closes("2026-12-29T10:00", 120, newYear)).toBe("2027-01-08T10:00");
    // Stocked in while closed: the clock starts when the closure ends.
    expect(closes("2027-01-02T15:00", 120, newYear)).toBe("2027-01-10T00:00");
    // Closed days after the window or before the stock-in change nothing.
    expect(closes("2026-12-20T10:00", 24, newYear)).toBe("2026-12-21T10:00");
    expect(closes("2027-01-10T10:00", 24, newYear)).toBe("2027-01-11T10:00");
    // A window that ends exactly when a closure begins.
    expect(closes("2026-12-29T00:00", 48, newYear)).toBe("2026-12-31T00:00");
  });
});
