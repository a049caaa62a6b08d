import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { NewCase } from "../../src/domain/case/records.js";
import { describeSellerHistory } from "../../src/domain/reports/seller.js";
import { stepsOf } from "../../src/store/migrations.js";
import { type Store, UNDO_DEPTH } from "../../src/store/store.js";
import { newCase, openStore as storeAt } from "../fixtures.js";
import { tempDir } from "../helpers.js";

function openStore(): Store {
  return storeAt(join(tempDir("kakotrack-store-"), "k.db"));
}

const input = (seller: string, openedOn = "2026-11-01"): NewCase => newCase({ seller, priceMinor: 100, openedOn });

describe("store", () => {
  it("writes with the connection docs/design.md section 5 asks for, and reads wait out a writer too", () => {
    const store = openStore();
    const pragma = (name: string) => store.db.pragma(name, { simple: true });
    expect([pragma("journal_mode"), pragma("synchronous"), pragma("foreign_keys")]).toEqual(["wal", 2, 1]); // 2: FULL
    expect(pragma("busy_timeout")).toBeGreaterThanOrEqual(15_000);
    store.close();
    const reader = storeAt(store.path, "read");
    expect(reader.db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(15_000);
    reader.close();
  });

  it("keeps each case's stage summary (cases.steps) equal to its events through every kind of change", () => {
    const store = openStore();
    const steps = (id: number) => store.db.prepare("SELECT steps FROM cases WHERE id = ?").pluck().get(id);
    const stale = () =>
      store.db
        .prepare(`SELECT count(*) FROM cases WHERE steps <> ${stepsOf("cases.id")}`)
        .pluck()
        .get();
    const stage = (s: string, on: string) => ({
      kind: "stage",
      stage: s as never,
      onDate: on,
      note: null,
      amountMinor: null,
      data: null,
    });
    const a = store.cases.add(input("Lucky"), { note: null, evidence: [], events: [] }, "2026-11-20T10:00:00");
    const b = store.cases.add(
      input("Other", "2026-11-03"),
      { note: null, evidence: [], events: [], allowDuplicate: true },
      "2026-11-20T10:00:00",
    );
    expect(steps(a)).toBe("");
    store.cases.change(
      a,
      () => ({
        kind: "advance",
        summary: "a1",
        updates: { stage: "agent-reviewed" },
        events: [stage("agent-reviewed", "2026-11-02")],
      }),
      "t",
    );
    store.cases.change(
      a,
      () => ({
        kind: "refuse",
        summary: "a2",
        updates: { stage: "refused" },
        events: [stage("refused", "2026-11-04")],
      }),
      "t",
    );
    store.cases.change(
      a,
      () => ({
        kind: "note",
        summary: "a3",
        events: [{ kind: "note", stage: null, onDate: "2026-11-05", note: "n", amountMinor: null, data: null }],
      }),
      "t",
    );
    store.cases.change(
      b,
      () => ({
        kind: "advance",
        summary: "b1",
        updates: { stage: "agent-reviewed" },
        events: [stage("agent-reviewed", "2026-11-04")],
      }),
      "t",
    );
    expect(steps(a)).toBe("agent-reviewed 2026-11-02,refused 2026-11-04");
    expect(steps(b)).toBe("agent-reviewed 2026-11-04");
    store.journal.undoLast(); // b's advance
    expect(steps(b)).toBe("");
    store.cases.remove(a, "t");
    store.journal.undoLast(); // the removal: a comes back with its events
    expect(steps(a)).toBe("agent-reviewed 2026-11-02,refused 2026-11-04");
    store.journal.undoLast(); // the note
    store.journal.undoLast(); // the refusal
    expect(steps(a)).toBe("agent-reviewed 2026-11-02");
    const exported = store.transfer.exportAll();
    store.transfer.importCases(
      exported.cases.map((c) => ({ ...c, case: { ...c.case, orderNo: `${c.case.orderNo}-copy` } })),
      {},
      "t",
    );
    const copies = store.db.prepare("SELECT steps FROM cases WHERE order_no = 'KB-1-copy' ORDER BY id").pluck().all();
    expect(copies).toEqual(["agent-reviewed 2026-11-02", ""]);
    expect(stale()).toBe(0);
    expect(store.health.problems()).toEqual([]);
    store.db.prepare("UPDATE cases SET steps = '' WHERE id = ?").run(a);
    expect(store.health.problems()).toEqual(["1 cases' stage summaries differ from their events (cases.steps)"]);
    store.close();
  });

  it("keeps the last UNDO_DEPTH changes for undo and drops older snapshots", () => {
    const store = openStore();
    // A thousand commits each waiting for the disk (synchronous = FULL) took 8 to 16 s with other
    // I/O on the machine, 2.5 s without; this test is about the journal's length, not durability.
    store.db.pragma("synchronous = OFF");
    const id = store.cases.add(input("Lucky"), { note: null, evidence: [], events: [] }, "2026-11-20T10:00:00");
    for (let i = 0; i < UNDO_DEPTH + 5; i++) {
      store.cases.change(
        id,
        () => ({
          kind: "note",
          summary: `note ${i}`,
          events: [{ kind: "note", stage: null, onDate: "2026-11-20", note: `n${i}`, amountMinor: null, data: null }],
        }),
        "2026-11-20T10:00:01",
      );
    }
    const journal = store.db.prepare("SELECT count(*) AS n FROM changes").get() as { n: number };
    expect(journal.n).toBe(UNDO_DEPTH);
    expect(store.journal.undoLast()).toBe(`note ${UNDO_DEPTH + 4}`);
    expect(store.cases.events(id).at(-1)!.note).toBe(`n${UNDO_DEPTH + 3}`);
    store.close();
  });

  it("gives seller memory the total and the most recent cases opened before this one, with their steps", () => {
    const store = openStore();
    for (let i = 0; i < 8; i++)
      store.cases.add(
        input(i % 2 === 0 ? "Lucky Store" : "Other"),
        { note: null, evidence: [], events: [], allowDuplicate: true },
        "2026-11-20T10:00:00",
      );
    store.cases.change(
      7,
      () => ({
        kind: "advance",
        summary: "a",
        updates: { stage: "refused" },
        events: [{ kind: "stage", stage: "refused", onDate: "2026-11-03", note: null, amountMinor: null, data: null }],
      }),
      "2026-11-20T10:00:00",
    );
    const { total, recent } = store.cases.ofSeller("luckystore", { id: 8, openedOn: "2026-11-01" }, 2);
    expect(total).toBe(4);
    expect(recent.map((r) => [r.id, r.steps.map((s) => s.stage)])).toEqual([
      [7, ["requested", "refused"]],
      [5, ["requested"]],
    ]);
    // The first case has no earlier ones, whatever came after it; a case opened before it counts.
    expect(store.cases.ofSeller("luckystore", { id: 1, openedOn: "2026-11-01" }, 2).total).toBe(0);
    expect(store.cases.ofSeller("luckystore", { id: 1, openedOn: "2026-11-02" }, 2).total).toBe(4);
    store.close();
  });
});

describe("seller line", () => {
  it("says when the figures cover only the most recent cases", () => {
    const h = { cases: 200, refused: 3, late: 40, closed: 190, medianDaysToResolution: 12 };
    expect(describeSellerHistory("Lucky", h, 4061)).toBe(
      "Seller Lucky: 4061 earlier cases; of the last 200, 3 refused, 40 ran late, typically resolved in 12 days.",
    );
    expect(describeSellerHistory("Lucky", { ...h, cases: 2 })).toBe(
      "Seller Lucky: 2 earlier cases, 3 refused, 40 ran late, typically resolved in 12 days.",
    );
  });
});

describe("SQLite objects and the garbage collector", () => {
  // Node 24.19+ aborts the process when V8 collects one of better-sqlite3 12's statements,
  // iterators, backups or connections (nodejs/node#65446): none may ever be collected.
  it("never lets a statement, an iterator or a closed connection be collected", async () => {
    // gc() exists only in a Node started with --expose-gc, so the check runs in one:
    // collector-probe.ts, bundled with src/ as scripts/build.mjs bundles kakotrack.
    const { build } = await import("esbuild");
    const root = join(import.meta.dirname, "..", "..");
    const probe = await build({
      entryPoints: [join(import.meta.dirname, "collector-probe.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      // better-sqlite3 as installed; chinese-days' CommonJS bundled (the store's due days count on the calendar).
      external: ["better-sqlite3"],
      write: false,
      define: { "import.meta.dirname": JSON.stringify(join(root, "dist")) },
      logLevel: "warning",
    });
    const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-", tempDir("kakotrack-gc-")], {
      input: probe.outputFiles[0]!.text,
      cwd: root,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["the store"]); // the collector ran, and took only the wrapper around them
  });

  it("prepares as many statements to import 40 cases as to import 4: kept ones must not grow with a file", () => {
    const preparedFor = (count: number): number => {
      const store = openStore();
      for (let i = 0; i < count; i++)
        store.cases.add(input("Lucky"), { note: null, evidence: [], events: [], allowDuplicate: true }, "t");
      const copies = store.transfer
        .exportAll()
        .cases.map((c) => ({ ...c, case: { ...c.case, orderNo: `${c.case.orderNo}-${c.case.id}` } }));
      const prepare = vi.spyOn(store.db, "prepare");
      store.transfer.importCases(copies, {}, "t");
      store.close();
      return prepare.mock.calls.length;
    };
    expect(preparedFor(40)).toBe(preparedFor(4));
  });
});
