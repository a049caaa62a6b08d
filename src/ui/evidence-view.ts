import { hint } from "../hints.js";
import { sanitize } from "./sanitize.js";
import { textWidth } from "./width.js";

const UNITS = ["B", "kB", "MB", "GB", "TB"];

/** Decimal units as file managers show sizes: 73 B, 4.1 kB, 1.2 MB, 340 MB. */
export function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 99.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

/**
 * How to get a stored copy back that is missing or damaged (doctor, `evidence --list`,
 * export and the packet name the same fix): the original file again, or the copy kept
 * with a backup (`kakotrack backup` copies the database, not the evidence folder).
 */
export function storedCopyFix(caseId: number, sha256: string, evidenceDir: string): string {
  return (
    `attach the original file again (${hint.evidence(caseId)} followed by its path), or copy ${sha256} back ` +
    `into ${sanitize(evidenceDir)} from a copy of that folder`
  );
}

/** One piece of evidence as `evidence --list` shows it. */
export interface EvidenceLine {
  kind: string;
  /** The original file name, or the link. */
  name: string;
  size: number | null;
  addedOn: string;
  /** Where the evidence store keeps the file (null for a link), and what to do when it is not there. */
  path: string | null;
  missingFix: string | null;
}

/** The evidence of a case: name, size, date and where the stored copy is, one item a line. */
export function renderEvidenceList(caseId: number, items: readonly EvidenceLine[]): string {
  if (items.length === 0)
    return `Case #${caseId} has no evidence yet: ${hint.evidence(caseId)} followed by photos or links attaches some.\n`;
  const names = items.map((e) => sanitize(e.name));
  const sizes = items.map((e) => (e.size === null ? "link" : humanSize(e.size)));
  const nameWidth = Math.max(0, ...names.map((n, i) => (items[i]!.path === null ? 0 : textWidth(n))));
  const sizeWidth = Math.max(...sizes.map((s) => s.length));
  const lines = items.map((e, i) => {
    const where =
      e.path === null ? "" : `  ${sanitize(e.path)}${e.missingFix === null ? "" : `  MISSING: ${e.missingFix}`}`;
    const name = e.path === null ? names[i]! : names[i]! + " ".repeat(nameWidth - textWidth(names[i]!));
    return `  ${e.addedOn}  ${sizes[i]!.padStart(sizeWidth)}  ${name}${where}`;
  });
  const count = `${items.length} item${items.length === 1 ? "" : "s"}`;
  return `Evidence of case #${caseId} (${count}; files stored under their sha256):\n${lines.join("\n")}\n`;
}
