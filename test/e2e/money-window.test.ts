import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";
import { spotted } from "./money-fixtures.js";

// Issue 16 end to end through the built bin: the return window before the request, where the
// refund went, withdrawals, fees, and all of it through export and import.

describe("the return window", () => {
  it("is a spotted case's one deadline, per agent, to the hour: due soon with hours, then overdue", async () => {
    const s = sandbox("2026-11-30T10:00");
    expect(s.ok(["config", "set", "return-window", "96", "--agent", "Mulebuy"])).toBe("return-window@Mulebuy = 96\n");
    const added = s.ok(spotted("2026-11-28 14:00", { agent: "Mulebuy", order: "MB-1" }));
    expect(added).toBe(
      [
        "Recorded case #1: MB-1 grey hoodie (refund, 129.00 CNY), spotted 2026-11-30; the request is not sent yet.",
        "Return window: 96 h after stock-in (2026-11-28 14:00), closes 2026-12-02 14:00.",
        "  return window closes in 2 days, 2026-12-02 14:00",
        "Send the request (`kakotrack message 1`), then record it: `kakotrack advance 1 requested`.",
        "Seller Lucky Store: no earlier cases.",
        "",
      ].join("\n"),
    );
    await s.okHere(spotted("2026-11-28 14:00", { order: "KB-2" })); // KakoBuy: the default 120 hours
    await s.okHere(addArgs({ order: "KB-3" })); // requested, no stock-in known

    const at = (now: string) =>
      s
        .json(["status", "--json"], { now })
        .cases.map((c: any) => [c.orderNo, c.flag, c.returnWindowClosesAt, c.reasons]);
    expect(at("2026-12-01T19:00")).toEqual([
      ["MB-1", "due-soon", "2026-12-02T14:00", ["return window closes in 19 h, 2026-12-02 14:00"]],
      ["KB-3", "due-soon", null, ["agent review due tomorrow (2026-12-02)"]],
      ["KB-2", "due-soon", "2026-12-03T14:00", ["return window closes in 43 h, 2026-12-03 14:00"]],
    ]);
    const closed = s
      .json(["status", "--json"], { now: "2026-12-02T14:00" })
      .cases.find((c: any) => c.orderNo === "MB-1");
    expect(closed).toMatchObject({
      stage: "spotted",
      openedOn: null,
      day: null,
      flag: "overdue",
      due: "2026-12-02",
      reasons: ["return window closed 2026-12-02 14:00: the agent may refuse a late request"],
    });
    expect(s.run(["status", "--check"], { now: "2026-12-02T13:59" }).code).toBe(0);
    expect(s.run(["status", "--check"], { now: "2026-12-02T14:00" }).code).toBe(1);
    expect(s.ok(["status"], { now: "2026-12-02T15:00" })).toMatch(
      /│ #1 │ MB-1 +│ grey hoodie │ refund +│ spotted +│ +│ overdue +│ 2026-12-02 │ return window closed/,
    );
    expect(s.json(["show", "1", "--json"], { now: "2026-12-01T19:00" })).toMatchObject({
      storedAt: "2026-11-28T14:00",
      returnWindowClosesAt: "2026-12-02T14:00",
      openedOn: null,
      day: null,
      deadlines: [],
    });
    const show = s.ok(["show", "1"], { now: "2026-12-01T19:00" });
    expect(show).toContain("  spotted      2026-11-30 (the request is not sent yet: no day 0)");
    expect(show).toContain("  stored       2026-11-28 14:00 (return window closes 2026-12-02 14:00)");
    expect(show).toContain(
      "Next step: send the request to the agent (`kakotrack message 1`), then record it with `kakotrack advance 1 " +
        "requested` before the return window closes (in 19 h, 2026-12-02 14:00)",
    );
    // A date alone as KAKOTRACK_NOW is its 00:00; another day's --as-of too.
    expect(
      s
        .json(["status", "--json", "--as-of", "2026-12-02"], { now: "2026-12-01T19:00" })
        .cases.find((c: any) => c.id === 1).reasons,
    ).toEqual(["return window closes in 14 h, 2026-12-02 14:00"]);
    expect(s.ok(["export", "--format", "ics"], { now: "2026-12-01T19:00" })).toContain(
      "SUMMARY:MB-1 grey hoodie: return window closes 14:00",
    );
    expect(s.json(["list", "--json"]).map((c: any) => c.returnWindowClosesAt)).toEqual([
      "2026-12-02T14:00",
      "2026-12-03T14:00",
      null,
    ]);
  });

  it(
    "crosses midnight and a month end, and starts the timeline when the request is recorded; a late request warns " +
      "once",
    async () => {
      const s = sandbox("2026-12-01T22:00");
      await s.okHere(spotted("2026-11-26 23:30", { agent: "OOPbuy" })); // closes 2026-12-01 23:30
      expect(s.json(["status", "--json"]).cases[0].reasons).toEqual(["return window closes in 1 h, 2026-12-01 23:30"]);
      expect(s.json(["status", "--json"], { now: "2026-12-02T00:10" }).cases[0].flag).toBe("overdue");

      const late = s.run(["advance", "1", "requested"], { now: "2026-12-02T00:10" });
      expect([late.code, late.stdout]).toEqual([
        0,
        "Case #1: spotted → requested on 2026-12-02 (day 0).\nNext: agent review due 2026-12-04.\n  agent review due " +
          "in 2 days (2026-12-04)\n",
      ]);
      expect(late.stderr).toBe(
        "kakotrack: warning: the request of 2026-12-02 came after the return window closed (2026-12-01 23:30): the " +
          "agent may refuse a late request; ask its support, and keep the QC photos\n",
      );
      const status = s.run(["status", "--json"], { now: "2026-12-02T09:00" });
      expect(status.stderr).toBe(""); // once: not again on every status
      expect(JSON.parse(status.stdout).cases[0]).toMatchObject({
        stage: "requested",
        openedOn: "2026-12-02",
        day: 0,
        flag: "due-soon",
        returnWindowClosesAt: "2026-12-01T23:30",
      });
      expect(
        (await s.jsonHere(["show", "1", "--json"], { now: "2026-12-02T09:00" })).events.map((e: any) => [
          e.kind,
          e.stage,
          e.on,
        ]),
      ).toEqual([
        ["spotted", null, "2026-12-01"],
        ["opened", "requested", "2026-12-02"],
      ]);
      expect(s.ok(["undo"], { now: "2026-12-02T09:00" })).toBe(
        "Undid the request of case #1 (spotted → requested, day 0 2026-12-02).\n",
      );
      expect(await s.jsonHere(["show", "1", "--json"], { now: "2026-12-02T09:00" })).toMatchObject({
        stage: "spotted",
        openedOn: null,
      });
      // Sent the evening before, in time: recorded the next day with its date, no warning.
      const inTime = s.run(["advance", "1", "requested", "--date", "2026-12-01"], { now: "2026-12-02T09:00" });
      expect([inTime.code, inTime.stderr]).toEqual([0, ""]);

      // add of a request already sent after the window: warned at add.
      const added = s.run([...addArgs({ order: "KB-9", date: "2026-12-02" }), "--stored", "2026-11-20 08:00"], {
        now: "2026-12-02T09:00",
      });
      expect([added.code, added.stderr]).toEqual([
        0,
        expect.stringMatching(
          /^kakotrack: warning: the request of 2026-12-02 came after the return window closed \(2026-11-25 08:00\)/,
        ),
      ]);
    },
  );

  it(
    "refuses what a spotted case cannot take, a stock-in in the future or after day 0, and a bad " + "KAKOTRACK_NOW",
    async () => {
      const s = sandbox("2026-12-01T10:00");
      await s.okHere(spotted("2026-11-30 09:00"));
      const refused: Array<[string[], RegExp, string?]> = [
        [
          [...spotted("2026-11-30 09:00", { order: "KB-2" }), "--date", "2026-11-30"],
          /--date is day 0, the day the request was sent; a spotted case has none yet/,
        ],
        [
          spotted("2026-12-01 10:30", { order: "KB-2" }),
          /--stored 2026-12-01 10:30 is in the future \(now is 2026-12-01 10:00\)/,
        ],
        [
          [...addArgs({ order: "KB-2", date: "2026-11-20" }), "--stored", "2026-11-21 10:00"],
          /--stored 2026-11-21 10:00 is after day 0 \(2026-11-20\)/,
        ],
        [
          spotted("2026-11-30 25:00", { order: "KB-2" }),
          /not a date and time \(use "YYYY-MM-DD HH:MM", or a date as --date takes it and a time/,
        ],
        [
          ["advance", "1", "agent-reviewed"],
          /case #1 is spotted: its request is not recorded yet; `kakotrack advance 1 requested --date D` first/,
        ],
        [
          ["advance", "1", "requested", "--date", "2026-11-29"],
          /--date 2026-11-29 is before the item was stored \(2026-11-30\)/,
        ],
        [["refuse", "1"], /case #1 is spotted/],
        [
          ["close", "1", "--outcome", "refunded"],
          /case #1 is spotted \(its request is not recorded\): close it as accepted-as-is, cancelled, lost/,
        ],
        [["edit", "1", "--date", "2026-11-30"], /case #1 is spotted: it has no day 0 until the request/],
        [["add", "--stage", "sent"], /--stage must be one of spotted, requested/],
        [
          ["status"],
          /KAKOTRACK_NOW: "2026-12-01 10:00" is not a valid date or time \(use YYYY-MM-DD or YYYY-MM-DDTHH:MM/,
          "2026-12-01 10:00",
        ],
      ];
      const before = s.ok(["export"]).replace(/"exportedAt": "[^"]+"/, "");
      for (const [args, message, now] of refused) {
        const r = s.run(args, now === undefined ? {} : { now });
        expect([r.code, r.stderr], args.join(" ")).toEqual([2, expect.stringMatching(message)]);
      }
      expect(s.ok(["export"]).replace(/"exportedAt": "[^"]+"/, "")).toBe(before);
      expect(s.ok(["close", "1", "--outcome", "cancelled"])).toBe("Closed case #1 as cancelled on 2026-12-01.\n");
      expect(s.ok(["edit", "1", "--stored", ""])).toContain("stored: 2026-11-30T09:00 → -");
    },
  );
});

describe("config per agent", () => {
  it(
    "sets, gets, lists and unsets a per-agent value beside the global one, refusing it for a global-only " + "setting",
    () => {
      const s = sandbox("2026-11-20");
      s.ok(["config", "set", "return-window", "96", "--agent", "Mulebuy"]);
      s.ok(["config", "set", "return-window", "100", "--agent", "mulebuy"]); // the same agent, another spelling
      s.ok(["config", "set", "refund-to", "original", "--agent", "CSSBuy"]);
      expect(s.ok(["config", "get", "return-window", "--agent", "MULEBUY"])).toBe("100\n");
      expect(s.ok(["config", "get", "return-window", "--agent", "KakoBuy"])).toBe("120\n");
      const listed = s.ok(["config", "list"]);
      expect(listed).toMatch(/│ return-window +│ 120 \(default\) +│ hours after stock-in/);
      expect(listed).toMatch(
        /│ refund-to@CSSBuy +│ original +│ for CSSBuy's cases +│\n│ return-window@Mulebuy +│ 100 +│ for Mulebuy's cases/,
      );
      // A known agent is stored under its own spelling, whatever was typed (issue 26 item 3).
      expect(listed).not.toContain("return-window@mulebuy");
      expect(s.ok(["config", "list", "--agent", "CSSBuy"])).toMatch(
        /│ return-window +│ 120 \(default\)[\s\S]*│ refund-to +│ original \(CSSBuy\)/,
      );
      expect(s.ok(["config", "unset", "refund-to", "--agent", "cssbuy"])).toBe(
        "refund-to@CSSBuy removed: CSSBuy uses refund-to = balance\n",
      );
      expect(s.ok(["config", "list"])).not.toContain("refund-to@");
      const r = s.run(["config", "set", "calendar", "weekdays", "--agent", "Mulebuy"]);
      expect([r.code, r.stderr]).toEqual([
        2,
        "kakotrack: calendar is one setting for every agent; --agent applies to closures, return-window, refund-to\n",
      ]);
      expect(s.run(["config", "set", "return-window", "0"]).code).toBe(2);
    },
  );
});
