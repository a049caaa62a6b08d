import { parseUrl } from "../../domain/parse.js";
import type { NewEvent, NewEvidence } from "../../domain/records.js";
import { UsageError } from "../../errors.js";
import { checkReadable, storeFile } from "../../store/evidence-files.js";
import type { Session } from "./session.js";

const LINK = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Items one command may attach: a case's evidence is QC photos, not a photo library (README). */
export const MAX_EVIDENCE_ITEMS = 100;

/**
 * Turns files and links into evidence records: every item is checked before any file is
 * copied, so a bad path stores nothing.
 */
export function collectEvidence(session: Session, items: readonly string[], on: string): NewEvidence[] {
  if (items.length > MAX_EVIDENCE_ITEMS) {
    throw new UsageError(`${items.length} evidence items at once; the limit is ${MAX_EVIDENCE_ITEMS} a command (attach the rest in further commands)`);
  }
  const links = new Map<string, string>();
  for (const item of items) {
    if (LINK.test(item)) links.set(item, parseUrl(item, "evidence link"));
    else checkReadable(item);
  }
  return items.map((item): NewEvidence => {
    const url = links.get(item);
    if (url !== undefined) return { kind: "url", sha256: null, name: url, size: null, url, addedOn: on };
    const stored = storeFile(session.store.path, item);
    return { kind: "file", sha256: stored.sha256, name: stored.name, size: stored.size, url: null, addedOn: on };
  });
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
