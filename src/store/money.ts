import type Database from "better-sqlite3";
import type { CaseEvent, WithdrawalRecord } from "../domain/case/records.js";
import type { BalanceSums } from "../domain/money/money.js";
import { type Refund, refundsOf } from "../domain/money/refunds.js";
import { EVENT_COLUMNS, WITHDRAWAL_COLUMNS } from "./columns.js";
import type { Connection } from "./connection.js";
import type { Journal } from "./journal.js";
import { refundEvent } from "./migrations.js";
import { Repository } from "./repository.js";

export type NewWithdrawal = Omit<WithdrawalRecord, "id" | "recordedAt">;

/** Money around the cases: refunds into agent balances, withdrawals from them, fees. */
export class MoneyRepository extends Repository {
  constructor(
    conn: Connection,
    private readonly journal: Journal,
  ) {
    super(conn);
  }

  /**
   * Refunds into each agent balance and withdrawals from it, summed per agent name as stored
   * and currency (one statement over two small indexes: status reads them on every run). A
   * case's refunds into the balance are summed on write (cases.balance_refund_minor, m011).
   */
  sums(): BalanceSums {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(
          `SELECT 0, agent, currency, sum(balance_refund_minor), 0 FROM cases
             WHERE balance_refund_minor IS NOT NULL GROUP BY agent, currency
           UNION ALL SELECT 1, agent, currency, sum(amount_minor), sum(untracked_minor) FROM withdrawals
             GROUP BY agent, currency`,
        )
        .raw()
        .all() as Array<[0 | 1, string, string, number | null, number]>;
      return {
        refunds: rows.filter((r) => r[0] === 0).map(([, agent, currency, minor]) => ({ agent, currency, minor })),
        withdrawals: rows
          .filter((r) => r[0] === 1)
          .map(([, agent, currency, minor, untracked]) => ({ agent, currency, minor: minor!, untracked })),
      };
    });
  }

  /**
   * Records a withdrawal. `plan` runs inside the write transaction on the sums as they are
   * then, checks the amount and returns the withdrawal (another kakotrack may be withdrawing
   * at the same moment). Undo removes it.
   */
  withdraw(
    plan: (sums: BalanceSums) => NewWithdrawal,
    summary: (w: NewWithdrawal) => string,
    recordedAt: string,
  ): NewWithdrawal {
    return this.conn.write(() => {
      const w = plan(this.sums());
      const id = this.insert(w, recordedAt);
      this.journal.record("withdraw", null, summary(w), { withdrawalIds: [id] }, recordedAt);
      return w;
    });
  }

  /**
   * insert's statements, prepared once per connection: an import inserts many, and statements are kept until exit
   * (open.ts).
   */
  private statements?: { taken: Database.Statement; insert: Database.Statement };

  /** Inserts one withdrawal, with the id given when it is free (an import); call inside a write. */
  insert(w: NewWithdrawal, recordedAt: string, id: number | null = null): number {
    const st = (this.statements ??= {
      taken: this.db.prepare("SELECT 1 FROM withdrawals WHERE id = ?"),
      insert: this.db.prepare(
        "INSERT INTO withdrawals (id, agent, currency, amount_minor, untracked_minor, on_date, note, recorded_at) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
    });
    const free = id !== null && id > 0 && st.taken.get(id) === undefined;
    const info = st.insert.run(
      free ? id : null,
      w.agent,
      w.currency,
      w.amountMinor,
      w.untrackedMinor,
      w.onDate,
      w.note,
      recordedAt,
    );
    return Number(info.lastInsertRowid);
  }

  withdrawals(): WithdrawalRecord[] {
    return this.conn.read(
      () => this.db.prepare(`SELECT ${WITHDRAWAL_COLUMNS} FROM withdrawals ORDER BY id`).all() as WithdrawalRecord[],
    );
  }

  /** Each case's refunds (its refund records, m011) summed in the case currency: those paid by `asOf`. */
  refundsByCase(asOf: string): Map<number, number> {
    return this.sumByCase(`${refundEvent()} AND on_date <= ?`, asOf);
  }

  /** Each case's fees (events of kind `fee`) summed in the case currency: those paid by `asOf`. */
  feesByCase(asOf: string): Map<number, number> {
    return this.sumByCase("kind = 'fee' AND on_date <= ?", asOf);
  }

  /** Each case's refunds recorded by `asOf`, in the order recorded (the CSV export lists them). */
  refundListsByCase(asOf: string): Map<number, Refund[]> {
    return this.conn.read(() => {
      const events = this.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${refundEvent()} AND on_date <= ? ORDER BY case_id, id`)
        .all(asOf) as CaseEvent[];
      const byCase = new Map<number, CaseEvent[]>();
      for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
      return new Map([...byCase].map(([id, list]) => [id, refundsOf(list)]));
    });
  }

  /** Each case's counter-offers made by `asOf`, their amounts in the order recorded (the CSV export carries them). */
  counterOffersByCase(asOf: string): Map<number, number[]> {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(
          "SELECT case_id, amount_minor FROM events WHERE kind = 'counter' AND on_date <= ? ORDER BY case_id, id",
        )
        .raw()
        .all(asOf) as Array<[number, number]>;
      const byCase = new Map<number, number[]>();
      for (const [id, amount] of rows) {
        const amounts = byCase.get(id);
        if (amounts === undefined) byCase.set(id, [amount]);
        else amounts.push(amount);
      }
      return byCase;
    });
  }

  /** Event amounts summed per case, over the events `where` picks (each by a partial index). */
  private sumByCase(where: string, asOf: string): Map<number, number> {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(`SELECT case_id, sum(amount_minor) FROM events WHERE ${where} GROUP BY case_id`)
        .raw()
        .all(asOf) as Array<[number, number]>;
      return new Map(rows);
    });
  }
}
