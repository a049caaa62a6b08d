import { duplicateKey } from "../domain/case/agents.js";
import type { Stage, StageStep } from "../domain/case/model.js";
import type { CaseChange } from "../domain/case/moves.js";
import {
  type CaseEvent,
  type CaseRecord,
  type CaseSnapshot,
  duplicateCase,
  type EvidenceRecord,
  type NewCase,
  type NewEvent,
  type NewEvidence,
  newCaseRecord,
  noSuchCase,
  SPOTTED,
  stepOf,
} from "../domain/case/records.js";
import {
  CASE_COLUMNS,
  caseInsert,
  caseInsertValues,
  caseUpdate,
  EVENT_COLUMNS,
  EVIDENCE_COLUMNS,
  parseSteps,
} from "./columns.js";
import type { Connection } from "./connection.js";
import type { Journal } from "./journal.js";
import { Repository } from "./repository.js";

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

export interface ListFilter {
  state: "open" | "closed" | "all";
  agent?: string;
  sellerKey?: string;
  stage?: string;
}

/** One change to an existing case, as a command plans it from the case as it is. */
export type { CaseChange } from "../domain/case/moves.js";

/** An open case of the same agent, order and item as a new one, by their key (the open cases' index, m010). */
export const OPEN_DUPLICATE = "SELECT id FROM cases WHERE outcome IS NULL AND dup_key = ? ORDER BY id LIMIT 1";

/** Cases with their history and evidence: reads, and the changes commands make. */
export class CaseRepository extends Repository {
  constructor(
    conn: Connection,
    private readonly journal: Journal,
  ) {
    super(conn);
  }

  get(id: number): CaseRecord | undefined {
    return this.conn.read(
      () => this.db.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`).get(id) as CaseRecord | undefined,
    );
  }

  events(caseId: number): CaseEvent[] {
    return this.conn.read(
      () =>
        this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE case_id = ? ORDER BY id`).all(caseId) as CaseEvent[],
    );
  }

  evidence(caseId: number): EvidenceRecord[] {
    return this.conn.read(
      () =>
        this.db
          .prepare(`SELECT ${EVIDENCE_COLUMNS} FROM evidence WHERE case_id = ? ORDER BY id`)
          .all(caseId) as EvidenceRecord[],
    );
  }

  /** Stage changes of one case in the order recorded (rounds' starts and counter-offers marked). */
  steps(caseId: number): StageStep[] {
    const sql = "SELECT stage, on_date, kind, data FROM events WHERE case_id = ? AND stage IS NOT NULL ORDER BY id";
    const rows = this.conn.read(() => this.db.prepare(sql).raw().all(caseId)) as Array<
      [Stage, string, string, string | null]
    >;
    return rows.map(([stage, on, kind, data]) => stepOf(stage, on, kind, data));
  }

  list(filter: ListFilter): CaseRecord[] {
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
    return this.conn.read(() => this.db.prepare(sql).all(...params) as CaseRecord[]);
  }

  /** Every case (or the open ones) with its stage history: for stats and exports. */
  withSteps(state: "open" | "all"): Array<CaseRecord & { steps: StageStep[] }> {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(`SELECT ${CASE_COLUMNS} FROM cases ${state === "open" ? "WHERE outcome IS NULL" : ""} ORDER BY id`)
        .all() as Array<CaseRecord & { steps: StageStep[] }>;
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const row of rows) row.steps = [];
      const steps = this.db
        .prepare(`SELECT case_id, stage, on_date, kind, data FROM events WHERE stage IS NOT NULL ORDER BY case_id, id`)
        .raw()
        .iterate() as IterableIterator<[number, Stage, string, string, string | null]>;
      for (const [caseId, stage, on, kind, data] of steps) byId.get(caseId)?.steps.push(stepOf(stage, on, kind, data));
      return rows;
    });
  }

  /**
   * Seller memory: how many of the seller's cases were opened before this one (same day 0:
   * recorded before it), and the most recent `limit` of them with their stage history (two
   * queries on the seller index, whatever the seller's size).
   */
  ofSeller(
    key: string,
    before: { id: number; openedOn: string },
    limit: number,
  ): { total: number; recent: SellerCaseRow[] } {
    return this.conn.read(() => {
      const earlier = "seller_key = ? AND (opened_on < ? OR (opened_on = ? AND id < ?))";
      const params = [key, before.openedOn, before.openedOn, before.id];
      const total = this.db
        .prepare(`SELECT count(*) FROM cases WHERE ${earlier}`)
        .pluck()
        .get(...params) as number;
      const recent = this.db
        .prepare(
          `SELECT id, resolution, stage, opened_on AS openedOn, outcome, closed_on AS closedOn, steps FROM cases
           WHERE ${earlier} ORDER BY id DESC LIMIT ?`,
        )
        .all(...params, limit) as Array<Omit<SellerCaseRow, "steps"> & { steps: string }>;
      const rows: SellerCaseRow[] = new Array(recent.length);
      for (let i = 0; i < recent.length; i++) {
        const r = recent[i]!;
        rows[i] = {
          id: r.id,
          resolution: r.resolution,
          stage: r.stage,
          openedOn: r.openedOn,
          outcome: r.outcome,
          closedOn: r.closedOn,
          steps: parseSteps(r.openedOn, r.steps),
        };
      }
      return { total, recent: rows };
    });
  }

  // writes: each call below is one user-visible change, journalled for undo

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
        `INSERT INTO evidence (case_id, kind, sha256, name, size, url, added_on, recorded_at) VALUES (?, ?, ?, ?, ` +
          `?, ?, ?, ?)`,
      )
      .run(
        caseId,
        evidence.kind,
        evidence.sha256,
        evidence.name,
        evidence.size,
        evidence.url,
        evidence.addedOn,
        recordedAt,
      );
  }

  /** An open case with the same agent, order number and item, if there is one. */
  openDuplicate(input: Pick<NewCase, "agent" | "orderNo" | "item">): number | undefined {
    const key = duplicateKey(input.agent, input.orderNo, input.item);
    return this.conn.read(() => this.db.prepare(OPEN_DUPLICATE).pluck().get(key) as number | undefined);
  }

  /**
   * Records a new case with its opening event (and any first note and evidence). Returns its
   * id. Unless `allowDuplicate`, an open case of the same agent, order and item refuses it,
   * checked inside the write. `inWrite` runs inside the write before anything is inserted
   * (add checks the evidence's stored copies there).
   */
  add(
    input: NewCase,
    extra: {
      note: string | null;
      evidence: NewEvidence[];
      events: NewEvent[];
      discardDrafts?: boolean;
      allowDuplicate?: boolean;
      spotted?: boolean;
      inWrite?: () => void;
    },
    recordedAt: string,
  ): number {
    return this.conn.write(() => {
      const duplicate = extra.allowDuplicate ? undefined : this.openDuplicate(input);
      if (duplicate !== undefined) throw duplicateCase(duplicate);
      extra.inWrite?.();
      const record = newCaseRecord(input, extra.spotted ? SPOTTED : "requested", recordedAt);
      const info = this.db.prepare(caseInsert(false)).run(...caseInsertValues(record, false));
      const id = Number(info.lastInsertRowid);
      // A spotted case gets its opening event (day 0) when the request is recorded (advance requested).
      const opening: NewEvent = extra.spotted
        ? { kind: SPOTTED, stage: null, onDate: input.openedOn, note: extra.note, amountMinor: null, data: null }
        : {
            kind: "opened",
            stage: "requested",
            onDate: input.openedOn,
            note: extra.note,
            amountMinor: null,
            data: null,
          };
      this.insertEvent(id, opening, recordedAt);
      for (const e of extra.evidence) this.insertEvidence(id, e, recordedAt);
      for (const e of extra.events) this.insertEvent(id, e, recordedAt);
      this.journal.record("add", id, `add of case #${id}`, null, recordedAt);
      // The draft this add finished goes in the same transaction as the case.
      if (extra.discardDrafts) this.db.prepare("DELETE FROM drafts").run();
      return id;
    });
  }

  /**
   * Applies one change to an existing case. `plan` runs inside the write transaction on the
   * case as it is then (with its history and evidence), checks it and returns the change, so
   * two commands at once cannot both pass their checks on the same old state. The change is
   * journalled with the case as it was. Returns the change made, or null when the plan found
   * nothing to change.
   */
  change(caseId: number, plan: (current: CaseSnapshot) => CaseChange | null, recordedAt: string): CaseChange | null {
    return this.conn.write(() => {
      const before = this.journal.snapshot(caseId);
      if (!before) throw noSuchCase(caseId);
      const change = plan(before);
      if (change === null) return null;
      const updates = { ...(change.updates ?? {}), updatedAt: recordedAt };
      const { sets, values } = caseUpdate(before.case, updates);
      this.db.prepare(`UPDATE cases SET ${sets.join(", ")} WHERE id = ?`).run(...values, caseId);
      // Day 0 is also the date of the opening event, which the stage history starts from.
      if (updates.openedOn !== undefined) {
        this.db
          .prepare("UPDATE events SET on_date = ? WHERE case_id = ? AND kind = 'opened'")
          .run(updates.openedOn, caseId);
      }
      for (const e of change.evidence ?? []) this.insertEvidence(caseId, e, recordedAt);
      for (const e of change.events ?? []) this.insertEvent(caseId, e, recordedAt);
      this.journal.record(change.kind, caseId, change.summary, before, recordedAt);
      return change;
    });
  }

  /** Deletes a case with its events and evidence records (undo brings it back). */
  remove(caseId: number, recordedAt: string): void {
    this.conn.write(() => {
      const before = this.journal.snapshot(caseId);
      if (!before) throw noSuchCase(caseId);
      this.db.prepare("DELETE FROM cases WHERE id = ?").run(caseId);
      this.journal.record("rm", caseId, `removal of case #${caseId}`, before, recordedAt);
    });
  }
}
