import { describe, expect, it } from "vitest";
import { parseUrl } from "../../src/domain/case/parse.js";
import type { ReasonParts } from "../../src/domain/deadlines/reason-parts.js";
import { parseDateInput, readDateText } from "../../src/domain/time/date-input.js";
import { fitColumns, wrapText } from "../../src/ui/fit.js";
import { type DayKind, renderMonth } from "../../src/ui/month.js";
import { renderSmallTable } from "../../src/ui/small-table.js";
import { reasonText, renderStatusTable, type StatusRow } from "../../src/ui/status-table.js";
import { renderTable } from "../../src/ui/table.js";
import { textWidth } from "../../src/ui/width.js";

// Issue 18: every screen fits and reads well.

const widest = (text: string): number => Math.max(...text.split("\n").map(textWidth));

const overdue: ReasonParts = {
  label: "refund",
  forms: ["overdue by 4 business days", "4 business days late", "4 bd late"],
  more: 1,
};

function rows(): StatusRow[] {
  const stages = ["replacement-arrived", "seller-agreed", "requested", "new-qc"];
  return Array.from({ length: 12 }, (_, i) => ({
    id: 100 + i,
    orderNo: `KB-2026-${1000 + i}-LONG`,
    item: i % 3 === 0 ? "夹克 padded winter jacket, black" : `grey hoodie ${i}`,
    resolution: i % 2 ? "partial-refund" : "exchange",
    stage: stages[i % 4]!,
    day: String(10 + i),
    flag: i % 2 ? "overdue" : "on-track",
    due: i === 5 ? "2027-01-05" : "2026-11-24",
    reason:
      i % 2
        ? {
            label: "replacement arrival",
            forms: [`overdue by ${i} days`, `${i} days late`, `${i}d late`],
            more: i % 4 === 1 ? 2 : 0,
          }
        : {
            label: "refund",
            forms: [`due in ${i + 2} business days`, `in ${i + 2} business days`, `in ${i + 2} bd`],
            more: 0,
          },
  }));
}

const table = (width: number | undefined) =>
  renderStatusTable(rows(), { width, asOf: "2026-11-20", styleFlag: (t) => t, styleHead: (t) => t });

describe("status table widths", () => {
  it.each([80, 120, 160])(
    "at %i columns every line fits, one line a case, and every reason keeps its number",
    (width) => {
      const out = table(width);
      expect(widest(out)).toBeLessThanOrEqual(width);
      const lines = out.trimEnd().split("\n");
      expect(lines).toHaveLength(12 + 4); // three rules and the head: no row wraps
      for (const [i, r] of rows().entries()) {
        const line = lines[3 + i]!;
        expect(line).toContain(`#${r.id}`);
        expect(line).toMatch(new RegExp(`\\b${r.reason!.forms[1]!.match(/\d+/)![0]}`));
        // The due column has the date: the reason does not repeat it.
        expect(line.match(/2026-11-24|11-24/g)?.length ?? 0).toBeLessThanOrEqual(1);
      }
    },
  );

  it(
    "gives way least useful first: resolution, day and due go before stage; id and order never (issue 26 item " + "7)",
    () => {
      const head = (width: number) =>
        table(width)
          .split("\n")[1]!
          .split("│")
          .map((c) => c.trim())
          .filter(Boolean);
      expect(head(400)).toEqual(["id", "order", "item", "resolution", "stage", "day", "flag", "due", "reasons"]);
      expect(head(120)).not.toContain("resolution");
      expect(head(80)).toEqual(["id", "order", "item", "flag", "reasons"]);
      for (const width of [60, 70, 80, 100, 120, 160]) {
        for (const line of table(width)
          .split("\n")
          .filter((l) => l.includes("#1"))) {
          expect(line, `${width}`).toMatch(/#1\d\d\b.* KB-2026-1\d\d\d-LONG /);
        }
      }
    },
  );

  it("without a width nothing is cut: full items, orders and reasons (issue 26 item 7)", () => {
    const out = table(undefined);
    expect(out).toContain("夹克 padded winter jacket, black");
    expect(out).toContain("replacement arrival overdue by 1 days (+2 more)");
    expect(out).toContain("2026-11-24");
  });

  it("shortens a due date in the as-of year only", () => {
    const out = table(130);
    expect(out).toContain("11-24");
    expect(out).toContain("2027-01-05");
  });

  it("falls back to lines at a width no table fits, still within it", () => {
    const out = table(34);
    expect(widest(out)).toBeLessThanOrEqual(34);
    expect(out).not.toContain("┌");
    expect(out.split("\n")[1]).toMatch(/^#101 +KB-2026-1001-LONG /);
  });
});

describe("reasons", () => {
  it("shorten by wording, then label, and keep the number", () => {
    expect(reasonText(overdue)).toBe("refund overdue by 4 business days (+1 more)");
    expect(reasonText(overdue, 33)).toBe("refund overdue by 4 business days");
    expect(reasonText(overdue, 28)).toBe("refund 4 business days late");
    expect(reasonText({ ...overdue, label: "replacement arrival" }, 28)).toBe("replac… 4 business days late");
    expect(reasonText(overdue, 22)).toBe("4 business days late");
    expect(reasonText(overdue, 10)).toBe("4 bd late");
    expect(reasonText(null, 10)).toBe("");
  });
});

describe("fitting", () => {
  it("drops in rank order and cuts the shrinkable columns to their least", () => {
    const columns = [
      { head: "a", cells: ["xxxxxxxxxx"], min: 4 },
      { head: "b", cells: ["yyyyyyyyyy"], dropRank: 0 },
    ];
    expect(fitColumns(columns, 1, 40)).toEqual({
      kind: "table",
      head: ["a", "b"],
      rows: [["xxxxxxxxxx", "yyyyyyyyyy"]],
    });
    expect(fitColumns(columns, 1, 26)).toEqual({
      kind: "table",
      head: ["a", "b"],
      rows: [["xxxxxxxx…", "yyyyyyyyyy"]],
    });
    expect(fitColumns(columns, 1, 12)).toEqual({ kind: "table", head: ["a"], rows: [["xxxxxxx…"]] });
  });

  it("wraps text at spaces, later lines indented", () => {
    expect(wrapText("6 open: 3 overdue, 1 need action", 20)).toBe("6 open: 3 overdue, 1\n  need action");
    expect(wrapText("short", 20)).toBe("short");
    expect(wrapText("no limit here at all", undefined)).toBe("no limit here at all");
    for (const line of wrapText("a verylongwordthatdoesnotfit b", 10).split("\n"))
      expect(textWidth(line)).toBeLessThanOrEqual(10);
  });
});

describe("small tables", () => {
  it("cli-table3 draws them in the look of the linear renderer", () => {
    const head = ["deadline", "due", "now"];
    const body = [
      ["seller response", "2026-11-09", "overdue by 9 business days"],
      ["退款 refund", "2026-11-20", "due in 6 business days"],
    ];
    expect(renderSmallTable(head, body)).toBe(renderTable(head, body));
  });

  it("wrap their last column into a width", () => {
    const out = renderSmallTable(
      ["setting", "what it is"],
      [["calendar", "business-day calendar: cn (China, with holidays and make-up days) or weekdays"]],
      { width: 50 },
    );
    expect(widest(out)).toBeLessThanOrEqual(50);
    expect(out).toContain("make-up");
  });
});

describe("the calendar month view", () => {
  it("draws a month from Monday, with days off, make-up days, closures and today marked", () => {
    const days = Array.from({ length: 28 }, (_, i) => {
      const date = `2027-02-${String(i + 1).padStart(2, "0")}`;
      const weekday = new Date(2027, 1, i + 1).getDay();
      const kind: DayKind =
        i >= 10 && i <= 16
          ? "off"
          : date === "2027-02-20"
            ? "make-up"
            : date === "2027-02-26"
              ? "closure"
              : weekday % 6 === 0
                ? "weekend"
                : "working";
      return { date, kind, provisional: true };
    });
    const out = renderMonth({ year: 2027, month: 2, days, today: "2027-02-03" });
    expect(out.split("\n")[0]).toBe("February 2027");
    expect(out.split("\n")[2]).toMatch(/^│ +Mon │ +Tue │ +Wed │ +Thu │ +Fri │ +Sat │ +Sun │$/);
    expect(out).toMatch(/│ +1\? │ +2\? │ \[3\?\] │/); // 1 February 2027 is a Monday
    expect(out).toContain("11*?");
    expect(out).toContain("20+?");
    expect(out).toContain("26x?");
    expect(out).toContain("? provisional");
    expect(widest(out)).toBeLessThanOrEqual(80);
  });
});

describe("dates as a person types them", () => {
  const today = "2026-11-20"; // a Friday
  it.each([
    ["2026-11-05", "2026-11-05"],
    ["today", today],
    ["Yesterday", "2026-11-19"],
    ["3 days ago", "2026-11-17"],
    ["1 day ago", "2026-11-19"],
    ["2 weeks ago", "2026-11-06"],
    ["fri", today], // today counts
    ["last fri", "2026-11-13"],
    ["mon", "2026-11-16"],
    ["Saturday", "2026-11-14"],
    ["sun", "2026-11-15"],
    ["2026/11/05", "2026-11-05"],
    ["2026/1/5", "2026-01-05"],
    ["11-05", "2026-11-05"],
    ["12-28", "2025-12-28"], // the latest one on or before today
    ["5 Nov", "2026-11-05"],
    ["Nov 5", "2026-11-05"],
    ["5 november", "2026-11-05"],
    ["24 Dec", "2025-12-24"],
    ["5 Nov 2025", "2025-11-05"],
    ["  5   Nov ", "2026-11-05"],
  ])("%s is %s", (typed, date) => {
    expect(readDateText(typed, today)).toBe(date);
  });

  it("says what is wrong with a YYYY-MM-DD that is no date (issue 26 item 5)", () => {
    expect(() => parseDateInput("2026-02-30", today, "--date")).toThrow(
      /^--date 2026-02-30: February 2026 has 28 days$/,
    );
    expect(() => parseDateInput("2028-02-30", today, "")).toThrow(/^2028-02-30: February 2028 has 29 days$/);
    expect(() => parseDateInput("2026-13-01", today, "")).toThrow(/^2026-13-01: there is no month 13/);
  });

  it.each(["tomorrowish", "13-01", "31 Feb", "0999/01/01", ""])("%s is not a date", (typed) => {
    expect(readDateText(typed, today)).toBeUndefined();
    expect(() => parseDateInput(typed, today, "--date")).toThrow(
      /--date: ".*" is not a valid date \(use YYYY-MM-DD, today, yesterday/,
    );
  });

  it("speaks without a flag name in a prompt", () => {
    expect(() => parseDateInput("soon", today, "")).toThrow(/^"soon" is not a valid date/);
  });
});

describe("links", () => {
  it("get https:// when typed without a scheme, and stay as given otherwise", () => {
    expect(parseUrl("item.taobao.com/item.htm?id=1", "--url")).toBe("https://item.taobao.com/item.htm?id=1");
    expect(parseUrl("http://weidian.com/item.html?itemID=2", "--url")).toBe("http://weidian.com/item.html?itemID=2");
    expect(() => parseUrl("hoodie", "--url")).toThrow(/--url "hoodie" is not a web address/);
    expect(() => parseUrl("ftp://x.com/a", "")).toThrow(/^"ftp:\/\/x.com\/a" is not a web address/);
  });
});
