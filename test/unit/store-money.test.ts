import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { NewCase } from "../../src/domain/case/records.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { APPLICATION_ID, openSqlite } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { newCase, openStore as open } from "../fixtures.js";
import { sandbox } from "../helpers.js";

// Migration m006 (issue 16) on a blank database and on one at the schema before it.

/** A database path in a folder of its own, removed after the test. */
const tempPath = (): string => sandbox().db;

const input = (storedAt: string | null = null): NewCase => newCase({ seller: "Lucky", priceMinor: 10000, storedAt });

const columns = (store: Store, table: string) =>
  (store.db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);

/** A database as kakotrack wrote it before m006 (schema 5), with a refunded case in it. */
function schemaFiveDatabase(path: string): void {
  const db = openSqlite(path);
  db.pragma("journal_mode = WAL");
  for (const m of MIGRATIONS.slice(0, 5)) db.exec(m.sql);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma("user_version = 5");
  db.exec(`
    INSERT INTO cases (id, agent, order_no, item, currency, defect, description, phase, resolution, payment, opened_on, stage,
      outcome, refund_minor, closed_on, created_at, updated_at)
    VALUES (1, 'KakoBuy', 'KB-OLD', 'coat', 'CNY', 'flaw', 'd', 'qc', 'refund', 'card', '2026-10-01', 'refunded', 'refunded', 5000,
      '2026-10-10', 't', 't');
    INSERT INTO events (case_id, kind, stage, on_date, recorded_at) VALUES (1, 'opened', 'requested', '2026-10-01', 't');
    INSERT INTO events (case_id, kind, stage, on_date, recorded_at, amount_minor) VALUES (1, 'stage', 'refunded', '2026-10-10', 't', 5000);
  `);
  db.close();
}

describe("migration m006_return_window_and_money", () => {
  it("gives a blank database the stock-in and refund columns, the withdrawals table and their indexes", () => {
    const store = open(tempPath());
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(MIGRATIONS.map((m) => m.name)).toContain("m006_return_window_and_money");
    expect(columns(store, "cases")).toEqual(expect.arrayContaining(["steps", "stored_at", "refund_to", "ask_minor"]));
    expect(columns(store, "withdrawals")).toEqual([
      "id",
      "agent",
      "currency",
      "amount_minor",
      "untracked_minor",
      "on_date",
      "note",
      "recorded_at",
    ]);
    const indexes = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all();
    expect(indexes).toEqual(
      // m011 replaced cases_refund_balance (the latest refund of a case) by cases_balance_refunds (all of them).
      expect.arrayContaining(["cases_open_status", "cases_balance_refunds", "events_fees", "withdrawals_agent"]),
    );
    // Amounts are positive and the untracked part never more than the whole.
    const insert = store.db.prepare(
      "INSERT INTO withdrawals (agent, currency, amount_minor, untracked_minor, on_date, recorded_at) VALUES ('K', " +
        "'CNY', ?, ?, '2026-11-20', 't')",
    );
    expect(() => insert.run(0, 0)).toThrow(/CHECK/);
    expect(() => insert.run(100, 101)).toThrow(/CHECK/);
    store.close();
  });

  it("upgrades a schema-5 database, keeping its cases (no stock-in, destination unknown) after a backup copy", () => {
    const path = tempPath();
    schemaFiveDatabase(path);
    const store = open(path);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(existsSync(`${path}.schema5-2026-11-20.bak`)).toBe(true);
    expect(store.cases.get(1)).toMatchObject({ orderNo: "KB-OLD", refundMinor: 5000, storedAt: null, refundTo: null });
    // A refund whose destination was never recorded is not counted as held.
    expect(store.money.sums()).toEqual({ refunds: [], withdrawals: [] });
    expect(store.health.problems()).toEqual([]);
    store.close();
  });

  it("lets status read a spotted case's stock-in and the money held from indexes alone", () => {
    const store = open(tempPath());
    store.cases.add(input("2026-10-30T09:00"), { note: null, evidence: [], events: [], spotted: true }, "t");
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join("; ");
    expect(
      plan(
        "SELECT id, resolution, stage, opened_on, outcome, steps, CASE WHEN stage = 'spotted' THEN agent END, CASE " +
          "WHEN stage = 'spotted' THEN stored_at END FROM cases WHERE outcome IS NULL ORDER BY id",
      ),
    ).toMatch(/USING COVERING INDEX cases_open_status/);
    expect(
      plan(
        "SELECT agent, currency, sum(balance_refund_minor) FROM cases WHERE balance_refund_minor IS NOT NULL GROUP " +
          "BY agent, currency",
      ),
    ).toMatch(/COVERING INDEX cases_balance_refunds/);
    expect(store.statusRows.rows(false)[0]).toMatchObject({
      stage: "spotted",
      agent: "KakoBuy",
      storedAt: "2026-10-30T09:00",
    });
    store.close();
  });

  it("records a spotted case without an opening event, which the request adds; undo takes each back", () => {
    const store = open(tempPath());
    const id = store.cases.add(
      input(),
      { note: "seen in the QC photos", evidence: [], events: [], spotted: true },
      "t",
    );
    expect(store.cases.events(id).map((e) => [e.kind, e.stage, e.note])).toEqual([
      ["spotted", null, "seen in the QC photos"],
    ]);
    expect(store.health.problems()).toEqual([]);
    store.cases.change(
      id,
      () => ({
        kind: "advance",
        summary: "request",
        updates: { stage: "requested", openedOn: "2026-11-03" },
        events: [
          { kind: "opened", stage: "requested", onDate: "2026-11-03", note: null, amountMinor: null, data: null },
        ],
      }),
      "t",
    );
    expect(store.cases.get(id)).toMatchObject({ stage: "requested", openedOn: "2026-11-03" });
    expect(store.cases.steps(id)).toEqual([{ stage: "requested", on: "2026-11-03" }]);
    expect(store.journal.undoLast()).toBe("request");
    expect(store.cases.get(id)).toMatchObject({ stage: "spotted", openedOn: "2026-11-01" });
    expect(store.cases.events(id)).toHaveLength(1);
    store.close();
  });
});
