import { accessSync, closeSync, constants, existsSync, linkSync, mkdirSync, openSync, readSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { StorageError } from "../errors.js";
import { hint } from "../hints.js";
import { MIGRATION_FUNCTIONS, MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

/**
 * The compiled SQLite addon, loaded here and handed to better-sqlite3: its own lookup (the
 * `bindings` package) probes a dozen paths on every start, and a require() of the file
 * would run Node's module resolver first (docs/performance.md).
 */
let addon: object | undefined;
function nativeBinding(): object {
  if (addon === undefined) {
    // Where npm puts it beside kakotrack (one stat), else wherever Node resolves the package.
    const beside = join(
      import.meta.dirname,
      "..",
      "node_modules",
      "better-sqlite3",
      "build",
      "Release",
      "better_sqlite3.node",
    );
    const path = existsSync(beside)
      ? beside
      : createRequire(join(import.meta.dirname, "open.js")).resolve("better-sqlite3/build/Release/better_sqlite3.node");
    const module = { exports: {} };
    // SQLite reads file: URIs (the read-only opening's ?immutable=1) only when better-sqlite3
    // configured it so as it loaded, from this variable; plain paths are kept from looking like one.
    const uri = process.env.SQLITE_USE_URI;
    process.env.SQLITE_USE_URI = "1";
    try {
      process.dlopen(module, path);
    } catch (error) {
      throw addonError(error, path);
    } finally {
      if (uri === undefined) delete process.env.SQLITE_USE_URI;
      else process.env.SQLITE_USE_URI = uri;
    }
    addon = keepMadeObjects(module.exports as NativeClasses);
  }
  return addon;
}

/** Most often Node was upgraded after kakotrack was installed: the addon is for another Node. */
function addonError(error: unknown, path: string): StorageError {
  const message = (error as Error).message ?? String(error);
  const versions = /NODE_MODULE_VERSION (\d+)[\s\S]*NODE_MODULE_VERSION (\d+)/.exec(message);
  const why = versions
    ? `it was built for another Node.js (module version ${versions[1]}; ${process.version} needs ${versions[2]})`
    : message.split("\n")[0]!.replace(`${path}: `, "");
  // <kakotrack>/node_modules/better-sqlite3/build/Release/better_sqlite3.node
  const root = resolve(path, "../../../../..");
  return new StorageError(
    `cannot load the SQLite module ${path}: ${why}; run \`npm rebuild better-sqlite3 && npm run build\` in ${root}`,
  );
}

type NativeClasses = Record<"Database" | "Statement", { prototype: Record<string, (...args: unknown[]) => object> }>;

/**
 * Every statement, iterator, backup and connection better-sqlite3 makes, kept until the process
 * exits. Built against Node 24.19+'s headers, better-sqlite3 12 aborts the whole process when the
 * garbage collector frees one of them (nodejs/node#65446; better-sqlite3 13, which avoids it,
 * needs Node 22). A command makes a few dozen, and process.exit frees nothing.
 */
const made: object[] = [];

function keepMadeObjects(classes: NativeClasses): NativeClasses {
  const keep = (prototype: Record<string, (...args: unknown[]) => object>, method: string): void => {
    const original = prototype[method]!;
    prototype[method] = function (this: unknown, ...args: unknown[]) {
      const object = original.apply(this, args);
      made.push(object);
      return object;
    };
  };
  keep(classes.Database.prototype, "prepare");
  keep(classes.Database.prototype, "backup");
  keep(classes.Statement.prototype, "iterate");
  return classes;
}

/** Milliseconds a command waits for another kakotrack's write to finish. */
const BUSY_TIMEOUT = 20_000;

/** A connection through the addon above, kept like its statements; the tests open files with it too. */
export function openSqlite(path: string, options: Omit<Database.Options, "nativeBinding"> = {}): Database.Database {
  // better-sqlite3 takes the loaded addon too; its type declarations only list a path.
  const db = new Database(path, { ...options, nativeBinding: nativeBinding() as unknown as string });
  made.push(db);
  return db;
}

function connect(path: string, options: { readonly?: boolean } = {}): Database.Database {
  // A relative path that starts with "file:" would be read as a URI.
  const name = path.startsWith("file:") ? `./${path}` : path;
  return openSqlite(name, { ...options, fileMustExist: true, timeout: BUSY_TIMEOUT });
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may change the file and create files beside it (-wal, -shm). */
function writableByUs(path: string): boolean {
  return writable(path) && writable(dirname(path));
}

/**
 * A read-only connection that leaves no new file beside the database (issue 26 item 6). SQLite's
 * plain read-only opening of a WAL database creates -wal and -shm files it cannot remove. With a
 * -wal file there, a kakotrack has the file open or left committed changes in it: read through it
 * (its -shm is beside it). Without one, the file holds every change and is read as immutable: no
 * locks and no files. The trade-off: a writer that starts and checkpoints while such a read runs
 * (tens of milliseconds) could show it a half-copied page, which reads as an error; run it again.
 */
function connectReadOnly(path: string): Database.Database {
  if (existsSync(`${path}-wal`)) return connect(path, { readonly: true });
  try {
    return openSqlite(`${pathToFileURL(path).href}?immutable=1`, { readonly: true, fileMustExist: true });
  } catch {
    // URIs are off where the addon was loaded without the variable above (a worker thread's copy of the environment).
    return connect(path, { readonly: true });
  }
}

/** Marks a SQLite file as kakotrack's ("KAKO"), so another program's database is not mistaken for ours. */
export const APPLICATION_ID = 0x4b414b4f;
const SQLITE_HEADER = "SQLite format 3\0";

export interface OpenOptions {
  /** Read-only commands may still read a database from a newer kakotrack. */
  access: "read" | "write";
  /** Create the parent folder when missing: only for the default location. */
  createParent: boolean;
  /** For the dated backup name written before a migration. */
  today: string;
}

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  schemaVersion: number;
  /** Opened read-only because a newer kakotrack wrote it. */
  newerSchema: boolean;
  /** This opening migrated the file to the current schema. */
  migrated: boolean;
}

/** The file's first 16 bytes (fewer when shorter), or null when there is no file. */
function readHeader(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw headerError(error, path);
  }
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    // No encoding named: Node's quickest decoding, and the header is ASCII.
    return buf.subarray(0, n).toString();
  } catch (error) {
    throw headerError(error, path);
  } finally {
    closeSync(fd);
  }
}

function headerError(error: unknown, path: string): StorageError {
  if ((error as { code?: string }).code === "EISDIR") {
    return new StorageError(
      `${path} is a directory; give a database file path (e.g. --db ${join(path, "kakotrack.db")})`,
    );
  }
  return storageErrorFrom(error, path);
}

export function storageErrorFrom(error: unknown, path: string): StorageError {
  const code = (error as { code?: string }).code ?? "";
  const message = (error as Error).message ?? String(error);
  // SQLite's extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_SHORT_READ, ...) share a prefix.
  const is = (...prefixes: string[]): boolean => prefixes.some((p) => code === p || code.startsWith(`${p}_`));
  if (is("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ")) {
    return new StorageError(
      `${path} is corrupt (${message}); it was left as it is: restore your latest copy from ${hint.backup()} ` +
        `or a .bak beside it`,
    );
  }
  if (
    is("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH") ||
    code === "EACCES" ||
    code === "EPERM" ||
    code === "EROFS"
  ) {
    return new StorageError(
      `cannot write ${path} (${message}); kakotrack needs to write the file and its folder: check their ` +
        `permissions (ls -l) or choose another --db`,
    );
  }
  if (is("SQLITE_BUSY", "SQLITE_LOCKED")) {
    return new StorageError(`${path} stayed locked by another kakotrack for too long; try again`);
  }
  if (is("SQLITE_FULL") || code === "ENOSPC") {
    return new StorageError(`the disk holding ${path} is full; free some space and try again`);
  }
  return new StorageError(`cannot use the database ${path}: ${message}`);
}

/**
 * Opens (creating or migrating as needed) the kakotrack database. Every check happens
 * before anything is written, so a file that is not ours is never modified.
 */
export function openDatabase(path: string, options: OpenOptions): OpenedDatabase {
  nativeBinding(); // a module that cannot load must not leave a new file behind
  // One read tells a missing file, a directory, an empty file and one that is not SQLite apart.
  const header = readHeader(path);
  if (header === "")
    throw new StorageError(`${path} is an empty file, not a kakotrack database; remove it or choose another --db`);
  if (header !== null && header !== SQLITE_HEADER) {
    throw new StorageError(`${path} is not a kakotrack database (not an SQLite file); choose another --db`);
  }
  if (header === null) {
    const dir = dirname(path);
    if (!existsSync(dir)) {
      if (!options.createParent) {
        throw new StorageError(`folder ${dir} does not exist; create it (mkdir -p ${dir}) or choose another --db`);
      }
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
      } catch (error) {
        throw storageErrorFrom(error, path);
      }
    }
    createDatabase(path);
  }

  let db: Database.Database | undefined;
  // A reading command of a file this user cannot change reads it read-only, leaving no files beside it.
  const readOnly = options.access === "read" && !writableByUs(path);
  // SQLite would open an unwritable file read-only and leave -wal and -shm files behind before the write fails.
  if (options.access === "write" && header !== null && !writable(path)) {
    throw new StorageError(
      `cannot write ${path} (not writable by you); kakotrack needs to write the file and its folder: check their ` +
        `permissions (ls -l) or choose another --db`,
    );
  }
  try {
    db = readOnly ? connectReadOnly(path) : connect(path);
    const { appId, version } = db
      .prepare(
        "SELECT a.application_id AS appId, v.user_version AS version FROM pragma_application_id() a, " +
          "pragma_user_version() v",
      )
      .get() as { appId: number; version: number };
    if (appId !== APPLICATION_ID) {
      db.close();
      throw new StorageError(`${path} is an SQLite database of another program, not kakotrack's; choose another --db`);
    }
    if (version > SCHEMA_VERSION) {
      if (options.access === "write") {
        db.close();
        throw new StorageError(
          `${path} was written by a newer kakotrack (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade ` +
            `kakotrack to change it (export still works)`,
        );
      }
      if (!readOnly) {
        db.close();
        db = connectReadOnly(path);
      }
      return { db, path, schemaVersion: version, newerSchema: true, migrated: false };
    }
    if (readOnly) {
      if (version < SCHEMA_VERSION) {
        db.close();
        throw new StorageError(
          `cannot write ${path} (not writable by you), and this kakotrack must upgrade it (schema ${version} to ` +
            `${SCHEMA_VERSION}) before reading it; run kakotrack once as a user who can write the file and its folder`,
        );
      }
      return { db, path, schemaVersion: version, newerSchema: false, migrated: false };
    }
    if (options.access === "write" || version < SCHEMA_VERSION) {
      // What changing the file needs; a reading command's connection needs none of it.
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
    }
    if (version < SCHEMA_VERSION) migrate(db, path, version, options.today);
    return { db, path, schemaVersion: SCHEMA_VERSION, newerSchema: false, migrated: version < SCHEMA_VERSION };
  } catch (error) {
    db?.close();
    if (error instanceof StorageError) throw error;
    throw storageErrorFrom(error, path);
  }
}

/**
 * Builds a new database under a temporary name and links it into place, so no other
 * process ever sees a half-made file (two first runs at once both succeed).
 */
function createDatabase(path: string): void {
  const temp = `${path}.new-${process.pid}-${Date.now()}`;
  try {
    // Owner-only permissions; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(temp, "wx", 0o600));
    const db = connect(temp);
    try {
      db.pragma("journal_mode = WAL");
      addMigrationFunctions(db);
      db.transaction(() => {
        for (const migration of MIGRATIONS) db.exec(migration.sql);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    } finally {
      db.close();
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  } catch (error) {
    throw storageErrorFrom(error, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

function addMigrationFunctions(db: Database.Database): void {
  for (const [name, fn] of Object.entries(MIGRATION_FUNCTIONS)) db.function(name, { deterministic: true }, fn);
}

function migrate(db: Database.Database, path: string, from: number, today: string): void {
  if (from > 0) {
    // A consistent copy of the old file beside it, before the first schema change.
    const backup = join(dirname(path), `${basename(path)}.schema${from}-${today}.bak`);
    if (!existsSync(backup)) db.prepare("VACUUM INTO ?").run(backup);
  }
  addMigrationFunctions(db);
  const apply = db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const current = db.pragma("user_version", { simple: true }) as number;
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!.sql);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply.immediate();
}
