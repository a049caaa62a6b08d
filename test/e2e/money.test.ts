import { describe, expect, it } from "vitest";
import { refunds } from "./money-fixtures.js";

// Issue 16 end to end through the built bin: the return window before the request, where the
// refund went, withdrawals, fees, and all of it through export and import.

describe("money", () => {
  it(
    "keeps each agent's balance per currency: refunded into it, withdrawn, held; a withdrawal above it is " + "refused",
    async () => {
      const s = await refunds();
      expect((await s.jsonHere(["show", "1", "--json"])).refundTo).toBe("balance");
      expect((await s.jsonHere(["show", "3", "--json"])).refundTo).toBe("original");
      const tooMuch = s.run(["withdraw", "KakoBuy", "250", "--currency", "CNY"]);
      expect([tooMuch.code, tooMuch.stdout, tooMuch.stderr]).toEqual([
        2,
        "",
        "kakotrack: 250.00 CNY is more than the 200.00 CNY kakotrack knows KakoBuy holds; check the amount " +
          "(`kakotrack balance`), or add --force for money that reached the balance another way\n",
      ]);
      const which = s.run(["withdraw", "KakoBuy", "150"]);
      expect([which.code, which.stderr]).toEqual([
        2,
        "kakotrack: KakoBuy holds 200.00 CNY and 10.25 USD; say which with --currency (e.g. --currency CNY)\n",
      ]);
      expect(s.ok(["withdraw", "kakobuy", "150", "--currency", "cny", "--note", "to PayPal"])).toBe(
        "Recorded a withdrawal of 150.00 CNY from KakoBuy on 2026-11-20; 50.00 CNY still held there. `kakotrack " +
          "undo` removes it.\n",
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
      expect(s.ok(["status", "--all"])).toContain(
        "(as of 2026-11-20); held in agent balances: 50.00 CNY at KakoBuy, 10.25 USD at KakoBuy (`kakotrack balance`)\n",
      );
      expect(s.ok(["status"])).toBe(
        "No open cases. Record one with `kakotrack add`; held in agent balances: 50.00 CNY at KakoBuy, 10.25 USD at " +
          "KakoBuy (`kakotrack balance`).\n",
      );

      // Money that reached the balance another way: --force; undo takes the withdrawal back.
      expect(s.ok(["withdraw", "KakoBuy", "20", "--currency", "USD", "--force", "--date", "2026-11-19"])).toContain(
        "0.00 USD still held there",
      );
      expect(s.ok(["undo"])).toBe("Undid the withdrawal of 20.00 USD from KakoBuy.\n");
      expect(s.json(["balance", "--json"]).agents[1].held).toBe("10.25");
      for (const bad of [
        ["withdraw", "KakoBuy", "0", "--currency", "CNY"],
        ["withdraw", "KakoBuy", "1,5"],
        ["withdraw", "KakoBuy", "5", "--date", "2026-11-21"],
      ]) {
        expect(s.run(bad).code, bad.join(" ")).toBe(2);
      }
    },
  );
});
