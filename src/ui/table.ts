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
  let cells = rows.map((row) => row.map((cell, i) => (max[i] !== undefined ? truncate(cell, max[i]!) : cell)));
  const widths = head.map((h, i) => {
    let w = textWidth(h);
    for (const row of cells) {
      const cw = textWidth(row[i] ?? "");
      if (cw > w) w = cw;
    }
    return w;
  });
  const last = widths.length - 1;
  const total = widths.reduce((sum, w) => sum + w + 3, 1);
  if (options.fitWidth !== undefined && total > options.fitWidth && last >= 0) {
    widths[last] = Math.max(MIN_LAST_COLUMN, textWidth(head[last]!), widths[last]! - (total - options.fitWidth));
    cells = cells.map((row) => row.map((cell, i) => (i === last ? truncate(cell, widths[last]!) : cell)));
  }
  const line = (left: string, mid: string, right: string): string =>
    left + widths.map((w) => "─".repeat(w + 2)).join(mid) + right;
  const style = options.style ?? ((t) => t);
  const styleHead = options.styleHead ?? ((t) => t);
  const out: string[] = [line("┌", "┬", "┐")];
  out.push(`│${head.map((h, i) => ` ${styleHead(padEnd(h, widths[i]!))} `).join("│")}│`);
  out.push(line("├", "┼", "┤"));
  cells.forEach((row, r) => {
    out.push(`│${widths.map((w, i) => ` ${style(padEnd(row[i] ?? "", w), i, r)} `).join("│")}│`);
  });
  out.push(line("└", "┴", "┘"));
  return `${out.join("\n")}\n`;
}
