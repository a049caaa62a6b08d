/** Terminal column width of text: CJK and emoji take two columns, combining marks none. */

// [from, to] code point ranges, sorted.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

// The ranges flat ([from, to, from, to, ...]) for the search below.
const WIDE_BOUNDS = new Int32Array(WIDE.flat());

// Loops here index instead of using for...of and destructuring: this code runs cold on every
// start, where each iterator step allocates (docs/performance.md).
function isWide(code: number): boolean {
  let lo = 0;
  let hi = WIDE_BOUNDS.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < WIDE_BOUNDS[2 * mid]!) hi = mid - 1;
    else if (code > WIDE_BOUNDS[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function charWidth(code: number): number {
  if (code < 0x300) return 1; // fast path: ASCII and Latin
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || code === 0xfe0f) return 0;
  return isWide(code) ? 2 : 1;
}

// Text below U+0300 (ASCII, Latin) is one column a character: most cells, counted without iterating.
const NARROW_ONLY = /^[\u0000-\u02ff]*$/;

export function textWidth(text: string): number {
  if (NARROW_ONLY.test(text)) return text.length;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++; // and its low surrogate
    width += charWidth(code);
  }
  return width;
}

/** Cuts text to at most `max` columns, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (textWidth(text) <= max) return text;
  let end = 0;
  let width = 0;
  while (end < text.length) {
    const code = text.codePointAt(end)!;
    const w = charWidth(code);
    if (width + w > max - 1) break;
    width += w;
    end += code > 0xffff ? 2 : 1;
  }
  return `${text.slice(0, end)}…`;
}
