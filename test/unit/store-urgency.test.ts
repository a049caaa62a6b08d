import { describe, expect, it } from "vitest";
import { calendarsFrom } from "../../src/domain/config/calendars.js";
import { URGENCY_BASIS_KEY } from "../../src/domain/config/settings.js";
import { urgencyOf } from "../../src/domain/deadlines/evaluate.js";
import { URGENCY_BASIS } from "../../src/domain/deadlines/urgency-basis.js";
import { toDay } from "../../src/domain/time/dates.js";
import type { Store } from "../../src/store/store.js";
import { newCase, openStore, timeline } from "../fixtures.js";
import { databaseAtSchema, sandbox } from "../helpers.js";

// m012 and src/store/urgency.ts (issue 28): each open case's earliest due day and whether the
// buyer's move is next, stored by every write before it commits, for status's index.

const AT = "2026-11-20T10:00";
const NONE = { note: null, evidence: [], events: [] };

const stored = (store: Store) =>
  store.db.prepare("SELECT id, due_day, needs_action, due_stale FROM cases ORDER BY id").raw().all() as Array<
    [number, number | null, number, number]
  >;
const basis = (store: Store) =>
  store.db.prepare("SELECT value FROM settings WHERE key = ?").pluck().get(URGENCY_BASIS_KEY);
const plan = (store: Store, sql: string) =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join("; ");

describe("the stored urgency of the open cases (m012)", () => {
  it("is worked out by every write before it commits, and again when a setting changes", () => {
    const store = openStore(sandbox().db);
    const exchange = store.cases.add(newCase({ resolution: "exchange", openedOn: "2026-09-30" }), NONE, AT);
    const refund = store.cases.add(newCase({ orderNo: "KB-2", openedOn: "2026-11-16" }), NONE, AT);
    // Requested 2026-09-30: the agent's review is due after the National Day break.
    const dueOf = (t: ReturnType<typeof timeline>) =>
      urgencyOf(t, calendarsFrom(store.settings.all()).calendar, {
        dueSoonDays: 2,
        escalationFollowUpDays: 5,
      }).dueDay;
    expect(stored(store)).toEqual([
      [exchange, dueOf(timeline("exchange", "2026-09-30")), 0, 0],
      [refund, dueOf(timeline("refund", "2026-11-16")), 0, 0],
    ]);
    expect(basis(store)).toBe(URGENCY_BASIS);

    // A closure on the refund's due day pushes its business-day deadline: the setting clears the basis, so the
    // same write works every open case out again.
    const before = stored(store)[1]![1] as number;
    store.settings.set("closures", "2026-11-16..2026-11-30", "set closures", AT);
    expect(basis(store)).toBe(URGENCY_BASIS);
    expect(stored(store)[1]![1]).toBeGreaterThan(before);
    expect(stored(store)[1]![1]).toBeGreaterThan(toDay("2026-11-30"));
    expect(stored(store).map((row) => row[3])).toEqual([0, 0]);
  });

  it("shares the command's calendars when the settings are the ones it read, without adding to its notes", () => {
    const store = openStore(sandbox().db);
    const session = store.urgency.calendars();
    // Opened 2026-12-28: its deadlines fall in 2027, a provisional year, counted by the refresh alone.
    const id = store.cases.add(newCase({ openedOn: "2026-12-28" }), NONE, AT);
    const fresh = urgencyOf(timeline("refund", "2026-12-28"), calendarsFrom(store.settings.all()).calendar, {
      dueSoonDays: 2,
      escalationFollowUpDays: 5,
    });
    expect(stored(store)).toEqual([[id, fresh.dueDay, 0, 0]]);
    expect(session.calendar.provisionalYears.size).toBe(0);
    // The days the refresh worked out stay with the calendar the command counts on: the same answer, now noted.
    expect(urgencyOf(timeline("refund", "2026-12-28"), session.calendar, session.settings).dueDay).toBe(fresh.dueDay);
    expect([...session.calendar.provisionalYears]).toEqual([2027]);

    // Other settings than the command read: the refresh builds calendars of its own.
    store.settings.set("closures", "2026-12-28..2027-01-31", "set closures", AT);
    expect(stored(store)[0]![1]).toBeGreaterThan(toDay("2027-01-31"));
  });

  it("marks a case stale when anything changes what it is judged by, and the next write works it out", () => {
    const store = openStore(sandbox().db);
    const id = store.cases.add(newCase({ openedOn: "2026-11-16" }), NONE, AT);
    store.db.prepare("UPDATE cases SET item = 'hat' WHERE id = ?").run(id);
    expect(stored(store)[0]![3]).toBe(0);
    store.db.prepare("UPDATE cases SET opened_on = '2026-11-10' WHERE id = ?").run(id);
    expect(stored(store)[0]![3]).toBe(1);
    expect(store.urgency.live([]).map((c) => c.id)).toEqual([id]);
    store.write(() => {});
    expect(stored(store)[0]![3]).toBe(0);
    expect(store.urgency.live([])).toEqual([]);
    expect(stored(store)[0]![1]).toBe(toDay("2026-11-12"));
  });

  it("counts and orders from its index alone; status's own cases come from their partial index", () => {
    const store = openStore(sandbox().db);
    expect(
      plan(store, "SELECT count(*) FROM cases WHERE outcome IS NULL AND due_stale = 0 AND stage <> 'spotted'"),
    ).toBe("SCAN cases USING COVERING INDEX cases_urgency");
    expect(
      plan(
        store,
        "SELECT id FROM cases WHERE outcome IS NULL AND due_stale = 0 AND stage <> 'spotted' " +
          "ORDER BY needs_action DESC, due_day IS NULL, due_day, id LIMIT 50",
      ),
    ).toBe("SCAN cases USING COVERING INDEX cases_urgency");
    expect(plan(store, "SELECT steps FROM cases WHERE outcome IS NULL AND (due_stale = 1 OR stage = 'spotted')")).toBe(
      "SCAN cases USING INDEX cases_judged_live",
    );
  });

  it("counts each flag on a day, and tells doctor where a stored day differs, which doctor --fix works out again", () => {
    const store = openStore(sandbox().db);
    store.cases.add(newCase({ openedOn: "2026-11-02" }), NONE, AT); // overdue on 2026-11-20
    store.cases.add(newCase({ orderNo: "KB-2", openedOn: "2026-11-19" }), NONE, AT); // due soon
    store.cases.add(newCase({ orderNo: "KB-3", openedOn: "2026-11-20", resolution: "exchange" }), NONE, AT);
    expect(store.urgency.counts(toDay("2026-11-20"), 2)).toEqual({
      action: 0,
      overdue: 1,
      dueSoon: 2,
      onTrack: 0,
      late: 1,
    });
    expect(store.urgency.differing()).toBe(0);
    // A stored day changed behind the triggers' back.
    store.db.exec("DROP TRIGGER cases_urgency_stale; UPDATE cases SET due_day = due_day + 30 WHERE id = 1");
    expect(store.urgency.differing()).toBe(1);
    expect(store.urgency.workOutAgain()).toBe(3);
    expect(store.urgency.differing()).toBe(0);
  });

  it("is worked out for every open case of a database migrated from an earlier schema (9)", () => {
    const path = sandbox().db;
    const db = databaseAtSchema(path, 9);
    db.prepare(
      `INSERT INTO cases (id, agent, order_no, item, currency, defect, description, phase, resolution, payment,
        opened_on, stage, created_at, updated_at) VALUES (1, 'KakoBuy', 'KB-1', 'coat', 'CNY', 'flaw', 'd', 'qc',
        'refund', 'card', '2026-11-16', 'requested', 't', 't')`,
    ).run();
    db.prepare(
      "INSERT INTO events (case_id, kind, stage, on_date, recorded_at) VALUES (1, 'opened', 'requested', '2026-11-16', 't')",
    ).run();
    db.close();
    const store = openStore(path);
    expect(stored(store)).toEqual([[1, toDay("2026-11-18"), 0, 0]]);
    expect(basis(store)).toBe(URGENCY_BASIS);
  });
});
