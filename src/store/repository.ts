import type Database from "better-sqlite3";
import type { Connection } from "./connection.js";

/** What every repository of the store shares: the connection and its transactions. */
export abstract class Repository {
  constructor(protected readonly conn: Connection) {}

  protected get db(): Database.Database {
    return this.conn.db;
  }
}
