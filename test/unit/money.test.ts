import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import type { CaseTimeline } from "../../src/domain/case/model.js";
import { formatMinor } from "../../src/domain/case/parse.js";
import { agentBalances, balanceOf, untrackedPart, withdrawalCurrency } from "../../src/domain/money/money.js";
import { computeStats, type StatsCase } from "../../src/domain/reports/stats.js";
import { balancesJson } from "../../src/ui/money.js";

const refunds = (...rows: Array<[string, string, number | null]>) =>
  rows.map(([agent, currency, minor]) => ({ agent, currency, minor }));
const withdrawals = (...rows: Array<[string, string, number, number?]>) =>
  rows.map(([agent, currency, minor, untracked = 0]) => ({ agent, currency, minor, untracked }));

describe("agent balances", () => {
  it("are per agent (any spelling) and currency, never adding currencies together", () => {
    const balances = agentBalances({
      refunds: refunds(
        ["KakoBuy", "CNY", 20000],
        ["kakobuy", "CNY", 5000],
        ["KakoBuy", "USD", 1025],
        ["Mulebuy", "CNY", null],
      ),
      withdrawals: withdrawals(["KAKOBUY", "CNY", 15000]),
    });
    expect(balancesJson(balances)).toEqual({
      agents: [
        { agent: "KakoBuy", currency: "CNY", refundedToBalance: "250.00", withdrawn: "150.00", held: "100.00" },
        { agent: "KakoBuy", currency: "USD", refundedToBalance: "10.25", withdrawn: "0.00", held: "10.25" },
        { agent: "Mulebuy", currency: "CNY", refundedToBalance: "0.00", withdrawn: "0.00", held: "0.00" },
      ],
    });
  });

  it("refuse a withdrawal above what is held unless forced, whose excess takes nothing from later refunds", () => {
    const before = agentBalances({ refunds: refunds(["KakoBuy", "CNY", 5000]), withdrawals: [] });
    const kako = balanceOf(before, "kakobuy", "CNY");
    expect(untrackedPart(kako, 5000, false)).toBe(0);
    expect(() => untrackedPart(kako, 5001, false)).toThrow(
      "50.01 CNY is more than the 50.00 CNY kakotrack knows KakoBuy holds; check the amount (`kakotrack balance`), " +
        "or add --force for money that reached the balance another way",
    );
    expect(untrackedPart(kako, 8000, true)).toBe(3000);
    // The forced 80.00 took 50.00 of refunds and 30.00 from elsewhere; a later 100.00 refund is all held.
    const after = agentBalances({
      refunds: refunds(["KakoBuy", "CNY", 5000], ["KakoBuy", "CNY", 10000]),
      withdrawals: withdrawals(["KakoBuy", "CNY", 8000, 3000]),
    });
    expect(after[0]).toEqual({
      agent: "KakoBuy",
      currency: "CNY",
      refundedMinor: 15000,
      withdrawnMinor: 8000,
      heldMinor: 10000,
    });
    expect(balanceOf(after, "CSSBuy", "EUR")).toEqual({
      agent: "CSSBuy",
      currency: "EUR",
      refundedMinor: 0,
      withdrawnMinor: 0,
      heldMinor: 0,
    });
  });

  it("choose the withdrawal's currency from what the agent holds, asking when it holds several", () => {
    const balances = agentBalances({
      refunds: refunds(["KakoBuy", "USD", 500], ["Mulebuy", "CNY", 100], ["Mulebuy", "EUR", 200]),
      withdrawals: [],
    });
    expect(withdrawalCurrency(balances, "kakobuy", "CNY")).toBe("USD");
    expect(withdrawalCurrency(balances, "CSSBuy", "CNY")).toBe("CNY");
    expect(() => withdrawalCurrency(balances, "Mulebuy", "CNY")).toThrow(
      "Mulebuy holds 1.00 CNY and 2.00 EUR; say which with --currency (e.g. --currency CNY)",
    );
  });

  it("formats negative amounts (fees above refunds) and every currency's minor units", () => {
    expect([
      formatMinor(-500, "CNY"),
      formatMinor(-5, "CNY"),
      formatMinor(-1200, "JPY"),
      formatMinor(-1, "KWD"),
    ]).toEqual(["-5.00", "-0.05", "-1200", "-0.001"]);
  });
});

describe("stats money", () => {
  const cal = createCalendar({ name: "weekdays" });
  const timeline = (closed: boolean): CaseTimeline => ({
    resolution: "refund",
    openedOn: "2026-11-02",
    stage: "requested",
    closed,
    steps: [{ stage: "requested", on: "2026-11-02" }],
  });
  const c = (
    agent: string,
    seller: string | null,
    currency: string,
    refund: number | null,
    fees: number,
    closed = refund !== null,
  ): StatsCase => ({
    agent,
    seller,
    sellerKey: seller?.toLowerCase() ?? null,
    outcome: closed ? "refunded" : null,
    currency,
    refundMinor: refund,
    feesMinor: fees,
    closedOn: closed ? "2026-11-10" : null,
    timeline: timeline(closed),
  });

  it("reports fees and refunds minus fees per currency, overall and per agent and seller", () => {
    const s = computeStats(
      [
        c("KakoBuy", "Lucky", "CNY", 20000, 500),
        c("KakoBuy", "Lucky", "CNY", null, 1200), // an open exchange: fees, nothing back yet
        c("Mulebuy", "Lucky", "USD", 1025, 0),
        c("Mulebuy", null, "CNY", null, 0), // no money at all
      ],
      "2026-11-20",
      () => cal,
      { dueSoonDays: 2, escalationFollowUpDays: 5 },
    );
    expect([s.refunded, s.fees, s.netRecovered]).toEqual([
      { CNY: 20000, USD: 1025 },
      { CNY: 1700 },
      { CNY: 18300, USD: 1025 },
    ]);
    const byName = (groups: typeof s.agents) =>
      Object.fromEntries(groups.map((g) => [g.name, [g.refunded, g.fees, g.netRecovered]]));
    expect(byName(s.agents)).toEqual({
      KakoBuy: [{ CNY: 20000 }, { CNY: 1700 }, { CNY: 18300 }],
      Mulebuy: [{ USD: 1025 }, {}, { USD: 1025 }],
    });
    expect(byName(s.sellers)).toEqual({ Lucky: [{ CNY: 20000, USD: 1025 }, { CNY: 1700 }, { CNY: 18300, USD: 1025 }] });
  });
});
