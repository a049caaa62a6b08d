import Table from "cli-table3";

/**
 * A table that stays small whatever the data (show's deadlines, stats, config list, a calendar
 * month), drawn by cli-table3 in the look of src/ui/table.ts: no colours of its own, no rules
 * between rows. This module is loaded with import() by the code that draws one, so cli-table3
 * stays off every other command's start (docs/performance.md).
 */
export function renderSmallTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { styleHead?: (text: string) => string; align?: ReadonlyArray<"left" | "right" | "center"> } = {},
): string {
  const styleHead = options.styleHead ?? ((t: string) => t);
  const table = new Table({
    head: head.map(styleHead),
    style: { head: [], border: [], compact: true },
    colAligns: options.align ? [...options.align] : [],
  });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}
