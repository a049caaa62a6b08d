import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import type { CaseTimeline, Stage } from "../../src/domain/case/model.js";
import { PATHS, SELLER_ANSWER } from "../../src/domain/case/stages.js";
import { type EvaluationSettings, evaluate, triage } from "../../src/domain/deadlines/evaluate.js";
import { formatDate, toDay } from "../../src/domain/time/dates.js";
import { timeline } from "../fixtures.js";

const cn = createCalendar({ name: "cn", holidays: cnHolidays });
const weekdays = createCalendar({ name: "weekdays" });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

const dues = (t: CaseTimeline, asOf: string, cal = cn) =>
  Object.fromEntries(evaluate(t, asOf, cal, settings).pending.map((p) => [p.rule.id, p.due]));

describe("deadline rules", () => {
  it(
    "exchange: agent review day 2, seller day 7, replacement day 14, new QC day 16, approval day 18 (calendar " +
      "days)",
    () => {
      expect(dues(timeline("exchange", "2026-11-02"), "2026-11-02")).toEqual({
        "agent-review": "2026-11-04",
        "seller-response": "2026-11-09",
        "replacement-arrived": "2026-11-16",
        "new-qc": "2026-11-18",
        approved: "2026-11-20",
      });
    },
  );

  it("refund: agent review day 2, seller response 5 business days, refund 14 business days", () => {
    expect(dues(timeline("refund", "2026-11-02"), "2026-11-02")).toEqual({
      "agent-review": "2026-11-04",
      "seller-response": "2026-11-09",
      refund: "2026-11-20",
    });
  });

  it("partial refund follows the refund deadlines, counted across the National Day week", () => {
    expect(dues(timeline("partial-refund", "2026-09-30"), "2026-09-30")).toEqual({
      "agent-review": "2026-10-09", // calendar days: 1-7 October are not counted (issue 25)
      "seller-response": "2026-10-13",
      refund: "2026-10-26",
    });
    expect(dues(timeline("partial-refund", "2026-09-30"), "2026-09-30", weekdays)["seller-response"]).toBe(
      "2026-10-07",
    );
  });

  it("counts the Spring Festival week out of a refund's seller response", () => {
    // Opened Thu 2026-02-12: Fri 13, Sat 14 (make-up), then Feb 24, 25, 26.
    expect(dues(timeline("refund", "2026-02-12"), "2026-02-12")["seller-response"]).toBe("2026-02-26");
  });

  it("stops a deadline once its stage or any later one is reached (forward skips)", () => {
    const skipped = timeline("exchange", "2026-11-02", [["new-qc", "2026-11-17"]]);
    expect(dues(skipped, "2026-11-17")).toEqual({ approved: "2026-11-20" });
  });

  it("a refusal answers the seller-response deadline and pauses the rest", () => {
    const refused = timeline("refund", "2026-11-02", [["refused", "2026-11-05"]]);
    const e = evaluate(refused, "2026-12-30", cn, settings);
    expect(e.pending).toEqual([]);
    expect(e.flag).toBe("action");
  });

  it("while escalated only the follow-up counts: 5 business days after the escalation", () => {
    const escalated = timeline("exchange", "2026-11-02", [["escalated", "2026-11-06"]]);
    expect(dues(escalated, "2026-11-30")).toEqual({ "escalation-follow-up": "2026-11-13" });
    const e = evaluate(escalated, "2026-11-17", cn, settings);
    expect(e.flag).toBe("overdue");
    expect(e.reasons).toEqual(["escalation follow-up overdue by 2 business days (due 2026-11-13)"]);
    expect(dues(escalated, "2026-11-30", cn)["escalation-follow-up"]).toBe("2026-11-13");
    const shorter = evaluate(escalated, "2026-11-06", cn, { ...settings, escalationFollowUpDays: 3 });
    expect(shorter.pending[0]!.due).toBe("2026-11-11");
  });

  it("a finished pause pushes the path's deadlines back by its length", () => {
    // Escalated on day 3 for 7 calendar days, then the seller confirmed: the rest moves by 7 days.
    const resumed = timeline("exchange", "2026-11-02", [
      ["escalated", "2026-11-05"],
      ["seller-confirmed", "2026-11-12"],
    ]);
    expect(dues(resumed, "2026-11-12")).toEqual({
      "replacement-arrived": "2026-11-23",
      "new-qc": "2026-11-25",
      approved: "2026-11-27",
    });
    // Business-day rules move by the business days paused (Thu 11-05 .. Wed 11-11: 5).
    const refund = timeline("refund", "2026-11-02", [
      ["escalated", "2026-11-05"],
      ["seller-agreed", "2026-11-12"],
    ]);
    expect(dues(refund, "2026-11-12")).toEqual({ refund: "2026-11-27" });
  });
});

describe("flags", () => {
  const refund = timeline("refund", "2026-11-02", [["agent-reviewed", "2026-11-03"]]);

  it("due-soon from two calendar days before the due date through the due date", () => {
    expect(evaluate(refund, "2026-11-06", cn, settings).flag).toBe("on-track"); // due 11-09 in 3 days
    expect(evaluate(refund, "2026-11-07", cn, settings).flag).toBe("due-soon");
    expect(evaluate(refund, "2026-11-09", cn, settings).flag).toBe("due-soon");
    expect(evaluate(refund, "2026-11-09", cn, settings).reasons).toEqual(["seller response due today (2026-11-09)"]);
    expect(evaluate(refund, "2026-11-10", cn, settings).flag).toBe("overdue");
    expect(evaluate(refund, "2026-11-04", cn, { ...settings, dueSoonDays: 5 }).flag).toBe("due-soon");
  });

  it("overdue by N business days counts the business days after the due date up to the as-of date", () => {
    const e = evaluate(refund, "2026-11-22", cn, settings);
    expect(e.flag).toBe("overdue");
    expect(e.due).toBe("2026-11-09");
    expect(e.reasons).toEqual([
      "seller response overdue by 9 business days (due 2026-11-09)",
      "refund overdue since 2026-11-21, 0 business days so far (due 2026-11-20)",
    ]);
    expect(evaluate(refund, "2026-11-23", cn, settings).reasons[1]).toBe(
      "refund past 14 business days, overdue by 1 business day (due 2026-11-20)",
    );
  });

  it("calendar-day deadlines are late by calendar days", () => {
    const e = evaluate(
      timeline("exchange", "2026-11-02", [["agent-reviewed", "2026-11-03"]]),
      "2026-11-12",
      cn,
      settings,
    );
    expect(e.reasons).toEqual(["seller response overdue by 3 days (due 2026-11-09)"]);
  });

  it("action outranks overdue, overdue outranks due-soon", () => {
    const offered = timeline("partial-refund", "2026-11-02", [["seller-offered", "2026-11-05"]]);
    const e = evaluate(offered, "2026-12-01", cn, settings);
    expect(e.flag).toBe("action");
    expect(e.reasons[0]).toBe("the seller made an offer: accept it or counter");
    expect(e.reasons[1]).toMatch(/^refund past 14 business days/);
    const newQc = timeline("exchange", "2026-11-02", [["new-qc", "2026-11-15"]]);
    expect(evaluate(newQc, "2026-11-15", cn, settings).flag).toBe("action");
    // Seller response overdue while the refund is due soon: overdue wins.
    const both = timeline("refund", "2026-11-02", [["agent-reviewed", "2026-11-03"]]);
    expect(evaluate(both, "2026-11-19", cn, settings).flag).toBe("overdue");
  });

  it("closed cases have no deadlines", () => {
    const e = evaluate({ ...refund, closed: true }, "2026-12-30", cn, settings);
    expect(e).toMatchObject({ flag: "on-track", due: null, pending: [], reasons: [] });
  });

  it("reports day N as calendar days since day 0", () => {
    expect(evaluate(refund, "2026-11-22", cn, settings).day).toBe(20);
  });
});

describe("triage (what status sorts every case by) agrees with evaluate", () => {
  // Every resolution at every path stage, with a refusal, an escalation (open or finished) or
  // neither, opened on each weekday around the 2026 National Day holiday, judged on many days.
  const cases: CaseTimeline[] = [];
  for (const resolution of ["exchange", "refund", "partial-refund"] as const) {
    const path = PATHS[resolution];
    for (let reached = 0; reached < path.length - 1; reached++) {
      for (const detour of ["none", "refused", "escalated", "escalated-then-back", "refused-then-escalated"] as const) {
        for (let opened = toDay("2026-09-21"); opened < toDay("2026-10-05"); opened += 3) {
          const steps: Array<[Stage, string]> = [];
          let on = opened;
          for (const stage of path.slice(1, reached + 1)) steps.push([stage, formatDate((on += 2))]);
          if (detour === "refused" || detour === "refused-then-escalated") {
            if (reached >= path.indexOf(SELLER_ANSWER[resolution])) continue;
            steps.push(["refused", formatDate((on += 3))]);
          }
          if (detour !== "none" && detour !== "refused") steps.push(["escalated", formatDate((on += 4))]);
          if (detour === "escalated-then-back") steps.push([path[reached + 1]!, formatDate((on += 5))]);
          cases.push(timeline(resolution, formatDate(opened), steps));
        }
      }
    }
  }

  it(
    `on ${cases.length} timelines and 40 as-of dates, both calendars and short due-soon settings (and the reason ` +
      `summary too)`,
    () => {
      let compared = 0;
      for (const t of cases) {
        for (let asOf = toDay(t.openedOn); asOf < toDay(t.openedOn) + 40; asOf++) {
          for (const [calendar, s] of [
            [cn, settings],
            [weekdays, { dueSoonDays: 0, escalationFollowUpDays: 2 }],
          ] as const) {
            const full = evaluate(t, formatDate(asOf), calendar, s);
            const quick = triage(t, asOf, calendar, s);
            const expected = {
              flag: full.flag,
              dueDay: full.due === null ? Infinity : toDay(full.due),
              overdue: full.pending.some((p) => p.overdue),
            };
            if (JSON.stringify(quick) !== JSON.stringify(expected)) {
              throw new Error(
                `${JSON.stringify(t)} as of ${formatDate(asOf)}: triage ${JSON.stringify(quick)}, evaluate ` +
                  `${JSON.stringify(expected)}`,
              );
            }
            // The table's summary, read before the full list is ever built.
            const table = evaluate(t, formatDate(asOf), calendar, s);
            if (table.firstReason !== full.reasons[0] || table.reasonCount !== full.reasons.length) {
              throw new Error(
                `${JSON.stringify(t)} as of ${formatDate(asOf)}: first reason ${table.firstReason} of ` +
                  `${table.reasonCount}, reasons ${JSON.stringify(full.reasons)}`,
              );
            }
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(10_000);
      expect(triage({ ...cases[0]!, closed: true }, toDay("2027-01-01"), cn, settings)).toEqual({
        flag: "on-track",
        dueDay: Infinity,
        overdue: false,
      });
    },
  );
});
