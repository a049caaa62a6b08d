import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

// The cases a test starts from are made, and what the database holds is read back, in process
// (`okHere`, `jsonHere`); the commands a test is about run as processes of the built bin.

describe("evidence", () => {
  it("copies files into the store by sha256, keeps links, and reports changed or missing files", () => {
    const s = sandbox();
    const photo = join(s.dir, "qc-1.jpg");
    writeFileSync(photo, "jpeg bytes");
    s.ok(addArgs({ evidence: photo }));
    const out = s.ok(["evidence", "1", "https://imgur.com/a/xyz", join(s.dir, "qc-1.jpg")]);
    expect(out).toContain("Linked https://imgur.com/a/xyz to case #1.");
    expect(out).toContain("qc-1.jpg: case #1 already has it"); // the same file again adds nothing (issue 17)
    const stored = join(`${s.db}.evidence`, sha("jpeg bytes"));
    expect(existsSync(stored)).toBe(true);
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(readdirSync(`${s.db}.evidence`)).toEqual([sha("jpeg bytes")]);
    rmSync(photo); // the buyer cleans up Downloads: the copy stays
    let shown = s.json(["show", "1", "--json"]);
    expect(shown.evidence.map((e: any) => [e.kind, e.name, e.state])).toEqual([
      ["file", "qc-1.jpg", "intact"],
      ["url", "https://imgur.com/a/xyz", "link"],
    ]);
    appendFileSync(stored, "tampered");
    shown = s.json(["show", "1", "--json"]);
    expect(shown.evidence[0].state).toBe("changed");
    expect(s.ok(["show", "1"])).toContain("CHANGED since stored");
    rmSync(stored);
    expect(s.ok(["show", "1"])).toContain("MISSING from the evidence store");
  });

  it("stores nothing when any item is missing", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    const good = join(s.dir, "a.jpg");
    writeFileSync(good, "a");
    const before = await s.okHere(["show", "1", "--json"]);
    const r = s.run(["evidence", "1", good, join(s.dir, "nope.jpg")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kakotrack: evidence file ${join(s.dir, "nope.jpg")} does not exist (check the path)\n`);
    expect(await s.okHere(["show", "1", "--json"])).toBe(before);
    expect(existsSync(`${s.db}.evidence`)).toBe(false);
    expect(s.run(["evidence", "1", s.dir]).stderr).toMatch(/is not a file/);
    expect(s.run(["evidence", "1", "ftp://x"]).code).toBe(2);
  });
});

describe("message", () => {
  it("writes a request with the order number first, the defect, evidence and what is wanted", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ resolution: "partial-refund", evidence: "https://imgur.com/a/qc" }));
    const text = s.ok(["message", "1"]);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Order KB-1001: QC problem, request for a partial refund");
    expect(text).toContain("show a flaw on the grey hoodie");
    expect(text).toContain("stain on the left sleeve");
    expect(text).toContain("- https://imgur.com/a/qc");
    expect(text).toContain("please ask the seller what they can offer");
    await s.okHere(["advance", "1", "seller-offered", "--amount", "30"], { now: "2026-11-04" });
    // The seller's offer is not the buyer's wish (issue 24): a request at an offer does not repeat it.
    const again = s.ok(["message", "1", "--kind", "request"], { now: "2026-11-04" });
    expect(again).toContain("please ask the seller what they can offer");
    expect(again).not.toContain("30.00");
  });

  it("defaults to a follow-up naming how many business days late, then to an escalation when refused", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ resolution: "refund" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"], { now: "2026-11-03" });
    const follow = s.ok(["message", "1"], { now: "2026-11-12" });
    expect(follow.split("\n")[0]).toBe("Order KB-1001: follow-up on my request of 2026-11-02");
    expect(follow).toContain("- the seller's answer: due 2026-11-09, now 3 business days late");
    const json = s.json(["message", "1", "--json", "--as-of", "2026-11-12"], { now: "2026-11-12" });
    expect(json).toMatchObject({ id: 1, orderNo: "KB-1001", kind: "follow-up" });
    s.ok(["refuse", "1", "--date", "2026-11-12", "--note", "seller says it is normal"], { now: "2026-11-12" });
    const esc = s.ok(["message", "1"], { now: "2026-11-13" });
    expect(esc.split("\n")[0]).toBe("Order KB-1001: escalation to support");
    expect(esc).toContain("- 2026-11-02: I submitted my request");
    expect(esc).toContain("- 2026-11-03: the agent reviewed my request");
    expect(esc).toContain("- 2026-11-12: the seller refused (my note: seller says it is normal)");
    expect(s.run(["message", "1", "--kind", "rant"]).code).toBe(2);
  });
});

describe("show", () => {
  it("shows the history with recorded dates, a timeline picture and the next step", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    await s.okHere(["note", "1", "asked the agent on Discord"], { now: "2026-11-03" });
    const out = s.ok(["show", "1", "--as-of", "2026-11-12"], { now: "2026-11-12" });
    expect(out).toMatch(/2026-11-03 {2}note: asked the agent on Discord {2}\(recorded 2026-11-03 /);
    expect(out).toContain("▲ as of 2026-11-12 (day 10)");
    expect(out).toContain("Next step: ask the agent for an update: agent review is 8 days late; `kakotrack message 1`");
  });
});

describe("edit", () => {
  it("corrects fields, records the change in the history, and refuses a path change once under way", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    expect(s.ok(["edit", "1", "--item", "black hoodie", "--price", "139"])).toBe(
      "Edited case #1: item: grey hoodie → black hoodie; price: 129.00 → 139.00.\n",
    );
    const shown = await s.jsonHere(["show", "1", "--json"]);
    expect(shown).toMatchObject({ item: "black hoodie", price: "139.00" });
    expect(shown.events.at(-1)).toMatchObject({
      kind: "edit",
      data: { item: ["grey hoodie", "black hoodie"], price: ["129.00", "139.00"] },
    });
    await s.okHere(["advance", "1"]);
    const r = s.run(["edit", "1", "--resolution", "refund"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/moved past "requested"/);
    expect(s.run(["edit", "1"]).stderr).toMatch(/nothing to change/);
    expect(s.run(["edit", "1", "--date", "2026-11-05"], { now: "2026-11-10" }).stderr).toMatch(/cannot be after/);
  });
});

describe("undo", () => {
  it("restores exactly the earlier state after each kind of change", async () => {
    // The undo commands as processes; the changes they undo, and the states compared, in process.
    const s = sandbox();
    await s.okHere(addArgs({ resolution: "partial-refund" }));
    const photo = join(s.dir, "p.jpg");
    writeFileSync(photo, "p");
    const changes: string[][] = [
      ["advance", "1"],
      ["note", "1", "a note"],
      ["evidence", "1", photo],
      ["edit", "1", "--item", "other"],
      ["advance", "1", "seller-offered", "--amount", "20"],
      ["escalate", "1"],
      ["close", "1", "--outcome", "partially-refunded", "--amount", "20"],
    ];
    for (const change of changes) {
      const before = await s.okHere(["show", "1", "--json"]);
      await s.okHere(change);
      expect(await s.okHere(["show", "1", "--json"])).not.toBe(before);
      expect(await s.okAsync(["undo"])).toMatch(/^Undid the /);
      expect(await s.okHere(["show", "1", "--json"])).toBe(before);
      await s.okHere(change);
    }
    const refusedCase = await s.okHere(addArgs({ order: "KB-2" }));
    expect(refusedCase).toContain("case #2");
    const before = await s.okHere(["show", "2", "--json"]);
    await s.okHere(["refuse", "2"]);
    await s.okAsync(["undo"]);
    expect(await s.okHere(["show", "2", "--json"])).toBe(before);
    expect(await s.okAsync(["undo"])).toBe("Undid the add of case #2.\n");
    expect(s.run(["show", "2"]).code).toBe(2);
  });

  it("brings back a removed case and says when there is nothing left", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    const before = await s.okHere(["show", "1", "--json"]);
    const r = s.run(["rm", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs --yes/);
    expect(s.ok(["rm", "1", "--yes"])).toContain("Removed case #1");
    expect(s.run(["show", "1"]).code).toBe(2);
    expect(s.ok(["undo"])).toBe("Undid the removal of case #1.\n");
    expect(await s.okHere(["show", "1", "--json"])).toBe(before);
    await s.okHere(["undo"]);
    expect(s.ok(["undo"])).toBe("Nothing to undo.\n");
  });
});

describe("seller memory", () => {
  it("tells add and show what earlier cases with the same seller did, ignoring case and spaces", async () => {
    const s = sandbox("2026-10-01");
    await s.okHere(addArgs({ seller: "Lucky Store", resolution: "refund" }));
    await s.okHere(["refuse", "1", "--date", "2026-10-20"], { now: "2026-10-20" });
    await s.okHere(["close", "1", "--outcome", "accepted-as-is"], { now: "2026-10-25" });
    await s.okHere(addArgs({ seller: "OtherShop", order: "KB-2" }), { now: "2026-10-26" });
    const added = s.ok(addArgs({ seller: "luckystore", order: "KB-3" }), { now: "2026-11-02" });
    expect(added).toContain("Seller luckystore: 1 earlier case, 1 refused, 1 ran late, typically resolved in 24 days.");
    expect(s.ok(["show", "3"], { now: "2026-11-02" })).toContain("Seller luckystore: 1 earlier case");
    const listed = s.json(["list", "--all", "--json", "--seller", "LUCKY store"]);
    expect(listed.map((c: any) => c.id)).toEqual([1, 3]);
  });

  it("warns about returns after international shipping", () => {
    const s = sandbox();
    const out = s.ok(addArgs({ phase: "shipped" }));
    expect(out).toContain("already been shipped internationally");
    expect(out).toContain("partial refund");
    expect(s.ok(addArgs({ order: "KB-2" }))).not.toContain("shipped internationally");
  });
});
