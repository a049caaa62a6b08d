import type { EvidenceRecord, NewEvidence } from "./records.js";

/** What makes two pieces of evidence the same: a file's content, a link's address. */
export function evidenceKey(e: Pick<NewEvidence, "kind" | "sha256" | "url">): string {
  return e.kind === "url" ? `url:${e.url}` : `file:${e.sha256}`;
}

export interface EvidenceIntake<T> {
  added: T[];
  /** Items the case (or an earlier item of the same command) already has, with what they match. */
  already: Array<{ item: T; same: Pick<NewEvidence, "name" | "addedOn"> }>;
}

/**
 * Splits new evidence into what the case lacks and what it already has: the same file
 * (sha256) or link attached again adds nothing (issue 17 item 9).
 */
export function sortOutEvidence<T extends Pick<NewEvidence, "kind" | "sha256" | "url" | "name" | "addedOn">>(
  existing: readonly Pick<EvidenceRecord, "kind" | "sha256" | "url" | "name" | "addedOn">[],
  incoming: readonly T[],
): EvidenceIntake<T> {
  const seen = new Map<string, Pick<NewEvidence, "name" | "addedOn">>();
  for (const e of existing) if (!seen.has(evidenceKey(e))) seen.set(evidenceKey(e), e);
  const result: EvidenceIntake<T> = { added: [], already: [] };
  for (const item of incoming) {
    const same = seen.get(evidenceKey(item));
    if (same !== undefined) {
      result.already.push({ item, same });
      continue;
    }
    seen.set(evidenceKey(item), item);
    result.added.push(item);
  }
  return result;
}

/** Names Windows refuses for a file, whatever the extension (a packet may be unzipped there). */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
const MAX_NAME = 120;

/**
 * A stored original name made safe as one file name on Linux, macOS and Windows: no folder
 * separators, controls or characters Windows rejects, no leading dot (hidden) or trailing
 * dot or space, not a reserved device name, at most 120 characters with the extension kept.
 * Imports and older databases can hold any text as a name.
 */
export function safeFileName(name: string): string {
  let safe = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/gu, "_")
    .replace(/^[\s.]+|[\s.]+$/gu, "");
  if (safe === "") safe = "evidence";
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if (safe.length > MAX_NAME) {
    const { stem, ext } = splitName(safe);
    safe = `${stem.slice(0, MAX_NAME - ext.length)}${ext}`;
  }
  return safe;
}

/** "qc.photo.jpg" -> "qc.photo" + ".jpg"; a name without a dot has no extension. */
function splitName(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf(".");
  return dot > 0 && name.length - dot <= 10
    ? { stem: name.slice(0, dot), ext: name.slice(dot) }
    : { stem: name, ext: "" };
}

export interface NamedFile<T> {
  item: T;
  /** The file's name in the packet or export folder. */
  fileName: string;
}

/**
 * The stored files of a case under their original names, each content once: names that
 * clash (ignoring case, as macOS and Windows do) get " (2)", " (3)" before the extension,
 * like a browser's downloads ("qc.jpg", "qc (2).jpg").
 */
export function originalNames<T extends { sha256: string | null; name: string }>(
  files: readonly T[],
): Array<NamedFile<T>> {
  const taken = new Set<string>();
  const contents = new Set<string>();
  const named: Array<NamedFile<T>> = [];
  for (const item of files) {
    if (item.sha256 === null || contents.has(item.sha256)) continue;
    contents.add(item.sha256);
    const base = safeFileName(item.name);
    const { stem, ext } = splitName(base);
    let fileName = base;
    for (let n = 2; taken.has(fileName.toLowerCase()); n++) fileName = `${stem} (${n})${ext}`;
    taken.add(fileName.toLowerCase());
    named.push({ item, fileName });
  }
  return named;
}

/** Characters a shell escapes with a backslash when a terminal pastes a dragged file's path. */
const SHELL_ESCAPED = /\\([\s'"()&;!$`[\]{}*?#~<>|\\])/g;

/**
 * A file path as typed at a prompt, or as a terminal pastes a file dragged onto it: quoted
 * ('…' or "…"), with spaces and the like escaped by a backslash, or as a file:// address;
 * a leading ~ is the home folder. Backslashes are kept on Windows, where they separate folders.
 */
export function parseTypedPath(typed: string, home: string, windows: boolean): string {
  let text = typed.trim();
  if (/^file:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      return decodeURIComponent(windows ? url.pathname.replace(/^\/([a-z]:)/i, "$1") : url.pathname);
    } catch {
      return text;
    }
  }
  const quote = text[0];
  if (text.length >= 2 && (quote === "'" || quote === '"') && text.endsWith(quote)) text = text.slice(1, -1);
  else if (!windows) text = text.replace(SHELL_ESCAPED, "$1");
  if (text === "~" || text.startsWith("~/")) text = `${home}${text.slice(1)}`;
  return text;
}
