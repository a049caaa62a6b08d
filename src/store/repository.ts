import type Database from "better-sqlite3";
import type { Store } from "./store.js";

/** What every repository of the store shares: the store (its transactions) and its connection. */
export abstract class Repository {
  constructor(protected readonly store: Store) {}

  protected get db(): Database.Database {
    return this.store.db;
  }
}
