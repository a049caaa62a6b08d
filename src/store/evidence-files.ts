import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, join } from "node:path";
import { UsageError } from "../errors.js";

/**
 * The evidence store: copies of QC photos and screenshots beside the database, named by
 * their sha256, so a file deleted from Downloads (or renamed) is still there.
 */
export function evidenceDir(dbPath: string): string {
  return `${dbPath}.evidence`;
}

export interface StoredFile {
  sha256: string;
  size: number;
  name: string;
  /** The store had no good copy of it, and now has one (a first attach, or a missing or damaged copy replaced). */
  copied: boolean;
}

const CHUNK = 1 << 20;

/** Checks that a path is a readable regular file before anything is copied. */
export function checkReadable(path: string): void {
  try {
    if (!statSync(path).isFile())
      throw new UsageError(`evidence ${path} is not a file (give a file or an http(s) link)`);
    closeSync(openSync(path, "r"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new UsageError(`evidence file ${path} does not exist (check the path)`);
    throw new UsageError(`cannot read evidence file ${path} (${code ?? "error"}); check its permissions`);
  }
}

/**
 * Copies a file into the store: hashed while copied into a temporary file in the store
 * folder, flushed, then renamed to its hash, so a crash never leaves a half-copied file
 * under a real name. A copy already there is kept when intact and replaced when damaged
 * (attaching the file again is the fix doctor names).
 */
export function storeFile(dbPath: string, source: string): StoredFile {
  const dir = evidenceDir(dbPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.incoming-${process.pid}-${randomBytes(4).toString("hex")}`);
  const hash = createHash("sha256");
  let size = 0;
  const input = openSync(source, "r");
  let output: number | undefined;
  try {
    output = openSync(temp, "wx", 0o600);
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const n = readSync(input, buffer, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      writeSync(output, buffer, 0, n);
      size += n;
    }
    fsyncSync(output);
    closeSync(output);
    output = undefined;
    const sha256 = hash.digest("hex");
    const copied = checkStoredFile(dbPath, sha256) !== "intact";
    if (copied) renameSync(temp, join(dir, sha256));
    else rmSync(temp);
    return { sha256, size, name: basename(source), copied };
  } catch (error) {
    if (output !== undefined) closeSync(output);
    rmSync(temp, { force: true });
    throw error;
  } finally {
    closeSync(input);
  }
}

export type FileState = "intact" | "missing" | "changed";

/** Whether the stored copy is still there and still has its hash. */
export function checkStoredFile(dbPath: string, sha256: string): FileState {
  const path = storedFilePath(dbPath, sha256);
  if (!existsSync(path)) return "missing";
  return hashFile(path) === sha256 ? "intact" : "changed";
}

/** A file's sha256, read in chunks (evidence can be a video). */
export function hashFile(path: string): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

export function storedFilePath(dbPath: string, sha256: string): string {
  return join(evidenceDir(dbPath), sha256);
}

/** A stored file's bytes when it is there and still has its hash; otherwise what is wrong with it. */
export function readStoredFile(dbPath: string, sha256: string): Buffer | Exclude<FileState, "intact"> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(storedFilePath(dbPath, sha256));
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return "missing";
    throw error;
  }
  return createHash("sha256").update(bytes).digest("hex") === sha256 ? bytes : "changed";
}
