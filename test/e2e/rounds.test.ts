import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 24 end to end through the built bin, with fixed dates: a replacement that fails QC again
// (rounds), a change of path (switch), negotiating a partial refund (ask, offers, counter), and no
// hint that closes a case by surprise. Set-up steps run in process (okHere); the command lines a
// test is about run as processes of the built bin.

/** An exchange opened 2026-11-02 whose replacement reached new QC on 2026-11-15. */
async function exchangeAtNewQc() {
  const s = sandbox("2026-11-15");
  await s.okHere(addArgs({ date: "2026-11-02" }));
  await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"]);
  await s.okHere(["advance", "1", "seller-confirmed", "--date", "2026-11-06"]);
  await s.okHere(["advance", "1", "new-qc", "--date", "2026-11-15"]);
  return s;
}

describe("rounds (reject)", () => {
  it("starts round 2 at requested with its own day 0: no deadline is judged on round 1's clock", async () => {
    const s = await exchangeAtNewQc();
    const out = s.ok(["reject", "1", "--date", "2026-11-16", "--note", "same stain"], { now: "2026-11-16" });
    expect(out).toBe(
      "Case #1: the replacement failed QC; round 2 of the exchange from 2026-11-16 (day 0), at requested.\n" +
        "Next: agent review due 2026-11-18.\n  round 2: agent review due in 2 days (2026-11-18)\n",
    );
    const status = s.json(["status", "--json"], { now: "2026-11-17" });
    expect(status.summary).toEqual({ overdue: 0, action: 0, dueSoon: 1, onTrack: 0 });
    expect(status.cases[0]).toMatchObject({
      stage: "requested",
      openedOn: "2026-11-02",
      round: 2,
      roundStartedOn: "2026-11-16",
      day: 1,
      flag: "due-soon",
      due: "2026-11-18",
      reasons: ["round 2: agent review due tomorrow (2026-11-18)"],
    });
    expect(s.ok(["status"], { now: "2026-11-17" })).toContain("round 2: agent review due tomorrow");
    // Day 18 of round 2 is the approval's, 2026-12-04.
    await s.okHere(["advance", "1", "new-qc", "--date", "2026-11-30"], { now: "2026-11-30" });
    expect((await s.jsonHere(["show", "1", "--json"], { now: "2026-12-04" })).due).toBe("2026-12-04");

    const shown = s.json(["show", "1", "--json"], { now: "2026-12-04" });
    expect(shown.rounds).toEqual([
      { round: 1, resolution: "exchange", startedOn: "2026-11-02", endedOn: "2026-11-16", ended: "rejected" },
      { round: 2, resolution: "exchange", startedOn: "2026-11-16", endedOn: null, ended: null },
    ]);
    // Round 1's events stay in the history with their own dates.
    expect(shown.events.map((e: any) => [e.kind, e.stage, e.on])).toEqual([
      ["opened", "requested", "2026-11-02"],
      ["stage", "agent-reviewed", "2026-11-03"],
      ["stage", "seller-confirmed", "2026-11-06"],
      ["stage", "new-qc", "2026-11-15"],
      ["round", "requested", "2026-11-16"],
      ["stage", "new-qc", "2026-11-30"],
    ]);
    const text = s.ok(["show", "1"], { now: "2026-12-04" });
    expect(text).toContain("round        2, from 2026-11-16 (day 18 as of 2026-12-04)");
    expect(text).toContain("Round 1: exchange, 2026-11-02 to 2026-11-16 (the replacement failed QC)");
    expect(text).toContain("Round 2: exchange, from 2026-11-16 (its day 0)");
  });

  it("drafts the follow-up of round 2 saying the replacement failed QC too, with both rounds' dates", async () => {
    const s = await exchangeAtNewQc();
    await s.okHere(["reject", "1", "--date", "2026-11-16"], { now: "2026-11-16" });
    const en = s.ok(["message", "1"], { now: "2026-11-19" });
    expect(en.split("\n")[0]).toBe("Order KB-1001: follow-up on my request of 2026-11-16");
    expect(en).toContain(
      "My first request was on 2026-11-02 (an exchange); on 2026-11-16 the replacement failed QC too, so I asked " +
        "for another one.",
    );
    expect(en).toContain("- the agent's review of my request: due 2026-11-18, now 1 day late");
    const zh = s.ok(["message", "1", "--lang", "zh"], { now: "2026-11-19" });
    expect(zh).toContain("我在2026年11月2日第一次提交了换货申请；2026年11月16日新货质检也有问题，我再次申请了换货。");
  });

  it(
    "is reverted by undo, judged as round 1 as of a day inside it, and counted by stats and seller " + "memory",
    async () => {
      const s = await exchangeAtNewQc();
      await s.okHere(["reject", "1", "--date", "2026-11-16"], { now: "2026-11-16" });
      const before = await s.okHere(["show", "1", "--json"], { now: "2026-11-17" });
      const asOf = s.json(["status", "--json", "--as-of", "2026-11-15"], { now: "2026-11-17" });
      expect(asOf.cases[0]).toMatchObject({ stage: "new-qc", round: 1, roundStartedOn: "2026-11-02", day: 13 });
      expect(asOf.cases[0].reasons[0]).toBe("review the replacement's QC photos, then approve it or ask again");

      const stats = s.json(["stats", "--json"], { now: "2026-11-17" });
      expect(stats.exchangesRetried).toBe(1);
      expect(stats.sellers[0]).toMatchObject({ name: "Lucky Store", exchangesRetried: 1 });
      expect(s.ok(["stats"], { now: "2026-11-17" })).toContain(
        "Exchanges that needed another round (a replacement failed QC): 1; by seller: Lucky Store 1",
      );
      const added = s.ok(addArgs({ order: "KB-1002" }), { now: "2026-11-17" });
      expect(added).toContain("Seller Lucky Store: 1 earlier case, 0 refused, 0 ran late, 1 replacement failed QC.");

      await s.okHere(["rm", "2", "--yes"], { now: "2026-11-17" });
      await s.okHere(["undo"], { now: "2026-11-17" }); // the removal
      await s.okHere(["undo"], { now: "2026-11-17" }); // the second add
      expect(s.ok(["undo"], { now: "2026-11-17" })).toMatch(/^Undid the rejection of case #1's replacement/);
      const undone = s.json(["show", "1", "--json"], { now: "2026-11-17" });
      expect(undone).toMatchObject({ stage: "new-qc", round: 1, roundStartedOn: "2026-11-02" });
      expect(undone.rounds).toHaveLength(1);
      expect(before).not.toBe(JSON.stringify(undone));
    },
  );

  it("refuses a replacement that has not arrived, and a case that is no exchange (exit 2)", async () => {
    const s = sandbox("2026-11-05");
    await s.okHere(addArgs({ date: "2026-11-02" }));
    await s.okHere(["advance", "1", "seller-confirmed", "--date", "2026-11-04"]);
    const early = s.run(["reject", "1"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(
      /case #1's replacement has not arrived \(the case is at seller-confirmed\).*switch 1 refund/,
    );
    await s.okHere(addArgs({ order: "KB-2", resolution: "refund" }));
    const refund = s.run(["reject", "2"]);
    expect(refund.code).toBe(2);
    expect(refund.stderr).toMatch(/case #2 is a refund, not an exchange/);
  });

  it("goes through export and import exactly, and reopening after round 2 closes keeps round 2", async () => {
    const s = await exchangeAtNewQc();
    await s.okHere(["reject", "1", "--date", "2026-11-16"], { now: "2026-11-16" });
    await s.okHere(["advance", "1", "approved", "--date", "2026-11-20"], { now: "2026-11-20" });
    const file = join(s.dir, "out.json");
    s.ok(["export", "--out", file], { now: "2026-11-20" });
    const other = sandbox("2026-11-20");
    other.ok(["import", file]);
    const again = join(other.dir, "again.json");
    other.ok(["export", "--out", again]);
    const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: null });
    expect(strip(readFileSync(again, "utf8"))).toEqual(strip(readFileSync(file, "utf8")));
    expect(JSON.parse(readFileSync(file, "utf8")).version).toBe(3);

    s.ok(["reopen", "1"], { now: "2026-11-21" });
    const reopened = s.json(["show", "1", "--json"], { now: "2026-11-21" });
    expect(reopened).toMatchObject({ stage: "requested", round: 2, roundStartedOn: "2026-11-16", day: 5 });
  });
});

describe("switch", () => {
  it("starts a new round on the other path: a refund's business days count from the switch", async () => {
    const s = sandbox("2026-11-10");
    await s.okHere(addArgs({ date: "2026-11-02" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"]);
    const out = s.ok(["switch", "1", "refund", "--date", "2026-11-10", "--note", "seller out of stock"]);
    expect(out.split("\n")[0]).toBe("Case #1: exchange → refund; round 2 from 2026-11-10 (day 0), at requested.");
    const shown = s.json(["show", "1", "--json"], { now: "2026-11-11" });
    expect(shown).toMatchObject({ resolution: "refund", stage: "requested", round: 2, roundStartedOn: "2026-11-10" });
    expect(shown.rounds).toEqual([
      { round: 1, resolution: "exchange", startedOn: "2026-11-02", endedOn: "2026-11-10", ended: "switched" },
      { round: 2, resolution: "refund", startedOn: "2026-11-10", endedOn: null, ended: null },
    ]);
    // 5 and 14 business days after 2026-11-10 (a Tuesday).
    expect(shown.deadlines.map((d: any) => [d.rule, d.due])).toEqual([
      ["agent-review", "2026-11-12"],
      ["seller-response", "2026-11-17"],
      ["refund", "2026-11-30"],
    ]);
    // As of a day inside round 1, the case was an exchange.
    const then = s.json(["show", "1", "--json", "--as-of", "2026-11-05"], { now: "2026-11-11" });
    expect(then).toMatchObject({ resolution: "exchange", stage: "agent-reviewed", round: 1 });
    const en = s.ok(["message", "1", "--kind", "request"], { now: "2026-11-11" });
    expect(en).toContain(
      "My first request was on 2026-11-02 (an exchange); on 2026-11-10 I changed my request to a return and refund.",
    );
  });

  it("is the way to change path once the case moved: edit --resolution is refused naming it (exit 2)", async () => {
    const s = sandbox("2026-11-05");
    await s.okHere(addArgs({ date: "2026-11-02" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"]);
    const r = s.run(["edit", "1", "--resolution", "refund"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/moved past "requested" on the exchange path; .*`kakotrack switch 1 refund`/);
    expect(s.run(["switch", "1", "exchange"]).stderr).toMatch(/already an exchange; .*kakotrack reject 1/);
    const amount = s.run(["switch", "1", "refund", "--amount", "40"]);
    expect(amount.code).toBe(2);
    expect(amount.stderr).toMatch(/--amount is the partial refund you ask for/);
    s.ok(["switch", "1", "partial-refund", "--amount", "40"]);
    expect((await s.jsonHere(["show", "1", "--json"])).ask).toBe("40.00");
  });
});

describe("negotiation", () => {
  /** A partial refund asking 40 with the seller's offer of 20 on 2026-11-05. */
  async function offered() {
    const s = sandbox("2026-11-05");
    await s.okHere(addArgs({ resolution: "partial-refund", ask: "40", date: "2026-11-02" }));
    await s.okHere(["advance", "1", "seller-offered", "--amount", "20", "--date", "2026-11-05"]);
    return s;
  }

  it("drafts the answer to an offer, never a request repeating the offer as the buyer's wish", async () => {
    const s = await offered();
    const r = s.run(["message", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "kakotrack: case #1 has an offer from the seller (20.00 CNY): draft your answer with --kind accept, or " +
        "--kind counter --amount X\n",
    );
    const counter = s.ok(["message", "1", "--kind", "counter"]);
    expect(counter).toContain("The seller offered a partial refund of 20.00 CNY on 2026-11-05");
    expect(counter).toContain("I would like a partial refund of 40.00 CNY instead.");
    expect(s.ok(["message", "1", "--kind", "counter", "--amount", "35"])).toContain(
      "partial refund of 35.00 CNY instead",
    );
    expect(s.ok(["message", "1", "--kind", "accept"])).toContain("I accept this offer and will keep the item.");
    const zh = s.ok(["message", "1", "--kind", "counter", "--lang", "zh"]);
    expect(zh).toContain("卖家在2026年11月5日提出部分退款20.00元");
    expect(zh).toContain("希望能部分退款40.00元");
    expect(s.ok(["message", "1", "--kind", "accept", "--lang", "zh"])).toContain("这个方案我同意，商品我留下。");
    expect(s.ok(["message", "1", "--kind", "request"])).toContain("keep the item for a partial refund of 40.00 CNY");
  });

  it("waits on the seller after a counter-offer, due 5 business days later, and keeps every offer", async () => {
    const s = await offered();
    expect(s.ok(["counter", "1", "35", "--date", "2026-11-06"], { now: "2026-11-06" })).toBe(
      "Case #1: you countered with 35.00 CNY on 2026-11-06; waiting for the seller's answer.\n" +
        "Next: answer to your counter-offer due 2026-11-13.\n",
    );
    const waiting = s.json(["status", "--json"], { now: "2026-11-06" });
    expect(waiting.cases[0]).toMatchObject({ flag: "on-track", due: "2026-11-13", reasons: [] });
    const late = s.json(["status", "--json"], { now: "2026-11-16" });
    expect(late.cases[0]).toMatchObject({
      flag: "overdue",
      reasons: ["answer to your counter-offer overdue by 1 business day (due 2026-11-13)"],
    });
    expect(s.ok(["message", "1"], { now: "2026-11-16" })).toContain(
      "Could you please ask the seller to answer my counter-offer",
    );

    // A revised offer is accepted again at seller-offered; agreed takes the last offer.
    expect(
      s.ok(["advance", "1", "seller-offered", "--amount", "30", "--date", "2026-11-16"], { now: "2026-11-16" }),
    ).toMatch(/^Case #1: seller-offered → seller-offered on 2026-11-16 \(30.00 CNY\)\./);
    expect(s.run(["advance", "1", "seller-offered"], { now: "2026-11-16" }).stderr).toMatch(
      /a revised offer needs its amount/,
    );
    await s.okHere(["counter", "1", "32", "--date", "2026-11-17"], { now: "2026-11-17" });
    expect(s.ok(["advance", "1", "agreed"], { now: "2026-11-18" })).toMatch(
      /seller-offered → agreed on 2026-11-18 \(32.00 CNY\)/,
    );
    const shown = s.json(["show", "1", "--json"], { now: "2026-11-18" });
    expect(shown.ask).toBe("40.00");
    expect(shown.offer).toBe("32.00");
    expect(shown.offers).toEqual([
      { by: "seller", amount: "20.00", on: "2026-11-05" },
      { by: "buyer", amount: "35.00", on: "2026-11-06" },
      { by: "seller", amount: "30.00", on: "2026-11-16" },
      { by: "buyer", amount: "32.00", on: "2026-11-17" },
    ]);
  });

  it("takes --ask on add and edit only for a partial refund, and counter only at an offer (exit 2)", async () => {
    const s = sandbox("2026-11-05");
    const wrong = s.run(addArgs({ ask: "40" }));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--ask is the partial refund you ask for: it goes with --resolution partial-refund/);
    await s.okHere(addArgs({ resolution: "partial-refund" }));
    expect(s.ok(["edit", "1", "--ask", "45"])).toBe("Edited case #1: ask: - → 45.00.\n");
    const early = s.run(["counter", "1", "40"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/has no offer to counter \(it is at requested\); record the seller's offer first/);
  });
});

describe("no suggestion closes a case by surprise", () => {
  it("advance without a stage from escalated or refused names the stages it can go to (exit 2)", async () => {
    const s = await exchangeAtNewQc();
    await s.okHere(["escalate", "1", "--date", "2026-11-16"], { now: "2026-11-16" });
    const next = s.ok(["show", "1"], { now: "2026-11-17" });
    expect(next).not.toContain("record it with `kakotrack advance 1`");
    expect(next).toContain("`kakotrack advance 1 <stage>`");
    expect(next).toContain("`kakotrack reject 1` if another replacement was ordered");
    const r = s.run(["advance", "1"], { now: "2026-11-17" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "kakotrack: case #1 is escalated: name the stage it reached, `kakotrack advance 1 <stage>` with one of " +
        "approved (closes it as exchanged), or `kakotrack reject 1` for another replacement\n",
    );
    s.ok(["reject", "1", "--date", "2026-11-18"], { now: "2026-11-18" });

    const t = sandbox("2026-11-05");
    await t.okHere(addArgs({ resolution: "refund", date: "2026-11-02" }));
    await t.okHere(["refuse", "1", "--date", "2026-11-04"]);
    const refused = t.run(["advance", "1"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /case #1 is refused: name the stage.*seller-agreed, returned, refunded \(closes it as refunded\), escalated/,
    );
  });

  it("says that approving closes the case", async () => {
    const s = await exchangeAtNewQc();
    expect(s.json(["show", "1", "--json"]).nextStep).toBe(
      "review the replacement's QC photos: approve it, which closes the case as exchanged (`kakotrack advance 1 " +
        "approved`), ask for another replacement (`kakotrack reject 1`), or escalate (`kakotrack escalate 1`)",
    );
  });
});
