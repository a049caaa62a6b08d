import { CaseRepository } from "./cases.js";
import { Connection } from "./connection.js";
import { DraftRepository } from "./drafts.js";
import { EvidenceRefs } from "./evidence-refs.js";
import { HealthChecks } from "./health.js";
import { Journal } from "./journal.js";
import { MoneyRepository } from "./money.js";
import { type OpenOptions, openDatabase } from "./open.js";
import { SettingsRepository } from "./settings.js";
import { StatusRows } from "./status-rows.js";
import { Transfer } from "./transfer.js";
import { UrgencyRepository } from "./urgency.js";

export { UNDO_DEPTH } from "./journal.js";

/**
 * The only place that speaks SQL, split by concern: cases and their history, the undo
 * journal, export and import, drafts, doctor's checks, which evidence files are in use, money
 * (balances, withdrawals, fees). Every write runs in one BEGIN IMMEDIATE transaction, and every
 * change to a case journals the case as it was (or, for a withdrawal, what it added), so undo is
 * whole or nothing.
 */
export class Store {
  readonly evidence: EvidenceRefs;
  readonly journal: Journal;
  readonly settings: SettingsRepository;
  readonly cases: CaseRepository;
  readonly money: MoneyRepository;
  readonly transfer: Transfer;
  readonly drafts: DraftRepository;
  readonly health: HealthChecks;
  readonly urgency: UrgencyRepository;
  readonly statusRows: StatusRows;

  private constructor(
    private readonly conn: Connection,
    readonly schemaVersion: number,
  ) {
    // Each repository is handed the connection and the repositories it uses: none reaches
    // another through the store.
    this.evidence = new EvidenceRefs(conn);
    this.journal = new Journal(conn, this.evidence);
    this.settings = new SettingsRepository(conn, this.journal);
    this.cases = new CaseRepository(conn, this.journal);
    this.money = new MoneyRepository(conn, this.journal);
    this.transfer = new Transfer(conn, this.journal, this.money, this.settings);
    this.drafts = new DraftRepository(conn);
    this.health = new HealthChecks(conn);
    this.urgency = new UrgencyRepository(conn, this.settings);
    this.statusRows = new StatusRows(conn);
    conn.beforeCommit = () => this.urgency.refresh();
  }

  static open(path: string, options: OpenOptions): Store {
    const opened = openDatabase(path, options);
    const store = new Store(new Connection(opened.db, opened.path, opened.newerSchema), opened.schemaVersion);
    // A migrated file gets its stored urgencies at once (m012), not at its next change.
    if (opened.migrated) store.write(() => {});
    return store;
  }

  /** For the modules of src/store (and the store's tests) only: SQL stays in this folder. */
  get db(): Connection["db"] {
    return this.conn.db;
  }

  get path(): string {
    return this.conn.path;
  }

  /** Opened read-only because a newer kakotrack wrote it. */
  get readOnly(): boolean {
    return this.conn.readOnly;
  }

  /** A repository that loads with the one command that uses it (notify's sent-state), on this store's connection. */
  repository<R>(Make: new (conn: Connection) => R): R {
    return new Make(this.conn);
  }

  close(): void {
    this.conn.db.close();
  }

  /** Runs fn in one IMMEDIATE transaction (every repository's writes inside it join it). */
  write<T>(fn: () => T): T {
    return this.conn.write(fn);
  }
}
