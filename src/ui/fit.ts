import { textWidth, truncate } from "./width.js";

/**
 * Fitting a table to the terminal (issue 18): columns give way in a set order instead of
 * every row wrapping. First the shrinkable columns are cut down to their minimum, then the
 * compact forms are used (dates without the year), then columns are dropped, least useful
 * first. Both table renderers draw what this returns.
 */
export interface FitColumn {
  head: string;
  /** Each row's cell in its longest form. */
  cells: readonly string[];
  /** Cut beyond this width (with "…") whatever the terminal. */
  max?: number;
  /** May be cut down to this width (its head stays whole); absent: kept whole. */
  min?: number;
  /**
   * The width it is cut to before a column is dropped (default: min). Only when no table fits
   * with these are columns cut further, to `min`: a readable column beats one more column.
   */
  comfortable?: number;
  /** Among shrinkable columns, lower gives way first. */
  shrinkRank?: number;
  /**
   * A row's cell in at most `width` columns, for cells that shorten in their own way (reasons keep their number); else
   * cut with "…".
   */
  shorten?: (row: number, width: number) => string;
  /** The cells in a shorter form that says the same, used before any column is dropped. */
  compact?: readonly string[];
  /** Dropped when the table still does not fit: lower first; absent: never dropped. */
  dropRank?: number;
}

export type FitResult =
  | { kind: "table"; head: string[]; rows: string[][] }
  /** Too narrow for any table: one line a row of the columns that are never dropped, cut to the width. */
  | { kind: "lines"; lines: string[] };

/** Width of a box table with these content widths: "│ a │ b │". */
export function boxWidth(widths: readonly number[]): number {
  let total = 1;
  for (let i = 0; i < widths.length; i++) total += widths[i]! + 3;
  return total;
}

function widest(head: string, cells: readonly string[], max: number | undefined): number {
  let w = textWidth(head);
  for (let r = 0; r < cells.length; r++) w = Math.max(w, textWidth(cells[r]!));
  return max === undefined ? w : Math.min(w, Math.max(max, textWidth(head)));
}

/**
 * A cell in a column `width` wide; `cut`: the column is narrower than its longest cell (shortened cells then all read
 * alike).
 */
function cellAt(column: FitColumn, cells: readonly string[], row: number, width: number, cut: boolean): string {
  const cell = cells[row]!;
  if (column.shorten && cut) return column.shorten(row, width);
  return textWidth(cell) <= width ? cell : truncate(cell, width);
}

/** The columns and cells of a table no wider than `width`. */
export function fitColumns(columns: readonly FitColumn[], rowCount: number, width: number): FitResult {
  const drops = columns
    .map((c, i) => ({ rank: c.dropRank, i }))
    .filter((d): d is { rank: number; i: number } => d.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((d) => d.i);
  // Level 0: everything in full; 1: compact forms; 2...: compact and one more column dropped.
  // First with the comfortable widths, then with the least.
  for (const comfortable of [true, false]) {
    for (let level = 0; level <= drops.length + 1; level++) {
      const fitted = fitLevel(
        columns,
        new Set(drops.slice(0, Math.max(0, level - 1))),
        level > 0,
        comfortable,
        rowCount,
        width,
      );
      if (fitted !== null) return fitted;
    }
  }
  return { kind: "lines", lines: plainLines(columns, rowCount, width) };
}

function fitLevel(
  columns: readonly FitColumn[],
  dropped: ReadonlySet<number>,
  useCompact: boolean,
  comfortable: boolean,
  rowCount: number,
  width: number,
): FitResult | null {
  const kept = columns.map((_, i) => i).filter((i) => !dropped.has(i));
  const cellsOf = (i: number): readonly string[] => (useCompact && columns[i]!.compact) || columns[i]!.cells;
  const natural = kept.map((i) => widest(columns[i]!.head, cellsOf(i), columns[i]!.max));
  const least = kept.map((i, k) => {
    const c = columns[i]!;
    const floor = comfortable ? (c.comfortable ?? c.min) : c.min;
    return floor === undefined ? natural[k]! : Math.min(natural[k]!, Math.max(floor, textWidth(c.head)));
  });
  if (boxWidth(least) > width) return null;
  const widths = [...natural];
  let excess = boxWidth(widths) - width;
  const shrinking = kept.map((_, k) => k).filter((k) => least[k]! < natural[k]!);
  shrinking.sort((a, b) => (columns[kept[a]!]!.shrinkRank ?? 0) - (columns[kept[b]!]!.shrinkRank ?? 0));
  for (let s = 0; s < shrinking.length && excess > 0; s++) {
    const k = shrinking[s]!;
    const give = Math.min(excess, widths[k]! - least[k]!);
    widths[k]! -= give;
    excess -= give;
  }
  const rows: string[][] = new Array(rowCount);
  for (let r = 0; r < rowCount; r++)
    rows[r] = kept.map((i, k) => cellAt(columns[i]!, cellsOf(i), r, widths[k]!, widths[k]! < natural[k]!));
  return { kind: "table", head: kept.map((i) => columns[i]!.head), rows };
}

/** The never-dropped columns side by side, the last one shortened to what is left of the line. */
function plainLines(columns: readonly FitColumn[], rowCount: number, width: number): string[] {
  const kept = columns.filter((c) => c.dropRank === undefined);
  const lead = kept.slice(0, -1);
  const last = kept[kept.length - 1];
  const leadWidths = lead.map((c) => Math.min(widest("", c.compact ?? c.cells, c.max), c.min ?? Infinity));
  const lines: string[] = new Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    let line = lead
      .map((c, k) => {
        const cell = cellAt(c, c.compact ?? c.cells, r, leadWidths[k]!, true);
        return cell + " ".repeat(leadWidths[k]! - textWidth(cell));
      })
      .join("  ");
    if (last !== undefined) {
      const room = width - textWidth(line) - (lead.length > 0 ? 2 : 0);
      if (room > 0) line += (lead.length > 0 ? "  " : "") + cellAt(last, last.compact ?? last.cells, r, room, true);
    }
    lines[r] = truncate(line.trimEnd(), width);
  }
  return lines;
}

/** Text wrapped at spaces to lines of at most `width` (a word longer than that is cut); later lines indented. */
export function wrapText(text: string, width: number | undefined, indent = "  "): string {
  if (width === undefined || textWidth(text) <= width) return text;
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    const limit = lines.length === 0 ? width : width - indent.length;
    if (textWidth(candidate) <= limit || line === "") {
      line = textWidth(candidate) <= limit ? candidate : truncate(candidate, limit);
    } else {
      lines.push(line);
      line = textWidth(word) <= width - indent.length ? word : truncate(word, width - indent.length);
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join("\n");
}

/**
 * Text wrapped at spaces to lines of at most `width`, later lines indented, losing nothing: a
 * word longer than a line is broken across lines, not cut (show's long texts, issue 26 item 7).
 * The first line keeps its leading spaces.
 */
export function wrapWhole(text: string, width: number | undefined, indent: string): string {
  if (width === undefined || textWidth(text) <= width) return text;
  const lead = /^ */.exec(text)![0];
  const room = Math.max(10, width - indent.length);
  const lines: string[] = [];
  let line = lead;
  let words = 0; // on this line
  let limit = width;
  const push = (): void => {
    lines.push(line);
    line = "";
    words = 0;
    limit = room;
  };
  for (const word of text.slice(lead.length).split(" ")) {
    const candidate = words === 0 ? line + word : `${line} ${word}`;
    if (textWidth(candidate) <= limit) {
      line = candidate;
      words++;
      continue;
    }
    if (words > 0 && textWidth(word) <= room) {
      push();
      line = word;
      words = 1;
      continue;
    }
    // A word wider than a line: as much as fits here, the rest on the next lines.
    for (const ch of words === 0 ? word : ` ${word}`) {
      if (textWidth(line) + textWidth(ch) > limit) push();
      if (!(words === 0 && line === "" && ch === " ")) line += ch;
      words = 1;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join("\n");
}
