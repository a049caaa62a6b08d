import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../errors.js";

/**
 * Writes a whole file or nothing: a temporary file beside it, flushed, then renamed over
 * it, so an interrupted export never leaves half a file where a good one was.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o600);
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `cannot write ${path} (${code ?? (error as Error).message}); check the folder exists and is writable`,
    );
  }
}

/** Imports bigger than this are not kakotrack files (100,000 cases export to about 60 MB). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Reads a file to import as UTF-8 text, with errors that say what to fix. */
export function readImportFile(path: string): string {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`${path} is not a file (give the exported file)`);
    if (stats.size > MAX_IMPORT_BYTES)
      throw new UsageError(`${path} is ${stats.size} bytes; imports are limited to ${MAX_IMPORT_BYTES}`);
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new UsageError(`${path} does not exist (check the path)`);
    throw new UsageError(`cannot read ${path} (${code ?? (error as Error).message}); check its permissions`);
  }
}
