import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sandbox } from "../helpers.js";
import { refunds, spotted } from "./money-fixtures.js";

// Issue 16 end to end through the built bin: the return window before the request, where the
// refund went, withdrawals, fees, and all of it through export and import.

describe("money", () => {
  /** refunds() with a fee, a withdrawal, a per-agent window and a spotted case, exported to a file. */
  async function exportedMoney() {
    const s = await refunds();
    await s.okHere(["fee", "1", "5", "--what", "service fee"]);
    await s.okHere(["withdraw", "KakoBuy", "150", "--currency", "CNY"]);
    await s.okHere(["config", "set", "return-window", "96", "--agent", "Mulebuy"]);
    await s.okHere(spotted("2026-11-19 08:00", { order: "MB-4", agent: "Mulebuy" }));
    const file = join(s.dir, "backup.json");
    s.ok(["export", "--out", file]);
    return { s, file, exported: JSON.parse(readFileSync(file, "utf8")) };
  }

  it("keeps balances, fees, withdrawals and spotted cases through export and import", async () => {
    const { s, file, exported } = await exportedMoney();
    expect(exported.version).toBe(3);
    expect(exported.withdrawals).toEqual([
      {
        id: 1,
        agent: "KakoBuy",
        currency: "CNY",
        amountMinor: 15000,
        untrackedMinor: 0,
        onDate: "2026-11-20",
        note: null,
        recordedAt: expect.any(String),
      },
    ]);
    expect(exported.settings).toMatchObject({ "refund-to@CSSBuy": "original", "return-window@Mulebuy": "96" });

    const other = sandbox("2026-11-20");
    expect(other.ok(["import", file])).toBe(
      `Imported 4 cases from ${file}.\nImported 1 withdrawal from agent balances.\n\`kakotrack undo\` removes this ` +
        `import.\n`,
    );
    for (const args of [
      ["balance", "--json"],
      ["stats", "--json"],
      ["status", "--json"],
      ["show", "4", "--json"],
    ]) {
      expect(other.ok(args), args.join(" ")).toBe(s.ok(args));
    }
    expect(other.json(["status", "--json"]).cases[0]).toMatchObject({
      stage: "spotted",
      returnWindowClosesAt: "2026-11-23T08:00",
    });
    expect(other.ok(["export"]).replace(/"exportedAt": "[^"]+"/, "")).toBe(
      readFileSync(file, "utf8").replace(/"exportedAt": "[^"]+"/, ""),
    );
    expect(other.ok(["import", file])).toContain(
      "Imported 0 withdrawals from agent balances (1 already here, skipped).",
    );
    expect(other.ok(["undo"])).toBe("Undid the import of 4 cases and 1 withdrawal.\n");
    expect(other.json(["balance", "--json"])).toEqual({ agents: [] });
  });

  it("still reads a version 1 export, and puts each case's money totals in the csv", async () => {
    const { s, exported } = await exportedMoney();
    // A version 1 file (before issue 16) is still read: no stock-in, destinations unknown (its
    // events did not record them either).
    const { withdrawals: _, ...top } = exported;
    const v1Event = (e: any) => {
      const { to: _t, ...data } = e.data === null ? {} : JSON.parse(e.data);
      return { ...e, data: Object.keys(data).length === 0 ? null : JSON.stringify(data) };
    };
    const v1Cases = exported.cases
      .filter((c: any) => c.stage !== "spotted")
      .map(({ storedAt: _s, refundTo: _r, returnTracking: _t, returnCarrier: _c, ...c }: any) => ({
        ...c,
        events: c.events.map(v1Event),
      }));
    writeFileSync(join(s.dir, "v1.json"), JSON.stringify({ ...top, version: 1, cases: v1Cases }));
    const old = sandbox("2026-11-20");
    expect(old.ok(["import", join(s.dir, "v1.json")])).toContain("Imported 3 cases");
    expect(await old.jsonHere(["show", "1", "--json"])).toMatchObject({
      storedAt: null,
      refundTo: null,
      returnWindowClosesAt: null,
    });
    expect(old.json(["balance", "--json"])).toEqual({ agents: [] });

    const csv = s.ok(["export", "--format", "csv"]).split("\r\n");
    expect(
      csv[0]!.endsWith(
        ",stored_at,return_window_closes_at,refund_to,fees,net_recovered,return_tracking,return_carrier,steps,spotted_on," +
          "refunds,ask",
      ),
    ).toBe(true);

    // Then the standing an import restores (issue 26 item 1): steps, spotted_on, each refund, ask.
    expect(csv[1]!.endsWith(",,,balance,5.00,195.00,,,refunded 2026-11-15,,200.00 balance 2026-11-15,")).toBe(true);
    expect(csv[3]!.endsWith(",,,original,0.00,30.00,,,,,30.00 original 2026-11-20,")).toBe(true);
    expect(csv[4]).toMatch(
      /,MB-4,.*,,spotted,on-track,2026-11-23,,,,,2026-11-19T08:00,2026-11-23T08:00,,0.00,0.00,,,,2026-11-20,,$/,
    );
  });
});
