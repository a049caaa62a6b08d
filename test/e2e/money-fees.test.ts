import { describe, expect, it } from "vitest";
import { refunds } from "./money-fixtures.js";

// Issue 16 end to end through the built bin: the return window before the request, where the
// refund went, withdrawals, fees, and all of it through export and import.

describe("money", () => {
  it(
    "records fees on a case; show lists them, stats report fees and net recovered per currency, agent and " + "seller",
    async () => {
      const s = await refunds();
      expect(s.ok(["fee", "1", "12.50", "--what", "domestic return shipping", "--date", "2026-11-10"])).toBe(
        "Recorded a fee of 12.50 CNY on case #1 (domestic return shipping, 2026-11-10).\n",
      );
      await s.okHere(["fee", "1", "5", "--what", "service fee"]);
      await s.okHere(["fee", "2", "1", "--what", "service fee"]);
      for (const [args, message] of [
        [["fee", "1", "0", "--what", "x"], /a fee of 0 records nothing/],
        [["fee", "1", "-5", "--what", "x"], /fee -5: negative; give the amount without a sign/],
        [["fee", "1", "5"], /missing --what/],
        [["fee", "9", "5", "--what", "x"], /no case #9/],
        [["fee", "1", "5", "--what", "x", "--date", "2026-11-01"], /before the case opened/],
      ] as Array<[string[], RegExp]>) {
        const r = s.run(args);
        expect([r.code, r.stderr], args.join(" ")).toEqual([2, expect.stringMatching(message)]);
      }
      const shown = await s.jsonHere(["show", "1", "--json"]);
      expect(shown.fees).toEqual([
        { id: expect.any(Number), on: "2026-11-10", amount: "12.50", what: "domestic return shipping" },
        { id: expect.any(Number), on: "2026-11-20", amount: "5.00", what: "service fee" },
      ]);
      expect(s.ok(["show", "1"])).toContain(
        "Fees\n  2026-11-10  12.50 CNY  domestic return shipping\n  2026-11-20  5.00 CNY  service fee\n  total 17.50 " +
          "CNY\n",
      );
      const stats = s.json(["stats", "--json"]);
      expect([stats.refunded, stats.fees, stats.netRecovered]).toEqual([
        { CNY: "230.00", USD: "10.25" },
        { CNY: "17.50", USD: "1.00" },
        { CNY: "212.50", USD: "9.25" },
      ]);
      expect(stats.agents.map((a: any) => [a.name, a.fees, a.netRecovered])).toEqual([
        ["KakoBuy", { CNY: "17.50", USD: "1.00" }, { CNY: "182.50", USD: "9.25" }],
        ["CSSBuy", {}, { CNY: "30.00" }],
      ]);
      expect(stats.sellers.find((g: any) => g.name === "Lucky Store").netRecovered).toEqual({
        CNY: "182.50",
        USD: "9.25",
      });
      expect(s.ok(["stats"])).toContain(
        "Fees: 17.50 CNY, 1.00 USD; net recovered (refunds minus fees): 212.50 CNY, 9.25 USD",
      );
      expect(s.ok(["undo"])).toBe("Undid the fee of 1.00 USD on case #2.\n");
      expect(s.json(["stats", "--json"]).fees).toEqual({ CNY: "17.50" });
    },
  );
});
