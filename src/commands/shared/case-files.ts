import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { originalNames } from "../../domain/case/evidence.js";
import type { EvidenceRecord } from "../../domain/case/records.js";
import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { evidenceDir, hashFile, readStoredFile } from "../../store/evidence-files.js";
import { writeFileAtomic } from "../../store/files.js";
import { storedCopyFix } from "../../ui/evidence-view.js";
import { sanitize } from "../../ui/sanitize.js";
import type { Session } from "./session.js";

/** A stored file of a case under the name it goes out with (its original name, made unique). */
export interface CaseFile {
  record: EvidenceRecord;
  fileName: string;
}

/** The case's stored files under their original names, each content once. */
export function caseFiles(evidence: readonly EvidenceRecord[]): CaseFile[] {
  return originalNames(evidence.filter((e) => e.kind === "file")).map(({ item, fileName }) => ({
    record: item,
    fileName,
  }));
}

/**
 * The stored copy's bytes, or what is wrong with it (missing, or no longer its hash) with a
 * warning naming the fix: a damaged copy is never handed out as the evidence.
 */
export function readCaseFile(
  session: Session,
  caseId: number,
  file: CaseFile,
  warnings: string[],
): Buffer | "missing" | "changed" {
  const bytes = readStoredFile(session.store.path, file.record.sha256!);
  if (typeof bytes !== "string") return bytes;
  const state = bytes === "missing" ? "missing from" : "changed in";
  warnings.push(
    `kakotrack: warning: ${sanitize(file.record.name)} is ${state} the evidence store, left out; ` +
      `${storedCopyFix(caseId, file.record.sha256!, evidenceDir(session.store.path))}\n`,
  );
  return bytes;
}

/** Creates a folder to write into (and its parents), or says why it cannot. */
export function makeFolder(dir: string): void {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (stats !== undefined && !stats.isDirectory())
    throw new UsageError(`${dir} is a file, not a folder; choose a folder`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UsageError(
      `cannot create folder ${dir} (${(error as { code?: string }).code ?? (error as Error).message}); choose another`,
    );
  }
}

/**
 * `evidence export`: copies the case's files into `dir` under their original names. A file
 * already there with the same content is left; one that differs stops the export before
 * anything is written, unless `force`.
 */
export function exportCaseFiles(
  session: Session,
  caseId: number,
  evidence: readonly EvidenceRecord[],
  dir: string,
  force: boolean,
): { report: string; warnings: string[] } {
  const files = caseFiles(evidence);
  const links = evidence.filter((e) => e.kind === "url").length;
  const linkNote =
    links === 0
      ? ""
      : `${links === 1 ? "1 link is not a file" : `${links} links are not files`}: ` +
        `${hint.evidence(caseId, "--list")} shows ${links === 1 ? "it" : "them"}.\n`;
  if (files.length === 0) return { report: `Case #${caseId} has no stored files to copy.\n${linkNote}`, warnings: [] };

  const same = new Set<CaseFile>();
  const differ: string[] = [];
  for (const file of files) {
    const target = join(dir, file.fileName);
    if (!existsSync(target)) continue;
    if (statSync(target).isFile() && hashFile(target) === file.record.sha256) same.add(file);
    else differ.push(target);
  }
  if (differ.length > 0 && !force) {
    const more = differ.length > 1 ? ` (and ${differ.length - 1} more)` : "";
    throw new UsageError(
      `${sanitize(differ[0]!)} already exists with other content${more}; add --force to replace, or choose another ` +
        `folder`,
    );
  }
  makeFolder(dir);
  const warnings: string[] = [];
  const copied: string[] = [];
  for (const file of files) {
    if (same.has(file)) continue;
    const bytes = readCaseFile(session, caseId, file, warnings);
    if (typeof bytes === "string") continue;
    writeFileAtomic(join(dir, file.fileName), bytes);
    copied.push(file.fileName);
  }
  const lines = [
    `Copied ${copied.length} file${copied.length === 1 ? "" : "s"} of case #${caseId} to ` +
      `${sanitize(dir)}${copied.length > 0 ? ":" : "."}`,
  ];
  for (const name of copied) lines.push(`  ${sanitize(name)}`);
  if (same.size > 0)
    lines.push(`Already there with the same content: ${[...same].map((f) => sanitize(f.fileName)).join(", ")}`);
  return { report: `${lines.join("\n")}\n${linkNote}`, warnings };
}
