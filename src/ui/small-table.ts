import Table from "cli-table3";
import { textWidth } from "./width.js";

/**
 * A table that stays small whatever the data (show's deadlines, stats, config list, a calendar
 * month), drawn by cli-table3 in the look of src/ui/table.ts: no colours of its own, no rules
 * between rows. This module is loaded with import() by the code that draws one, so cli-table3
 * stays off every other command's start (docs/performance.md).
 */
export function renderSmallTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: {
    styleHead?: (text: string) => string;
    align?: ReadonlyArray<"left" | "right" | "center">;
    /** Wrap the last column's text at spaces so the table is at most this wide. */
    width?: number;
  } = {},
): string {
  const styleHead = options.styleHead ?? ((t: string) => t);
  const table = new Table({
    head: head.map(styleHead),
    style: { head: [], border: [], compact: true },
    colAligns: options.align ? [...options.align] : [],
    ...wrapLast(head, rows, options.width),
  });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}

/**
 * cli-table3's column widths (padding included) that wrap the last column into `width`, when it is needed and leaves
 * room.
 */
function wrapLast(head: readonly string[], rows: readonly (readonly string[])[], width: number | undefined) {
  if (width === undefined || head.length === 0) return {};
  const widths = head.map((h, i) => rows.reduce((w, row) => Math.max(w, textWidth(row[i] ?? "")), textWidth(h)));
  const others = widths.slice(0, -1).reduce((sum, w) => sum + w + 3, 1);
  const room = width - others - 3;
  if (others + widths[widths.length - 1]! + 3 <= width || room < 12) return {};
  return { colWidths: [...widths.slice(0, -1).map((w) => w + 2), room + 2], wordWrap: true };
}
