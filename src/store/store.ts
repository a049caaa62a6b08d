import type Database from "better-sqlite3";
import { StorageError } from "../errors.js";
import { CaseRepository } from "./cases.js";
import { DraftRepository } from "./drafts.js";
import { EvidenceRefs } from "./evidence-refs.js";
import { HealthChecks } from "./health.js";
import { Journal } from "./journal.js";
import { MoneyRepository } from "./money.js";
import { type OpenOptions, openDatabase, storageErrorFrom } from "./open.js";
import { Transfer } from "./transfer.js";

export { UNDO_DEPTH } from "./journal.js";

/**
 * The only place that speaks SQL, split by concern: cases and their history, the undo
 * journal, export and import, drafts, doctor's checks, which evidence files are in use, money
 * (balances, withdrawals, fees). Every write runs in one BEGIN IMMEDIATE transaction, and every
 * change to a case journals the case as it was (or, for a withdrawal, what it added), so undo is
 * whole or nothing.
 */
export class Store {
  readonly journal: Journal;
  readonly cases: CaseRepository;
  readonly transfer: Transfer;
  readonly drafts: DraftRepository;
  readonly health: HealthChecks;
  readonly evidence: EvidenceRefs;
  readonly money: MoneyRepository;

  private constructor(
    /** For the modules of src/store only: SQL stays in this folder. */
    readonly db: Database.Database,
    readonly path: string,
    readonly schemaVersion: number,
    /** Opened read-only because a newer kakotrack wrote it. */
    readonly readOnly: boolean,
  ) {
    this.journal = new Journal(this);
    this.cases = new CaseRepository(this);
    this.transfer = new Transfer(this);
    this.drafts = new DraftRepository(this);
    this.health = new HealthChecks(this);
    this.evidence = new EvidenceRefs(this);
    this.money = new MoneyRepository(this);
  }

  static open(path: string, options: OpenOptions): Store {
    const opened = openDatabase(path, options);
    return new Store(opened.db, opened.path, opened.schemaVersion, opened.newerSchema);
  }

  close(): void {
    this.db.close();
  }

  /** Runs fn in one IMMEDIATE transaction, turning SQLite failures into StorageError. */
  write<T>(fn: () => T): T {
    if (this.readOnly) {
      throw new StorageError(`${this.path} was written by a newer kakotrack; upgrade kakotrack to change it`);
    }
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_")) throw storageErrorFrom(error, this.path);
      throw error;
    }
  }

  /** Reads, turning SQLite failures (corruption, locks) into StorageError. */
  read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_")) throw storageErrorFrom(error, this.path);
      throw error;
    }
  }

  getSettings(): Map<string, string> {
    return this.read(() => {
      const rows = this.db.prepare("SELECT key, value FROM settings").all() as Array<{ key: string; value: string }>;
      return new Map(rows.map((r) => [r.key, r.value]));
    });
  }

  /** Sets (or with null removes) a setting, journalled so that undo puts the old value back. */
  setSetting(key: string, value: string | null, summary: string, recordedAt: string): void {
    this.setSettings({ [key]: value }, summary, recordedAt);
  }

  /** Sets (or, for null, removes) settings in one transaction, journalled so that undo puts the old values back. */
  setSettings(values: Record<string, string | null>, summary: string, recordedAt: string): void {
    this.write(() => {
      const before: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(values)) {
        const previous =
          (this.db.prepare("SELECT value FROM settings WHERE key = ?").pluck().get(key) as string | undefined) ?? null;
        if (previous === value) continue;
        before[key] = previous;
        if (value === null) this.db.prepare("DELETE FROM settings WHERE key = ?").run(key);
        else
          this.db
            .prepare(
              "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .run(key, value);
      }
      if (Object.keys(before).length > 0)
        this.journal.record("config", null, summary, { settings: before }, recordedAt);
    });
  }
}
