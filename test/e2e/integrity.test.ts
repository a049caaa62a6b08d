import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Checks that hold inside the write (issue 13), and the case-level changes that keep data whole:
// reopen and the duplicate guard (issue 17). The cases a test starts from are made, and what the
// database holds is read back, in process (`okHere`, `jsonHere`); the commands a test is about
// run as processes of the built bin.

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("checks inside the write", () => {
  it(
    "advance and close racing on one case: a stage never follows the close, and the loser exits 2 with one " + "line",
    async () => {
      const s = sandbox("2026-11-10");
      const rounds = 12;
      for (let i = 0; i < rounds; i++) await s.okHere(addArgs({ order: `KB-${i}`, date: "2026-11-02" }));
      let closeLost = 0;
      for (let id = 1; id <= rounds; id++) {
        // Both start together; whichever commits second sees the other's change inside its own write.
        const [a, c] = await Promise.all([
          s.runAsync(["advance", String(id), "agent-reviewed"]),
          s.runAsync(["close", String(id), "--outcome", "cancelled"]),
        ]);
        for (const r of [a, c]) {
          expect([0, 2]).toContain(r.code);
          if (r.code === 2) expect(r.stderr.trim().split("\n")).toHaveLength(1);
        }
        if (a.code === 2) {
          expect(a.stderr).toMatch(/is closed \(cancelled on 2026-11-10\); run `kakotrack reopen/);
        }
        if (c.code === 2) closeLost++;
        const shown = await s.jsonHere(["show", String(id), "--json"]);
        const closedAt = shown.events.findIndex((e: { kind: string }) => e.kind === "closed");
        expect(closedAt).toBeGreaterThanOrEqual(0); // close never loses: a stage before it is fine
        expect(shown.events.slice(closedAt + 1).filter((e: { stage: string | null }) => e.stage !== null)).toEqual([]);
      }
      // close never conflicts with a stage reached before it; an advance after a close must lose.
      expect(closeLost).toBe(0);
    },
  );

  it("refuses a refund above the price without --force and leaves the database byte for byte", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ resolution: "refund", price: "159", date: "2026-11-02" }));
    const before = digest(s.db);
    const close = s.run(["close", "1", "--outcome", "refunded", "--amount", "500"]);
    expect(close.code).toBe(2);
    expect(close.stderr).toMatch(/^kakotrack: 500\.00 CNY is more than the 159\.00 CNY paid; .*--force/);
    const advance = s.run(["advance", "1", "refunded", "--amount", "500"]);
    expect(advance.code).toBe(2);
    expect(digest(s.db)).toBe(before);
    s.ok(["close", "1", "--outcome", "refunded", "--amount", "165", "--force"]);
    expect((await s.jsonHere(["show", "1", "--json"])).refunded).toBe("165.00");
  });

  it("backup to a folder that does not exist: exit 2 naming the folder", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    const missing = join(s.dir, "no", "such", "folder");
    const r = s.run(["backup", join(missing, "copy.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `kakotrack: folder ${missing} does not exist; create it (mkdir -p ${missing}) or choose another file\n`,
    );
  });
});

describe("reopen", () => {
  it("puts a case closed with close back at its stage, and undo reverts it", async () => {
    const s = sandbox("2026-11-10");
    await s.okHere(addArgs({ resolution: "refund", date: "2026-11-02" }));
    await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-03"]);
    await s.okHere(["close", "1", "--outcome", "cancelled", "--date", "2026-11-05"]);
    expect(s.run(["advance", "1"]).stderr).toMatch(/case #1 is closed .*kakotrack reopen 1/);
    expect(s.ok(["reopen", "1", "--note", "seller wrote back"])).toMatch(
      /^Reopened case #1 at agent-reviewed \(it was cancelled on 2026-11-05\)/,
    );
    const open = await s.jsonHere(["show", "1", "--json"]);
    expect(open).toMatchObject({ stage: "agent-reviewed", outcome: null, flag: expect.not.stringMatching("closed") });
    expect(open.events.map((e: { kind: string }) => e.kind)).toEqual(["opened", "stage", "closed", "reopened"]);
    expect(s.ok(["undo"])).toMatch(/reopening of case #1/);
    expect((await s.jsonHere(["show", "1", "--json"])).outcome).toBe("cancelled");
    expect(s.run(["reopen", "1"]).code).toBe(0);
    expect(s.run(["reopen", "1"])).toMatchObject({
      code: 2,
      stderr: "kakotrack: case #1 is open (at agent-reviewed); nothing to reopen\n",
    });
  });

  it("a case closed at the end of its path goes back a step, and its last deadline counts again", async () => {
    const s = sandbox("2026-11-30");
    await s.okHere(addArgs({ resolution: "refund", date: "2026-11-02", price: "100" }));
    await s.okHere(["advance", "1", "seller-agreed", "--date", "2026-11-04"]);
    await s.okHere(["advance", "1", "refunded", "--date", "2026-11-06"]);
    s.ok(["reopen", "1", "--note", "the item came back damaged"]);
    const shown = await s.jsonHere(["show", "1", "--json"]);
    // The refund paid stays a refund (issue 24 item 4): reopening erases no money record.
    expect(shown).toMatchObject({ stage: "seller-agreed", outcome: null, refunded: "100.00", flag: "overdue" });
    expect(shown.reasons[0]).toMatch(/^refund past 14 business days/);
  });
});

describe("duplicates", () => {
  it("refuses a second open case of one agent, order and item without --allow-duplicate, storing nothing", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    const before = digest(s.db);
    const r = s.run(addArgs());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kakotrack: case #1 is already open for this agent, order and item; .*--allow-duplicate/);
    expect(digest(s.db)).toBe(before);
    expect(s.ok([...addArgs(), "--allow-duplicate"])).toMatch(/^Recorded case #2/);
    s.ok(addArgs({ item: "black hoodie" })); // another item of the same order is another case
    await s.okHere(["close", "1", "--outcome", "cancelled"]);
    await s.okHere(["close", "2", "--outcome", "cancelled"]);
    expect(s.ok(addArgs())).toMatch(/^Recorded case #4/); // only open cases count
  });
});

describe("undo of settings", () => {
  it("reverts config set and unset, and a JSON import's settings with its cases", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    await s.okHere(["config", "set", "due-soon", "5"]);
    await s.okHere(["config", "unset", "due-soon"]);
    expect(s.ok(["undo"])).toMatch(/unset of due-soon/);
    expect(s.ok(["config", "get", "due-soon"])).toBe("5\n");
    expect(s.ok(["undo"])).toMatch(/setting of due-soon to 5/);
    expect(s.ok(["config", "get", "due-soon"])).toBe("2\n");
    expect(s.ok(["undo"])).toMatch(/add of case #1/); // the case, not a setting, came before

    const other = sandbox();
    await other.okHere(["config", "set", "escalation-followup", "9"]);
    await other.okHere(addArgs({ order: "KB-9" }));
    await other.okHere(["export", "--out", join(other.dir, "out.json")]);
    s.ok(["import", join(other.dir, "out.json")]);
    expect(s.ok(["config", "get", "escalation-followup"])).toBe("9\n");
    s.ok(["undo"]);
    expect(s.ok(["config", "get", "escalation-followup"])).toBe("5\n");
    expect(await s.jsonHere(["list", "--all", "--json"])).toEqual([]);
  });
});
