import { padEnd, textWidth, truncate } from "./width.js";

export interface TableOptions {
  /** Widest a column may be; longer cells are cut with "…". */
  maxWidths?: ReadonlyArray<number | undefined>;
  /** Styles a cell after padding (colour must not change widths). */
  style?: (text: string, column: number, row: number) => string;
  styleHead?: (text: string) => string;
  /** Terminal width: the last column is cut so rows do not wrap. */
  fitWidth?: number;
}

const MIN_LAST_COLUMN = 12;

/**
 * A box table in cli-table3's look. Widths are measured once and each row is rendered
 * on its own, so time grows linearly with rows (cli-table3's layout is quadratic: see
 * docs/performance.md).
 */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
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
  const last = columns - 1;
  const total = widths.reduce((sum, w) => sum + w + 3, 1);
  if (options.fitWidth !== undefined && total > options.fitWidth && last >= 0) {
    widths[last] = Math.max(MIN_LAST_COLUMN, textWidth(head[last]!), widths[last]! - (total - options.fitWidth));
    for (let r = 0; r < cells.length; r++) {
      if (cellWidths[r]![last]! <= widths[last]!) continue;
      cells[r]![last] = truncate(cells[r]![last]!, widths[last]!);
      cellWidths[r]![last] = textWidth(cells[r]![last]!);
    }
  }
  const line = (left: string, mid: string, right: string): string =>
    left + widths.map((w) => "─".repeat(w + 2)).join(mid) + right;
  const style = options.style ?? ((t) => t);
  const styleHead = options.styleHead ?? ((t) => t);
  const out: string[] = [line("┌", "┬", "┐")];
  out.push(`│${head.map((h, i) => ` ${styleHead(padEnd(h, widths[i]!))} `).join("│")}│`);
  out.push(line("├", "┼", "┤"));
  for (let r = 0; r < cells.length; r++) {
    let text = "│";
    for (let i = 0; i < columns; i++) text += ` ${style(padEnd(cells[r]![i]!, widths[i]!, cellWidths[r]![i]!), i, r)} │`;
    out.push(text);
  }
  out.push(line("└", "┴", "┘"));
  return `${out.join("\n")}\n`;
}
