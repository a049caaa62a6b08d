import { existsSync } from "node:fs";
import type { EvidenceIntake } from "../../domain/case/evidence.js";
import { parseUrl } from "../../domain/case/parse.js";
import type { NewEvent, NewEvidence } from "../../domain/case/records.js";
import { UsageError } from "../../errors.js";
import { checkReadable, storedFilePath, storeFile } from "../../store/evidence-files.js";
import { humanSize } from "../../ui/evidence-view.js";
import { sanitize } from "../../ui/sanitize.js";
import type { Session } from "./session.js";

const LINK = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Items one command may attach: a case's evidence is QC photos, not a photo library (README). */
export const MAX_EVIDENCE_ITEMS = 100;

/** An evidence record with where it came from. */
export interface CollectedEvidence extends NewEvidence {
  /** The file it was copied from; null for a link. */
  source: string | null;
  /** The store had no good copy of the file before this command. */
  copied: boolean;
}

/** Checks one file or link before anything is stored: the link as kept, or null for a readable file. */
export function checkEvidenceItem(item: string): string | null {
  if (LINK.test(item)) return parseUrl(item, "evidence link");
  checkReadable(item);
  return null;
}

/**
 * Turns files and links into evidence records: every item is checked before any file is
 * copied, so a bad path stores nothing.
 */
export function collectEvidence(session: Session, items: readonly string[], on: string): CollectedEvidence[] {
  if (items.length > MAX_EVIDENCE_ITEMS) {
    throw new UsageError(
      `${items.length} evidence items at once; the limit is ${MAX_EVIDENCE_ITEMS} a command (attach the rest in ` +
        `further commands)`,
    );
  }
  const links = new Map<string, string>();
  for (const item of items) {
    const url = checkEvidenceItem(item);
    if (url !== null) links.set(item, url);
  }
  return items.map((item): CollectedEvidence => {
    const url = links.get(item);
    if (url !== undefined)
      return { kind: "url", sha256: null, name: url, size: null, url, addedOn: on, source: null, copied: false };
    const stored = storeFile(session.store.path, item);
    return {
      kind: "file",
      sha256: stored.sha256,
      name: stored.name,
      size: stored.size,
      url: null,
      addedOn: on,
      source: item,
      copied: stored.copied,
    };
  });
}

/**
 * Called inside the write that records `added`: each stored copy must still be there. An
 * undo elsewhere removes copies no case uses under the same write lock, so a copy found in
 * the store before the write may have gone since; it is copied again.
 */
export function keepStoredCopies(session: Session, added: readonly CollectedEvidence[]): void {
  for (const e of added) {
    if (e.source !== null && !existsSync(storedFilePath(session.store.path, e.sha256!)))
      storeFile(session.store.path, e.source);
  }
}

/** The history entry for each attached item. */
export function evidenceEvents(evidence: readonly NewEvidence[]): NewEvent[] {
  return evidence.map((e) => ({
    kind: "evidence",
    stage: null,
    onDate: e.addedOn,
    note: e.url ?? e.name,
    amountMinor: null,
    data: e.sha256 === null ? null : JSON.stringify({ sha256: e.sha256 }),
  }));
}

/** One line per item: stored, linked, or already there (and whether its stored copy was put back). */
export function renderIntake(intake: EvidenceIntake<CollectedEvidence>, caseId: number): string {
  const lines = intake.added.map((e) =>
    e.kind === "url"
      ? `Linked ${sanitize(e.name)} to case #${caseId}.`
      : `Stored ${sanitize(e.name)} (${humanSize(e.size!)}, sha256 ${e.sha256!.slice(0, 12)}…) for case #${caseId}.`,
  );
  for (const { item, same } of intake.already) {
    const as = same.name === item.name ? "" : ` as ${sanitize(same.name)}`;
    const what =
      item.kind === "url" ? `it (attached ${same.addedOn})` : `it (the same sha256, attached ${same.addedOn}${as})`;
    const repaired = item.copied ? "; its stored copy was missing or damaged and is stored again" : "";
    lines.push(`${sanitize(item.name)}: case #${caseId} already has ${what}, not added again${repaired}.`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
