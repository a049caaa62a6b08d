import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 26: nothing lost on the way in or out (items 2 to 8).

describe("csv cells a spreadsheet would run (issue 26 item 2)", () => {
  it("writes formula-like cells with a leading quote and reads them back as they were", async () => {
    const s = sandbox();
    const texts = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tindent", "'=quoted already"];
    for (const [i, text] of texts.entries()) {
      await s.okHere(addArgs({ order: `KB-${i}`, item: text, description: text }));
    }
    const out = join(s.dir, "cases.csv");
    s.ok(["export", "--format", "csv", "--out", out]);
    const csv = readFileSync(out, "utf8");
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    expect(csv).toContain(",'+1+2,");
    expect(csv).toContain(",'-2+3,");
    expect(csv).toContain(",'@SUM(A1),");
    expect(csv).toContain("''=quoted already");
    expect(csv).not.toMatch(/,[=+@]/);
    const t = sandbox();
    t.ok(["import", out]);
    const items = t.json(["list", "--json"]).map((c: { item: string; description: string }) => c.item);
    expect(items).toEqual(texts);
  });

  it("leaves plain numbers as numbers", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    await s.okHere(["fee", "1", "5", "--what", "shipping"]);
    const csv = s.ok(["export", "--format", "csv"]);
    expect(csv).toMatch(/,5\.00,-5\.00,,,,,,\r\n$/);
  });
});

describe("names that match (issue 26 item 3)", () => {
  it("refuses a duplicate whose order or item differ only in case and spaces", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ item: "grey hoodie" }));
    const variants: Record<string, string>[] = [
      { order: "KB-1001 " },
      { order: "kb-1001", item: "Grey  Hoodie" },
      { agent: "Kako Buy" },
    ];
    for (const variant of variants) {
      const r = s.run(addArgs(variant));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "kakotrack: case #1 is already open for this agent, order and item; add to it (`kakotrack note 1`, " +
          "`kakotrack evidence 1`), or add --allow-duplicate for a second case\n",
      );
    }
    expect(s.run(addArgs({ item: "grey hoodie", order: "KB-1002" })).code).toBe(0);
  });

  it("knows an agent ignoring case, spaces and hyphens, and groups stats and balance under it", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ agent: "Kako Buy", order: "A1" }));
    await s.okHere(addArgs({ agent: "kako-buy", order: "A2", resolution: "refund" }));
    await s.okHere(["close", "2", "--outcome", "refunded", "--amount", "20", "--to", "balance"]);
    expect(s.ok(["withdraw", "KAKOBUY", "5"])).toContain("from KakoBuy");
    const agents = s.json(["list", "--all", "--json"]).map((c: { agent: string }) => c.agent);
    expect(agents).toEqual(["KakoBuy", "KakoBuy"]);
    const stats = s.json(["stats", "--json"]);
    expect(stats.agents.map((g: { name: string; cases: number }) => [g.name, g.cases])).toEqual([["KakoBuy", 2]]);
    const balance = s.json(["balance", "--json"]);
    expect(JSON.stringify(balance)).not.toContain("Kako Buy");
    expect(s.ok(["balance"]).match(/KakoBuy/g)?.length).toBeGreaterThan(0);
    s.ok(["config", "set", "return-window", "96", "--agent", "kako buy"]);
    expect(s.ok(["config", "get", "return-window", "--agent", "KakoBuy"])).toBe("96\n");
    expect(s.ok(["config", "list"])).toContain("return-window@KakoBuy");
  });

  it("hints at the known agent an unknown name is close to", () => {
    const s = sandbox();
    const r = s.run(addArgs({ agent: "Kakobuyy" }));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'kakotrack: note: "Kakobuyy" is not an agent kakotrack knows; if you meant KakoBuy: `kakotrack edit 1 ' +
        "--agent KakoBuy`\n",
    );
    expect(s.run(addArgs({ agent: "Taobao Direct", order: "X" })).stderr).toBe("");
  });
});

describe("currency changes never silent (issue 26 item 4)", () => {
  it("refuses --currency on a case with amounts unless --relabel, naming only the flags given", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ price: "129.50", resolution: "partial-refund" }));
    await s.okHere(["advance", "1", "seller-offered", "--amount", "40"]);
    await s.okHere(["fee", "1", "5", "--what", "return shipping"]);
    const refused = s.run(["edit", "1", "--currency", "USD"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "kakotrack: case #1 has amounts in CNY (price 129.50 CNY, offer 40.00 CNY, a fee); --currency USD would " +
        "relabel them as USD without converting: add --relabel if they were typed in the wrong currency, else leave the " +
        "currency\n",
    );
    const jpy = s.run(["edit", "1", "--currency", "JPY", "--relabel"]);
    expect(jpy.code).toBe(2);
    expect(jpy.stderr).not.toContain("--price");
    expect(jpy.stderr).toBe(
      "kakotrack: --relabel keeps the amounts' digits, but CNY has 2 decimals and JPY 0; record the case again in " +
        "JPY (`kakotrack rm 1`, then `kakotrack add`)\n",
    );
    expect(s.ok(["edit", "1", "--currency", "USD", "--relabel"])).toBe("Edited case #1: currency: CNY → USD.\n");
    expect(s.json(["show", "1", "--json"]).price).toBe("129.50");
  });

  it("changes the currency of a case without amounts, or with the price typed again", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ price: "" }));
    expect(s.ok(["edit", "1", "--currency", "JPY"])).toBe("Edited case #1: currency: CNY → JPY.\n");
    await s.okHere(addArgs({ order: "KB-2" }));
    expect(s.ok(["edit", "2", "--currency", "JPY", "--price", "2500"])).toBe(
      "Edited case #2: price: 129.00 → 2500; currency: CNY → JPY.\n",
    );
  });
});

describe("errors that explain (issue 26 item 5)", () => {
  it("says what is wrong with a date, an amount, an id and a setting, about what was typed first", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs());
    const refusals: Array<[string[], string]> = [
      [addArgs({ order: "X", date: "2026-02-30" }), "--date 2026-02-30: February 2026 has 28 days"],
      [["status", "--as-of", "2026-13-01"], "--as-of 2026-13-01: there is no month 13 (months are 01 to 12)"],
      [addArgs({ order: "X", price: "139.505" }), "--price 139.505: at most 2 decimals in CNY"],
      [
        addArgs({ order: "X", price: "99999999999999999" }),
        "--price 99999999999999999: too large (at most 999999999999.99 CNY)",
      ],
      [addArgs({ order: "X", price: "12.5", currency: "JPY" }), "--price 12.5: JPY has no decimals"],
      [["fee", "1", "-3"], "fee -3: negative; give the amount without a sign"],
      [["fee", "1", "5"], 'missing --what (what the fee paid for, e.g. --what "return shipping")'],
      [
        ["config", "set", "return-window", "5d"],
        "return-window 5d: give hours, a whole number from 1 to 8760, e.g. 120 for five days",
      ],
      [["show", "#0"], '"#0" is not a case id (ids are whole numbers like 3 or #3; run `kakotrack list` to see them)'],
    ];
    for (const [args, line] of refusals) {
      const r = await s.runHere(args);
      expect([r.code, r.stderr], args.join(" ")).toEqual([2, `kakotrack: ${line}\n`]);
    }
    expect(s.run(["fee", "1", "139.505"]).stderr).toBe("kakotrack: fee 139.505: at most 2 decimals in CNY\n");
  });

  it("takes #2 wherever it takes 2", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    expect(s.ok(["show", "#1"])).toContain("KB-1001");
    expect(s.ok(["note", "#1", "seller on holiday"])).toContain("#1");
    expect(s.ok(["advance", "#1"])).toContain("Case #1: requested → agent-reviewed");
  });

  it("takes --stored in the words --date takes, with a time", () => {
    const s = sandbox("2026-11-20T16:00");
    s.ok([...addArgs({ stored: "yesterday 14:00" }), "--stage", "spotted"]);
    s.ok([...addArgs({ order: "KB-2", stored: "mon 9:30" }), "--stage", "spotted"]);
    const stored = s.json(["list", "--json"]).map((c: { storedAt: string }) => c.storedAt);
    expect(stored).toEqual(["2026-11-19T14:00", "2026-11-16T09:30"]);
    const r = s.run([...addArgs({ order: "KB-3", stored: "2026-02-29 10:00" }), "--stage", "spotted"]);
    expect(r.stderr).toBe("kakotrack: --stored 2026-02-29: February 2026 has 28 days\n");
  });
});

describe("screens keep what you quote (issue 26 item 7)", () => {
  it("show wraps a long description to the width and prints it whole in a pipe", async () => {
    const s = sandbox();
    const description = `${"loose thread ".repeat(1500)}end`;
    await s.okHere(addArgs({ description }));
    const wrapped = s.ok(["show", "1"], { env: { COLUMNS: "72" } });
    for (const line of wrapped.split("\n")) if (!/[┌│└├▲●]/.test(line)) expect(line.length).toBeLessThanOrEqual(72);
    const defect = wrapped.slice(wrapped.indexOf("  defect"), wrapped.indexOf("  phase"));
    expect(defect.replace(/\n {15}/g, " ").trim()).toBe(`defect       flaw: ${description}`);
    const piped = s.ok(["show", "1"]);
    expect(piped).toContain(`  defect       flaw: ${description}\n`);
  });
});

describe("words (issue 26 item 8)", () => {
  it("drafts name the item with an article, keeping one the buyer typed", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ date: "2026-11-02" }));
    await s.okHere(addArgs({ order: "KB-2", item: "lamp", defect: "damage", phase: "shipped", date: "2026-11-02" }));
    await s.okHere(addArgs({ order: "KB-3", item: "my jacket", date: "2026-11-02" }));
    expect(s.ok(["message", "1", "--kind", "follow-up"])).toContain("about the grey hoodie (a flaw)");
    expect(s.ok(["message", "2", "--kind", "request"])).toContain("I found damage on the lamp.");
    expect(s.ok(["message", "3", "--kind", "escalation"])).toContain("my request about my jacket: a flaw.");
  });

  it("prints no placeholder where the id is known", () => {
    const s = sandbox();
    const out = s.ok(addArgs({ phase: "shipped" }));
    expect(out).toContain("kakotrack close 1 --outcome accepted-as-is");
    expect(out).toContain("kakotrack edit 1 --resolution partial-refund");
    expect(out).not.toMatch(/<[a-z ]+>/);
    expect(s.ok(["show", "1"])).not.toMatch(/<[a-z ]+>/);
  });

  it("gives an evidence file one name throughout the claim packet", async () => {
    const s = sandbox();
    const photo = join(s.dir, "qc stain <b>&.png");
    writeFileSync(photo, "png bytes");
    await s.okHere([...addArgs(), "--evidence", photo]);
    const out = join(s.dir, "packet");
    s.ok(["packet", "1", "--out", out]);
    const md = readFileSync(join(out, "dossier.md"), "utf8");
    expect(readdirSync(join(out, "evidence"))).toEqual(["qc stain _b_&.png"]);
    expect(md).not.toContain("<b>");
    expect(md).not.toContain("&lt;b&gt;");
    expect(md.match(/qc stain _b_&(amp;)?\.png/g)!.length).toBeGreaterThanOrEqual(3); // history, evidence, message
  });

  it("balance's sentence is true when nothing was refunded into a balance", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ resolution: "refund" }));
    // A refund of 0.00 records nothing (issue 24); money taken out that no refund brought is said so.
    expect(s.run(["close", "1", "--outcome", "refunded", "--amount", "0", "--to", "balance"]).code).toBe(2);
    await s.okHere(["withdraw", "KakoBuy", "5", "--force"]);
    const out = s.ok(["balance"]);
    expect(out).toContain(
      "Nothing held: no refund went into a balance; the withdrawals took money that came in another way.\n",
    );
    expect(out).not.toContain("every refund into a balance has been withdrawn");
  });
});
