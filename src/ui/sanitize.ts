/**
 * User text shown escaped instead of interpreted: C0/C1 controls (ESC starts ANSI and OSC
 * sequences, CR rewrites a line), DEL, line separators and bidirectional overrides (which
 * can reorder what the buyer reads). The stored text is never changed.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_EXCEPT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One line of user text, safe for a terminal. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Like sanitize, but keeps line breaks (for multi-line output such as messages). */
export function sanitizeMultiline(text: string): string {
  return text.replace(UNSAFE_EXCEPT_NEWLINE, escapeChar);
}

// JSON.stringify already escapes C0 controls; these it leaves raw, and a terminal would act on them.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * JSON for stdout: the same value once parsed, but with every character a terminal would
 * interpret written as a \u escape.
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`,
  );
  return `${text}\n`;
}
