import { fitColumns } from "./fit.js";
import { renderTable } from "./table.js";

/** A case as list shows it, its text already sanitised. */
export interface ListRow {
  id: number;
  agent: string;
  orderNo: string;
  item: string;
  seller: string;
  resolution: string;
  stage: string;
  openedOn: string;
  outcome: string | null;
}

/**
 * list's table. Narrower than its full width, columns give way least useful first: a column with
 * nothing in it (outcome of open cases), then outcome, agent, resolution, seller, opened, stage and order
 * (src/ui/fit.ts); id and item stay.
 */
export function renderList(
  rows: readonly ListRow[],
  width: number | undefined,
  styleHead: (text: string) => string,
): string {
  const column = (pick: (r: ListRow) => string) => rows.map(pick);
  const empty = (cells: readonly string[]): boolean => cells.every((c) => c === "");
  const columns = [
    { head: "id", cells: column((r) => `#${r.id}`) },
    { head: "agent", cells: column((r) => r.agent), max: 14, min: 8, shrinkRank: 1, dropRank: 1 },
    { head: "order", cells: column((r) => r.orderNo), max: 16, min: 8, comfortable: 10, shrinkRank: 0, dropRank: 6 },
    { head: "item", cells: column((r) => r.item), max: 28, min: 8, comfortable: 16, shrinkRank: 3 },
    { head: "seller", cells: column((r) => r.seller), max: 18, min: 8, comfortable: 12, shrinkRank: 2, dropRank: 3 },
    { head: "resolution", cells: column((r) => r.resolution), dropRank: 2 },
    { head: "stage", cells: column((r) => r.stage), dropRank: 5 },
    { head: "opened", cells: column((r) => r.openedOn), dropRank: 4 },
    { head: "outcome", cells: column((r) => r.outcome ?? ""), dropRank: 0 },
  ];
  if (width === undefined) {
    return renderTable(
      columns.map((c) => c.head),
      rows.map((_, r) => columns.map((c) => c.cells[r]!)),
      { maxWidths: columns.map((c) => c.max), styleHead },
    );
  }
  // Fitted, a column with nothing in it (the outcome of open cases) is left out first of all.
  const fitted = fitColumns(
    columns.filter((c) => c.head === "item" || !empty(c.cells)),
    rows.length,
    width,
  );
  if (fitted.kind === "lines") return `${fitted.lines.join("\n")}\n`;
  return renderTable(fitted.head, fitted.rows, { styleHead });
}
