import type { Resolution, Stage } from "../domain/case/model.js";
import { type CaseSteps, SPOTTED, toTimeline } from "../domain/case/records.js";
import { type Calendars, calendarsApart, calendarsFrom } from "../domain/config/calendars.js";
import { URGENCY_BASIS_KEY } from "../domain/config/settings.js";
import { type Urgency, urgencyOf } from "../domain/deadlines/evaluate.js";
import { URGENCY_BASIS } from "../domain/deadlines/urgency-basis.js";
import { parseSteps } from "./columns.js";
import type { Connection } from "./connection.js";
import { Repository } from "./repository.js";
import type { SettingsRepository } from "./settings.js";
import { agentWhere } from "./status-rows.js";

/** The open cases status ranks from what is stored (m012's index): fresh, and not judged by the minute. */
const STORED = `outcome IS NULL AND due_stale = 0 AND stage <> '${SPOTTED}'`;
/** The open cases status judges itself: stale (written since their urgency was stored) or spotted. */
const LIVE = `outcome IS NULL AND (due_stale = 1 OR stage = '${SPOTTED}')`;

/** An open case's columns as status reads them: the agent and stock-in only where they count (status-rows.ts). */
const openColumns = (agentsWithCalendars: readonly string[]) =>
  `id, resolution, stage, opened_on, steps, ${agentWhere(agentsWithCalendars)},
   CASE WHEN stage = '${SPOTTED}' THEN stored_at END`;
type OpenRow = [number, Resolution, Stage, string, string, string | null, string | null];

function openCase(row: readonly [...OpenRow, ...unknown[]]): CaseSteps {
  const [id, resolution, stage, openedOn, steps, agent, storedAt] = row;
  return { id, resolution, stage, openedOn, outcome: null, steps: parseSteps(openedOn, steps), agent, storedAt };
}

/** What an open case's urgency is worked out from. */
const JUDGED_COLUMNS = "id, resolution, stage, opened_on, steps, agent";
type JudgedRow = [number, Resolution, Stage, string, string, string | null];

/** An open case's urgency as the columns hold it: its due day (NULL for none), 1 when the buyer's move is next. */
function storedUrgency(row: readonly [...JudgedRow, ...unknown[]], calendars: Calendars): [number | null, 0 | 1] {
  const [, resolution, stage, openedOn, steps, agent] = row;
  const timeline = toTimeline({ resolution, stage, openedOn, outcome: null }, parseSteps(openedOn, steps));
  const { dueDay, action } = urgencyOf(timeline, calendars.calendarFor(agent), calendars.settings);
  return [dueDay === Infinity ? null : dueDay, action ? 1 : 0];
}

function sameRows(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

/** A case status shows from the index, with its stored urgency. */
export type StoredCase = CaseSteps & { urgency: Urgency };

/** How many open cases of each flag, from the stored urgencies, on a day. */
export interface StoredCounts {
  action: number;
  overdue: number;
  dueSoon: number;
  onTrack: number;
  /** Cases with a deadline past, whatever their flag (`status --check`). */
  late: number;
}

/**
 * Each open case's earliest due day and whether the buyer's move is next (issue 28), kept with
 * the case: every write brings the cases it touched up to date before it commits (m012's
 * triggers mark them), and all of them when the settings or the basis changed. status reads the
 * most urgent by index and counts the rest, instead of judging every open case.
 */
export class UrgencyRepository extends Repository {
  /** The calendars `calendars()` gave, with the settings rows they were built from. */
  private commandCalendars: { stored: ReadonlyMap<string, string>; calendars: Calendars } | undefined;

  constructor(
    conn: Connection,
    private readonly settings: SettingsRepository,
  ) {
    super(conn);
  }

  /**
   * The settings and calendars of the settings as stored now: a command's. A refresh inside the
   * same settings counts on them apart (calendarsApart), sharing the days they have worked out:
   * 1.5 M instructions of each `add` (docs/performance.md).
   */
  calendars(): Calendars {
    const stored = this.settings.all();
    const calendars = calendarsFrom(stored);
    this.commandCalendars = { stored, calendars };
    return calendars;
  }

  /** Calendars for counts the command does not show (a refresh, doctor's check), from the settings rows `stored`. */
  private calendarsFor(stored: ReadonlyMap<string, string>): Calendars {
    const known = this.commandCalendars;
    return known !== undefined && sameRows(known.stored, stored)
      ? calendarsApart(known.calendars)
      : calendarsFrom(stored);
  }

  /** The stored urgencies were worked out on this kakotrack's rules and schedules and the current settings. */
  current(): boolean {
    return this.conn.read(
      () =>
        this.db.prepare("SELECT value FROM settings WHERE key = ?").pluck().get(URGENCY_BASIS_KEY) === URGENCY_BASIS,
    );
  }

  /** Brings the stored urgencies up to date: inside a write, before it commits. */
  refresh(): void {
    const stored = this.settings.all();
    const all = stored.get(URGENCY_BASIS_KEY) !== URGENCY_BASIS;
    const rows = this.db
      .prepare(`SELECT ${JUDGED_COLUMNS} FROM cases WHERE ${all ? "outcome IS NULL" : `${LIVE} AND due_stale = 1`}`)
      .raw()
      .all() as JudgedRow[];
    if (rows.length > 0) {
      const calendars = this.calendarsFor(stored);
      const update = this.db.prepare("UPDATE cases SET due_day = ?, needs_action = ?, due_stale = 0 WHERE id = ?");
      for (const row of rows) update.run(...storedUrgency(row, calendars), row[0]);
    }
    if (all)
      this.db
        .prepare(
          "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(URGENCY_BASIS_KEY, URGENCY_BASIS);
  }

  /** Every open case's urgency worked out again (doctor --fix), in one write: returns how many. */
  workOutAgain(): number {
    return this.conn.write(() => {
      this.db.prepare("DELETE FROM settings WHERE key = ?").run(URGENCY_BASIS_KEY);
      return this.db.prepare("SELECT count(*) FROM cases WHERE outcome IS NULL").pluck().get() as number;
    });
  }

  /** The open cases of each flag on a day, of those whose urgency is stored. */
  counts(asOfDay: number, dueSoonDays: number): StoredCounts {
    const { total, ...counts } = this.conn.read(
      () =>
        this.db
          .prepare(
            `SELECT coalesce(sum(needs_action), 0) AS action,
               coalesce(sum(needs_action = 0 AND due_day < :day), 0) AS overdue,
               coalesce(sum(needs_action = 0 AND due_day >= :day AND due_day <= :soon), 0) AS dueSoon,
               count(*) AS total, coalesce(sum(due_day < :day), 0) AS late
             FROM cases WHERE ${STORED}`,
          )
          .get({ day: asOfDay, soon: asOfDay + dueSoonDays }) as Omit<StoredCounts, "onTrack"> & { total: number },
    );
    return { ...counts, onTrack: total - counts.action - counts.overdue - counts.dueSoon };
  }

  /** The `limit` most urgent of the cases whose urgency is stored, in status's order (the index's). */
  mostUrgent(limit: number, agentsWithCalendars: readonly string[]): StoredCase[] {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(
          `SELECT ${openColumns(agentsWithCalendars)}, due_day, needs_action FROM cases WHERE ${STORED}
           ORDER BY needs_action DESC, due_day IS NULL, due_day, id LIMIT ?`,
        )
        .raw()
        .all(...agentsWithCalendars, limit) as Array<[...OpenRow, number | null, number]>;
      return rows.map((row) => ({
        ...openCase(row),
        urgency: { dueDay: row[7] ?? Infinity, action: row[8] === 1 },
      }));
    });
  }

  /** The open cases status judges itself (stale or spotted), as StatusRows.rows gives them. */
  live(agentsWithCalendars: readonly string[]): CaseSteps[] {
    return this.conn.read(() => {
      const rows = this.db
        .prepare(`SELECT ${openColumns(agentsWithCalendars)} FROM cases WHERE ${LIVE} ORDER BY id`)
        .raw()
        .all(...agentsWithCalendars) as OpenRow[];
      return rows.map(openCase);
    });
  }

  /** Open cases whose stored urgency differs from the one worked out now: doctor's check (none when current). */
  differing(): number {
    return this.conn.read(() => {
      const stored = this.settings.all();
      if (stored.get(URGENCY_BASIS_KEY) !== URGENCY_BASIS) return 0;
      const calendars = this.calendarsFor(stored);
      const rows = this.db
        .prepare(`SELECT ${JUDGED_COLUMNS}, due_day, needs_action FROM cases WHERE ${STORED}`)
        .raw()
        .all() as Array<[...JudgedRow, number | null, number]>;
      let differ = 0;
      for (const row of rows) {
        const [dueDay, action] = storedUrgency(row, calendars);
        if (dueDay !== row[6] || action !== row[7]) differ++;
      }
      return differ;
    });
  }
}
