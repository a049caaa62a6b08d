import type Database from "better-sqlite3";
import type { CaseEvent, CaseRecord, CaseSnapshot, EvidenceRecord } from "../domain/case/records.js";
import { CASE_COLUMNS, caseInsert, caseInsertValues, EVENT_COLUMNS, EVIDENCE_COLUMNS } from "./columns.js";
import type { Connection } from "./connection.js";
import type { EvidenceRefs } from "./evidence-refs.js";
import { Repository } from "./repository.js";

/** How many changes `undo` can revert, newest first (README). */
export const UNDO_DEPTH = 1000;

/** One journalled change: what it was and what undo needs to put back. */
interface ChangeRow {
  id: number;
  kind: string;
  caseId: number | null;
  summary: string;
  before: string | null;
}

/**
 * What a change that is not one case's puts back on undo: the ids it added (an import, a
 * withdrawal), the settings as they were (null: the key was absent).
 */
export interface WiderBefore {
  importedIds?: number[];
  /** Withdrawals the change recorded (withdraw, an import), which undo removes. */
  withdrawalIds?: number[];
  settings?: Record<string, string | null>;
}

/** The undo journal: one row a user-visible change, with what was there before it. */
export class Journal extends Repository {
  constructor(
    conn: Connection,
    private readonly evidence: EvidenceRefs,
  ) {
    super(conn);
  }

  /** A case as it is now, or null when there is none. Call inside the change's transaction. */
  snapshot(caseId: number): CaseSnapshot | null {
    const { db } = this;
    const row = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`).get(caseId) as CaseRecord | undefined;
    if (!row) return null;
    return {
      case: row,
      events: db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE case_id = ? ORDER BY id`)
        .all(caseId) as CaseEvent[],
      evidence: db
        .prepare(`SELECT ${EVIDENCE_COLUMNS} FROM evidence WHERE case_id = ? ORDER BY id`)
        .all(caseId) as EvidenceRecord[],
    };
  }

  /** Journals a change; `before` is the case snapshot (case changes) or a WiderBefore (others). */
  record(
    kind: string,
    caseId: number | null,
    summary: string,
    before: CaseSnapshot | WiderBefore | null,
    recordedAt: string,
  ): void {
    const { db } = this;
    const info = db
      .prepare("INSERT INTO changes (kind, case_id, summary, before, recorded_at) VALUES (?, ?, ?, ?, ?)")
      .run(kind, caseId, summary, before === null ? null : JSON.stringify(before), recordedAt);
    // Undo reaches back UNDO_DEPTH changes; older snapshots would only grow the file.
    db.prepare("DELETE FROM changes WHERE id <= ?").run(Number(info.lastInsertRowid) - UNDO_DEPTH);
  }

  /**
   * Reverts the last journalled change; returns its summary, or null when there is none.
   * Stored evidence files that the reverted change attached and nothing else uses are
   * removed once the revert has committed (issue 17 item 9).
   */
  undoLast(): string | null {
    const { db } = this;
    let attached: string[] = [];
    const summary = this.conn.write(() => {
      const last = db
        .prepare("SELECT id, kind, case_id AS caseId, summary, before FROM changes ORDER BY id DESC LIMIT 1")
        .get() as ChangeRow | undefined;
      if (!last) return null;
      if (last.caseId !== null) {
        const had = db
          .prepare("SELECT DISTINCT sha256 FROM evidence WHERE case_id = ? AND sha256 IS NOT NULL")
          .pluck()
          .all(last.caseId) as string[];
        db.prepare("DELETE FROM cases WHERE id = ?").run(last.caseId);
        const before = last.before === null ? null : (JSON.parse(last.before) as CaseSnapshot);
        if (before !== null) this.restore(before);
        const kept = new Set(before?.evidence.map((e) => e.sha256));
        attached = had.filter((h) => !kept.has(h));
      } else if (last.before !== null) {
        const before = JSON.parse(last.before) as WiderBefore;
        const del = db.prepare("DELETE FROM cases WHERE id = ?");
        for (const id of before.importedIds ?? []) del.run(id);
        const unwithdraw = db.prepare("DELETE FROM withdrawals WHERE id = ?");
        for (const id of before.withdrawalIds ?? []) unwithdraw.run(id);
        for (const [key, value] of Object.entries(before.settings ?? {})) {
          if (value === null) db.prepare("DELETE FROM settings WHERE key = ?").run(key);
          else
            db.prepare(
              "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ).run(key, value);
        }
      }
      db.prepare("DELETE FROM changes WHERE id = ?").run(last.id);
      return last.summary;
    });
    // An import's files were copied in by hand, not attached: its undo leaves them.
    this.evidence.release(attached);
    return summary;
  }

  /**
   * restore's inserts, prepared once per connection: import restores every case of a file, and
   * statements are never freed before exit (open.ts), so three per case added up (+135 MB
   * importing 10,000 cases).
   */
  private inserts?: { case: Database.Statement; event: Database.Statement; evidence: Database.Statement };

  /** Writes a case back exactly as the snapshot has it (undo, import). */
  restore(snapshot: CaseSnapshot): void {
    const { db } = this;
    const insert = (this.inserts ??= {
      case: db.prepare(caseInsert(true)),
      event: db.prepare(
        `INSERT INTO events (id, case_id, kind, stage, on_date, recorded_at, note, amount_minor, data) VALUES (?, ` +
          `?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      evidence: db.prepare(
        `INSERT INTO evidence (id, case_id, kind, sha256, name, size, url, added_on, recorded_at) VALUES (?, ?, ?, ` +
          `?, ?, ?, ?, ?, ?)`,
      ),
    });
    insert.case.run(...caseInsertValues(snapshot.case, true));
    for (const e of snapshot.events)
      insert.event.run(e.id, e.caseId, e.kind, e.stage, e.onDate, e.recordedAt, e.note, e.amountMinor, e.data);
    for (const e of snapshot.evidence)
      insert.evidence.run(e.id, e.caseId, e.kind, e.sha256, e.name, e.size, e.url, e.addedOn, e.recordedAt);
  }
}
