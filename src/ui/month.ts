import { format } from "date-fns/format";
import { renderSmallTable } from "./small-table.js";

/** What a day is in the business-day calendar. */
export type DayKind = "working" | "off" | "make-up" | "closure" | "weekend";

export interface MonthData {
  year: number;
  /** 1-12. */
  month: number;
  /** Every day of the month in order, with its kind; provisional: counted from the provisional calendar. */
  days: ReadonlyArray<{ date: string; kind: DayKind; provisional?: boolean }>;
  /** YYYY-MM-DD: marked when it falls in the month. */
  today: string;
  /** What x means in the legend (default "your closure"). */
  closures?: string;
}

/** The marks after a day's number, so the month reads without colour too. */
const MARKS: Record<DayKind, string> = { working: "", weekend: "", off: "*", "make-up": "+", closure: "x" };

export interface MonthStyles {
  off?: (text: string) => string;
  makeUp?: (text: string) => string;
  closure?: (text: string) => string;
  weekend?: (text: string) => string;
  today?: (text: string) => string;
  head?: (text: string) => string;
}

/**
 * A month of the business-day calendar (`calendar show 2027-02`): a week a row from Monday,
 * days off marked *, make-up working days + and the user's closures x, today in brackets,
 * provisional days with ?, then a legend. Month and weekday names come from date-fns. Load
 * this module with import(): date-fns and cli-table3 stay off other commands' start.
 */
export function renderMonth(data: MonthData, styles: MonthStyles = {}): string {
  const first = new Date(data.year, data.month - 1, 1);
  // A known Monday (2024-01-01) gives the weekday names in order.
  const head = Array.from({ length: 7 }, (_, i) => format(new Date(2024, 0, 1 + i), "EEE"));
  const lead = (first.getDay() + 6) % 7; // days before the 1st in its Monday-first week
  const cells: string[] = new Array<string>(lead).fill("");
  let provisional = false;
  for (const day of data.days) {
    const n = Number(day.date.slice(8, 10));
    provisional ||= day.provisional === true;
    let text = `${n}${MARKS[day.kind]}${day.provisional ? "?" : ""}`;
    const style =
      day.kind === "off"
        ? styles.off
        : day.kind === "make-up"
          ? styles.makeUp
          : day.kind === "closure"
            ? styles.closure
            : day.kind === "weekend"
              ? styles.weekend
              : undefined;
    if (style) text = style(text);
    if (day.date === data.today) text = (styles.today ?? ((t: string) => t))(`[${text}]`);
    cells.push(text);
  }
  while (cells.length % 7 !== 0) cells.push("");
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  const legend = ["* day off", "+ make-up working day", `x ${data.closures ?? "your closure"}`];
  if (provisional) legend.push("? provisional");
  const table = renderSmallTable(head, rows, { styleHead: styles.head, align: new Array(7).fill("right") });
  return `${format(first, "MMMM yyyy")}\n${table}${legend.join("  ")}\n`;
}
