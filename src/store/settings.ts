import type { Connection } from "./connection.js";
import type { Journal } from "./journal.js";
import { Repository } from "./repository.js";

/** The settings table (key, value): config, calendar years and amendments, the database's id. */
export class SettingsRepository extends Repository {
  constructor(
    conn: Connection,
    private readonly journal: Journal,
  ) {
    super(conn);
  }

  /**
   * Every setting, by key: in the table's order an unset that undo put back moved to the end, so
   * the export after the undo differed from the one before (issue 29).
   */
  all(): Map<string, string> {
    return this.conn.read(() => {
      const rows = this.db.prepare("SELECT key, value FROM settings ORDER BY key").all() as Array<{
        key: string;
        value: string;
      }>;
      return new Map(rows.map((r) => [r.key, r.value]));
    });
  }

  /** Sets (or with null removes) a setting, journalled so that undo puts the old value back. */
  set(key: string, value: string | null, summary: string, recordedAt: string): void {
    this.setMany({ [key]: value }, summary, recordedAt);
  }

  /** Sets (or, for null, removes) settings in one transaction, journalled so that undo puts the old values back. */
  setMany(values: Record<string, string | null>, summary: string, recordedAt: string): void {
    this.conn.write(() => {
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
