import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/domain/transfer/csv.js";
import { addArgs, sandbox } from "../helpers.js";

// Issue 26 item 1: kakotrack's own CSV, imported into an empty database, gives back each case's standing.

const NOW = "2026-11-20";

/** status and balance as JSON with the ids taken out (an import numbers cases afresh). */
function withoutIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => (key === "id" || key === "caseId" ? undefined : v));
}

describe("csv export -> import (issue 26 item 1)", () => {
  it("restores stages, day 0, spotting, refunds, offers, rounds and fees: same status and balance", async () => {
    const a = sandbox(NOW);
    const here = (args: string[], now = NOW) => a.okHere(args, { now });
    // 1 closed as it is
    await here(addArgs({ order: "C-1", date: "2026-11-02" }), "2026-11-02");
    await here(["close", "1", "--outcome", "accepted-as-is", "--date", "2026-11-05"]);
    // 2 refunded, reopened, refunded again twice, closed with a last refund
    await here(addArgs({ order: "C-2", resolution: "refund", date: "2026-11-02" }), "2026-11-02");
    await here(["advance", "2", "agent-reviewed", "--date", "2026-11-03"]);
    await here(["advance", "2", "seller-agreed", "--date", "2026-11-04"]);
    await here(["advance", "2", "returned", "--date", "2026-11-06"]);
    await here(["advance", "2", "refunded", "--amount", "50", "--to", "balance", "--date", "2026-11-10"]);
    await here(["reopen", "2", "--note", "only half came back"], "2026-11-12");
    await here(["refund", "2", "20", "--to", "original", "--date", "2026-11-12"]);
    await here(["refund", "2", "5.50", "--to", "balance", "--date", "2026-11-13"]);
    await here(["close", "2", "--outcome", "refunded", "--amount", "10", "--to", "balance", "--date", "2026-11-14"]);
    // 3 spotted, with its stock-in time
    await here([...addArgs({ order: "C-3" }), "--stage", "spotted", "--stored", "2026-11-17 14:00"], "2026-11-18");
    // 4 refused, escalated, then back on the path (the pause moves the deadlines)
    await here(addArgs({ order: "C-4", resolution: "refund", date: "2026-11-02" }), "2026-11-02");
    await here(["refuse", "4", "--date", "2026-11-04"]);
    await here(["escalate", "4", "--date", "2026-11-05"]);
    await here(["advance", "4", "seller-agreed", "--date", "2026-11-09"]);
    // 5 partial refund with an ask, an offer, a counter-offer and a fee
    await here(addArgs({ order: "C-5", resolution: "partial-refund", ask: "60", date: "2026-11-02" }), "2026-11-02");
    await here(["advance", "5", "agent-reviewed", "--date", "2026-11-03"]);
    await here(["advance", "5", "seller-offered", "--amount", "30", "--date", "2026-11-05"]);
    await here(["counter", "5", "45", "--date", "2026-11-06"]);
    await here(["fee", "5", "12", "--what", "return shipping", "--date", "2026-11-07"]);
    // 6 an exchange in its second round
    await here(addArgs({ order: "C-6", date: "2026-11-02" }), "2026-11-02");
    await here(["advance", "6", "agent-reviewed", "--date", "2026-11-03"]);
    await here(["advance", "6", "seller-confirmed", "--date", "2026-11-04"]);
    await here(["advance", "6", "replacement-arrived", "--date", "2026-11-10"]);
    await here(["reject", "6", "--date", "2026-11-12"]);

    const file = join(a.dir, "all.csv");
    a.ok(["export", "--format", "csv", "--out", file]);
    const b = sandbox(NOW);
    const imported = b.run(["import", file]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe(
      "kakotrack: note: a CSV carries each case's standing (stages and their dates, refunds, fees total, offer, " +
        "outcome), not its history, evidence files or notes; `kakotrack export --format json` makes a full copy\n",
    );
    expect(imported.stdout).toContain("Imported 6 cases");

    const status = a.json(["status", "--json", "--all"]);
    expect(status.cases ?? status).toHaveLength(6);
    expect(withoutIds(b.json(["status", "--json", "--all"]))).toEqual(withoutIds(status));
    expect(withoutIds(b.json(["balance", "--json"]))).toEqual(withoutIds(a.json(["balance", "--json"])));
    // The case fields the CSV carries, and the CSV itself, come back too.
    expect(withoutIds(b.json(["list", "--all", "--json"]))).toEqual(withoutIds(a.json(["list", "--all", "--json"])));
    const again = join(b.dir, "again.csv");
    b.ok(["export", "--format", "csv", "--out", again]);
    const rows = (path: string) => parseCsv(readFileSync(path, "utf8"), path).map((r) => r.fields.slice(1));
    expect(rows(again)).toEqual(rows(file));
    // undo takes the whole import back
    b.ok(["undo"]);
    expect(b.json(["list", "--all", "--json"])).toEqual([]);
  });

  it("imports a hand-made sheet with only the required columns as before, without the note", () => {
    const s = sandbox(NOW);
    const file = join(s.dir, "haul.csv");
    writeFileSync(file, "order,item,resolution\r\nH-1,jeans,refund\r\n");
    const r = s.run(["import", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("standing");
    const [c] = s.json(["list", "--all", "--json"]);
    expect([c.stage, c.openedOn, c.outcome]).toEqual(["requested", NOW, null]);
  });
});
