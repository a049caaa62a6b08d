import type Database from "better-sqlite3";
import { StorageError } from "../errors.js";
import { storageErrorFrom } from "./open.js";

/**
 * An open database and its transactions: what every repository is handed. Every write is one
 * BEGIN IMMEDIATE transaction; SQLite's failures become StorageError (docs/design.md section 5.2).
 */
export class Connection {
  constructor(
    /** For the modules of src/store only: SQL stays in this folder. */
    readonly db: Database.Database,
    readonly path: string,
    /** Opened read-only because a newer kakotrack wrote it. */
    readonly readOnly: boolean,
  ) {}

  /** Runs last in every outermost write, before it commits: what the store derives from the rows written. */
  beforeCommit: (() => void) | undefined;

  /** Runs fn in one IMMEDIATE transaction, turning SQLite failures into StorageError. */
  write<T>(fn: () => T): T {
    if (this.readOnly) {
      throw new StorageError(`${this.path} was written by a newer kakotrack; upgrade kakotrack to change it`);
    }
    try {
      if (this.db.inTransaction) return this.db.transaction(fn).immediate();
      return this.db
        .transaction(() => {
          const result = fn();
          this.beforeCommit?.();
          return result;
        })
        .immediate();
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
}
