import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 24 item 4 end to end: every refund is a record that balances, stats and show count, that
// reopen keeps and undo takes back one at a time; a refund needs an amount.

describe("refunds", () => {
  it("a second refund adds to the first: a partial refund withdrawn, reopened, refunded again", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ resolution: "partial-refund", payment: "balance", date: "2026-11-02" }));
    await s.okHere(["advance", "1", "seller-offered", "--amount", "30", "--date", "2026-11-05"]);
    await s.okHere(["advance", "1", "agreed", "--date", "2026-11-06"]);
    await s.okHere(["advance", "1", "refunded", "--to", "balance", "--date", "2026-11-10"]);
    await s.okHere(["withdraw", "KakoBuy", "30", "--date", "2026-11-12"]);
    expect(s.ok(["reopen", "1"], { now: "2026-11-13" })).toBe(
      "Reopened case #1 at agreed (it was partially-refunded on 2026-11-10). Its refunds stay recorded (30.00 CNY " +
        "in all). `kakotrack undo` reverts this.\n",
    );
    expect(s.ok(["advance", "1", "refunded", "--amount", "20", "--to", "balance", "--date", "2026-11-18"])).toContain(
      "Case #1: agreed → refunded on 2026-11-18 (20.00 CNY).\nClosed as partially-refunded.\n",
    );
    expect(s.json(["balance", "--json"])).toEqual({
      agents: [{ agent: "KakoBuy", currency: "CNY", refundedToBalance: "50.00", withdrawn: "30.00", held: "20.00" }],
    });
    expect(s.ok(["stats"])).toContain("Refunded: 50.00 CNY\n");
    const shown = s.json(["show", "1", "--json"]);
    expect(shown).toMatchObject({
      refunded: "50.00",
      refundTo: "balance",
      refunds: [
        { amount: "30.00", on: "2026-11-10", to: "balance" },
        { amount: "20.00", on: "2026-11-18", to: "balance" },
      ],
    });
    const text = s.ok(["show", "1"]);
    expect(text).toContain("outcome      partially-refunded on 2026-11-18, 50.00 CNY refunded in all (Refunds below)");
    expect(text).toContain(
      "Refunds\n  2026-11-10  30.00 CNY  to the agent balance\n  2026-11-18  20.00 CNY  to the agent balance\n  " +
        "total 50.00 CNY\n",
    );
    // Undo takes back the last refund only; the first stays whatever the stage does.
    expect(s.ok(["undo"])).toBe("Undid the advance of case #1 (agreed → refunded).\n");
    expect((await s.jsonHere(["balance", "--json"])).agents[0]).toMatchObject({ refundedToBalance: "30.00" });
    expect((await s.jsonHere(["show", "1", "--json"])).refunds).toEqual([
      { amount: "30.00", on: "2026-11-10", to: "balance" },
    ]);
  });

  it("a reopened case closes again on the refunds it had unless --amount adds one", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ resolution: "refund", date: "2026-11-02" }));
    await s.okHere(["advance", "1", "refunded", "--date", "2026-11-10"]); // the price, 129.00
    await s.okHere(["reopen", "1", "--note", "checking the parcel"], { now: "2026-11-12" });
    expect(s.ok(["advance", "1", "refunded"])).toBe(
      "Case #1: requested → refunded on 2026-11-20 (no further refund; --amount records one).\nClosed as refunded.\n",
    );
    expect(await s.jsonHere(["show", "1", "--json"])).toMatchObject({ refunded: "129.00", outcome: "refunded" });
    expect((await s.jsonHere(["show", "1", "--json"])).refunds).toHaveLength(1);
  });

  it("records money outside the path on open and closed cases, without moving the stage; undo removes it", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ date: "2026-11-02" })); // an exchange
    await s.okHere(addArgs({ order: "KB-2", resolution: "refund", date: "2026-11-02" }));
    await s.okHere(["close", "1", "--outcome", "exchanged", "--date", "2026-11-15"]);
    expect(s.ok(["refund", "1", "15", "--note", "compensation for the delay", "--date", "2026-11-16"])).toBe(
      "Recorded a refund of 15.00 CNY on case #1 on 2026-11-16.\n" +
        "Refunded to the agent balance (`kakotrack balance` shows what is held; `kakotrack withdraw` records " +
        "taking it out).\n",
    );
    expect(s.ok(["refund", "2", "10", "--to", "original"])).toBe(
      "Recorded a refund of 10.00 CNY on case #2 on 2026-11-20.\nRefunded to the original payment.\n" +
        "Case #2 stays at requested; `kakotrack advance 2 refunded` records the refund that ends it.\n",
    );
    expect(await s.jsonHere(["show", "2", "--json"])).toMatchObject({
      stage: "requested",
      outcome: null,
      refunded: "10.00",
    });
    expect(await s.jsonHere(["show", "1", "--json"])).toMatchObject({ outcome: "exchanged", refunded: "15.00" });
    const stats = await s.jsonHere(["stats", "--json"]);
    expect([stats.refunded, stats.netRecovered]).toEqual([{ CNY: "25.00" }, { CNY: "25.00" }]);
    expect((await s.jsonHere(["stats", "--json", "--as-of", "2026-11-17"])).refunded).toEqual({ CNY: "15.00" });
    // The case's refunds together may not pass the price (129.00) unless forced.
    const tooMuch = s.run(["refund", "2", "120"]);
    expect([tooMuch.code, tooMuch.stderr]).toEqual([
      2,
      "kakotrack: 120.00 CNY with the 10.00 CNY refunded before is more than the 129.00 CNY paid; check the " +
        "amount, or add --force for a refund that includes shipping\n",
    ]);
    expect(s.ok(["undo"])).toBe("Undid the refund of 10.00 CNY on case #2.\n");
    expect((await s.jsonHere(["show", "2", "--json"])).refunds).toEqual([]);
    expect((await s.jsonHere(["balance", "--json"])).agents[0]).toMatchObject({ refundedToBalance: "15.00" });
  });

  it(
    "refuses a refund without an amount to default to, or of 0, naming --amount; a full refund says it took the " +
      "price",
    async () => {
      const s = sandbox("2026-11-20");
      const noPrice = addArgs({ resolution: "refund", date: "2026-11-02" });
      noPrice.splice(noPrice.indexOf("--price"), 2);
      await s.okHere(noPrice);
      await s.okHere(addArgs({ order: "KB-2", resolution: "refund", price: "0", date: "2026-11-02" }));
      await s.okHere(addArgs({ order: "KB-3", resolution: "refund", date: "2026-11-02" }));
      const state = async () => ({ ...JSON.parse(await s.okHere(["export"])), exportedAt: null });
      const before = await state();
      for (const [args, error] of [
        [
          ["advance", "1", "refunded"],
          "a refund without a price recorded needs the amount refunded: add --amount (e.g. --amount 25.00)",
        ],
        [
          ["close", "1", "--outcome", "refunded"],
          "closing as refunded needs the amount refunded: add --amount (e.g. --amount 25.00)",
        ],
        [
          ["advance", "2", "refunded"],
          "a refund of 0.00 CNY records nothing (the price is 0); give the amount refunded (e.g. --amount 25.00)",
        ],
        [
          ["close", "3", "--outcome", "refunded", "--amount", "0"],
          "a refund of 0.00 CNY records nothing; give the amount refunded (e.g. --amount 25.00)",
        ],
        [
          ["refund", "3", "0.00"],
          "a refund of 0.00 CNY records nothing; give the amount refunded (e.g. kakotrack refund 3 25.00)",
        ],
      ] as const) {
        const r = s.run([...args]);
        expect([r.code, r.stdout, r.stderr], args.join(" ")).toEqual([2, "", `kakotrack: ${error}\n`]);
      }
      expect(await state()).toEqual(before);
      expect(s.ok(["close", "3", "--outcome", "refunded"])).toContain(
        "(129.00 CNY refunded: the price paid; --amount for another amount)",
      );
    },
  );
});
