import type Database from "better-sqlite3";
import { closeSync, openSync, rmSync } from "node:fs";
import type { StageStep } from "../domain/model.js";
export { DATABASE_ID } from "./open.js";
import { DATABASE_ID, openDatabase, storageErrorFrom, type OpenOptions } from "./open.js";
import { stepsOf } from "./migrations.js";
import { StorageError } from "../errors.js";

/** A case row as stored (snake_case columns mapped to the domain's names). */
export interface CaseRow {
  id: number;
  agent: string;
  orderNo: string;
  item: string;
  itemUrl: string | null;
  seller: string | null;
  priceMinor: number | null;
  currency: string;
  defect: string;
  description: string;
  phase: string;
  resolution: string;
  payment: string;
  openedOn: string;
  stage: string;
  offerMinor: number | null;
  outcome: string | null;
  refundMinor: number | null;
  closedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewCase = Omit<CaseRow, "id" | "offerMinor" | "outcome" | "refundMinor" | "closedOn" | "createdAt" | "updatedAt" | "stage">;

export interface EventRow {
  id: number;
  caseId: number;
  kind: string;
  stage: string | null;
  onDate: string;
  recordedAt: string;
  note: string | null;
  amountMinor: number | null;
  data: string | null;
}

export type NewEvent = Omit<EventRow, "id" | "caseId" | "recordedAt">;

export interface EvidenceRow {
  id: number;
  caseId: number;
  kind: string;
  sha256: string | null;
  name: string;
  size: number | null;
  url: string | null;
  addedOn: string;
  recordedAt: string;
}

export type NewEvidence = Omit<EvidenceRow, "id" | "caseId" | "recordedAt">;

/** A case as it was before a change: what undo puts back. */
export interface CaseSnapshot {
  case: CaseRow;
  events: EventRow[];
  evidence: EvidenceRow[];
}

export interface ChangeRow {
  id: number;
  kind: string;
  caseId: number | null;
  summary: string;
  before: string | null;
  recordedAt: string;
}

/** What `status` needs to judge a case, and nothing more. */
export interface StatusRow {
  id: number;
  resolution: string;
  stage: string;
  openedOn: string;
  outcome: string | null;
  steps: StageStep[];
}

/** What seller memory needs of an earlier case. */
export interface SellerCaseRow {
  id: number;
  resolution: string;
  stage: string;
  openedOn: string;
  outcome: string | null;
  closedOn: string | null;
  steps: StageStep[];
}

/** What `status` shows of a case besides its judgement: fetched only for the rows shown. */
export interface CaseLabel {
  agent: string;
  orderNo: string;
  item: string;
  seller: string | null;
}

export interface ListFilter {
  state: "open" | "closed" | "all";
  agent?: string;
  sellerKey?: string;
  stage?: string;
}

const CASE_COLUMNS = `id, agent, order_no AS orderNo, item, item_url AS itemUrl, seller, price_minor AS priceMinor,
  currency, defect, description, phase, resolution, payment, opened_on AS openedOn, stage, offer_minor AS offerMinor,
  outcome, refund_minor AS refundMinor, closed_on AS closedOn, created_at AS createdAt, updated_at AS updatedAt`;
const EVENT_COLUMNS = `id, case_id AS caseId, kind, stage, on_date AS onDate, recorded_at AS recordedAt, note,
  amount_minor AS amountMinor, data`;
const EVIDENCE_COLUMNS = `id, case_id AS caseId, kind, sha256, name, size, url, added_on AS addedOn, recorded_at AS recordedAt`;

/** A case that is not stored yet, as an import carries it: ids 0 are given on import. */
export function newCaseSnapshot(input: NewCase, note: string | null, recordedAt: string): CaseSnapshot {
  return {
    case: { ...input, id: 0, stage: "requested", offerMinor: null, outcome: null, refundMinor: null, closedOn: null, createdAt: recordedAt, updatedAt: recordedAt },
    events: [{ id: 0, caseId: 0, kind: "opened", stage: "requested", onDate: input.openedOn, recordedAt, note, amountMinor: null, data: null }],
    evidence: [],
  };
}

/** How many changes `undo` can revert, newest first (README). */
export const UNDO_DEPTH = 1000;

/** Sellers match case- and space-insensitively ("Good Store" = "goodstore"). */
export function sellerKey(seller: string | null | undefined): string | null {
  if (!seller) return null;
  const key = seller.toLowerCase().replace(/\s+/gu, "");
  return key === "" ? null : key;
}

/**
 * A case's stage steps from its opening day and its steps column ("stage YYYY-MM-DD,..."
 * after the opening step, migration m005), read in place: no split pieces.
 */
function parseSteps(openedOn: string, text: string): StageStep[] {
  let count = 1;
  if (text.length > 0) for (let at = 0; at >= 0; at = text.indexOf(",", at + 1)) count++;
  // Made at its size: pushing onto [] reserves 17 slots.
  const steps: StageStep[] = new Array(count);
  steps[0] = { stage: "requested", on: openedOn };
  for (let k = 1, start = 0; k < count; k++) {
    let end = text.indexOf(",", start);
    if (end < 0) end = text.length;
    steps[k] = { stage: text.slice(start, end - 11) as StageStep["stage"], on: text.slice(end - 10, end) };
    start = end + 1;
  }
  return steps;
}

/**
 * The only place that speaks SQL. Every write runs in one BEGIN IMMEDIATE transaction,
 * and every change to a case journals the case as it was, so undo is whole or nothing.
 */
export class Store {
  readonly path: string;
  readonly schemaVersion: number;
  readonly readOnly: boolean;

  private constructor(
    /** For the other modules of src/store only: SQL stays in this folder. */
    readonly db: Database.Database,
    path: string,
    schemaVersion: number,
    readOnly: boolean,
  ) {
    this.path = path;
    this.schemaVersion = schemaVersion;
    this.readOnly = readOnly;
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

  // settings

  getSettings(): Map<string, string> {
    return this.read(() => {
      const rows = this.db.prepare("SELECT key, value FROM settings").all() as Array<{ key: string; value: string }>;
      return new Map(rows.map((r) => [r.key, r.value]));
    });
  }

  setSetting(key: string, value: string | null): void {
    this.write(() => {
      if (value === null) this.db.prepare("DELETE FROM settings WHERE key = ?").run(key);
      else this.db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
    });
  }

  // cases

  getCase(id: number): CaseRow | undefined {
    return this.read(() => this.db.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`).get(id) as CaseRow | undefined);
  }

  getEvents(caseId: number): EventRow[] {
    return this.read(() => this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE case_id = ? ORDER BY id`).all(caseId) as EventRow[]);
  }

  getEvidence(caseId: number): EvidenceRow[] {
    return this.read(
      () => this.db.prepare(`SELECT ${EVIDENCE_COLUMNS} FROM evidence WHERE case_id = ? ORDER BY id`).all(caseId) as EvidenceRow[],
    );
  }

  /** Stage changes of one case in the order recorded. */
  getSteps(caseId: number): StageStep[] {
    return this.read(
      () =>
        this.db
          .prepare("SELECT stage, on_date AS \"on\" FROM events WHERE case_id = ? AND stage IS NOT NULL ORDER BY id")
          .all(caseId) as StageStep[],
    );
  }

  listCases(filter: ListFilter): CaseRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.state === "open") where.push("outcome IS NULL");
    if (filter.state === "closed") where.push("outcome IS NOT NULL");
    if (filter.agent) {
      where.push("lower(agent) = lower(?)");
      params.push(filter.agent);
    }
    if (filter.sellerKey) {
      where.push("seller_key = ?");
      params.push(filter.sellerKey);
    }
    if (filter.stage) {
      where.push("stage = ?");
      params.push(filter.stage);
    }
    const sql = `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`;
    return this.read(() => this.db.prepare(sql).all(...params) as CaseRow[]);
  }

  /**
   * Open cases (and closed ones with includeClosed) with the stage history of the open
   * ones, for status: two index-only queries merged in id order (docs/performance.md).
   */
  statusRows(includeClosed: boolean): StatusRow[] {
    return this.read(() => {
      const cases = this.db
        .prepare(`SELECT id, resolution, stage, opened_on, outcome, steps FROM cases ${includeClosed ? "" : "WHERE outcome IS NULL"} ORDER BY id`)
        .raw()
        .all() as Array<[number, string, string, string, string | null, string]>;
      const rows: StatusRow[] = new Array(cases.length);
      for (let i = 0; i < cases.length; i++) {
        const row = cases[i]!; // indexed, not destructured: no iterator per row
        const outcome = row[4];
        rows[i] = { id: row[0], resolution: row[1], stage: row[2], openedOn: row[3], outcome, steps: outcome === null ? parseSteps(row[3], row[5]) : [] };
      }
      return rows;
    });
  }

  /**
   * Agent, order, item and seller of the given cases: status fetches them only for the rows
   * it shows. `includeClosed` says whether any of them may be closed.
   */
  caseLabels(ids: readonly number[], includeClosed: boolean): Map<number, CaseLabel> {
    return this.read(() => {
      const labels = new Map<number, CaseLabel>();
      const cols = "id, agent, order_no AS orderNo, item, seller";
      // Many ids (status --json, --limit 0): one pass (over the open cases' index) beats a lookup each.
      const rows =
        ids.length > 500
          ? (this.db.prepare(`SELECT ${cols} FROM cases ${includeClosed ? "" : "WHERE outcome IS NULL"}`).all() as Array<CaseLabel & { id: number }>)
          : (this.db.prepare(`SELECT ${cols} FROM cases WHERE id IN (${ids.map(() => "?").join(",") || "NULL"})`).all(...ids) as Array<
              CaseLabel & { id: number }
            >);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        labels.set(r.id, { agent: r.agent, orderNo: r.orderNo, item: r.item, seller: r.seller });
      }
      return labels;
    });
  }

  /** Every case (or the open ones) with its stage history: for stats and exports. */
  casesWithSteps(state: "open" | "all"): Array<CaseRow & { steps: StageStep[] }> {
    return this.read(() => {
      const rows = this.db
        .prepare(`SELECT ${CASE_COLUMNS} FROM cases ${state === "open" ? "WHERE outcome IS NULL" : ""} ORDER BY id`)
        .all() as Array<CaseRow & { steps: StageStep[] }>;
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const row of rows) row.steps = [];
      const steps = this.db
        .prepare(`SELECT case_id, stage, on_date FROM events WHERE stage IS NOT NULL ORDER BY case_id, id`)
        .raw()
        .iterate() as IterableIterator<[number, string, string]>;
      for (const [caseId, stage, on] of steps) byId.get(caseId)?.steps.push({ stage: stage as StageStep["stage"], on });
      return rows;
    });
  }

  /**
   * Seller memory: how many other cases the seller has, and the most recent `limit` of them
   * with their stage history (two indexed queries, whatever the seller's size).
   */
  sellerCases(key: string, exceptId: number, limit: number): { total: number; recent: SellerCaseRow[] } {
    return this.read(() => {
      const total = this.db.prepare("SELECT count(*) FROM cases WHERE seller_key = ? AND id <> ?").pluck().get(key, exceptId) as number;
      const recent = this.db
        .prepare(
          `SELECT id, resolution, stage, opened_on AS openedOn, outcome, closed_on AS closedOn, steps FROM cases
           WHERE seller_key = ? AND id <> ? ORDER BY id DESC LIMIT ?`,
        )
        .all(key, exceptId, limit) as Array<Omit<SellerCaseRow, "steps"> & { steps: string }>;
      const rows: SellerCaseRow[] = new Array(recent.length);
      for (let i = 0; i < recent.length; i++) {
        const r = recent[i]!;
        rows[i] = { id: r.id, resolution: r.resolution, stage: r.stage, openedOn: r.openedOn, outcome: r.outcome, closedOn: r.closedOn, steps: parseSteps(r.openedOn, r.steps) };
      }
      return { total, recent: rows };
    });
  }

  // writes: each call below is one user-visible change, journalled for undo

  /** Snapshot of a case as it is now, or null when there is none. */
  private snapshot(caseId: number): CaseSnapshot | null {
    const row = this.getCase(caseId);
    if (!row) return null;
    return { case: row, events: this.getEvents(caseId), evidence: this.getEvidence(caseId) };
  }

  private journal(kind: string, caseId: number | null, summary: string, before: string | null, recordedAt: string): void {
    const info = this.db
      .prepare("INSERT INTO changes (kind, case_id, summary, before, recorded_at) VALUES (?, ?, ?, ?, ?)")
      .run(kind, caseId, summary, before, recordedAt);
    // Undo reaches back UNDO_DEPTH changes; older snapshots would only grow the file.
    this.db.prepare("DELETE FROM changes WHERE id <= ?").run(Number(info.lastInsertRowid) - UNDO_DEPTH);
  }

  private insertEvent(caseId: number, event: NewEvent, recordedAt: string): number {
    const info = this.db
      .prepare(
        `INSERT INTO events (case_id, kind, stage, on_date, recorded_at, note, amount_minor, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(caseId, event.kind, event.stage, event.onDate, recordedAt, event.note, event.amountMinor, event.data);
    return Number(info.lastInsertRowid);
  }

  private insertEvidence(caseId: number, evidence: NewEvidence, recordedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO evidence (case_id, kind, sha256, name, size, url, added_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(caseId, evidence.kind, evidence.sha256, evidence.name, evidence.size, evidence.url, evidence.addedOn, recordedAt);
  }

  /** Records a new case with its opening event (and any first note and evidence). Returns its id. */
  addCase(
    input: NewCase,
    extra: { note: string | null; evidence: NewEvidence[]; events: NewEvent[]; discardDrafts?: boolean },
    recordedAt: string,
  ): number {
    return this.write(() => {
      const info = this.db
        .prepare(
          `INSERT INTO cases (agent, order_no, item, item_url, seller, seller_key, price_minor, currency, defect, description,
             phase, resolution, payment, opened_on, stage, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?)`,
        )
        .run(
          input.agent, input.orderNo, input.item, input.itemUrl, input.seller, sellerKey(input.seller), input.priceMinor,
          input.currency, input.defect, input.description, input.phase, input.resolution, input.payment, input.openedOn,
          recordedAt, recordedAt,
        );
      const id = Number(info.lastInsertRowid);
      this.insertEvent(id, { kind: "opened", stage: "requested", onDate: input.openedOn, note: extra.note, amountMinor: null, data: null }, recordedAt);
      for (const e of extra.evidence) this.insertEvidence(id, e, recordedAt);
      for (const e of extra.events) this.insertEvent(id, e, recordedAt);
      this.journal("add", id, `add of case #${id}`, null, recordedAt);
      // The draft this add finished goes in the same transaction as the case.
      if (extra.discardDrafts) this.db.prepare("DELETE FROM drafts").run();
      return id;
    });
  }

  /**
   * Applies one change to an existing case: column updates, new events and evidence,
   * journalled with the case as it was. `check` runs inside the transaction on the
   * fresh row, so validation and write see the same data.
   */
  changeCase(
    caseId: number,
    change: {
      kind: string;
      summary: string;
      check?: (row: CaseRow) => void;
      updates?: Partial<Record<keyof CaseRow, string | number | null>>;
      events?: NewEvent[];
      evidence?: NewEvidence[];
    },
    recordedAt: string,
  ): void {
    this.write(() => {
      const before = this.snapshot(caseId);
      if (!before) throw new Error(`case ${caseId} vanished`);
      change.check?.(before.case);
      const updates = { ...(change.updates ?? {}), updatedAt: recordedAt };
      if ("seller" in updates) (updates as Record<string, unknown>).sellerKey = sellerKey(updates.seller as string | null);
      const sets = Object.keys(updates).map((k) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ?`);
      this.db.prepare(`UPDATE cases SET ${sets.join(", ")} WHERE id = ?`).run(...Object.values(updates), caseId);
      // Day 0 is also the date of the opening event, which the stage history starts from.
      if (updates.openedOn !== undefined) {
        this.db.prepare("UPDATE events SET on_date = ? WHERE case_id = ? AND kind = 'opened'").run(updates.openedOn, caseId);
      }
      for (const e of change.evidence ?? []) this.insertEvidence(caseId, e, recordedAt);
      for (const e of change.events ?? []) this.insertEvent(caseId, e, recordedAt);
      this.journal(change.kind, caseId, change.summary, JSON.stringify(before), recordedAt);
    });
  }

  /** Deletes a case with its events and evidence records (undo brings it back). */
  removeCase(caseId: number, recordedAt: string): void {
    this.write(() => {
      const before = this.snapshot(caseId);
      if (!before) return;
      this.db.prepare("DELETE FROM cases WHERE id = ?").run(caseId);
      this.journal("rm", caseId, `removal of case #${caseId}`, JSON.stringify(before), recordedAt);
    });
  }

  /** Reverts the last journalled change; returns its summary, or null when there is none. */
  undoLast(): string | null {
    return this.write(() => {
      const last = this.db
        .prepare("SELECT id, kind, case_id AS caseId, summary, before, recorded_at AS recordedAt FROM changes ORDER BY id DESC LIMIT 1")
        .get() as ChangeRow | undefined;
      if (!last) return null;
      if (last.kind === "import") {
        const { importedIds } = JSON.parse(last.before!) as { importedIds: number[] };
        const del = this.db.prepare("DELETE FROM cases WHERE id = ?");
        for (const id of importedIds) del.run(id);
      } else if (last.caseId !== null) {
        this.db.prepare("DELETE FROM cases WHERE id = ?").run(last.caseId);
        if (last.before !== null) this.restore(JSON.parse(last.before) as CaseSnapshot);
      }
      this.db.prepare("DELETE FROM changes WHERE id = ?").run(last.id);
      return last.summary;
    });
  }

  // drafts: what an interrupted interactive add had typed (not a change, so not journalled)

  saveDraft(data: string, savedAt: string): void {
    this.write(() => {
      this.db.prepare("DELETE FROM drafts").run();
      this.db.prepare("INSERT INTO drafts (data, saved_at) VALUES (?, ?)").run(data, savedAt);
    });
  }

  latestDraft(): { data: string; savedAt: string } | undefined {
    return this.read(
      () =>
        this.db.prepare("SELECT data, saved_at AS savedAt FROM drafts ORDER BY id DESC LIMIT 1").get() as
          | { data: string; savedAt: string }
          | undefined,
    );
  }

  discardDrafts(): void {
    this.write(() => this.db.prepare("DELETE FROM drafts").run());
  }

  // health, for doctor

  /** integrity_check, foreign keys, and cases without their opening event: empty when healthy. */
  healthProblems(): string[] {
    return this.read(() => {
      const problems: string[] = [];
      const integrity = this.db.pragma("integrity_check") as Array<{ integrity_check: string }>;
      if (!(integrity.length === 1 && integrity[0]!.integrity_check === "ok")) {
        problems.push(...integrity.slice(0, 10).map((r) => `integrity: ${r.integrity_check}`));
      }
      const foreign = this.db.pragma("foreign_key_check") as unknown[];
      if (foreign.length > 0) problems.push(`${foreign.length} rows point to a missing case (foreign_key_check)`);
      const withoutOpening = this.db
        .prepare("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.kind = 'opened')")
        .pluck()
        .get() as number;
      if (withoutOpening > 0) problems.push(`${withoutOpening} cases have no opening event`);
      const stepsDiffer = this.db.prepare(`SELECT count(*) FROM cases WHERE steps <> ${stepsOf("cases.id")}`).pluck().get() as number;
      if (stepsDiffer > 0) problems.push(`${stepsDiffer} cases' stage summaries differ from their events (cases.steps)`);
      return problems;
    });
  }

  counts(): { cases: number; open: number; events: number; evidence: number } {
    return this.read(
      () =>
        this.db
          .prepare(
            `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM cases WHERE outcome IS NULL) AS open,
               (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM evidence) AS evidence`,
          )
          .get() as { cases: number; open: number; events: number; evidence: number },
    );
  }

  /** Stored evidence files (not links), for checking the evidence store. */
  evidenceFiles(): Array<{ caseId: number; name: string; sha256: string }> {
    return this.read(
      () =>
        this.db
          .prepare("SELECT case_id AS caseId, name, sha256 FROM evidence WHERE kind = 'file' ORDER BY case_id, id")
          .all() as Array<{ caseId: number; name: string; sha256: string }>,
    );
  }

  /**
   * A consistent copy through SQLite's online backup API, safe while other processes
   * write. The target is created first with owner-only permissions.
   */
  async backupTo(target: string): Promise<void> {
    closeSync(openSync(target, "wx", 0o600));
    try {
      await this.db.backup(target);
    } catch (error) {
      rmSync(target, { force: true });
      throw storageErrorFrom(error, target);
    }
  }

  /** Every case with its events and evidence, and the settings: what a JSON export holds. */
  exportAll(): { settings: Record<string, string>; cases: CaseSnapshot[] } {
    return this.read(() => {
      const cases = this.db.prepare(`SELECT ${CASE_COLUMNS} FROM cases ORDER BY id`).all() as CaseRow[];
      const events = this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY case_id, id`).all() as EventRow[];
      const evidence = this.db.prepare(`SELECT ${EVIDENCE_COLUMNS} FROM evidence ORDER BY case_id, id`).all() as EvidenceRow[];
      const byId = new Map(cases.map((c) => [c.id, { case: c, events: [] as EventRow[], evidence: [] as EvidenceRow[] }]));
      for (const e of events) byId.get(e.caseId)?.events.push(e);
      for (const e of evidence) byId.get(e.caseId)?.evidence.push(e);
      // The database's own identity stays with it; an import target has its own.
      const settings = Object.fromEntries([...this.getSettings()].filter(([key]) => key !== DATABASE_ID));
      return { settings, cases: [...byId.values()] };
    });
  }

  /**
   * Imports cases in one transaction: each keeps its id when free and gets a new one
   * otherwise; cases already present (same order, item and day 0) are skipped. Settings
   * are taken only where this database has none. Undo removes the whole import.
   */
  importCases(
    snapshots: readonly CaseSnapshot[],
    settings: Record<string, string>,
    recordedAt: string,
  ): Array<{ from: number; to: number | null; duplicateOf?: number }> {
    return this.write(() => {
      const result: Array<{ from: number; to: number | null; duplicateOf?: number }> = [];
      // A case is already here when its order number, item and day 0 match: one pass builds
      // the lookup, and each imported case joins it (a file may repeat itself).
      const sameCase = (orderNo: string, item: string, openedOn: string): string => JSON.stringify([orderNo, item, openedOn]);
      const existing = new Map<string, number>();
      const keys = this.db.prepare("SELECT id, order_no, item, opened_on FROM cases ORDER BY id DESC").raw().iterate() as IterableIterator<
        [number, string, string, string]
      >;
      for (const [id, orderNo, item, openedOn] of keys) existing.set(sameCase(orderNo, item, openedOn), id);
      const taken = {
        cases: this.db.prepare("SELECT 1 FROM cases WHERE id = ?").pluck(),
        events: this.db.prepare("SELECT 1 FROM events WHERE id = ?").pluck(),
        evidence: this.db.prepare("SELECT 1 FROM evidence WHERE id = ?").pluck(),
      };
      // Ids of 0 (rows from a spreadsheet) or already taken get the next free one.
      const free = (table: keyof typeof taken, wanted: number): number | null =>
        wanted > 0 && taken[table].get(wanted) === undefined ? wanted : null;
      const nextCaseId = this.db.prepare("SELECT coalesce(max(id), 0) + 1 FROM cases").pluck();
      for (const snapshot of snapshots) {
        const c = snapshot.case;
        const key = sameCase(c.orderNo, c.item, c.openedOn);
        const duplicateOf = existing.get(key);
        if (duplicateOf !== undefined) {
          result.push({ from: c.id, to: null, duplicateOf });
          continue;
        }
        const id = free("cases", c.id) ?? Number(nextCaseId.get());
        this.restore({
          case: { ...c, id },
          events: snapshot.events.map((e) => ({ ...e, caseId: id, id: free("events", e.id) as number })),
          evidence: snapshot.evidence.map((e) => ({ ...e, caseId: id, id: free("evidence", e.id) as number })),
        });
        existing.set(key, id);
        result.push({ from: c.id, to: id });
      }
      const insertSetting = this.db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)");
      for (const [key, value] of Object.entries(settings)) if (key !== DATABASE_ID) insertSetting.run(key, value);
      const importedIds = result.flatMap((r) => (r.to === null ? [] : [r.to]));
      if (importedIds.length > 0) {
        const summary = `import of ${importedIds.length} case${importedIds.length === 1 ? "" : "s"}`;
        this.journal("import", null, summary, JSON.stringify({ importedIds }), recordedAt);
      }
      return result;
    });
  }

  /**
   * restore's inserts, prepared once per connection: import restores every case of a file, and
   * statements are never freed before exit (open.ts), so three per case added up (+135 MB
   * importing 10,000 cases).
   */
  private restoreInserts?: { case: Database.Statement; event: Database.Statement; evidence: Database.Statement };

  private restore(snapshot: CaseSnapshot): void {
    const insert = (this.restoreInserts ??= {
      case: this.db.prepare(
        `INSERT INTO cases (id, agent, order_no, item, item_url, seller, seller_key, price_minor, currency, defect, description,
           phase, resolution, payment, opened_on, stage, offer_minor, outcome, refund_minor, closed_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      event: this.db.prepare(
        `INSERT INTO events (id, case_id, kind, stage, on_date, recorded_at, note, amount_minor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      evidence: this.db.prepare(
        `INSERT INTO evidence (id, case_id, kind, sha256, name, size, url, added_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    });
    const c = snapshot.case;
    insert.case.run(
      c.id, c.agent, c.orderNo, c.item, c.itemUrl, c.seller, sellerKey(c.seller), c.priceMinor, c.currency, c.defect,
      c.description, c.phase, c.resolution, c.payment, c.openedOn, c.stage, c.offerMinor, c.outcome, c.refundMinor,
      c.closedOn, c.createdAt, c.updatedAt,
    );
    for (const e of snapshot.events) insert.event.run(e.id, e.caseId, e.kind, e.stage, e.onDate, e.recordedAt, e.note, e.amountMinor, e.data);
    for (const e of snapshot.evidence) insert.evidence.run(e.id, e.caseId, e.kind, e.sha256, e.name, e.size, e.url, e.addedOn, e.recordedAt);
  }
}
