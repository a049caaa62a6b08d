import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import { standingOn } from "../../src/domain/case/as-of.js";
import type { CaseTimeline, Resolution, StageStep } from "../../src/domain/case/model.js";
import { currentRound, rejectedRounds, roundNumber, roundsOf, roundTimelines } from "../../src/domain/case/rounds.js";
import { deadlines, type EvaluationSettings, evaluate, triage } from "../../src/domain/deadlines/evaluate.js";
import { toDay } from "../../src/domain/time/dates.js";
import { parseSteps } from "../../src/store/columns.js";

// Issue 24's rules with fixed dates: rounds judged from their own day 0, the counter-offer's deadline.

const cn = createCalendar({ name: "cn", holidays: cnHolidays });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

function timeline(resolution: Resolution, steps: StageStep[]): CaseTimeline {
  return { resolution, openedOn: steps[0]!.on, stage: steps[steps.length - 1]!.stage, closed: false, steps };
}

/** An exchange opened 2026-11-02, new QC 2026-11-15, rejected 2026-11-16. */
const rejected: StageStep[] = [
  { stage: "requested", on: "2026-11-02" },
  { stage: "agent-reviewed", on: "2026-11-03" },
  { stage: "new-qc", on: "2026-11-15" },
  { stage: "requested", on: "2026-11-16", from: "exchange" },
];

describe("rounds", () => {
  it("reads a round's start and a counter-offer from the steps column (m009)", () => {
    expect(
      parseSteps("2026-11-02", "new-qc 2026-11-15,requested@exchange 2026-11-16,seller-offered@counter 2026-11-17"),
    ).toEqual([
      { stage: "requested", on: "2026-11-02" },
      { stage: "new-qc", on: "2026-11-15" },
      { stage: "requested", on: "2026-11-16", from: "exchange" },
      { stage: "seller-offered", on: "2026-11-17", counter: true },
    ]);
  });

  it("judges round 2 from its own day 0: agent review day 2, seller day 7, approval day 18", () => {
    const e = evaluate(timeline("exchange", rejected), "2026-11-17", cn, settings);
    expect(e.round).toBe(2);
    expect(e.day).toBe(1);
    expect(Object.fromEntries(e.pending.map((p) => [p.rule.id, p.due]))).toEqual({
      "agent-review": "2026-11-18",
      "seller-response": "2026-11-23",
      "replacement-arrived": "2026-11-30",
      "new-qc": "2026-12-02",
      approved: "2026-12-04",
    });
    expect(e.reasons).toEqual(["round 2: agent review due tomorrow (2026-11-18)"]);
    expect(triage(timeline("exchange", rejected), toDay("2026-11-17"), cn, settings)).toEqual({
      flag: "due-soon",
      dueDay: toDay("2026-11-18"),
      overdue: false,
    });
  });

  it("keeps each round's path, dates and ending; the earlier rounds' deadlines are judged on their own", () => {
    const switched: StageStep[] = [...rejected, { stage: "requested", on: "2026-11-20", from: "exchange" }];
    const t = timeline("refund", switched);
    expect(roundNumber(switched)).toBe(3);
    expect(roundsOf(switched, "refund", "2026-11-02")).toEqual([
      { round: 1, resolution: "exchange", startedOn: "2026-11-02", endedOn: "2026-11-16", ended: "rejected" },
      { round: 2, resolution: "exchange", startedOn: "2026-11-16", endedOn: "2026-11-20", ended: "switched" },
      { round: 3, resolution: "refund", startedOn: "2026-11-20", endedOn: null, ended: null },
    ]);
    expect(rejectedRounds(switched, "refund")).toBe(1);
    expect(currentRound(t)).toMatchObject({ openedOn: "2026-11-20", steps: [switched[4]] });
    const first = roundTimelines(t)[0]!.timeline;
    expect(first).toMatchObject({ resolution: "exchange", openedOn: "2026-11-02", stage: "new-qc", closed: true });
    // Round 1's approval (day 18, 2026-11-20) was never met; its new QC (day 16) was met on time.
    const met = deadlines(first, cn, settings).map((d) => [d.rule.id, d.due, d.met]);
    expect(met).toContainEqual(["new-qc", "2026-11-18", true]);
    expect(met).toContainEqual(["approved", "2026-11-20", false]);
  });

  it("as of a day before a switch, the case was on its earlier path", () => {
    const steps: StageStep[] = [
      { stage: "requested", on: "2026-11-02" },
      { stage: "requested", on: "2026-11-10", from: "exchange" },
    ];
    const record = { resolution: "refund", openedOn: "2026-11-02", stage: "requested", outcome: null, closedOn: null };
    expect(standingOn(record, steps, "2026-11-05")?.record.resolution).toBe("exchange");
    expect(standingOn(record, steps, "2026-11-10")?.record.resolution).toBe("refund");
  });
});

describe("counter-offer", () => {
  const offered: StageStep[] = [
    { stage: "requested", on: "2026-11-02" },
    { stage: "seller-offered", on: "2026-11-05" },
  ];

  it("the buyer's move at an offer; after a counter the seller's answer is due 5 business days later", () => {
    expect(evaluate(timeline("partial-refund", offered), "2026-11-05", cn, settings).flag).toBe("action");
    const countered = timeline("partial-refund", [
      ...offered,
      { stage: "seller-offered", on: "2026-11-06", counter: true },
    ]);
    const waiting = evaluate(countered, "2026-11-06", cn, settings);
    expect(waiting.flag).toBe("on-track");
    expect(waiting.pending.map((p) => [p.rule.id, p.due])).toEqual([
      ["counter-response", "2026-11-13"],
      ["refund", "2026-11-20"],
    ]);
    const late = evaluate(countered, "2026-11-16", cn, settings);
    expect(late.flag).toBe("overdue");
    expect(late.reasons[0]).toBe("answer to your counter-offer overdue by 1 business day (due 2026-11-13)");
    // A new offer from the seller meets it, and the move is the buyer's again.
    const revised = timeline("partial-refund", [...countered.steps, { stage: "seller-offered", on: "2026-11-16" }]);
    expect(evaluate(revised, "2026-11-16", cn, settings).flag).toBe("action");
  });
});
