import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADD_MISSING_FLAGS, addArgs, BIN, type Sandbox, sandbox } from "../helpers.js";
import { runOnTerminal } from "../terminal.js";

// The README's promise, walked through as a buyer would: three real-looking cases moved along
// over several days, with status asked each day. Expected dates are worked out by hand from
// China's 2026 calendar (Spring Festival 15-23 Feb with make-up Saturdays 14 and 28 Feb;
// Mid-Autumn 25-27 Sep; National Day 1-7 Oct with make-up Saturday 10 Oct).

// The steps whose output a test does not read are recorded, and the case's standing on a day is
// read back, in process (`okHere`, `jsonHere`); what the buyer is shown runs as processes.

async function caseOn(s: Sandbox, asOf: string, id: number) {
  const out = await s.jsonHere(["status", "--json", "--all", "--as-of", asOf], { now: asOf });
  return out.cases.find((c: any) => c.id === id);
}

describe("a buyer's three cases, day by day", () => {
  it("a refund across the Spring Festival", async () => {
    const s = sandbox("2026-02-12");
    const added = s.ok(
      addArgs({
        order: "KB-2002",
        item: "jeans",
        resolution: "refund",
        payment: "card",
        price: "159",
        date: "2026-02-12",
      }),
    );
    expect(added).toContain("Recorded case #1: KB-2002 jeans (refund, 159.00 CNY), opened 2026-02-12.");
    expect(await caseOn(s, "2026-02-13", 1)).toMatchObject({
      flag: "due-soon",
      due: "2026-02-14",
      reasons: ["agent review due tomorrow (2026-02-14)"],
    });
    await s.okHere(["advance", "1", "--date", "2026-02-13"], { now: "2026-02-13" }); // the next stage: agent-reviewed
    // Five business days: 13, 14 (make-up Saturday), then 24, 25, 26 after the holiday.
    expect(await caseOn(s, "2026-02-20", 1)).toMatchObject({
      stage: "agent-reviewed",
      flag: "on-track",
      due: "2026-02-26",
      reasons: [],
    });
    expect(await caseOn(s, "2026-02-25", 1)).toMatchObject({
      flag: "due-soon",
      reasons: ["seller response due tomorrow (2026-02-26)"],
    });
    expect(await caseOn(s, "2026-02-27", 1)).toMatchObject({
      flag: "overdue",
      reasons: ["seller response overdue by 1 business day (due 2026-02-26)"],
    });
    expect(s.run(["status", "--check", "--as-of", "2026-02-27"], { now: "2026-02-27" }).code).toBe(1);
    await s.okHere(["advance", "1", "seller-agreed", "--date", "2026-02-27"], { now: "2026-02-27" });
    await s.okHere(["advance", "1", "returned", "--date", "2026-03-02"], { now: "2026-03-02" });
    // Fourteen business days from day 0 end on 10 March (28 Feb is a working Saturday).
    expect(await caseOn(s, "2026-03-09", 1)).toMatchObject({
      flag: "due-soon",
      due: "2026-03-10",
      reasons: ["refund due tomorrow (2026-03-10)"],
    });
    expect(await caseOn(s, "2026-03-12", 1)).toMatchObject({
      flag: "overdue",
      reasons: ["refund past 14 business days, overdue by 2 business days (due 2026-03-10)"],
    });
    const refunded = s.ok(["advance", "1", "--date", "2026-03-12"], { now: "2026-03-12" });
    expect(refunded).toContain(
      "returned → refunded on 2026-03-12 (159.00 CNY: the price paid; --amount for another amount).",
    );
    expect(refunded).toContain("Closed as refunded.");
    expect(await caseOn(s, "2026-03-12", 1)).toMatchObject({
      flag: "closed",
      due: null,
      outcome: "refunded",
      reasons: [],
    });
    expect(s.json(["status", "--json"], { now: "2026-03-12" }).cases).toEqual([]);
    // With the weekdays calendar the seller's five business days end on Thursday 19 February.
    await s.okHere(["undo"], { now: "2026-03-12" });
    await s.okHere(["config", "set", "calendar", "weekdays"]);
    expect(await caseOn(s, "2026-02-18", 1)).toMatchObject({ stage: "returned", due: "2026-03-04" });
  });

  it("an exchange over National Day: the break (1-7 October) is not counted (issue 25)", async () => {
    const s = sandbox("2026-09-28");
    await s.okHere(addArgs({ order: "KB-2001", item: "hoodie", date: "2026-09-28" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-09-29"], { now: "2026-09-29" });
    // Seller response day 7: 29-30 September, then 8-12 October.
    expect(await caseOn(s, "2026-10-06", 1)).toMatchObject({ flag: "on-track", due: "2026-10-12", reasons: [] });
    await s.okHere(["advance", "1", "seller-confirmed", "--date", "2026-10-08", "--note", "seller back from holiday"], {
      now: "2026-10-08",
    });
    expect(await caseOn(s, "2026-10-17", 1)).toMatchObject({
      flag: "due-soon",
      due: "2026-10-19",
      reasons: ["replacement arrival due in 2 days (2026-10-19)"],
    });
    await s.okHere(["advance", "1", "--date", "2026-10-12"], { now: "2026-10-12" });
    await s.okHere(["advance", "1", "--date", "2026-10-14"], { now: "2026-10-14" });
    expect(await caseOn(s, "2026-10-21", 1)).toMatchObject({
      stage: "new-qc",
      flag: "action",
      reasons: [
        "review the replacement's QC photos, then approve it or ask again",
        "approval of the replacement due in 2 days (2026-10-23)",
      ],
    });
    expect(s.ok(["advance", "1", "--date", "2026-10-15"], { now: "2026-10-15" })).toContain("Closed as exchanged.");
    const shown = await s.jsonHere(["show", "1", "--json"], { now: "2026-10-15" });
    expect(shown.events.map((e: any) => [e.kind, e.stage, e.on])).toEqual([
      ["opened", "requested", "2026-09-28"],
      ["stage", "agent-reviewed", "2026-09-29"],
      ["stage", "seller-confirmed", "2026-10-08"],
      ["stage", "replacement-arrived", "2026-10-12"],
      ["stage", "new-qc", "2026-10-14"],
      ["stage", "approved", "2026-10-15"],
    ]);
    expect(shown.events[2].note).toBe("seller back from holiday");
  });

  it("a partial refund opened on a holiday, with an offer and a make-up Saturday", async () => {
    const s = sandbox("2026-09-25");
    await s.okHere(
      addArgs({ order: "KB-2003", item: "coat", resolution: "partial-refund", price: "400", date: "2026-09-25" }),
    );
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-09-26"], { now: "2026-09-26" });
    // Business days after 25 Sep: 28, 29, 30 Sep, then 8, 9 Oct.
    expect(await caseOn(s, "2026-10-08", 1)).toMatchObject({ flag: "due-soon", due: "2026-10-09" });
    // Saturday 10 Oct is a working day, so the seller is one business day late.
    expect(await caseOn(s, "2026-10-10", 1)).toMatchObject({
      flag: "overdue",
      reasons: ["seller response overdue by 1 business day (due 2026-10-09)"],
    });
    await s.okHere(["advance", "1", "seller-offered", "--amount", "40", "--date", "2026-10-10"], { now: "2026-10-10" });
    expect(await caseOn(s, "2026-10-10", 1)).toMatchObject({
      flag: "action",
      reasons: ["the seller made an offer: accept it or counter"],
    });
    expect((await s.jsonHere(["show", "1", "--json"], { now: "2026-10-10" })).offer).toBe("40.00");
    await s.okHere(["advance", "1", "agreed", "--date", "2026-10-12"], { now: "2026-10-12" });
    expect(await caseOn(s, "2026-10-20", 1)).toMatchObject({
      flag: "due-soon",
      due: "2026-10-21",
      reasons: ["refund due tomorrow (2026-10-21)"],
    });
    expect(s.ok(["advance", "1", "--date", "2026-10-21"], { now: "2026-10-21" })).toContain("(40.00 CNY)");
    expect(await s.jsonHere(["show", "1", "--json"], { now: "2026-10-21" })).toMatchObject({
      outcome: "partially-refunded",
      refunded: "40.00",
      closedOn: "2026-10-21",
    });
  });
});

describe("core commands", () => {
  it("add --yes names every missing flag; without a terminal it never prompts", async () => {
    const s = sandbox();
    const r = s.run(["add", "--order", "KB-1"]);
    expect([r.code, r.stderr]).toEqual([2, `kakotrack: ${ADD_MISSING_FLAGS}\n`]);
    expect(await s.jsonHere(["list", "--all", "--json"])).toEqual([]);
  });

  it("status: table with a summary, --limit, --all, no colour in a pipe, and an empty database", async () => {
    const s = sandbox("2026-11-20");
    expect(s.ok(["status"])).toBe("No open cases. Record one with `kakotrack add`.\n");
    for (let i = 1; i <= 3; i++) await s.okHere(addArgs({ order: `KB-${i}`, date: `2026-11-1${i}` }));
    await s.okHere(["close", "3", "--outcome", "cancelled"]);
    const table = s.ok(["status", "--limit", "1"]);
    expect(table).toContain("│ #1 │ KB-1");
    expect(table).not.toContain("#2");
    expect(table).toContain("2 open: 2 overdue, 0 need action, 0 due soon, 0 on track (as of 2026-11-20)");
    expect(table).toContain("Showing the 1 most urgent; 1 more (--limit 0 shows all).");
    expect(table).not.toMatch(/\u001b\[/);
    expect(s.ok(["status", "--all"])).toContain("cancelled");
    const colour = s.run(["status"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(colour.stdout).not.toMatch(/\u001b\[/); // not a terminal: plain
  });

  // util-linux `script` gives the command a terminal; chalk is loaded only for coloured output.
  it.runIf(existsSync("/usr/bin/script"))(
    "status and show colour a terminal's output, unless NO_COLOR or --no-color",
    async () => {
      const s = sandbox("2026-11-20");
      await s.okHere(addArgs({ order: "KB-1", date: "2026-11-02" }));
      const onTerminal = async (args: string[], env: Record<string, string> = {}): Promise<string> => {
        const r = await runOnTerminal(s, args, [], env);
        expect(r.code).toBe(0);
        return r.raw;
      };
      const table = await onTerminal(["status"]);
      expect(table).toContain("\u001b[1mid"); // bold header
      expect(table).toContain("\u001b[31m\u001b[1moverdue"); // red, bold flag
      expect(await onTerminal(["show", "1"])).toMatch(/\u001b\[/);
      expect(await onTerminal(["status"], { NO_COLOR: "1" })).not.toMatch(/\u001b\[/);
      expect(await onTerminal(["--no-color", "status"])).not.toMatch(/\u001b\[/);
    },
  );

  // The buyer's first step: `add` asking on a terminal, Ctrl-C half-way, then resuming.
  it.runIf(existsSync("/usr/bin/script"))(
    "add asks on a terminal; Ctrl-C keeps a draft that the next add resumes",
    async () => {
      const s = sandbox("2026-11-20");
      const addOnTerminal = (answers: Array<[prompt: string, keys: string]>) => runOnTerminal(s, ["add"], answers);
      const first = await addOnTerminal([
        ["Agent", "\r"],
        ["order number", "KB-77\r"],
        ["Item", "wool coat\r"],
        ["URL", "\r"],
        ["Seller", "Lucky Store\r"],
        ["Currency", "\r"],
        ["Price", "\u0003"], // Ctrl-C
      ]);
      expect(first.code).toBe(130);
      expect(first.output).toContain(
        "kakotrack: interrupted: the case was not stored; what you typed is kept, and the next `kakotrack add` " +
          "offers it",
      );
      expect(await s.jsonHere(["list", "--json"])).toEqual([]);

      const enter = (prompt: string): [string, string] => [prompt, "\r"];
      const second = await addOnTerminal([
        enter("Resume KB-77 wool coat"),
        // The answered fields are not asked again (issue 18).
        ["Price", "129\r"],
        enter("Defect"),
        ["your words", "stain on the sleeve\r"],
        ...[
          "Where is",
          "Stored in",
          "What do you want",
          "Paid with",
          "already sent",
          "submitted on",
          "Note",
          "Evidence",
        ].map(enter),
      ]);
      expect(second.code).toBe(0);
      expect(second.output).toContain("Recorded case #1: KB-77 wool coat (exchange, 129.00 CNY), opened 2026-11-20.");
      const stored = await s.jsonHere(["show", "1", "--json"]);
      expect([stored.agent, stored.orderNo, stored.item, stored.seller, stored.resolution]).toEqual([
        "KakoBuy",
        "KB-77",
        "wool coat",
        "Lucky Store",
        "exchange",
      ]);
    },
  );

  it("show, list, close, note and config work end to end", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ order: "KB-1", seller: "Lucky Store", date: "2026-11-18" }));
    await s.okHere(addArgs({ order: "KB-2", seller: "Other", agent: "CSSBuy", date: "2026-11-19" }));
    s.ok(["note", "1", "agent says the seller is on holiday"]);
    expect(s.ok(["show", "1"])).toContain("agent says the seller is on holiday");
    expect(s.json(["list", "--json", "--agent", "cssbuy"]).map((c: any) => c.orderNo)).toEqual(["KB-2"]);
    expect(s.ok(["list", "--seller", "luckystore"])).toContain("KB-1");
    expect(s.ok(["close", "2", "--outcome", "accepted-as-is", "--note", "minor"])).toContain(
      "Closed case #2 as accepted-as-is on 2026-11-20.",
    );
    expect(s.json(["list", "--closed", "--json"]).map((c: any) => c.outcome)).toEqual(["accepted-as-is"]);
    expect(s.ok(["config", "get", "due-soon"])).toBe("2\n");
    s.ok(["config", "set", "due-soon", "5"]);
    expect(s.ok(["config", "list"])).toMatch(/│ due-soon +│ 5 +│ calendar days ahead/);
    expect(s.run(["config", "set", "colour", "red"]).code).toBe(2);
    expect(s.ok(["--version"]).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(s.ok(["--help"])).toContain("Exit codes:");
  });

  it("advance refuses what is not on the path, dates out of order, and closed cases, changing nothing", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ date: "2026-11-10" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-12"]);
    const before = await s.okHere(["show", "1", "--json"]);
    const cases: Array<[string[], RegExp]> = [
      [["advance", "1", "refunded"], /not on the exchange path|exchange/],
      [["advance", "1", "seller-confirmed", "--date", "2026-11-11"], /before/],
      [["advance", "1", "seller-confirmed", "--date", "2026-11-21"], /future/],
      [["advance", "2"], /no case #2/],
      [["advance", "1", "seller-confirmed", "--amount", "5"], /--amount applies only/],
    ];
    for (const [args, message] of cases) {
      const r = s.run(args);
      expect([r.code, r.stderr], args.join(" ")).toEqual([2, expect.stringMatching(message)]);
    }
    expect(await s.okHere(["show", "1", "--json"])).toBe(before);
  });

  it("says once on stderr when a deadline is counted through a provisional year", async () => {
    const s = sandbox("2026-12-20");
    await s.okHere(addArgs({ resolution: "refund", date: "2026-12-20" }));
    const r = s.run(["status", "--json"]);
    expect(r.code).toBe(0);
    expect(
      r.stderr.match(/business days and holiday breaks in 2027 are counted on a provisional calendar/g),
    ).toHaveLength(1);
    expect(JSON.parse(r.stdout).cases[0].due).toBe("2026-12-22");
  });

  it("writes the same output to a file, /dev/null or a pipe, and exit codes do not depend on it", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ date: "2026-11-01" }));
    const env = s.env();
    for (const args of [["status"], ["status", "--json"], ["--help"], ["show", "1"]]) {
      const file = join(s.dir, "out.txt");
      const fd = openSync(file, "w");
      const r = spawnSync(process.execPath, [BIN, ...args], { env, stdio: ["ignore", fd, "pipe"] });
      closeSync(fd);
      expect(r.status, args.join(" ")).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(s.ok(args));
    }
    const devNull = openSync("/dev/null", "w");
    const check = spawnSync(process.execPath, [BIN, "status", "--check"], { env, stdio: ["ignore", devNull, "pipe"] });
    const missing = spawnSync(process.execPath, [BIN, "show", "9"], {
      env,
      stdio: ["ignore", devNull, "pipe"],
      encoding: "utf8",
    });
    closeSync(devNull);
    expect(check.status).toBe(1);
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringContaining("no case #9")]);
  });
});
