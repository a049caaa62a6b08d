import { describe, expect, it } from "vitest";
import { headerText } from "../../src/channels/ntfy.js";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import type { CaseTimeline, Stage } from "../../src/domain/case/model.js";
import { evaluate } from "../../src/domain/deadlines/evaluate.js";
import { icsDuration, parseAlarms, revisionLines } from "../../src/domain/notify/alarms.js";
import { caseAlerts, type JudgedCase } from "../../src/domain/notify/alerts.js";
import { renderSchedule } from "../../src/domain/notify/schedule.js";
import { planNotifications } from "../../src/domain/notify/texts.js";
import { toMinute } from "../../src/domain/time/moments.js";
import { NotificationState } from "../../src/store/notifications.js";
import { Store } from "../../src/store/store.js";
import { sandbox } from "../helpers.js";

// Issue 27's rules, on fixed dates: which alerts a case raises, how they group, alarms, schedules.

const weekdays = createCalendar({ name: "weekdays" });
const settings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

function judged(
  id: number,
  steps: Array<[Stage, string]>,
  asOf: string,
  closesAt: string | null = null,
  now = `${asOf}T00:00`,
): JudgedCase {
  const timeline: CaseTimeline = {
    resolution: "exchange",
    openedOn: steps[0]![1],
    stage: steps.at(-1)![0],
    closed: false,
    steps: steps.map(([stage, on]) => ({ stage, on })),
    returnWindowClosesAt: closesAt === null ? null : toMinute(closesAt),
  };
  const evaluation = evaluate(timeline, asOf, weekdays, settings, toMinute(now));
  return {
    id,
    agent: "KakoBuy",
    orderNo: `KB-${id}`,
    item: "cap",
    stage: timeline.stage,
    evaluation,
    nextStep: "wait",
  };
}

const keys = (c: JudgedCase, hours = 24) => caseAlerts(c, hours).map((a) => `${a.deadline} ${a.flag} ${a.due}`);

describe("notify alerts", () => {
  it("one per deadline overdue or due soon, and the buyer's move", () => {
    expect(keys(judged(1, [["requested", "2026-11-02"]], "2026-11-02"))).toEqual(["agent-review due-soon 2026-11-04"]);
    expect(keys(judged(1, [["requested", "2026-11-02"]], "2026-11-08"))).toEqual([
      "agent-review overdue 2026-11-04",
      "seller-response due-soon 2026-11-09",
    ]);
    const newQc = judged(
      1,
      [
        ["requested", "2026-11-02"],
        ["new-qc", "2026-11-17"],
      ],
      "2026-11-18",
    );
    expect(keys(newQc)).toEqual(["new-qc action null", "approved due-soon 2026-11-20"]);
    expect(caseAlerts(newQc, 24)[0]!.reason).toBe("review the replacement's QC photos, then approve it or ask again");
    expect(caseAlerts(judged(1, [["requested", "2026-11-02"]], "2026-11-08"), 24)[0]).toMatchObject({
      late: 4,
      lateUnit: "days",
      reason: "agent review overdue by 4 days (due 2026-11-04)",
    });
  });

  it("a return window: closing within notify-window hours, then closed", () => {
    const at = (now: string) =>
      keys(judged(2, [["spotted", "2026-11-28"]], now.slice(0, 10), "2026-12-03T14:00", now), 24);
    expect(at("2026-12-02T13:59")).toEqual([]);
    expect(at("2026-12-02T14:00")).toEqual(["return-window window-closing 2026-12-03T14:00"]);
    expect(at("2026-12-03T14:00")).toEqual(["return-window window-closed 2026-12-03T14:00"]);
  });

  it("groups one notification per case, most pressing first; over notify-max one summary", () => {
    const cases = new Map(
      [1, 2, 3].map((id) => [id, judged(id, [["requested", id === 2 ? "2026-10-20" : "2026-11-02"]], "2026-11-03")]),
    );
    const alerts = [...cases.values()].flatMap((c) => caseAlerts(c, 24));
    const notes = planNotifications(cases, alerts, 3);
    expect(notes.map((n) => [n.title, n.priority, n.tags])).toEqual([
      ["#2 KB-2 cap: overdue", "high", ["warning", "calendar"]],
      ["#1 KB-1 cap: due soon", "default", ["calendar"]],
      ["#3 KB-3 cap: due soon", "default", ["calendar"]],
    ]);
    expect(notes[0]!.message).toBe(
      "agent review overdue by 12 days (due 2026-10-22)\nseller response overdue by 7 days (due 2026-10-27)\n" +
        "replacement arrival due today (2026-11-03)\nnew QC photos due in 2 days (2026-11-05)\nNext: wait",
    );
    const [summary] = planNotifications(cases, alerts, 2);
    expect([summary!.title, summary!.message.split("\n")[0], summary!.alerts.length]).toEqual([
      "kakotrack: 3 cases need attention",
      "1 overdue, 2 due soon",
      alerts.length,
    ]);
  });
});

describe("ics alarms and revisions", () => {
  it("reads --alarm and writes RFC 5545 durations", () => {
    expect(parseAlarms("1d@09:00,0d@09:00")).toEqual([-900, 540]);
    expect(parseAlarms("1d, 2h,30m,1d")).toEqual([-1440, -120, -30]);
    expect(() => parseAlarms("1w")).toThrow('--alarm: "1w" is not an alarm');
    expect([-900, 540, -1440, -1500, -1770, 0, 45].map(icsDuration)).toEqual([
      "-PT15H",
      "PT9H",
      "-P1D",
      "-P1DT1H",
      "-P1DT5H30M",
      "PT0S",
      "PT45M",
    ]);
    expect(revisionLines("2026-11-02T09:30:15.123Z")).toEqual(["SEQUENCE:3596250", "LAST-MODIFIED:20261102T093015Z"]);
  });
});

describe("notify channels' words and schedules", () => {
  it("encodes non-ASCII ntfy headers as RFC 2047 words", () => {
    expect(headerText("#1 KB-1 cap: overdue")).toBe("#1 KB-1 cap: overdue");
    expect(headerText("#1 KB-1 帽子: overdue")).toBe(
      `=?UTF-8?B?${Buffer.from("#1 KB-1 帽子: overdue").toString("base64")}?=`,
    );
  });

  it("quotes paths for sh and cron, systemd and XML", () => {
    const out = renderSchedule({
      node: "/opt/node 20/bin/node",
      bin: "/home/o'neil/kt/bin/kakotrack.js",
      db: "/data/100%/kt.db",
      home: "/home/a&b",
    });
    expect(out).toContain(
      `17 * * * * KAKOTRACK_DB='/data/100\\%/kt.db' '/opt/node 20/bin/node' '/home/o'\\''neil/kt/bin/kakotrack.js' ` +
        `notify >/dev/null`,
    );
    expect(out).toContain(
      `Environment="KAKOTRACK_DB=/data/100%%/kt.db"\nExecStart="/opt/node 20/bin/node" ` +
        `"/home/o'neil/kt/bin/kakotrack.js" notify`,
    );
    expect(out).toContain("<string>/home/a&amp;b/Library/Logs/kakotrack-notify.log</string>");
  });
});

describe("notify's sent-state", () => {
  const alert = (caseId: number, flag = "overdue") => ({ caseId, deadline: "agent-review", flag });

  it("claims each alert once per channel, a live lease keeps it from a second run, an expired one does not", () => {
    const store = Store.open(sandbox().db, { access: "write", createParent: false, today: "2026-11-02" });
    const state = store.repository(NotificationState);
    const t = (m: number) => `2026-11-02T10:${String(m).padStart(2, "0")}:00.000Z`;
    const a = state.claim([alert(1), alert(2)], ["ntfy", "webhook"], "run-a", t(0), t(30));
    expect(a).toHaveLength(4);
    expect(state.claim([alert(1), alert(2)], ["ntfy", "webhook"], "run-b", t(1), t(31))).toEqual([]);
    state.settle(
      a.filter((x) => x.channel === "ntfy"),
      "run-a",
      t(2),
    );
    state.settle(
      a.filter((x) => x.channel === "webhook" && x.caseId === 1),
      "run-a",
      null,
    );
    // Run a crashed with case 2's webhook claim: after its lease, the next run takes it, and case 1's given back.
    expect(
      state
        .claim([alert(1), alert(2)], ["ntfy", "webhook"], "run-c", t(29), t(59))
        .map((x) => `${x.caseId} ${x.channel}`),
    ).toEqual(["1 webhook"]);
    expect(
      state
        .claim([alert(1), alert(2)], ["ntfy", "webhook"], "run-d", t(31), t(61))
        .map((x) => `${x.caseId} ${x.channel}`),
    ).toEqual(["2 webhook"]);
    // Gone (case 1 no longer overdue), then back: claimed again.
    expect(state.claim([alert(2)], ["ntfy"], "run-e", t(40), t(50))).toEqual([]);
    expect(state.claim([alert(1), alert(2)], ["ntfy"], "run-f", t(41), t(51))).toEqual([
      { ...alert(1), channel: "ntfy" },
    ]);
    expect(state.unsent([alert(1), alert(2)], ["ntfy"])).toEqual([{ ...alert(1), channel: "ntfy" }]);
    store.close();
  });
});
