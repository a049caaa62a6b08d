import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { NewCase } from "../../src/domain/case/records.js";
import { OPEN_DUPLICATE } from "../../src/store/cases.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { APPLICATION_ID, openSqlite } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { newCase, openStore as open } from "../fixtures.js";
import { sandbox } from "../helpers.js";

// Migration m007: add's check for an open duplicate reads an index of the open cases' order
// numbers instead of scanning every open case (26 ms of each add at 100,000 cases). Migration
// m010 keeps it one index search, by the key of agent, order and item (issue 26 item 3).

const input = (orderNo: string): NewCase => newCase({ orderNo, resolution: "exchange" });

const plan = (store: Store) =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${OPEN_DUPLICATE}`).all("k") as Array<{ detail: string }>).map((r) => r.detail);

describe("the duplicate check's index (m007_open_order_index, then m010_names_that_match)", () => {
  it("makes the duplicate check a search of the open cases by order number", () => {
    const store = open(sandbox().db);
    expect(MIGRATIONS.map((m) => m.name)).toContain("m010_names_that_match");
    expect(plan(store)).toEqual(["SEARCH cases USING INDEX cases_open_dup (dup_key=?)"]);
    const id = store.cases.add(input("KB-1"), { note: null, evidence: [], events: [] }, "2026-11-01T10:00");
    expect(store.cases.openDuplicate({ agent: "kakobuy", orderNo: "KB-1", item: "cap" })).toBe(id);
    expect(store.cases.openDuplicate({ agent: "Kako Buy", orderNo: " kb-1 ", item: "CAP" })).toBe(id);
    expect(store.cases.openDuplicate({ agent: "KakoBuy", orderNo: "KB-2", item: "cap" })).toBeUndefined();
    store.close();
  });

  it("upgrades a schema-6 database after a backup copy, its open cases found by the index", () => {
    const path = sandbox().db;
    const db = openSqlite(path);
    db.pragma("journal_mode = WAL");
    for (const m of MIGRATIONS.slice(0, 6)) db.exec(m.sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma("user_version = 6");
    db.exec(`INSERT INTO cases (id, agent, order_no, item, currency, defect, description, phase, resolution, payment, opened_on, stage,
      created_at, updated_at) VALUES (1, 'Kako Buy', 'KB-OLD ', 'Grey  Hoodie', 'CNY', 'flaw', 'd', 'qc', 'exchange', 'card', '2026-10-01', 'requested', 't', 't');
      INSERT INTO events (case_id, kind, stage, on_date, recorded_at) VALUES (1, 'opened', 'requested', '2026-10-01', 't');
      INSERT INTO withdrawals (agent, currency, amount_minor, on_date, recorded_at) VALUES ('kako-buy', 'CNY', 100, '2026-10-02', 't');
      INSERT INTO settings (key, value) VALUES ('return-window@kakobuy', '96'), ('refund-to@Kako Buy', 'original'),
        ('refund-to@KakoBuy', 'balance'), ('return-window@Foo  Agent', '48')`);
    db.close();
    const store = open(path);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(existsSync(`${path}.schema6-2026-11-20.bak`)).toBe(true);
    expect(plan(store)).toEqual(["SEARCH cases USING INDEX cases_open_dup (dup_key=?)"]);
    expect(store.cases.openDuplicate({ agent: "KakoBuy", orderNo: "KB-OLD", item: "grey hoodie" })).toBe(1);
    expect(store.db.prepare("SELECT agent FROM cases UNION ALL SELECT agent FROM withdrawals").pluck().all()).toEqual([
      "KakoBuy",
      "KakoBuy",
    ]);
    expect(store.db.prepare("SELECT key, value FROM settings WHERE key LIKE '%@%' ORDER BY key").raw().all()).toEqual([
      ["refund-to@KakoBuy", "balance"],
      ["return-window@Foo Agent", "48"],
      ["return-window@KakoBuy", "96"],
    ]);
    expect(store.health.problems()).toEqual([]);
    store.close();
  });
});
