import { textWidth, truncate } from "./width.js";

export interface TableOptions {
  /** Widest a column may be; longer cells are cut with "…". */
  maxWidths?: ReadonlyArray<number | undefined>;
  /** Styles a cell's text, before its padding (colour must not change widths). */
  style?: (text: string, column: number, row: number) => string;
  styleHead?: (text: string) => string;
}

/**
 * A box table in cli-table3's look, for the tables that grow with the data (status, list) and
 * show's deadlines: widths are measured once and each cell is placed once, so time grows
 * linearly with rows, where cli-table3's layout is quadratic and its cold per-cell code costs
 * status 47-62 ms and show 9 M instructions (docs/performance.md). The other small tables use
 * cli-table3 itself (src/ui/small-table.ts).
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const max = options.maxWidths ?? [];
  const columns = head.length;
  // Each cell cut to its column's maximum and measured once (indexed loops: this runs cold).
  const cells: string[][] = new Array(rows.length);
  const cellWidths: number[][] = new Array(rows.length);
  const widths = head.map(textWidth);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const cellRow: string[] = new Array(columns);
    const widthRow: number[] = new Array(columns);
    for (let i = 0; i < columns; i++) {
      const cell = max[i] !== undefined ? truncate(row[i] ?? "", max[i]!) : (row[i] ?? "");
      const w = textWidth(cell);
      cellRow[i] = cell;
      widthRow[i] = w;
      if (w > widths[i]!) widths[i] = w;
    }
    cells[r] = cellRow;
    cellWidths[r] = widthRow;
  }
  const style = options.style ?? ((t) => t);
  const styleHead = options.styleHead ?? ((t) => t);
  // One list of pieces, made at its size (three rules, the head, the rows) and joined once. Each
  // row built as its own string copied every cell into a two-byte string (the borders are not
  // Latin-1) two or three times, and a list grown by pushing is copied a dozen times.
  const parts: string[] = new Array(3 * (2 * columns + 3) + (cells.length + 1) * (4 * columns + 2));
  let n = 0;
  const line = (left: string, mid: string, right: string): void => {
    parts[n++] = left;
    for (let i = 0; i < columns; i++) {
      parts[n++] = i === 0 ? "" : mid;
      parts[n++] = "─".repeat(widths[i]! + 2);
    }
    parts[n++] = right;
    parts[n++] = "\n";
  };
  /** A row of texts (r: its index among the rows, -1 for the head). */
  const row = (texts: readonly string[], textWidths: readonly number[], r: number): void => {
    parts[n++] = "│";
    for (let i = 0; i < columns; i++) {
      parts[n++] = " ";
      parts[n++] = r < 0 ? styleHead(texts[i]!) : style(texts[i]!, i, r);
      parts[n++] = spaces(widths[i]! - textWidths[i]!);
      parts[n++] = " │";
    }
    parts[n++] = "\n";
  };
  line("┌", "┬", "┐");
  row(head, head.map(textWidth), -1);
  line("├", "┼", "┤");
  for (let r = 0; r < cells.length; r++) row(cells[r]!, cellWidths[r]!, r);
  line("└", "┴", "┘");
  return parts.join("");
}

const SPACES: string[] = [];
/** n spaces (none when n <= 0), each length made once. */
function spaces(n: number): string {
  if (n <= 0) return "";
  return (SPACES[n] ??= " ".repeat(n));
}
