import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATHS } from "../../src/domain/case/stages.js";
import { parseCsv } from "../../src/domain/transfer/csv.js";
import { openSqlite } from "../../src/store/open.js";
import { addArgs, BIN, sandbox, sharedDatabase, unfoldIcs } from "../helpers.js";

const TRICKY = {
  item: '夹克 "oversized", grey',
  description: 'stain on the sleeve,\nand a loose thread "here"\r\nthird line',
  seller: "Lucky, Store ☂",
};

// The cases a test starts from are made, and what the database holds is read back, in process
// (`okHere`, `jsonHere`); the commands a test is about run as processes of the built bin.

/** One case at every stage of every path, plus refused, escalated and closed ones, with tricky text. */
const everyStage = sharedDatabase(async (s) => {
  let n = 0;
  for (const [resolution, path] of Object.entries(PATHS)) {
    for (const stage of path) {
      n++;
      await s.okHere(addArgs({ ...TRICKY, order: `KB-${1000 + n}`, resolution, date: "2026-11-02" }), {
        now: "2026-11-02",
      });
      if (stage === "requested") continue;
      const amount = ["seller-offered", "agreed", "refunded"].includes(stage) ? ["--amount", "40.50"] : [];
      await s.okHere(
        ["advance", String(n), stage, "--date", "2026-11-06", "--note", 'note, with "quotes"', ...amount],
        { now: "2026-11-10" },
      );
    }
  }
  n++;
  await s.okHere(addArgs({ ...TRICKY, order: `KB-${1000 + n}`, resolution: "refund", date: "2026-11-02" }), {
    now: "2026-11-02",
  });
  await s.okHere(["refuse", String(n), "--date", "2026-11-04"], { now: "2026-11-10" });
  await s.okHere(["escalate", String(n), "--date", "2026-11-05"], { now: "2026-11-10" });
  n++;
  await s.okHere(
    addArgs({
      ...TRICKY,
      order: `KB-${1000 + n}`,
      item: "socks",
      date: "2026-11-02",
      evidence: "https://imgur.com/a/xyz",
    }),
    { now: "2026-11-02" },
  );
  await s.okHere(["close", String(n), "--outcome", "accepted-as-is", "--date", "2026-11-08"], { now: "2026-11-10" });
  await s.okHere(["config", "set", "due-soon", "4"]);
}, "2026-11-10");

const withoutStamp = (text: string) => text.replace(/"exportedAt": "[^"]*"/, "");
const bytes = (path: string) => readFileSync(path).toString("hex");

describe("json export and import", () => {
  it("round trips every stage, history and setting: export -> import -> export is the same", async () => {
    const a = await everyStage();
    const first = a.ok(["export", "--format", "json"]);
    const file = join(a.dir, "export.json");
    writeFileSync(file, first);
    const b = sandbox("2026-11-10");
    const out = b.ok(["import", file]);
    expect(out).toContain("Imported 18 cases");
    expect(withoutStamp(b.ok(["export"]))).toBe(withoutStamp(first));
    expect(b.json(["status", "--json"])).toEqual(a.json(["status", "--json"]));
    expect(b.ok(["config", "get", "due-soon"]).trim()).toBe("4");
    // The same file again adds nothing.
    expect(b.ok(["import", file])).toContain("Already here, skipped 18");
    expect(await b.jsonHere(["list", "--all", "--json"])).toHaveLength(18);
  });

  it("gives new ids when the file's are taken, prints the mapping, and undo removes the whole import", async () => {
    const a = sandbox("2026-11-10");
    await a.okHere(addArgs({ order: "KB-1", item: "cap" }));
    await a.okHere(addArgs({ order: "KB-2", item: "scarf" }));
    const file = join(a.dir, "export.json");
    await a.okHere(["export", "--out", file]);
    const b = sandbox("2026-11-10");
    await b.okHere(addArgs({ order: "KB-9", item: "belt" }));
    const out = b.ok(["import", file]);
    expect(out).toContain("renumbered: #1 -> #2, #2 -> #3");
    const imported = await b.jsonHere(["show", "3", "--json"]);
    expect([imported.item, imported.events[0].kind]).toEqual(["scarf", "opened"]);
    expect(b.ok(["undo"])).toContain("import of 2 cases");
    expect((await b.jsonHere(["list", "--all", "--json"])).map((c: any) => c.item)).toEqual(["belt"]);
  });

  it("rejects a bad file with exit 2 and one line, and writes nothing", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    const good = await s.jsonHere(["export"]);
    good.cases[0].orderNo = "KB-other";
    const files: Record<string, string> = {
      "not-json.json": "hello, I am a spreadsheet",
      "version.json": JSON.stringify({ ...good, version: 99 }),
      "truncated.json": JSON.stringify(good).slice(0, 200),
      "other.json": JSON.stringify({ cases: [] }),
      "bad-stage.json": JSON.stringify({ ...good, cases: [{ ...good.cases[0], stage: "teleported" }] }),
      "no-opening.json": JSON.stringify({ ...good, cases: [{ ...good.cases[0], events: [] }] }),
      "bad-setting.json": JSON.stringify({ ...good, settings: { calendar: "moon" } }),
    };
    const before = bytes(s.db);
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(s.dir, name), text);
      const r = s.run(["import", join(s.dir, name)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim().split("\n"), name).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(s.run(["import", join(s.dir, "absent.json")]).stderr).toContain("does not exist");
    expect(bytes(s.db)).toBe(before);
  });
});

describe("csv export and import", () => {
  it("writes one RFC 4180 row a case with stage, flag, due and amounts", async () => {
    const s = await everyStage();
    const text = s.ok(["export", "--format", "csv"]);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text, "x");
    expect(header!.fields.slice(0, 3)).toEqual(["id", "agent", "order"]);
    expect(rows).toHaveLength(18);
    const col = (name: string) => header!.fields.indexOf(name);
    const status = s.json(["status", "--json", "--as-of", "2026-11-10"]);
    for (const c of status.cases) {
      const row = rows.find((r) => r.fields[0] === String(c.id))!;
      expect([row.fields[col("stage")], row.fields[col("flag")], row.fields[col("due")]]).toEqual([
        c.stage,
        c.flag,
        c.due ?? "",
      ]);
      expect(row.fields[col("item")]).toBe(TRICKY.item);
      expect(row.fields[col("description")]).toBe(TRICKY.description);
      expect(row.fields[col("seller")]).toBe(TRICKY.seller);
    }
    const refunded = rows.find(
      (r) => r.fields[col("stage")] === "refunded" && r.fields[col("resolution")] === "refund",
    )!;
    expect([refunded.fields[col("outcome")], refunded.fields[col("refunded")], refunded.fields[col("flag")]]).toEqual([
      "refunded",
      "40.50",
      "closed",
    ]);
    expect(rows.find((r) => r.fields[col("stage")] === "seller-offered")!.fields[col("offer")]).toBe("40.50");
  });

  it("round trips the cases and their standing through kakotrack's CSV, noting what it leaves out", async () => {
    const a = await everyStage();
    const file = join(a.dir, "cases.csv");
    a.ok(["export", "--format", "csv", "--out", file]);
    const b = sandbox("2026-11-10");
    const r = b.run(["import", "--format", "csv", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Imported 18 cases");
    // Issue 26 item 1: the stages, refunds, offers and closings come back; history, evidence and notes do not.
    expect(r.stderr).toBe(
      "kakotrack: note: a CSV carries each case's standing (stages and their dates, refunds, fees total, offer, " +
        "outcome), not its history, evidence files or notes; `kakotrack export --format json` makes a full copy\n",
    );
    const noIds = (v: unknown) => JSON.parse(JSON.stringify(v), (k, x) => (k === "id" ? undefined : x));
    expect(noIds(b.json(["status", "--json", "--all"]))).toEqual(noIds(a.json(["status", "--json", "--all"])));
    const fields = [
      "agent",
      "order",
      "item",
      "url",
      "seller",
      "price",
      "currency",
      "defect",
      "description",
      "phase",
      "resolution",
      "payment",
      "opened_on",
      "stage",
      "flag",
      "due",
      "offer",
      "outcome",
      "refunded",
      "closed_on",
      "refund_to",
      "steps",
      "refunds",
    ];
    const pick = (text: string) => {
      const [header, ...rows] = parseCsv(text, "x");
      return rows.map((row) => fields.map((f) => row.fields[header!.fields.indexOf(f)]));
    };
    expect(pick(b.ok(["export", "--format", "csv"]))).toEqual(pick(readFileSync(file, "utf8")));
    expect(b.ok(["import", "--format", "csv", file])).toContain("Already here, skipped 18");
  });

  it("reports bad rows by line and imports nothing, or the good ones with --skip-invalid", async () => {
    const s = sandbox("2026-11-10");
    await s.okHere(addArgs({ order: "KB-0" }));
    const file = join(s.dir, "haul.csv");
    writeFileSync(
      file,
      [
        "order,item,defect,description,resolution,payment,price,opened_on,colour",
        'KB-1,"hoodie, grey",flaw,"stain\nnear the hem",exchange,paypal,129.00,2026-11-01,grey',
        "KB-2,cap,flaw,torn,exchange,paypal,12.345,2026-11-01,red",
        "KB-3,belt,scratch,torn,refund,card,,2026-11-01,",
        "KB-4,scarf,flaw,torn,refund,card,,2026-02-30,",
        "KB-5,only,three",
        "KB-6,socks,other,holes,partial-refund,balance,5,,",
      ].join("\n"),
    );
    const before = bytes(s.db);
    const r = s.run(["import", "--format", "csv", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown column ignored: colour");
    expect(r.stderr).toContain("line 4: column price");
    expect(r.stderr).toContain("line 5: column defect");
    expect(r.stderr).toContain("line 6: column opened_on");
    expect(r.stderr).toContain("line 7: 3 fields, the header has 9");
    expect(r.stderr).toContain("4 bad rows");
    expect(bytes(s.db)).toBe(before);
    const skipped = s.run(["import", "--format", "csv", "--skip-invalid", file]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain("Imported 2 cases");
    const cases = await s.jsonHere(["list", "--json"]);
    expect(cases.map((c: any) => [c.orderNo, c.item, c.description, c.openedOn])).toEqual([
      ["KB-0", "grey hoodie", "stain on the left sleeve", "2026-11-10"],
      ["KB-1", "hoodie, grey", "stain\nnear the hem", "2026-11-01"],
      ["KB-6", "socks", "holes", "2026-11-10"],
    ]);
  });

  it("names missing columns and unclosed quotes", () => {
    const s = sandbox();
    writeFileSync(join(s.dir, "a.csv"), "order,item\nKB-1,cap\n");
    expect(s.run(["import", "--format", "csv", join(s.dir, "a.csv")]).stderr).toContain(
      "has no column resolution (the header row needs order, item, resolution)",
    );
    writeFileSync(join(s.dir, "b.csv"), 'order,item,defect,description,resolution,payment\nKB-1,"cap,flaw\n');
    const r = s.run(["import", "--format", "csv", join(s.dir, "b.csv")]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("line 2: a quoted field is never closed")]);
  });
});

describe("ics export", () => {
  it("has one event per pending deadline with stable UIDs and folded lines", async () => {
    const s = sandbox("2026-11-10");
    await s.okHere(addArgs({ order: "KB-1001", item: "hoodie", date: "2026-11-02" }));
    await s.okHere(
      addArgs({ order: "KB-1002", item: "很长的商品名称".repeat(8), resolution: "refund", date: "2026-11-02" }),
    );
    await s.okHere(addArgs({ order: "KB-1003", item: "closed one", date: "2026-11-02" }));
    await s.okHere(["close", "3", "--outcome", "cancelled"]);
    const ics = s.ok(["export", "--format", "ics"]);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const unfolded = unfoldIcs(ics);
    const events = unfolded.split("BEGIN:VEVENT").slice(1);
    // exchange: review, seller, arrival, new QC, approval; refund: review, seller, refund
    expect(events).toHaveLength(8);
    for (const e of events)
      for (const p of ["UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "SUMMARY:", "END:VEVENT"]) expect(e).toContain(p);
    expect(unfolded).toContain("SUMMARY:KB-1001 hoodie: seller response due");
    expect(unfolded).toContain(`SUMMARY:KB-1002 ${"很长的商品名称".repeat(8)}: refund due`);
    expect(unfolded).not.toContain("closed one");
    const uids = (text: string) => [...text.replace(/\r\n /g, "").matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
    expect(new Set(uids(ics)).size).toBe(8);
    // Later, after a step: the remaining entries keep their UIDs.
    await s.okHere(["advance", "1", "agent-reviewed"]);
    const later = uids(s.ok(["export", "--format", "ics", "--as-of", "2026-11-12"]));
    expect(later).toHaveLength(7);
    for (const uid of later) expect(uids(ics)).toContain(uid);
  });
});

describe("stats", () => {
  it("counts outcomes, money, days to resolution and per-seller lateness", async () => {
    const s = sandbox("2026-11-30");
    // Lucky: a refund agreed on time and refunded (closed day 12); an exchange refused.
    await s.okHere(addArgs({ seller: "Lucky Store", resolution: "refund", date: "2026-11-02", order: "A" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"]);
    await s.okHere(["advance", "1", "seller-agreed", "--date", "2026-11-05"]);
    await s.okHere(["advance", "1", "refunded", "--date", "2026-11-14", "--amount", "129"]);
    await s.okHere(addArgs({ seller: "lucky store", date: "2026-11-02", order: "B" }));
    await s.okHere(["refuse", "2", "--date", "2026-11-04"]);
    // Slow Shop: a partial refund whose seller answered late, closed day 20; USD.
    await s.okHere(
      addArgs({
        seller: "Slow Shop",
        resolution: "partial-refund",
        currency: "USD",
        price: "50",
        date: "2026-11-02",
        order: "C",
      }),
    );
    await s.okHere(["advance", "3", "agent-reviewed", "--date", "2026-11-03"]);
    await s.okHere(["advance", "3", "seller-offered", "--date", "2026-11-13", "--amount", "10"]);
    await s.okHere(["close", "3", "--outcome", "partially-refunded", "--amount", "10.25", "--date", "2026-11-22"]);
    const stats = s.json(["stats", "--json"]);
    expect(stats.cases).toBe(3);
    expect(stats.byOutcome).toEqual({ refunded: 1, open: 1, "partially-refunded": 1 });
    expect(stats.refunded).toEqual({ CNY: "129.00", USD: "10.25" });
    expect(stats.daysToResolution).toEqual({
      refund: { closed: 1, median: 12, worst: 12 },
      "partial-refund": { closed: 1, median: 20, worst: 20 },
    });
    const lucky = stats.sellers.find((g: any) => g.name === "Lucky Store");
    expect([lucky.cases, lucky.refused, lucky.ranLate]).toEqual([2, 1, 0]);
    // Refund due 2026-11-20 (14 business days from 11-02), met 11-14; seller response: refund 11-05 and the refusal
    // 11-04.
    expect(lucky.deadlines["seller-response"]).toEqual({ judged: 2, onTime: 2, rate: 1 });
    expect(lucky.deadlines.refund).toEqual({ judged: 1, onTime: 1, rate: 1 });
    const slow = stats.sellers.find((g: any) => g.name === "Slow Shop");
    // Five business days from Monday 11-02 is 11-09; the offer came 11-13.
    expect([slow.cases, slow.ranLate, slow.deadlines["seller-response"]]).toEqual([
      1,
      1,
      { judged: 1, onTime: 0, rate: 0 },
    ]);
    expect(s.ok(["stats"])).toContain("Refunded: 129.00 CNY, 10.25 USD");
  });
});

describe("backup", () => {
  it("copies a consistent database while another process writes, owner-only, and refuses to overwrite", async () => {
    const s = sandbox("2026-11-10");
    await s.okHere(addArgs());
    // A writer adding cases one process after another until the stop file appears, so that it
    // writes for as long as the backups take, however fast the machine.
    const stop = join(s.dir, "stop");
    const add = JSON.stringify([BIN, ...addArgs({ order: "W", item: "x", description: "d" })]);
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const { execFileSync } = require("node:child_process"); const { existsSync } = require("node:fs");
        for (let i = 0; !existsSync(${JSON.stringify(stop)}); i++) execFileSync(process.execPath, ${add}.map((a) => (a === "W" ? "W-" + i : a)));`,
      ],
      {
        env: s.env(),
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const exited = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    const written = (path: string): number => {
      const db = openSqlite(path, { readonly: true });
      const n = db.prepare("SELECT count(*) FROM cases WHERE order_no LIKE 'W-%'").pluck().get() as number;
      db.close();
      return n;
    };
    while (written(s.db) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    // The writer's commits counted before and after each backup: a backup during which the count
    // grew ran while a commit landed, and its copy must hold a count from within that span.
    const backups: Array<{ copy: string; before: number; after: number }> = [];
    while (backups.filter((b) => b.after > b.before).length < 3 && backups.length < 100) {
      const copy = join(s.dir, `copy-${backups.length}.db`);
      const before = written(s.db);
      s.ok(["backup", copy]);
      backups.push({ copy, before, after: written(s.db) });
    }
    writeFileSync(stop, "");
    expect(await exited).toBe(0);
    expect(backups.filter((b) => b.after > b.before).length, JSON.stringify(backups)).toBe(3);
    for (const { copy, before, after } of backups) {
      const db = openSqlite(copy, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const orphans = db
        .prepare(
          "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.kind " +
            "= 'opened')",
        )
        .pluck()
        .get();
      expect(orphans).toBe(0);
      db.close();
      const inCopy = written(copy);
      expect(
        inCopy >= before && inCopy <= after,
        `${copy}: ${inCopy} cases from the writer, ${before} to ${after} in the live database`,
      ).toBe(true);
    }
    const first = backups[0]!.copy;
    expect(statSync(first).mode & 0o777).toBe(0o600);
    const again = s.run(["backup", first]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining("already exists")]);
    expect(s.run(["backup", first, "--force"]).code).toBe(0);
    // The copy is a working kakotrack database.
    expect(s.run(["list", "--all", "--json"], { env: { KAKOTRACK_DB: backups.at(-1)!.copy } }).code).toBe(0);
    expect(s.ok(["backup"])).toContain(`${s.db}.backup-2026-11-10`);
  });
});
