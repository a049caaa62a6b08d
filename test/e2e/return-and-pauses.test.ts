import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 24 items 5 and 7 end to end: the return parcel's tracking number, and the pauses of a
// refused and escalated refund said in show, show --json, the packet and the follow-up message.

/** Opened Monday 2 November 2026; refused on the 5th, escalated on the 6th, the seller agreed on the 13th. */
async function refusedThenAgreed() {
  const s = sandbox("2026-12-02");
  await s.okHere(addArgs({ resolution: "refund", date: "2026-11-02" }));
  await s.okHere(["refuse", "1", "--date", "2026-11-05"]);
  await s.okHere(["escalate", "1", "--date", "2026-11-06", "--note", "ticket #5521"]);
  await s.okHere(["advance", "1", "seller-agreed", "--date", "2026-11-13"]);
  return s;
}

describe("the return parcel", () => {
  it(
    "keeps its tracking number and carrier with returned, later too; show, JSON, packet and follow-up show " + "it",
    async () => {
      const s = await refusedThenAgreed();
      const wrong = s.run(["advance", "1", "refunded", "--tracking", "SF1"]);
      expect([wrong.code, wrong.stderr]).toEqual([
        2,
        "kakotrack: --tracking and --carrier apply only to returned (the parcel sent back), not to refunded\n",
      ]);
      expect(s.ok(["advance", "1", "returned", "--carrier", "SF Express", "--date", "2026-11-14"])).toBe(
        "Case #1: seller-agreed → returned on 2026-11-14.\nReturn parcel: tracking number not recorded (SF Express).\n" +
          "Next: refund due 2026-11-30.\n  refund past 14 business days, overdue by 2 business days (due 2026-11-30)\n",
      );
      // The number came later: recorded without a new step; undo takes it back.
      expect(s.ok(["advance", "1", "returned", "--tracking", "SF1234567890"])).toBe(
        "Case #1 is at returned; recorded its return parcel.\nReturn parcel: SF1234567890 (SF Express).\n",
      );
      expect(
        (await s.jsonHere(["show", "1", "--json"])).events.filter((e: any) => e.stage === "returned"),
      ).toHaveLength(1);
      expect(s.ok(["undo"])).toBe("Undid the return parcel of case #1.\n");
      expect((await s.jsonHere(["show", "1", "--json"])).returnTracking).toBeNull();
      await s.okHere(["advance", "1", "returned", "--tracking", "SF1234567890"]);

      expect(s.json(["show", "1", "--json"])).toMatchObject({
        returnTracking: "SF1234567890",
        returnCarrier: "SF Express",
      });
      expect(s.ok(["show", "1"])).toContain("  return       parcel SF1234567890 (SF Express)\n");
      const message = s.ok(["message", "1", "--kind", "follow-up", "--lang", "both"]);
      expect(message).toContain("商品已寄回给卖家，快递单号：SF1234567890 (SF Express)。");
      expect(message).toContain("The item was sent back to the seller: tracking number SF1234567890 (SF Express).");
      s.ok(["packet", "1", "--out", join(s.dir, "packet")]);
      expect(readFileSync(join(s.dir, "packet", "dossier.md"), "utf8")).toContain(
        "| Return parcel | SF1234567890 (SF Express) |",
      );
    },
  );
});

describe("pauses said", () => {
  it("says how long the deadlines were paused and why the refund moved; the refusal is no met response", async () => {
    const s = await refusedThenAgreed();
    const text = s.ok(["show", "1"]);
    expect(text).toContain("  2 2026-11-09  seller response (seller refused on 2026-11-05)\n");
    expect(text).toContain(
      "Pauses\n  2026-11-05 to 2026-11-13 (refused, escalated): 6 business days, 8 days\n" +
        "  refund due 2026-11-30, moved 6 business days by the refusal and escalation\n",
    );
    const json = s.json(["show", "1", "--json"]);
    expect(json.pauses).toEqual([
      {
        from: "2026-11-05",
        to: "2026-11-13",
        businessDays: 6,
        days: 8,
        stage: "refused",
        stages: ["refused", "escalated"],
      },
    ]);
    expect(json.deadlines).toEqual([
      {
        rule: "refund",
        label: "refund",
        due: "2026-11-30",
        overdue: true,
        late: 2,
        unit: "business",
        skipped: 0,
        provisional: false,
        moved: 6,
        movedBy: "moved 6 business days by the refusal and escalation",
      },
    ]);
    s.ok(["packet", "1", "--out", join(s.dir, "packet")]);
    const dossier = readFileSync(join(s.dir, "packet", "dossier.md"), "utf8");
    expect(dossier).toContain(
      "Deadlines paused 2026-11-05 to 2026-11-13 (refused, escalated): 6 business days, 8 days.",
    );
    expect(dossier).toContain("| seller response | 2026-11-09 | **seller refused**: on 2026-11-05 (due 2026-11-09) |");
    expect(dossier).toContain(
      "| refund | 2026-11-30 | **missed**: due 2026-11-30, overdue by 2 business days as of 2026-12-02; moved 6 " +
        "business days by the refusal and escalation |",
    );
    expect(dossier).not.toMatch(/seller response[^\n]*\*\*met\*\*/);
    const page = readFileSync(join(s.dir, "packet", "dossier.html"), "utf8");
    expect(page).toContain("Deadlines paused 2026-11-05 to 2026-11-13 (refused, escalated): 6 business days, 8 days.");
    expect(page).toContain('<span class="verdict">seller refused</span>');
  });
});
