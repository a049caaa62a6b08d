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

/**
 * status's table. Narrower than its full width, columns give way least useful first: item and
 * reasons are cut down (reasons to their short form), the due date loses its year, then
 * resolution, day, due and stage go, in that order (src/ui/fit.ts). The id and the order number,
 * what the buyer quotes to the agent, are never cut or dropped; without a width limit nothing is
 * cut (issue 26 item 7). Each column is declared once, below, with its width rules; `flag` is the
 * one styled.
 */
export function renderStatusTable(rows: readonly StatusRow[], options: StatusTableOptions): string {
  const year = options.asOf.slice(0, 5);
  const forms: ReasonForm[] = [];
  const widestOf = (cells: readonly string[]): number => cells.reduce((w, c) => Math.max(w, textWidth(c)), 0);
  // What only fitting to a width reads is worked out when it does: a pipe or cron has no width.
  let compactDue: string[] | undefined;
  let reasonWidths: { min: number; comfortable: number } | undefined;
  const widths = () =>
    (reasonWidths ??= {
      min: Math.min(widestOf(rows.map((r) => (r.reason === null ? "" : r.reason.forms[2]))), 24),
      comfortable: widestOf(rows.map((r) => (r.reason === null ? "" : reasonText(r.reason, Infinity, "short")))),
    });
  const column = (head: string, cell: (r: StatusRow) => string, rules: Omit<FitColumn, "head" | "cells"> = {}) => ({
    head,
    cells: rows.map(cell),
    ...rules,
  });
  const columns: FitColumn[] = [
    column("id", (r) => `#${r.id}`),
    column("order", (r) => r.orderNo),
    column("item", (r) => r.item, { min: 8, comfortable: 14, shrinkRank: 2 }),
    column("resolution", (r) => r.resolution, { dropRank: 0 }),
    column("stage", (r) => r.stage, { dropRank: 3 }),
    column("day", (r) => r.day, { dropRank: 1 }),
    column("flag", (r) => r.flag),
    column("due", (r) => r.due, {
      get compact() {
        return (compactDue ??= rows.map((r) => (r.due.startsWith(year) ? r.due.slice(5) : r.due)));
      },
      dropRank: 2,
    }),
    {
      head: "reasons",
      cells: rows.map((r) => reasonText(r.reason)),
      // Down to the tiny form ("23d late") before the order number would have to give way.
      get min() {
        return widths().min;
      },
      get comfortable() {
        return widths().comfortable;
      },
      shrinkRank: 1,
      shorten: (r, width) => reasonText(rows[r]!.reason, width, (forms[width] ??= commonForm(rows, width))),
    },
  ];
  const draw = (head: string[], cells: string[][]): string => {
    const flagAt = head.indexOf("flag");
    return renderTable(head, cells, {
      style: (text, at, r) => (at === flagAt ? options.styleFlag(text, r) : text),
      styleHead: options.styleHead,
    });
  };
  if (options.width === undefined) {
    // No width limit (a pipe, cron): every column whole.
    const head = columns.map((c) => c.head);
    options.onColumns?.(head);
    return draw(
      head,
      rows.map((_, r) => columns.map((c) => c.cells[r]!)),
    );
  }
  const fitted = fitColumns(columns, rows.length, options.width);
  options.onColumns?.(
    fitted.kind === "lines" ? columns.filter((c) => c.dropRank === undefined).map((c) => c.head) : fitted.head,
  );
  if (fitted.kind === "lines") return `${fitted.lines.join("\n")}\n`;
  return draw(fitted.head, fitted.rows);
}
