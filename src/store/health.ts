import { closeSync, openSync, rmSync } from "node:fs";
import { UsageError } from "../errors.js";
import { markedStepsOf, REFUNDS_DIFFER } from "./migrations.js";
import { storageErrorFrom } from "./open.js";
import { Repository } from "./repository.js";

/** What doctor checks, and the online backup. */
export class HealthChecks extends Repository {
  /** integrity_check, foreign keys, and cases without their opening event: empty when healthy. */
  problems(): string[] {
    return this.conn.read(() => {
      const problems: string[] = [];
      const integrity = this.db.pragma("integrity_check") as Array<{ integrity_check: string }>;
      if (!(integrity.length === 1 && integrity[0]!.integrity_check === "ok")) {
        problems.push(...integrity.slice(0, 10).map((r) => `integrity: ${r.integrity_check}`));
      }
      const foreign = this.db.pragma("foreign_key_check") as unknown[];
      if (foreign.length > 0) problems.push(`${foreign.length} rows point to a missing case (foreign_key_check)`);
      const withoutOpening = this.db
        // A spotted case opens (day 0) when its request is recorded.
        .prepare(
          "SELECT count(*) FROM cases c WHERE c.stage <> 'spotted' AND NOT EXISTS (SELECT 1 FROM events e WHERE " +
            "e.case_id = c.id AND e.kind = 'opened')",
        )
        .pluck()
        .get() as number;
      if (withoutOpening > 0) problems.push(`${withoutOpening} cases have no opening event`);
      const stepsDiffer = this.db
        .prepare(`SELECT count(*) FROM cases WHERE steps <> ${markedStepsOf("cases.id")}`)
        .pluck()
        .get() as number;
      if (stepsDiffer > 0)
        problems.push(`${stepsDiffer} cases' stage summaries differ from their events (cases.steps)`);
      const refundsOff = this.db.prepare(REFUNDS_DIFFER).pluck().get() as number;
      if (refundsOff > 0)
        problems.push(`${refundsOff} cases' refund totals differ from their refund records (cases.refund_minor)`);
      return problems;
    });
  }

  counts(): { cases: number; open: number; events: number; evidence: number } {
    return this.conn.read(
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
    return this.conn.read(
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
    try {
      closeSync(openSync(target, "wx", 0o600));
    } catch (error) {
      // The target is the user's choice, not the database: a bad one is bad input.
      const code = (error as { code?: string }).code;
      throw new UsageError(
        `cannot create ${target} (${code ?? (error as Error).message}); check the folder exists and is writable, ` +
          `or choose another file`,
      );
    }
    try {
      await this.db.backup(target);
    } catch (error) {
      rmSync(target, { force: true });
      throw storageErrorFrom(error, target);
    }
  }
}
