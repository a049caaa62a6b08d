import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import type { CaseTimeline } from "../../src/domain/case/model.js";
import { forAgent, resolveSettings } from "../../src/domain/config/settings.js";
import { type EvaluationSettings, evaluate, triage } from "../../src/domain/deadlines/evaluate.js";
import { reasonParts } from "../../src/domain/deadlines/reason-parts.js";
import {
  requestedAfterWindow,
  returnWindowClosesAt,
  returnWindowText,
} from "../../src/domain/deadlines/return-window.js";
import { toDay } from "../../src/domain/time/dates.js";
import { formatMoment, parseMoment, toMinute, tryParseMoment } from "../../src/domain/time/moments.js";
import { nextStep } from "../../src/ui/next-step.js";

const cn = createCalendar({ name: "cn", holidays: cnHolidays });
const settings: EvaluationSettings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

/** A spotted case stored at `storedAt` with a window of `hours`. */
function spotted(storedAt: string | null, hours = 120, closed = false): CaseTimeline {
  return {
    resolution: "refund",
    openedOn: "2026-11-30",
    stage: "spotted",
    closed,
    steps: [],
    returnWindowClosesAt: returnWindowClosesAt(storedAt, hours),
  };
}

/** status's judgement of a spotted case at a moment: flag, due and reasons. */
function judge(t: CaseTimeline, now: string) {
  const e = evaluate(t, now.slice(0, 10), cn, settings, toMinute(now));
  return { flag: e.flag, due: e.due, reasons: e.reasons };
}

describe("moments", () => {
  it("read YYYY-MM-DDTHH:MM, YYYY-MM-DD HH:MM and a date alone (00:00), and nothing else", () => {
    expect(formatMoment(tryParseMoment("2026-12-03T14:05")!)).toBe("2026-12-03T14:05");
    expect(formatMoment(tryParseMoment("2026-12-03 14:05")!)).toBe("2026-12-03T14:05");
    expect(formatMoment(tryParseMoment("2026-12-03")!)).toBe("2026-12-03T00:00");
    for (const bad of [
      "2026-12-03T24:00",
      "2026-12-03 9:00",
      "2026-02-30 10:00",
      "2026-12-03T14:5",
      "2026-12-03T14:05:00",
      "14:00",
    ]) {
      expect(tryParseMoment(bad), bad).toBeUndefined();
    }
  });

  it("refuse a stock-in time in the future, naming now", () => {
    expect(parseMoment("2026-12-03 09:30", "--stored", "2026-12-03T10:00")).toBe("2026-12-03T09:30");
    expect(() => parseMoment("2026-12-03 10:01", "--stored", "2026-12-03T10:00")).toThrow(
      "--stored 2026-12-03 10:01 is in the future (now is 2026-12-03 10:00)",
    );
    expect(() => parseMoment("yesterday", "--stored", "2026-12-03T10:00")).toThrow(/not a date and time/);
  });
});

describe("the return window", () => {
  it("closes at stock-in plus the window, to the hour, across midnight and a month end", () => {
    expect(returnWindowText(returnWindowClosesAt("2026-11-28T14:00", 120))).toBe("2026-12-03T14:00");
    expect(returnWindowText(returnWindowClosesAt("2026-11-30T22:30", 3))).toBe("2026-12-01T01:30");
    expect(returnWindowText(returnWindowClosesAt("2026-12-31T20:00", 96))).toBe("2027-01-04T20:00");
    expect(returnWindowText(returnWindowClosesAt("2028-02-27T23:00", 25))).toBe("2028-02-29T00:00"); // a leap day
    expect(returnWindowText(returnWindowClosesAt(null, 120))).toBeNull();
  });

  it("is on track, then due soon with hours under two days, then overdue once closed (to the minute)", () => {
    const t = spotted("2026-11-28T14:00"); // closes 2026-12-03 14:00
    expect(judge(t, "2026-11-30T10:00")).toEqual({ flag: "on-track", due: "2026-12-03", reasons: [] });
    expect(judge(t, "2026-12-01T09:00")).toEqual({
      flag: "due-soon",
      due: "2026-12-03",
      reasons: ["return window closes in 2 days, 2026-12-03 14:00"],
    });
    expect(judge(t, "2026-12-02T19:00").reasons).toEqual(["return window closes in 19 h, 2026-12-03 14:00"]);
    expect(judge(t, "2026-12-03T13:35").reasons).toEqual(["return window closes in 25 min, 2026-12-03 14:00"]);
    expect(judge(t, "2026-12-03T14:00")).toEqual({
      flag: "overdue",
      due: "2026-12-03",
      reasons: ["return window closed 2026-12-03 14:00: the agent may refuse a late request"],
    });
  });

  it("counts hours across midnight and a month end, and a date alone as its start", () => {
    const t = spotted("2026-11-27T23:00"); // closes 2026-12-02 23:00
    expect(judge(t, "2026-11-30T23:30").reasons).toEqual(["return window closes in 47 h, 2026-12-02 23:00"]);
    expect(judge(t, "2026-12-01T00:30").reasons).toEqual(["return window closes in 46 h, 2026-12-02 23:00"]);
    expect(judge(t, "2026-12-02T23:00").flag).toBe("overdue");
    // No time given (--as-of another day): judged at 00:00.
    expect(evaluate(t, "2026-12-02", cn, settings).reasons).toEqual(["return window closes in 23 h, 2026-12-02 23:00"]);
  });

  it("is judged the same by triage (status's sort) and by evaluate", () => {
    const t = spotted("2026-11-28T14:00");
    for (const now of [
      "2026-11-29T00:00",
      "2026-12-01T00:00",
      "2026-12-03T13:59",
      "2026-12-03T14:00",
      "2026-12-10T08:00",
    ]) {
      const full = evaluate(t, now.slice(0, 10), cn, settings, toMinute(now));
      const quick = triage(t, toDay(now.slice(0, 10)), cn, settings, toMinute(now));
      expect(quick.flag, now).toBe(full.flag);
      expect(quick.overdue, now).toBe(full.flag === "overdue");
      expect(quick.dueDay, now).toBe(toDay(full.due!));
    }
  });

  it("is no deadline without a stock-in time, and none once the case is closed", () => {
    expect(judge(spotted(null), "2026-12-03T10:00")).toEqual({ flag: "on-track", due: null, reasons: [] });
    expect(judge(spotted("2026-11-01T10:00", 120, true), "2026-12-03T10:00").flag).toBe("on-track");
    expect(triage(spotted(null), toDay("2026-12-03"), cn, settings)).toEqual({
      flag: "on-track",
      dueDay: Infinity,
      overdue: false,
    });
  });

  it("gives a spotted case no day-0 deadlines: its next step is the request", () => {
    const t = spotted("2026-11-28T14:00");
    const e = evaluate(t, "2026-12-04", cn, settings, toMinute("2026-12-04T09:00"));
    expect(e.pending).toEqual([]);
    expect(nextStep({ id: 4, stage: "spotted", outcome: null, closedOn: null }, e)).toMatch(
      /^send the request to the agent \(`kakotrack message 4`\), then record it with `kakotrack advance 4 requested` anyway: the return window closed 2026-12-03 14:00/,
    );
    expect(
      nextStep(
        { id: 4, stage: "spotted", outcome: null, closedOn: null },
        evaluate(spotted(null), "2026-12-04", cn, settings),
      ),
    ).toMatch(/kakotrack edit 4 --stored/);
  });

  it("says a request came after it closed: today's from now, an earlier day's from the day's start", () => {
    const closes = toMinute("2026-12-03T14:00");
    expect(requestedAfterWindow(closes, "2026-12-03", "2026-12-03", "2026-12-03T13:59")).toBe(false);
    expect(requestedAfterWindow(closes, "2026-12-03", "2026-12-03", "2026-12-03T14:00")).toBe(true);
    expect(requestedAfterWindow(closes, "2026-12-03", "2026-12-05", "2026-12-05T09:00")).toBe(false); // that day, time unknown
    expect(requestedAfterWindow(closes, "2026-12-04", "2026-12-05", "2026-12-05T09:00")).toBe(true);
    expect(requestedAfterWindow(null, "2026-12-04", "2026-12-05", "2026-12-05T09:00")).toBe(false);
  });
});

describe("per-agent settings", () => {
  it(
    "give each agent its own window and refund destination, else the global ones, matching the name ignoring " + "case",
    () => {
      const s = resolveSettings(
        new Map([
          ["return-window", "100"],
          ["return-window@Mulebuy", "96"],
          ["refund-to@CSSBuy", "original"],
          ["return-window@Broken", "soon"], // no longer parses: the global value applies
        ]),
      );
      expect(forAgent(s, "mulebuy")).toEqual({ returnWindowHours: 96, refundTo: "balance" });
      expect(forAgent(s, "CSSBuy")).toEqual({ returnWindowHours: 100, refundTo: "original" });
      expect(forAgent(s, "KakoBuy")).toEqual({ returnWindowHours: 100, refundTo: "balance" });
      expect(forAgent(s, "Broken").returnWindowHours).toBe(100);
      expect(forAgent(resolveSettings(new Map()), "KakoBuy")).toEqual({ returnWindowHours: 120, refundTo: "balance" });
    },
  );
});

describe("a spotted case's status reason", () => {
  const row = (t: CaseTimeline, now: string) =>
    reasonParts(evaluate(t, now.slice(0, 10), cn, settings, toMinute(now)), "spotted", toDay(now.slice(0, 10)), cn);

  it(
    "says when the window closes while it is on track, and the flag's reason once it is due soon or closed; " +
      "shorter without the moment",
    () => {
      const t = spotted("2026-11-30T14:00"); // closes 2026-12-05 14:00
      expect(row(t, "2026-12-01T10:00")?.forms).toEqual([
        "return window closes in 4 days, 2026-12-05 14:00",
        "return window closes in 4 days",
        "closes in 4 days",
      ]);
      expect(row(t, "2026-12-04T10:00")?.forms[0]).toBe("return window closes in 28 h, 2026-12-05 14:00");
      expect(row(t, "2026-12-06T10:00")?.forms).toEqual([
        "return window closed 2026-12-05 14:00: the agent may refuse a late request",
        "return window closed",
        "window closed",
      ]);
      expect(row(spotted(null), "2026-12-01T10:00")).toBeNull(); // no stock-in time: no window to judge
    },
  );
});
