import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 24 items 4 and 5 through the JSON export: several refunds, `refund` events and the return
// parcel go out and come back exactly (version 3); a version 2 file's refunds become records.

const withoutStamp = (text: string) => text.replace(/"exportedAt": "[^"]*"/, "");

async function refundsAndParcel() {
  const s = sandbox("2026-11-20");
  await s.okHere(addArgs({ resolution: "refund", payment: "balance", date: "2026-11-02" }));
  await s.okHere(["advance", "1", "seller-agreed", "--date", "2026-11-04"]);
  await s.okHere([
    "advance",
    "1",
    "returned",
    "--tracking",
    "SF1234567890",
    "--carrier",
    "SF Express",
    "--date",
    "2026-11-05",
  ]);
  await s.okHere(["advance", "1", "refunded", "--amount", "100", "--date", "2026-11-10"]);
  await s.okHere(["reopen", "1", "--note", "the shipping was not refunded"], { now: "2026-11-12" });
  await s.okHere(["refund", "1", "12.50", "--to", "original", "--date", "2026-11-14"]);
  await s.okHere(addArgs({ order: "KB-2", date: "2026-11-02" }));
  await s.okHere(["refund", "2", "15", "--note", "compensation"]);
  return s;
}

describe("refunds in the JSON export", () => {
  it("carries every refund and the return parcel: export, import, export gives the same file", async () => {
    const s = await refundsAndParcel();
    const file = join(s.dir, "out.json");
    s.ok(["export", "--out", file]);
    const exported = JSON.parse(await s.okHere(["export"]));
    expect(exported.version).toBe(3);
    expect(exported.cases[0]).toMatchObject({
      refundMinor: 11250,
      refundTo: "original",
      returnTracking: "SF1234567890",
      returnCarrier: "SF Express",
    });
    expect(exported.cases[1].events.at(-1)).toMatchObject({
      kind: "refund",
      amountMinor: 1500,
      data: '{"to":"balance"}',
      note: "compensation",
    });
    const other = sandbox("2026-11-20");
    expect(other.ok(["import", file])).toContain("Imported 2 cases");
    expect(withoutStamp(other.ok(["export"]))).toBe(withoutStamp(s.ok(["export"])));
    expect(await other.jsonHere(["balance", "--json"])).toEqual({
      agents: [{ agent: "KakoBuy", currency: "CNY", refundedToBalance: "115.00", withdrawn: "0.00", held: "115.00" }],
    });
  });

  it(
    "reads a version 2 file: a reopened case's earlier refund, which version 2 left out of refundMinor, " + "counts",
    async () => {
      const s = await refundsAndParcel();
      const exported = JSON.parse(await s.okHere(["export"]));
      // As kakotrack 2 wrote it: no parcel fields, no refund command, and a reopen erased the refund.
      const v2Case = ({ returnTracking: _t, returnCarrier: _c, ...c }: any) => ({
        ...c,
        refundMinor: null,
        refundTo: null,
        events: c.events.filter((e: any) => e.kind !== "refund"),
      });
      const file = join(s.dir, "v2.json");
      writeFileSync(file, JSON.stringify({ ...exported, version: 2, cases: exported.cases.map(v2Case) }));
      const old = sandbox("2026-11-20");
      expect(old.ok(["import", file])).toContain("Imported 2 cases");
      expect(await old.jsonHere(["show", "1", "--json"])).toMatchObject({
        refunded: "100.00",
        refundTo: "balance",
        refunds: [{ amount: "100.00", on: "2026-11-10", to: "balance" }],
        returnTracking: null,
        returnCarrier: null,
      });
      const wrong = { ...exported, version: 4 };
      writeFileSync(file, JSON.stringify(wrong));
      expect(old.run(["import", file]).stderr).toContain("this kakotrack reads versions 1, 2, 3 (upgrade kakotrack)");
    },
  );
});
