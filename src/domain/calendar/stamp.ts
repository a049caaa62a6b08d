/**
 * A short identity of a text (FNV-1a, 32 bits, in hex): enough to tell that data the stored due
 * days were worked out on has changed (issue 28), not a checksum against tampering.
 */
export function stampOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
