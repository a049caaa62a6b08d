import type { ReasonParts } from "../domain/deadlines/reason-parts.js";
import { type FitColumn, fitColumns } from "./fit.js";
import { renderTable } from "./table.js";
import { textWidth, truncate } from "./width.js";

/** A status row as shown, its text already sanitised. */
export interface StatusRow {
  id: number;
  orderNo: string;
  item: string;
  resolution: string;
  /** The stage (and outcome, when closed). */
  stage: string;
  /** Day N, empty when closed. */
  day: string;
  flag: string;
  /** The earliest pending due date (YYYY-MM-DD), or empty. */
  due: string;
  reason: ReasonParts | null;
}

/**
 * A reason in at most `width` columns (by default its longest form). What gives way first is
 * the wording, then the label; the number stays: "refund overdue by 4 business days" ->
 * "refund 4 business days late" -> "ref… 4 business days late" -> "4 bd late".
 */
export function reasonText(parts: ReasonParts | null, width = Infinity, longest: ReasonForm = "more"): string {
  if (parts === null) return "";
  const { label, forms, more } = parts;
  const labelled = (form: string): string => (label === "" ? form : `${label} ${form}`);
  const start = FORMS.indexOf(longest);
  if (start <= 0 && more > 0 && textWidth(labelled(forms[0])) + 10 <= width)
    return `${labelled(forms[0])} (+${more} more)`;
  if (start <= 1 && textWidth(labelled(forms[0])) <= width) return labelled(forms[0]);
  if (textWidth(labelled(forms[1])) <= width) return labelled(forms[1]);
  const room = width - textWidth(forms[1]) - 1;
  if (label !== "" && room >= 4) return `${truncate(label, room)} ${forms[1]}`;
  if (textWidth(forms[1]) <= width) return forms[1];
  return truncate(forms[2], width);
}

const FORMS = ["more", "long", "short"] as const;
type ReasonForm = (typeof FORMS)[number];

/** The longest form that every row's reason has in `width` columns, so the rows read alike. */
function commonForm(rows: readonly StatusRow[], width: number): ReasonForm {
  return (
    FORMS.find((form) =>
      rows.every((r) => r.reason === null || textWidth(reasonText(r.reason, Infinity, form)) <= width),
    ) ?? "short"
  );
}

export interface StatusTableOptions {
  /** The widest a line may be; undefined: no limit. */
  width: number | undefined;
  asOf: string;
  styleFlag: (text: string, row: number) => string;
  styleHead: (text: string) => string;
  /** Told the columns printed (status prints the due date's footnote only with the column). */
  onColumns?: (head: readonly string[]) => void;
}

const HEAD = ["id", "order", "item", "resolution", "stage", "day", "flag", "due", "reasons"];

/**
 * status's table. Narrower than its full width, columns give way least useful first: order and
 * reasons are cut down (reasons to their short form), the due date loses its year, then
 * resolution, order, day, due and stage go, in that order (src/ui/fit.ts).
 */
export function renderStatusTable(rows: readonly StatusRow[], options: StatusTableOptions): string {
  const ids = rows.map((r) => `#${r.id}`);
  const items = rows.map((r) => r.item);
  const orders = rows.map((r) => r.orderNo);
  const flags = rows.map((r) => r.flag);
  const reasons = rows.map((r) => reasonText(r.reason));
  if (options.width === undefined) {
    options.onColumns?.(HEAD);
    const cells = rows.map((r, i) => [
      ids[i]!,
      orders[i]!,
      items[i]!,
      r.resolution,
      r.stage,
      r.day,
      flags[i]!,
      r.due,
      reasons[i]!,
    ]);
    return renderTable(HEAD, cells, {
      maxWidths: [undefined, 16, 24],
      style: (text, column, r) => (column === 6 ? options.styleFlag(text, r) : text),
      styleHead: options.styleHead,
    });
  }
  const year = options.asOf.slice(0, 5);
  const shortReasons = rows.map((r) => (r.reason === null ? "" : r.reason.forms[1]));
  const labelledShort = rows.map((r) => (r.reason === null ? "" : reasonText(r.reason, Infinity, "short")));
  const forms: ReasonForm[] = [];
  const widestOf = (cells: readonly string[]): number => cells.reduce((w, c) => Math.max(w, textWidth(c)), 0);
  const columns: FitColumn[] = [
    { head: "id", cells: ids },
    { head: "order", cells: orders, max: 16, min: 6, comfortable: 10, shrinkRank: 0, dropRank: 1 },
    { head: "item", cells: items, max: 24, min: 8, comfortable: 14, shrinkRank: 2 },
    { head: "resolution", cells: rows.map((r) => r.resolution), dropRank: 0 },
    { head: "stage", cells: rows.map((r) => r.stage), dropRank: 4 },
    { head: "day", cells: rows.map((r) => r.day), dropRank: 2 },
    { head: "flag", cells: flags },
    {
      head: "due",
      cells: rows.map((r) => r.due),
      compact: rows.map((r) => (r.due.startsWith(year) ? r.due.slice(5) : r.due)),
      dropRank: 3,
    },
    {
      head: "reasons",
      cells: reasons,
      min: Math.min(widestOf(shortReasons), 24),
      comfortable: widestOf(labelledShort),
      shrinkRank: 1,
      shorten: (r, width) => reasonText(rows[r]!.reason, width, (forms[width] ??= commonForm(rows, width))),
    },
  ];
  const fitted = fitColumns(columns, rows.length, options.width);
  options.onColumns?.(
    fitted.kind === "lines" ? columns.filter((c) => c.dropRank === undefined).map((c) => c.head) : fitted.head,
  );
  if (fitted.kind === "lines") return `${fitted.lines.join("\n")}\n`;
  const flagAt = fitted.head.indexOf("flag");
  return renderTable(fitted.head, fitted.rows, {
    style: (text, column, r) => (column === flagAt ? options.styleFlag(text, r) : text),
    styleHead: options.styleHead,
  });
}
