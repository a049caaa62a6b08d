import { KNOWN_AGENTS } from "./model.js";
import { parseText } from "./parse.js";

/**
 * Names that match (issue 26 item 3): known agents are recognised ignoring case, spaces and
 * hyphens ("Kako Buy", "kako-buy" → KakoBuy); the duplicate guard compares agent, order and item
 * trimmed, ignoring case and runs of spaces.
 */

/** Trimmed, runs of white space as one space. */
export function tidyName(text: string): string {
  return text.trim().replace(/\s+/gu, " ");
}

/** The form known agents are compared in: lower case, no spaces or hyphens. */
const squash = (text: string): string => text.toLowerCase().replace(/[\s\-\u2010-\u2015]+/gu, "");
const KNOWN = new Map<string, string>(KNOWN_AGENTS.map((name) => [squash(name), name]));

/** A known agent's own spelling, else the name tidied (trimmed, one space between words). */
export function canonicalAgent(text: string): string {
  const tidy = tidyName(text);
  return KNOWN.get(squash(tidy)) ?? tidy;
}

/** An agent name as typed (a flag, a prompt, a column), checked and in its canonical spelling. */
export function parseAgent(text: string, what: string): string {
  return canonicalAgent(parseText(text, what, "short"));
}

/** The known agent an unknown name is a slip away from (two edits at most), if any: "Kakobuyy" → KakoBuy. */
export function closeKnownAgent(name: string): string | undefined {
  const typed = squash(name);
  if (KNOWN.has(typed) || typed.length < 4) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const [known, spelled] of KNOWN) {
    const distance = editDistance(typed, known);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name: spelled, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time (names are short). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** How a text is compared by the duplicate guard: trimmed, runs of spaces as one, lower case. */
export function matchKey(text: string): string {
  return tidyName(text).toLowerCase();
}

/**
 * What two open cases of one agent, order and item share (stored as cases.dup_key, indexed for
 * the open cases, m010): a second case with the same key is a duplicate.
 */
export function duplicateKey(agent: string, orderNo: string, item: string): string {
  return `${matchKey(canonicalAgent(agent))}\u001f${matchKey(orderNo)}\u001f${matchKey(item)}`;
}

/**
 * How agents are grouped and matched (stats, balance, per-agent settings, closures, filters): the canonical name, lower
 * case.
 */
export function agentKey(name: string): string {
  return canonicalAgent(name).toLowerCase();
}
