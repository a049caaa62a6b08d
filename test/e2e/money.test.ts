import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 16 end to end through the built bin: the return window before the request, where the
// refund went, withdrawals, fees, and all of it through export and import.

/** A spotted case: seen in the QC photos, stored at `stored`, request not sent yet. */
const spotted = (stored: string, overrides: Record<string, string> = {}) => [
  ...addArgs({ resolution: "refund", payment: "balance", ...overrides }), "--stage", "spotted", "--stored", stored,
];

describe("the return window", () => {
  it("is a spotted case's one deadline, per agent, to the hour: due soon with hours, then overdue", () => {
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
    s.ok(spotted("2026-11-28 14:00", { order: "KB-2" })); // KakoBuy: the default 120 hours
    s.ok(addArgs({ order: "KB-3" })); // requested, no stock-in known

    const at = (now: string) => s.json(["status", "--json"], { now }).cases.map((c: any) => [c.orderNo, c.flag, c.returnWindowClosesAt, c.reasons]);
    expect(at("2026-12-01T19:00")).toEqual([
      ["MB-1", "due-soon", "2026-12-02T14:00", ["return window closes in 19 h, 2026-12-02 14:00"]],
      ["KB-3", "due-soon", null, ["agent review due tomorrow (2026-12-02)"]],
      ["KB-2", "due-soon", "2026-12-03T14:00", ["return window closes in 43 h, 2026-12-03 14:00"]],
    ]);
    const closed = s.json(["status", "--json"], { now: "2026-12-02T14:00" }).cases.find((c: any) => c.orderNo === "MB-1");
    expect(closed).toMatchObject({
      stage: "spotted", openedOn: null, day: null, flag: "overdue", due: "2026-12-02",
      reasons: ["return window closed 2026-12-02 14:00: the agent may refuse a late request"],
    });
    expect(s.run(["status", "--check"], { now: "2026-12-02T13:59" }).code).toBe(0);
    expect(s.run(["status", "--check"], { now: "2026-12-02T14:00" }).code).toBe(1);
    expect(s.ok(["status"], { now: "2026-12-02T15:00" })).toMatch(/│ #1 │ MB-1 +│ grey hoodie │ refund +│ spotted +│ +│ overdue +│ 2026-12-02 │ return window closed/);
    expect(s.json(["show", "1", "--json"], { now: "2026-12-01T19:00" })).toMatchObject({
      storedAt: "2026-11-28T14:00", returnWindowClosesAt: "2026-12-02T14:00", openedOn: null, day: null, deadlines: [],
    });
    const show = s.ok(["show", "1"], { now: "2026-12-01T19:00" });
    expect(show).toContain("  spotted      2026-11-30 (the request is not sent yet: no day 0)");
    expect(show).toContain("  stored       2026-11-28 14:00 (return window closes 2026-12-02 14:00)");
    expect(show).toContain("Next step: send the request to the agent (`kakotrack message 1`), then record it with `kakotrack advance 1 requested` before the return window closes (in 19 h, 2026-12-02 14:00)");
    // A date alone as KAKOTRACK_NOW is its 00:00; another day's --as-of too.
    expect(s.json(["status", "--json", "--as-of", "2026-12-02"], { now: "2026-12-01T19:00" }).cases.find((c: any) => c.id === 1).reasons).toEqual([
      "return window closes in 14 h, 2026-12-02 14:00",
    ]);
    expect(s.ok(["export", "--format", "ics"], { now: "2026-12-01T19:00" })).toContain("SUMMARY:MB-1 grey hoodie: return window closes 14:00");
    expect(s.json(["list", "--json"]).map((c: any) => c.returnWindowClosesAt)).toEqual(["2026-12-02T14:00", "2026-12-03T14:00", null]);
  });

  it("crosses midnight and a month end, and starts the timeline when the request is recorded; a late request warns once", () => {
    const s = sandbox("2026-12-01T22:00");
    s.ok(spotted("2026-11-26 23:30", { agent: "OOPbuy" })); // closes 2026-12-01 23:30
    expect(s.json(["status", "--json"]).cases[0].reasons).toEqual(["return window closes in 1 h, 2026-12-01 23:30"]);
    expect(s.json(["status", "--json"], { now: "2026-12-02T00:10" }).cases[0].flag).toBe("overdue");

    const late = s.run(["advance", "1", "requested"], { now: "2026-12-02T00:10" });
    expect([late.code, late.stdout]).toEqual([0, "Case #1: spotted → requested on 2026-12-02 (day 0).\nNext: agent review due 2026-12-04.\n  agent review due in 2 days (2026-12-04)\n"]);
    expect(late.stderr).toBe(
      "kakotrack: warning: the request of 2026-12-02 came after the return window closed (2026-12-01 23:30): the agent may refuse a late request; ask its support, and keep the QC photos\n",
    );
    const status = s.run(["status", "--json"], { now: "2026-12-02T09:00" });
    expect(status.stderr).toBe(""); // once: not again on every status
    expect(JSON.parse(status.stdout).cases[0]).toMatchObject({ stage: "requested", openedOn: "2026-12-02", day: 0, flag: "due-soon", returnWindowClosesAt: "2026-12-01T23:30" });
    expect(s.json(["show", "1", "--json"], { now: "2026-12-02T09:00" }).events.map((e: any) => [e.kind, e.stage, e.on])).toEqual([
      ["spotted", null, "2026-12-01"],
      ["opened", "requested", "2026-12-02"],
    ]);
    expect(s.ok(["undo"], { now: "2026-12-02T09:00" })).toBe("Undid the request of case #1 (spotted → requested, day 0 2026-12-02).\n");
    expect(s.json(["show", "1", "--json"], { now: "2026-12-02T09:00" })).toMatchObject({ stage: "spotted", openedOn: null });
    // Sent the evening before, in time: recorded the next day with its date, no warning.
    const inTime = s.run(["advance", "1", "requested", "--date", "2026-12-01"], { now: "2026-12-02T09:00" });
    expect([inTime.code, inTime.stderr]).toEqual([0, ""]);

    // add of a request already sent after the window: warned at add.
    const added = s.run([...addArgs({ order: "KB-9", date: "2026-12-02" }), "--stored", "2026-11-20 08:00"], { now: "2026-12-02T09:00" });
    expect([added.code, added.stderr]).toEqual([0, expect.stringMatching(/^kakotrack: warning: the request of 2026-12-02 came after the return window closed \(2026-11-25 08:00\)/)]);
  });

  it("refuses what a spotted case cannot take, a stock-in in the future or after day 0, and a bad KAKOTRACK_NOW", () => {
    const s = sandbox("2026-12-01T10:00");
    s.ok(spotted("2026-11-30 09:00"));
    const refused: Array<[string[], RegExp, string?]> = [
      [[...spotted("2026-11-30 09:00", { order: "KB-2" }), "--date", "2026-11-30"], /--date is day 0, the day the request was sent; a spotted case has none yet/],
      [spotted("2026-12-01 10:30", { order: "KB-2" }), /--stored 2026-12-01 10:30 is in the future \(now is 2026-12-01 10:00\)/],
      [[...addArgs({ order: "KB-2", date: "2026-11-20" }), "--stored", "2026-11-21 10:00"], /--stored 2026-11-21 10:00 is after day 0 \(2026-11-20\)/],
      [spotted("2026-11-30 25:00", { order: "KB-2" }), /not a date and time \(use "YYYY-MM-DD HH:MM" in local time/],
      [["advance", "1", "agent-reviewed"], /case #1 is spotted: its request is not recorded yet; `kakotrack advance 1 requested --date D` first/],
      [["advance", "1", "requested", "--date", "2026-11-29"], /--date 2026-11-29 is before the item was stored \(2026-11-30\)/],
      [["refuse", "1"], /case #1 is spotted/],
      [["close", "1", "--outcome", "refunded"], /case #1 is spotted \(its request is not recorded\): close it as accepted-as-is, cancelled, lost/],
      [["edit", "1", "--date", "2026-11-30"], /case #1 is spotted: it has no day 0 until the request/],
      [["add", "--stage", "sent"], /--stage must be one of spotted, requested/],
      [["status"], /KAKOTRACK_NOW: "2026-12-01 10:00" is not a valid date or time \(use YYYY-MM-DD or YYYY-MM-DDTHH:MM/, "2026-12-01 10:00"],
    ];
    const before = s.ok(["export"]).replace(/"exportedAt": "[^"]+"/, "");
    for (const [args, message, now] of refused) {
      const r = s.run(args, now === undefined ? {} : { now });
      expect([r.code, r.stderr], args.join(" ")).toEqual([2, expect.stringMatching(message)]);
    }
    expect(s.ok(["export"]).replace(/"exportedAt": "[^"]+"/, "")).toBe(before);
    expect(s.ok(["close", "1", "--outcome", "cancelled"])).toBe("Closed case #1 as cancelled on 2026-12-01.\n");
    expect(s.ok(["edit", "1", "--stored", ""])).toContain("stored: 2026-11-30T09:00 → -");
  });
});

describe("config per agent", () => {
  it("sets, gets, lists and unsets a per-agent value beside the global one, refusing it for a global-only setting", () => {
    const s = sandbox("2026-11-20");
    s.ok(["config", "set", "return-window", "96", "--agent", "Mulebuy"]);
    s.ok(["config", "set", "return-window", "100", "--agent", "mulebuy"]); // the same agent, another spelling
    s.ok(["config", "set", "refund-to", "original", "--agent", "CSSBuy"]);
    expect(s.ok(["config", "get", "return-window", "--agent", "MULEBUY"])).toBe("100\n");
    expect(s.ok(["config", "get", "return-window", "--agent", "KakoBuy"])).toBe("120\n");
    const listed = s.ok(["config", "list"]);
    expect(listed).toMatch(/│ return-window +│ 120 \(default\) +│ hours after stock-in/);
    expect(listed).toMatch(/│ refund-to@CSSBuy +│ original +│ for CSSBuy's cases +│\n│ return-window@mulebuy +│ 100 +│ for mulebuy's cases/);
    expect(listed).not.toContain("return-window@Mulebuy");
    expect(s.ok(["config", "list", "--agent", "CSSBuy"])).toMatch(/│ return-window +│ 120 \(default\)[\s\S]*│ refund-to +│ original \(CSSBuy\)/);
    expect(s.ok(["config", "unset", "refund-to", "--agent", "cssbuy"])).toBe("refund-to@cssbuy removed: cssbuy uses refund-to = balance\n");
    expect(s.ok(["config", "list"])).not.toContain("refund-to@");
    const r = s.run(["config", "set", "calendar", "weekdays", "--agent", "Mulebuy"]);
    expect([r.code, r.stderr]).toEqual([2, "kakotrack: calendar is one setting for every agent; --agent applies to closures, return-window, refund-to\n"]);
    expect(s.run(["config", "set", "return-window", "0"]).code).toBe(2);
  });
});

describe("money", () => {
  /** Two KakoBuy refunds in CNY and USD into the balance, one CSSBuy refund to the card. */
  function refunds() {
    const s = sandbox("2026-11-20");
    s.ok(addArgs({ order: "KB-1", resolution: "refund", price: "200", date: "2026-11-02" }));
    s.ok(addArgs({ order: "KB-2", resolution: "refund", price: "10.25", currency: "USD", date: "2026-11-02" }));
    s.ok(addArgs({ order: "CS-3", agent: "CSSBuy", seller: "Other", resolution: "partial-refund", price: "80", date: "2026-11-02" }));
    s.ok(["config", "set", "refund-to", "original", "--agent", "CSSBuy"]);
    expect(s.ok(["advance", "1", "refunded", "--date", "2026-11-15"])).toBe(
      "Case #1: requested → refunded on 2026-11-15 (200.00 CNY).\nClosed as refunded.\n" +
        "Refunded to the agent balance (`kakotrack balance` shows what is held; `kakotrack withdraw` records taking it out).\n",
    );
    expect(s.ok(["close", "2", "--outcome", "refunded", "--to", "balance"])).toContain("Closed case #2 as refunded on 2026-11-20 (10.25 USD refunded).\nRefunded to the agent balance");
    expect(s.ok(["close", "3", "--outcome", "partially-refunded", "--amount", "30"])).toBe(
      "Closed case #3 as partially-refunded on 2026-11-20 (30.00 CNY refunded).\nRefunded to the original payment.\n",
    );
    return s;
  }

  it("keeps each agent's balance per currency: refunded into it, withdrawn, held; a withdrawal above it is refused", () => {
    const s = refunds();
    expect(s.json(["show", "1", "--json"]).refundTo).toBe("balance");
    expect(s.json(["show", "3", "--json"]).refundTo).toBe("original");
    const tooMuch = s.run(["withdraw", "KakoBuy", "250", "--currency", "CNY"]);
    expect([tooMuch.code, tooMuch.stdout, tooMuch.stderr]).toEqual([
      2, "", "kakotrack: 250.00 CNY is more than the 200.00 CNY kakotrack knows KakoBuy holds; check the amount (`kakotrack balance`), or add --force for money that reached the balance another way\n",
    ]);
    const which = s.run(["withdraw", "KakoBuy", "150"]);
    expect([which.code, which.stderr]).toEqual([2, "kakotrack: KakoBuy holds 200.00 CNY and 10.25 USD; say which with --currency (e.g. --currency CNY)\n"]);
    expect(s.ok(["withdraw", "kakobuy", "150", "--currency", "cny", "--note", "to PayPal"])).toBe(
      "Recorded a withdrawal of 150.00 CNY from KakoBuy on 2026-11-20; 50.00 CNY still held there. `kakotrack undo` removes it.\n",
    );
    expect(s.ok(["balance", "--json"])).toBe(
      `${JSON.stringify(
        {
          agents: [
            { agent: "KakoBuy", currency: "CNY", refundedToBalance: "200.00", withdrawn: "150.00", held: "50.00" },
            { agent: "KakoBuy", currency: "USD", refundedToBalance: "10.25", withdrawn: "0.00", held: "10.25" },
          ],
        },
        null,
        2,
      )}\n`,
    );
    const table = s.ok(["balance"]);
    expect(table).toContain("│ KakoBuy │ CNY      │ 200.00              │ 150.00    │ 50.00 │");
    expect(table).toContain("Still held: 50.00 CNY at KakoBuy, 10.25 USD at KakoBuy.");
    expect(s.ok(["status", "--all"])).toContain("(as of 2026-11-20); held in agent balances: 50.00 CNY at KakoBuy, 10.25 USD at KakoBuy (`kakotrack balance`)\n");
    expect(s.ok(["status"])).toBe("No open cases. Record one with `kakotrack add`; held in agent balances: 50.00 CNY at KakoBuy, 10.25 USD at KakoBuy (`kakotrack balance`).\n");

    // Money that reached the balance another way: --force; undo takes the withdrawal back.
    expect(s.ok(["withdraw", "KakoBuy", "20", "--currency", "USD", "--force", "--date", "2026-11-19"])).toContain("0.00 USD still held there");
    expect(s.ok(["undo"])).toBe("Undid the withdrawal of 20.00 USD from KakoBuy.\n");
    expect(s.json(["balance", "--json"]).agents[1].held).toBe("10.25");
    for (const bad of [["withdraw", "KakoBuy", "0", "--currency", "CNY"], ["withdraw", "KakoBuy", "1,5"], ["withdraw", "KakoBuy", "5", "--date", "2026-11-21"]]) {
      expect(s.run(bad).code, bad.join(" ")).toBe(2);
    }
  });

  it("records fees on a case; show lists them, stats report fees and net recovered per currency, agent and seller", () => {
    const s = refunds();
    expect(s.ok(["fee", "1", "12.50", "--what", "domestic return shipping", "--date", "2026-11-10"])).toBe(
      "Recorded a fee of 12.50 CNY on case #1 (domestic return shipping, 2026-11-10).\n",
    );
    s.ok(["fee", "1", "5", "--what", "service fee"]);
    s.ok(["fee", "2", "1", "--what", "service fee"]);
    for (const [args, message] of [
      [["fee", "1", "0", "--what", "x"], /a fee of 0 records nothing/],
      [["fee", "1", "-5", "--what", "x"], /fee "-5" is not an amount in CNY/],
      [["fee", "1", "5"], /missing --what/],
      [["fee", "9", "5", "--what", "x"], /no case #9/],
      [["fee", "1", "5", "--what", "x", "--date", "2026-11-01"], /before the case opened/],
    ] as Array<[string[], RegExp]>) {
      const r = s.run(args);
      expect([r.code, r.stderr], args.join(" ")).toEqual([2, expect.stringMatching(message)]);
    }
    const shown = s.json(["show", "1", "--json"]);
    expect(shown.fees).toEqual([
      { id: expect.any(Number), on: "2026-11-10", amount: "12.50", what: "domestic return shipping" },
      { id: expect.any(Number), on: "2026-11-20", amount: "5.00", what: "service fee" },
    ]);
    expect(s.ok(["show", "1"])).toContain("Fees\n  2026-11-10  12.50 CNY  domestic return shipping\n  2026-11-20  5.00 CNY  service fee\n  total 17.50 CNY\n");
    const stats = s.json(["stats", "--json"]);
    expect([stats.refunded, stats.fees, stats.netRecovered]).toEqual([
      { CNY: "230.00", USD: "10.25" }, { CNY: "17.50", USD: "1.00" }, { CNY: "212.50", USD: "9.25" },
    ]);
    expect(stats.agents.map((a: any) => [a.name, a.fees, a.netRecovered])).toEqual([
      ["KakoBuy", { CNY: "17.50", USD: "1.00" }, { CNY: "182.50", USD: "9.25" }],
      ["CSSBuy", {}, { CNY: "30.00" }],
    ]);
    expect(stats.sellers.find((g: any) => g.name === "Lucky Store").netRecovered).toEqual({ CNY: "182.50", USD: "9.25" });
    expect(s.ok(["stats"])).toContain("Fees: 17.50 CNY, 1.00 USD; net recovered (refunds minus fees): 212.50 CNY, 9.25 USD");
    expect(s.ok(["undo"])).toBe("Undid the fee of 1.00 USD on case #2.\n");
    expect(s.json(["stats", "--json"]).fees).toEqual({ CNY: "17.50" });
  });

  /** refunds() with a fee, a withdrawal, a per-agent window and a spotted case, exported to a file. */
  function exportedMoney() {
    const s = refunds();
    s.ok(["fee", "1", "5", "--what", "service fee"]);
    s.ok(["withdraw", "KakoBuy", "150", "--currency", "CNY"]);
    s.ok(["config", "set", "return-window", "96", "--agent", "Mulebuy"]);
    s.ok(spotted("2026-11-19 08:00", { order: "MB-4", agent: "Mulebuy" }));
    const file = join(s.dir, "backup.json");
    s.ok(["export", "--out", file]);
    return { s, file, exported: JSON.parse(readFileSync(file, "utf8")) };
  }

  it("keeps balances, fees, withdrawals and spotted cases through export and import", () => {
    const { s, file, exported } = exportedMoney();
    expect(exported.version).toBe(2);
    expect(exported.withdrawals).toEqual([
      { id: 1, agent: "KakoBuy", currency: "CNY", amountMinor: 15000, untrackedMinor: 0, onDate: "2026-11-20", note: null, recordedAt: expect.any(String) },
    ]);
    expect(exported.settings).toMatchObject({ "refund-to@CSSBuy": "original", "return-window@Mulebuy": "96" });

    const other = sandbox("2026-11-20");
    expect(other.ok(["import", file])).toBe(
      `Imported 4 cases from ${file}.\nImported 1 withdrawal from agent balances.\n\`kakotrack undo\` removes this import.\n`,
    );
    for (const args of [["balance", "--json"], ["stats", "--json"], ["status", "--json"], ["show", "4", "--json"]]) {
      expect(other.ok(args), args.join(" ")).toBe(s.ok(args));
    }
    expect(other.json(["status", "--json"]).cases[0]).toMatchObject({ stage: "spotted", returnWindowClosesAt: "2026-11-23T08:00" });
    expect(other.ok(["export"]).replace(/"exportedAt": "[^"]+"/, "")).toBe(readFileSync(file, "utf8").replace(/"exportedAt": "[^"]+"/, ""));
    expect(other.ok(["import", file])).toContain("Imported 0 withdrawals from agent balances (1 already here, skipped).");
    expect(other.ok(["undo"])).toBe("Undid the import of 4 cases and 1 withdrawal.\n");
    expect(other.json(["balance", "--json"])).toEqual({ agents: [] });
  });

  it("still reads a version 1 export, and puts each case's money totals in the csv", () => {
    const { s, exported } = exportedMoney();
    // A version 1 file (before issue 16) is still read: no stock-in, destinations unknown.
    const { withdrawals: _, ...top } = exported;
    const v1Cases = exported.cases.filter((c: any) => c.stage !== "spotted").map(({ storedAt: _s, refundTo: _r, ...c }: any) => c);
    writeFileSync(join(s.dir, "v1.json"), JSON.stringify({ ...top, version: 1, cases: v1Cases }));
    const old = sandbox("2026-11-20");
    expect(old.ok(["import", join(s.dir, "v1.json")])).toContain("Imported 3 cases");
    expect(old.json(["show", "1", "--json"])).toMatchObject({ storedAt: null, refundTo: null, returnWindowClosesAt: null });
    expect(old.json(["balance", "--json"])).toEqual({ agents: [] });

    const csv = s.ok(["export", "--format", "csv"]).split("\r\n");
    expect(csv[0]!.endsWith(",stored_at,return_window_closes_at,refund_to,fees,net_recovered")).toBe(true);
    expect(csv[1]!.endsWith(",,,balance,5.00,195.00")).toBe(true);
    expect(csv[3]!.endsWith(",,,original,0.00,30.00")).toBe(true);
    expect(csv[4]).toMatch(/,MB-4,.*,,spotted,on-track,2026-11-23,,,,,2026-11-19T08:00,2026-11-23T08:00,,0.00,0.00$/);
  });
});
