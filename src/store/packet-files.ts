import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { writeFileAtomic } from "./files.js";
import { zipArchive } from "./zip.js";

/** One file of a claim packet, by its path inside the packet ("evidence/qc.jpg"). */
export interface PacketFile {
  path: string;
  data: string | Uint8Array;
}

/** What every packet holds, so that --force can tell an earlier packet from any other folder. */
const MARKERS = ["dossier.html", "SHA256SUMS"];

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? (error as Error).message;
}

/**
 * Writes the packet as a folder: built whole in a hidden folder beside it, then renamed into
 * place, so an interrupted run never leaves half a packet under its name. An existing
 * non-empty folder is replaced only with `force`, and only when it is an earlier packet: a
 * mistyped --out must never empty someone's Documents.
 */
export function writePacketFolder(target: string, files: readonly PacketFile[], force: boolean): void {
  const stats = statSync(target, { throwIfNoEntry: false });
  if (stats !== undefined && !stats.isDirectory())
    throw new UsageError(`${target} is a file; choose a folder for the packet, or add --zip for a zip file`);
  const occupied = stats !== undefined && readdirSync(target).length > 0;
  if (occupied && !force)
    throw new UsageError(
      `${target} already exists and is not empty; add --force to replace the packet in it, or choose another --out`,
    );
  if (occupied && !MARKERS.every((m) => existsSync(join(target, m)))) {
    throw new UsageError(
      `${target} is not a kakotrack packet (no ${MARKERS.join(" and ")} in it), so --force does not replace it; ` +
        `choose another --out`,
    );
  }
  const parent = dirname(resolve(target));
  if (!existsSync(parent))
    throw new UsageError(`folder ${parent} does not exist; create it (mkdir -p ${parent}) or choose another --out`);
  const hidden = (what: string) =>
    join(parent, `.${basename(resolve(target))}.${what}-${process.pid}-${randomBytes(4).toString("hex")}`);
  const partial = hidden("partial");
  let old: string | undefined;
  try {
    mkdirSync(partial, { mode: 0o700 });
    for (const file of files) {
      const path = join(partial, file.path);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, file.data, { mode: 0o600, flag: "wx" });
    }
    if (occupied) renameSync(target, (old = hidden("old")));
    else if (stats !== undefined) rmSync(target, { recursive: true });
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (old !== undefined && !existsSync(target)) renameSync(old, target);
    throw new UsageError(`cannot write the packet to ${target} (${codeOf(error)}); check the folder is writable`);
  }
  if (old !== undefined) rmSync(old, { recursive: true, force: true });
}

/** Writes the packet as one zip file whose entries sit in a folder named `root`. */
export function writePacketZip(
  target: string,
  root: string,
  files: readonly PacketFile[],
  force: boolean,
  stamp: string,
): void {
  const stats = statSync(target, { throwIfNoEntry: false });
  if (stats?.isDirectory())
    throw new UsageError(`${target} is a folder; give the zip file's name (e.g. ${join(target, `${root}.zip`)})`);
  if (stats !== undefined && !force)
    throw new UsageError(`${target} already exists; add --force to replace it, or choose another --out`);
  const folders = [...new Set(files.map((f) => dirname(`${root}/${f.path}`)))].sort();
  const entries = [
    ...folders.map((name) => ({ name: `${name}/`, data: new Uint8Array(0) })),
    ...files.map((f) => ({
      name: `${root}/${f.path}`,
      data: typeof f.data === "string" ? Buffer.from(f.data) : f.data,
    })),
  ];
  writeFileAtomic(target, zipArchive(entries, stamp));
}
