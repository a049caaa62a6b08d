import type { CaseEvent, CaseRecord, CaseSnapshot, EvidenceRecord, WithdrawalRecord } from "../domain/case/records.js";
import { isLocalSetting } from "../domain/config/settings.js";
import type { TransferData } from "../domain/transfer/export-format.js";
import { CASE_COLUMNS, EVENT_COLUMNS, EVIDENCE_COLUMNS } from "./columns.js";
import type { Connection } from "./connection.js";
import type { Journal } from "./journal.js";
import type { MoneyRepository } from "./money.js";
import { Repository } from "./repository.js";
import type { SettingsRepository } from "./settings.js";

/** What an import did: each case's id in the file and here (null: skipped), and the withdrawals. */
export interface ImportResult {
  cases: Array<{ from: number; to: number | null; duplicateOf?: number }>;
  withdrawals: { imported: number; skipped: number };
}

/** Export and import of whole cases (docs/export-format.md). */
export class Transfer extends Repository {
  constructor(
    conn: Connection,
    private readonly journal: Journal,
    private readonly money: MoneyRepository,
    private readonly settings: SettingsRepository,
  ) {
    super(conn);
  }

  /** Every case with its events and evidence, the withdrawals and the settings: what a JSON export holds. */
  exportAll(): TransferData {
    return this.conn.read(() => {
      const cases = this.db.prepare(`SELECT ${CASE_COLUMNS} FROM cases ORDER BY id`).all() as CaseRecord[];
      const events = this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY case_id, id`).all() as CaseEvent[];
      const evidence = this.db
        .prepare(`SELECT ${EVIDENCE_COLUMNS} FROM evidence ORDER BY case_id, id`)
        .all() as EvidenceRecord[];
      const byId = new Map(
        cases.map((c) => [c.id, { case: c, events: [] as CaseEvent[], evidence: [] as EvidenceRecord[] }]),
      );
      for (const e of events) byId.get(e.caseId)?.events.push(e);
      for (const e of evidence) byId.get(e.caseId)?.evidence.push(e);
      // The database's own identity and where it sends notifications stay with it; an import target has its own.
      const settings = Object.fromEntries([...this.settings.all()].filter(([key]) => !isLocalSetting(key)));
      return { settings, cases: [...byId.values()], withdrawals: this.money.withdrawals() };
    });
  }

  /**
   * Imports cases in one transaction: each keeps its id when free and gets a new one
   * otherwise; cases already present (same order, item and day 0) are skipped, and with
   * `sheet` (a hand-made spreadsheet's rows) so is a row like an earlier one. Settings
   * are taken only where this database has none. Undo removes the whole import.
   */
  importCases(
    snapshots: readonly CaseSnapshot[],
    settings: Record<string, string>,
    recordedAt: string,
    withdrawals: readonly WithdrawalRecord[] = [],
    sheet = false,
  ): ImportResult {
    return this.conn.write(() => {
      const result: ImportResult["cases"] = [];
      // A case is already here when its order number, item and day 0 match: one pass builds
      // the lookup. A hand-made sheet's row joins it (a sheet may repeat a row); a case of
      // kakotrack's own export, JSON or CSV, does not: the exporting database may hold two such
      // cases (`add --allow-duplicate`), and both come back (issue 29).
      const sameCase = (orderNo: string, item: string, openedOn: string): string =>
        JSON.stringify([orderNo, item, openedOn]);
      const existing = new Map<string, number>();
      const keys = this.db
        .prepare("SELECT id, order_no, item, opened_on FROM cases ORDER BY id DESC")
        .raw()
        .iterate() as IterableIterator<[number, string, string, string]>;
      for (const [id, orderNo, item, openedOn] of keys) existing.set(sameCase(orderNo, item, openedOn), id);
      const taken = {
        cases: this.db.prepare("SELECT 1 FROM cases WHERE id = ?").pluck(),
        events: this.db.prepare("SELECT 1 FROM events WHERE id = ?").pluck(),
        evidence: this.db.prepare("SELECT 1 FROM evidence WHERE id = ?").pluck(),
      };
      // Ids of 0 (rows from a spreadsheet) or already taken get the next free one.
      const free = (table: keyof typeof taken, wanted: number): number | null =>
        wanted > 0 && taken[table].get(wanted) === undefined ? wanted : null;
      const maxId = {
        events: this.db.prepare("SELECT coalesce(max(id), 0) FROM events").pluck(),
        evidence: this.db.prepare("SELECT coalesce(max(id), 0) FROM evidence").pluck(),
      };
      // One case's events or evidence keep their ids when all are free; else they all get new ones,
      // in their order, past every id in the table and in these rows. The history is in id order,
      // and a new id given as max + 1 could be a later row's own, which failed the import (issue 29).
      const rowIds = (table: keyof typeof maxId, wanted: readonly number[]): number[] => {
        if (wanted.every((id, i) => free(table, id) !== null && (i === 0 || id > wanted[i - 1]!))) return [...wanted];
        const next = Math.max(Number(maxId[table].get()), ...wanted);
        return wanted.map((_, i) => next + 1 + i);
      };
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
        const eventIds = rowIds(
          "events",
          snapshot.events.map((e) => e.id),
        );
        const evidenceIds = rowIds(
          "evidence",
          snapshot.evidence.map((e) => e.id),
        );
        this.journal.restore({
          case: { ...c, id },
          events: snapshot.events.map((e, i) => ({ ...e, caseId: id, id: eventIds[i]! })),
          evidence: snapshot.evidence.map((e, i) => ({ ...e, caseId: id, id: evidenceIds[i]! })),
        });
        if (sheet) existing.set(key, id);
        result.push({ from: c.id, to: id });
      }
      const insertSetting = this.db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)");
      // Undo removes the settings the import added, with its cases.
      const added: Record<string, null> = {};
      for (const [key, value] of Object.entries(settings)) {
        if (!isLocalSetting(key) && insertSetting.run(key, value).changes > 0) added[key] = null;
      }
      const withdrawalIds = this.importWithdrawals(withdrawals);
      const importedIds = result.flatMap((r) => (r.to === null ? [] : [r.to]));
      if (importedIds.length > 0 || withdrawalIds.length > 0 || Object.keys(added).length > 0) {
        const what = [
          [importedIds.length, "case"],
          [withdrawalIds.length, "withdrawal"],
        ] as const;
        const counted = what.filter(([n]) => n > 0).map(([n, noun]) => `${n} ${noun}${n === 1 ? "" : "s"}`);
        const summary = `import of ${counted.join(" and ") || "0 cases"}`;
        this.journal.record("import", null, summary, { importedIds, withdrawalIds, settings: added }, recordedAt);
      }
      return {
        cases: result,
        withdrawals: { imported: withdrawalIds.length, skipped: withdrawals.length - withdrawalIds.length },
      };
    });
  }

  /**
   * Withdrawals, keeping their ids where free; one already here (same agent, currency, amount, day and
   * recording time) is skipped, so importing a file twice adds nothing. Two such withdrawals in the
   * file are two (recorded in the same second), as in the database it came from (issue 29).
   */
  private importWithdrawals(withdrawals: readonly WithdrawalRecord[]): number[] {
    if (withdrawals.length === 0) return [];
    const same = (w: Pick<WithdrawalRecord, "agent" | "currency" | "amountMinor" | "onDate" | "recordedAt">): string =>
      JSON.stringify([w.agent.toLowerCase(), w.currency, w.amountMinor, w.onDate, w.recordedAt]);
    const existing = new Set(this.money.withdrawals().map(same));
    const ids: number[] = [];
    for (const w of withdrawals) {
      if (existing.has(same(w))) continue;
      ids.push(this.money.insert(w, w.recordedAt, w.id));
    }
    return ids;
  }
}
