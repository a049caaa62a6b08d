import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { databaseAtSchema, sandbox } from "../helpers.js";

// Migration m011 (issue 24 items 4 and 5): refunds become records summed per case by triggers,
// on a blank database and on one at schema 7, whose refunds (a reopened case's too) all count.

const open = (path: string) => Store.open(path, { access: "write", createParent: false, today: "2026-11-20" });

const M011 = "m011_refund_records_and_return_parcel";

/** A database as kakotrack wrote it at schema 7, before refund records. */
function schemaSevenDatabase(path: string): void {
  const db = databaseAtSchema(path, 7);
  const insertCase = db.prepare(`INSERT INTO cases (id, agent, order_no, item, currency, defect, description, phase,
    resolution, payment, opened_on, stage, outcome, refund_minor, refund_to, closed_on, created_at, updated_at)
    VALUES (?, ?, ?, 'coat', 'CNY', 'flaw', 'd', 'qc', ?, 'card', '2026-10-01', ?, ?, ?, ?, ?, 't', 't')`);
  const insertEvent = db.prepare(
    "INSERT INTO events (case_id, kind, stage, on_date, recorded_at, amount_minor, data) VALUES (?, ?, ?, ?, 't', " +
      "?, ?)",
  );
  const opened = (id: number) => insertEvent.run(id, "opened", "requested", "2026-10-01", null, null);
  // 1: refunded by advance into the balance.
  insertCase.run(1, "KakoBuy", "KB-1", "refund", "refunded", "refunded", 5000, "balance", "2026-10-10");
  opened(1);
  insertEvent.run(1, "stage", "refunded", "2026-10-10", 5000, '{"to":"balance"}');
  // 2: a partial refund of 30 into the balance, reopened (which erased it from the row), closed again with 20.
  insertCase.run(2, "kakobuy", "KB-2", "partial-refund", "agreed", "partially-refunded", 2000, "balance", "2026-10-20");
  opened(2);
  insertEvent.run(2, "stage", "refunded", "2026-10-10", 3000, '{"to":"balance"}');
  insertEvent.run(2, "reopened", "agreed", "2026-10-12", null, '{"outcome":"partially-refunded"}');
  insertEvent.run(2, "closed", null, "2026-10-20", 2000, '{"outcome":"partially-refunded","to":"balance"}');
  // 3: refunded to the card by close; 4: a refund of 0.00 (a price of 0), which is no record.
  insertCase.run(3, "CSSBuy", "CS-3", "refund", "requested", "refunded", 700, "original", "2026-10-05");
  opened(3);
  insertEvent.run(3, "closed", null, "2026-10-05", 700, '{"outcome":"refunded","to":"original"}');
  insertCase.run(4, "KakoBuy", "KB-4", "refund", "requested", "refunded", 0, "balance", "2026-10-05");
  opened(4);
  insertEvent.run(4, "closed", null, "2026-10-05", 0, '{"outcome":"refunded","to":"balance"}');
  db.close();
}

const refundColumns = (store: Store) =>
  store.db
    .prepare("SELECT id, refund_minor, refund_to, balance_refund_minor, return_tracking FROM cases ORDER BY id")
    .raw()
    .all();

describe(`migration ${M011}`, () => {
  it(
    "gives a blank database the return parcel, the balance sum, their indexes (store-money.test.ts: read " +
      "covering) and the triggers",
    () => {
      const store = open(sandbox().db);
      expect(MIGRATIONS.map((m) => m.name)).toContain(M011);
      const columns = (store.db.pragma("table_info(cases)") as Array<{ name: string }>).map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(["balance_refund_minor", "return_tracking", "return_carrier"]));
      const names = (type: string) =>
        store.db.prepare("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name").pluck().all(type);
      expect(names("index")).toEqual(expect.arrayContaining(["cases_balance_refunds", "events_refunds"]));
      expect(names("index")).not.toContain("cases_refund_balance");
      expect(names("view")).toEqual(["case_refunds"]);
      // A trigger sums one case's refunds: a search of its events, not a scan of all of them.
      const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT total FROM case_refunds WHERE case_id = 1").all();
      expect(plan.map((r: any) => r.detail)).toContain("SEARCH events USING INDEX events_case (case_id=?)");
      expect(names("trigger")).toEqual(
        expect.arrayContaining(["events_refunds_delete", "events_refunds_insert", "events_refunds_update"]),
      );
      store.close();
    },
  );

  it("upgrades a schema-7 database after a backup copy: every refund counted once, a reopened case's too", () => {
    const path = sandbox().db;
    schemaSevenDatabase(path);
    const store = open(path);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(existsSync(`${path}.schema7-2026-11-20.bak`)).toBe(true);
    expect(refundColumns(store)).toEqual([
      [1, 5000, "balance", 5000, null],
      [2, 5000, "balance", 5000, null],
      [3, 700, "original", null, null],
      [4, null, null, null, null],
    ]);
    expect(store.money.sums().refunds).toEqual([
      // m010 brought "kakobuy" to KakoBuy's name before m011 summed the refunds.
      { agent: "KakoBuy", currency: "CNY", minor: 10000 },
    ]);
    expect(store.money.refundsByCase("2026-10-15")).toEqual(
      new Map([
        [1, 5000],
        [2, 3000],
        [3, 700],
      ]),
    );
    expect(store.health.problems()).toEqual([]);
    store.close();
  });

  it("keeps the sums on every write: a refund added, an undo, a case removed", () => {
    const path = sandbox().db;
    schemaSevenDatabase(path);
    const store = open(path);
    const refund = (caseId: number, minor: number, to: string) =>
      store.cases.change(
        caseId,
        () => ({
          kind: "refund",
          summary: "refund",
          events: [
            {
              kind: "refund",
              stage: null,
              onDate: "2026-11-01",
              note: null,
              amountMinor: minor,
              data: `{"to":"${to}"}`,
            },
          ],
        }),
        "t",
      );
    refund(3, 250, "balance");
    expect(refundColumns(store)[2]).toEqual([3, 950, "balance", 250, null]);
    store.journal.undoLast();
    expect(refundColumns(store)[2]).toEqual([3, 700, "original", null, null]);
    // doctor's check: a total that no longer matches its records (written past the triggers) is a problem.
    store.db.prepare("UPDATE cases SET balance_refund_minor = 1 WHERE id = 2").run();
    expect(store.health.problems()).toEqual([
      "1 cases' refund totals differ from their refund records (cases.refund_minor)",
    ]);
    store.cases.remove(1, "t");
    expect(store.money.sums().refunds).toEqual([{ agent: "KakoBuy", currency: "CNY", minor: 1 }]);
    store.close();
  });
});
