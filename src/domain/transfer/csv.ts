import { UsageError } from "../../errors.js";

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first; OWASP "CSV injection"),
 * or one that already starts with the quote this adds, so that reading it back is exact. Plain
 * numbers (-5.00, a net recovered below zero) are no formula and stay numbers.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;

/** The cell as written: a leading ' keeps a spreadsheet from evaluating it (issue 26 item 2). */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The text safeCell was given: one leading ' before a formula start is taken off. */
export function readCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text;
}

/** RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled, rows end in CRLF. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const field = (value: string | number | null): string => {
    const text = value === null ? "" : safeCell(String(value));
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => `${row.map(field).join(",")}\r\n`).join("");
}

export interface CsvRow {
  /** Line of the file where the row starts (1-based; quoted newlines make rows span lines). */
  line: number;
  fields: string[];
}

/**
 * Parses RFC 4180 text (CRLF or LF, quoted fields with commas, quotes and newlines); cells as safeCell wrote them are
 * read back.
 */
export function parseCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a spreadsheet's byte order mark
  const endRow = (): void => {
    fields.push(readCell(field));
    if (!(fields.length === 1 && fields[0] === "")) rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      fields.push(readCell(field));
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
    } else if (ch === "\n") {
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new UsageError(`${file}: line ${rowLine}: a quoted field is never closed (is the file complete?)`);
  if (field !== "" || fields.length > 0) endRow();
  return rows;
}
