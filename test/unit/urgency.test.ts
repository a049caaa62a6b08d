import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import { stampOf } from "../../src/domain/calendar/stamp.js";
import type { CaseSteps } from "../../src/domain/case/records.js";
import { type EvaluationSettings, evaluate, flagOn, triage, urgencyOf } from "../../src/domain/deadlines/evaluate.js";
import { mergeRanked, type Ranked, rankStored } from "../../src/domain/deadlines/urgency.js";
import { URGENCY_BASIS } from "../../src/domain/deadlines/urgency-basis.js";
import { toDay } from "../../src/domain/time/dates.js";
import { timeline } from "../fixtures.js";

// Issue 28: what a case stores for status (its earliest due day, whether the buyer's move is next)
// gives on any day the flag and order that judging the case in full gives.

const cn = createCalendar({ name: "cn", holidays: cnHolidays });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

const CASES = [
  timeline("exchange", "2026-09-30"), // through the National Day break
  timeline("refund", "2026-11-02", [["agent-reviewed", "2026-11-03"]]),
  timeline("partial-refund", "2026-11-10", [
    ["agent-reviewed", "2026-11-11"],
    ["seller-offered", "2026-11-13"],
  ]), // the buyer's move
  timeline("exchange", "2026-11-02", [
    ["agent-reviewed", "2026-11-03"],
    ["escalated", "2026-11-12"],
  ]),
  timeline("refund", "2026-11-02", [
    ["agent-reviewed", "2026-11-03"],
    ["refused", "2026-11-05"],
  ]), // paused: no deadline counts
  timeline("exchange", "2027-02-01"), // through the Spring Festival of 2027
];

describe("urgencyOf and flagOn", () => {
  it("give, on every day from 2026-09-20 to 2027-03-31, the flag, due day and lateness triage and evaluate give", () => {
    for (const c of CASES) {
      const urgency = urgencyOf(c, cn, settings);
      for (let day = toDay("2026-09-20"); day <= toDay("2027-03-31"); day++) {
        const t = triage(c, day, cn, settings);
        expect([flagOn(urgency, day, 2), urgency.dueDay, urgency.dueDay < day]).toEqual([t.flag, t.dueDay, t.overdue]);
      }
      const full = evaluate(c, "2026-11-20", cn, settings);
      expect(urgency.dueDay === Infinity ? null : urgency.dueDay).toBe(full.pending[0]?.dueDay ?? null);
    }
  });

  it("say an exchange requested on 2026-09-30 is due after the National Day break (its days not counted)", () => {
    const urgency = urgencyOf(CASES[0]!, cn, settings);
    expect(urgency).toEqual({ dueDay: toDay("2026-10-09"), action: false });
    expect(flagOn(urgency, toDay("2026-10-07"), 2)).toBe("due-soon");
    expect(flagOn(urgency, toDay("2026-10-06"), 2)).toBe("on-track");
    expect(flagOn(urgency, toDay("2026-10-10"), 2)).toBe("overdue");
  });

  it("put the buyer's move first, whatever the due day, and give a refused case no due day", () => {
    expect(urgencyOf(CASES[2]!, cn, settings).action).toBe(true);
    expect(flagOn({ dueDay: toDay("2026-11-01"), action: true }, toDay("2026-12-01"), 2)).toBe("action");
    expect(urgencyOf(CASES[4]!, cn, settings)).toEqual({ dueDay: Infinity, action: true }); // escalate or close
    expect(flagOn({ dueDay: Infinity, action: false }, toDay("2099-01-01"), 2)).toBe("on-track");
  });
});

describe("rankStored and mergeRanked", () => {
  const row = (id: number): CaseSteps => ({
    id,
    resolution: "refund",
    stage: "requested",
    openedOn: "2026-11-01",
    outcome: null,
    steps: [],
    agent: null,
    storedAt: null,
  });
  const day = toDay("2026-11-20");

  it("rank a stored case as triage ranks it", () => {
    const r = rankStored(row(1), { dueDay: day - 1, action: false }, day, 2);
    expect([r.flag, r.overdue, r.dueKey]).toEqual(["overdue", true, day - 1]);
    const none = rankStored(row(2), { dueDay: Infinity, action: true }, day, 2);
    expect([none.flag, none.overdue, none.dueKey]).toEqual(["action", false, 0x3fffffff]);
  });

  it("merge two lists in status's order (flag, due day, id), up to the limit", () => {
    const stored: Ranked[] = [
      rankStored(row(4), { dueDay: day + 9, action: true }, day, 2),
      rankStored(row(1), { dueDay: day - 3, action: false }, day, 2),
      rankStored(row(7), { dueDay: day + 1, action: false }, day, 2),
      rankStored(row(2), { dueDay: Infinity, action: false }, day, 2),
    ];
    const live: Ranked[] = [
      rankStored(row(9), { dueDay: day + 9, action: true }, day, 2),
      rankStored(row(3), { dueDay: day - 3, action: false }, day, 2),
      rankStored(row(5), { dueDay: day + 5, action: false }, day, 2),
    ];
    expect(mergeRanked(stored, live, 10).map((r) => r.row.id)).toEqual([4, 9, 1, 3, 7, 5, 2]);
    expect(mergeRanked(stored, live, 3).map((r) => r.row.id)).toEqual([4, 9, 1]);
    expect(mergeRanked([], live, 2).map((r) => r.row.id)).toEqual([9, 3]);
  });
});

describe("the basis of the stored urgencies", () => {
  it("is a version, the rules' stamp and the schedules' stamp (FNV-1a of their JSON)", () => {
    expect(stampOf("")).toBe("811c9dc5");
    expect(stampOf("a")).toBe("e40c292c");
    expect(URGENCY_BASIS).toMatch(/^1:[0-9a-f]{8}:[0-9a-f]{8}$/);
  });
});
