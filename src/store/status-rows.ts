import type { Resolution, Stage } from "../domain/case/model.js";
import { type CaseLabel, type CaseSteps, SPOTTED } from "../domain/case/records.js";
import { parseSteps } from "./columns.js";
import { Repository } from "./repository.js";

/** status's agent column: the agent where it matters (a spotted case, an agent with its own calendar), else NULL. */
export function agentWhere(agentsWithCalendars: readonly string[]): string {
  const own =
    agentsWithCalendars.length === 0 ? "" : ` OR lower(agent) IN (${agentsWithCalendars.map(() => "?").join(", ")})`;
  return `CASE WHEN stage = '${SPOTTED}'${own} THEN agent END`;
}

/** What status reads of the cases when it judges every one (its table of the most urgent: urgency.ts). */
export class StatusRows extends Repository {
  /**
   * Open cases (and closed ones with includeClosed) with the stage history of the open ones, in id
   * order, for status when it judges every case: --json, --all, --limit 0 (the open ones from their
   * index, m005). With `withLabels` (every case shown), each with its label from the same row.
   */
  rows(
    includeClosed: boolean,
    agentsWithCalendars: readonly string[] = [],
    withLabels = false,
  ): Array<CaseSteps & { label?: CaseLabel }> {
    return this.conn.read(() => {
      // The agent only for spotted cases (the few judged by their return window) and the cases
      // of agents with closures of their own (`agentsWithCalendars`, lower-cased), the stock-in
      // time only for spotted ones, so the other rows carry no strings (docs/performance.md).
      const cases = this.db
        .prepare(
          `SELECT id, resolution, stage, opened_on, outcome, steps, ${agentWhere(agentsWithCalendars)},
             CASE WHEN stage = '${SPOTTED}' THEN stored_at END
             ${withLabels ? ", agent, order_no, item, seller, stored_at" : ""}
             FROM cases ${includeClosed ? "" : "WHERE outcome IS NULL"} ORDER BY id`,
        )
        .raw()
        .all(...agentsWithCalendars) as Array<
        [
          number,
          Resolution,
          Stage,
          string,
          string | null,
          string,
          string | null,
          string | null,
          ...Array<string | null>,
        ]
      >;
      const rows: Array<CaseSteps & { label?: CaseLabel }> = new Array(cases.length);
      for (let i = 0; i < cases.length; i++) {
        const row = cases[i]!; // indexed, not destructured: no iterator per row
        const outcome = row[4];
        rows[i] = {
          id: row[0],
          resolution: row[1],
          stage: row[2],
          openedOn: row[3],
          outcome,
          steps: outcome === null ? parseSteps(row[3], row[5]) : [],
          agent: row[6],
          storedAt: row[7],
          label: withLabels
            ? { agent: row[8]!, orderNo: row[9]!, item: row[10]!, seller: row[11] ?? null, storedAt: row[12] ?? null }
            : undefined,
        };
      }
      return rows;
    });
  }

  /**
   * status as of a past day: the cases opened by then that were still open then (closed
   * later, or open), with their closing day for the as-of view (domain/as-of.ts). A full
   * scan: judging the past is rare, today's status uses rows.
   */
  rowsAsOf(
    asOf: string,
    includeClosed: boolean,
    agentsWithCalendars: readonly string[] = [],
  ): Array<CaseSteps & { closedOn: string | null }> {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(
          `SELECT id, resolution, stage, opened_on AS openedOn, outcome, closed_on AS closedOn, steps,
             ${agentWhere(agentsWithCalendars)} AS agent,
             CASE WHEN stage = '${SPOTTED}' THEN stored_at END AS storedAt FROM cases
           WHERE opened_on <= ? ${includeClosed ? "" : "AND (outcome IS NULL OR closed_on > ?)"} ORDER BY id`,
        )
        .all(...agentsWithCalendars, ...(includeClosed ? [asOf] : [asOf, asOf])) as Array<
        Omit<CaseSteps, "steps"> & { closedOn: string | null; steps: string }
      >;
      return rows.map((r) => ({ ...r, steps: parseSteps(r.openedOn, r.steps) }));
    });
  }

  /**
   * Agent, order, item and seller of the given cases: status fetches them only for the rows
   * it shows. `includeClosed` says whether any of them may be closed.
   */
  labels(ids: readonly number[], includeClosed: boolean): Map<number, CaseLabel> {
    return this.conn.read(() => {
      const labels = new Map<number, CaseLabel>();
      const cols = "id, agent, order_no AS orderNo, item, seller, stored_at AS storedAt";
      // Many ids (status --json, --limit 0): one pass (over the open cases' index) beats a lookup each.
      const rows =
        ids.length > 500
          ? (this.db
              .prepare(`SELECT ${cols} FROM cases ${includeClosed ? "" : "WHERE outcome IS NULL"}`)
              .all() as Array<CaseLabel & { id: number }>)
          : (this.db
              .prepare(`SELECT ${cols} FROM cases WHERE id IN (${ids.map(() => "?").join(",") || "NULL"})`)
              .all(...ids) as Array<CaseLabel & { id: number }>);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        labels.set(r.id, { agent: r.agent, orderNo: r.orderNo, item: r.item, seller: r.seller, storedAt: r.storedAt });
      }
      return labels;
    });
  }
}
