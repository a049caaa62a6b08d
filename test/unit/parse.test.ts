import { describe, expect, it } from "vitest";
import {
  formatAmount,
  parseAmount,
  parseCurrency,
  parseEventDate,
  parseId,
  parseText,
} from "../../src/domain/case/parse.js";
import { resolveSettings, settingSpec } from "../../src/domain/config/settings.js";
import { tryParseDay } from "../../src/domain/time/dates.js";
import { sanitize, sanitizeMultiline } from "../../src/ui/sanitize.js";
import { renderTable } from "../../src/ui/table.js";
import { textWidth, truncate } from "../../src/ui/width.js";

describe("dates", () => {
  it.each([
    "2026-02-30",
    "2026-13-01",
    "31/12/2026",
    "+275760-01-01",
    "",
    "2026-2-3",
    "2026-02-29",
    "2026/11/20",
    "2026-1a-01",
    "2026-11-2 ",
    " 026-11-20",
    "\uff12026-11-20",
    "2026-00-10",
    "1899-12-31",
  ])("rejects %j", (text) => {
    expect(tryParseDay(text)).toBeUndefined();
  });
  it("accepts real dates, leap days included", () => {
    expect(tryParseDay("2028-02-29")).toBeDefined();
  });
  it("rejects event dates in the future or before the case opened", () => {
    expect(() => parseEventDate("2026-11-23", "--date", "2026-11-22")).toThrow(/in the future/);
    expect(() =>
      parseEventDate("2026-11-01", "--date", "2026-11-22", { date: "2026-11-02", why: "the case opened" }),
    ).toThrow(/before the case opened/);
    expect(parseEventDate("2026-11-22", "--date", "2026-11-22")).toBe("2026-11-22");
  });
});

describe("amounts", () => {
  it("parses into integer minor units without floats", () => {
    expect(parseAmount("129", "CNY")).toBe(12900);
    expect(parseAmount("0.1", "CNY")).toBe(10);
    expect(parseAmount("19.99", "USD")).toBe(1999);
    expect(parseAmount("1200", "JPY")).toBe(1200);
    expect(parseAmount("1.234", "KWD")).toBe(1234);
    expect(formatAmount(1999, "USD")).toBe("19.99 USD");
    expect(formatAmount(5, "CNY")).toBe("0.05 CNY");
    expect(formatAmount(1200, "JPY")).toBe("1200 JPY");
  });
  it.each(["-0", "-5", "1e309", "0x10", "1,50", "9007199254740993", "¥12", "$5", "", "1.234", " 12", "NaN"])(
    "rejects %j",
    (text) => {
      expect(() => parseAmount(text, "CNY")).toThrow(/not an amount|negative|too large|at most 2 decimals/);
    },
  );
  it("knows ISO 4217 codes", () => {
    expect(parseCurrency("usd")).toBe("USD");
    expect(() => parseCurrency("XYZ")).toThrow(/ISO 4217/);
  });
});

describe("ids and text", () => {
  it.each(["0", "-1", "1e2", "12abc", "99999999999999999999", "", " 1"])("rejects id %j", (text) => {
    expect(() => parseId(text)).toThrow(/not a case id/);
  });
  it("accepts ids and limits text", () => {
    expect(parseId("12")).toBe(12);
    expect(() => parseText(" ", "--item", "short")).toThrow(/cannot be empty/);
    expect(() => parseText("x".repeat(20_001), "--note", "long")).toThrow(/limit is 20000/);
  });
});

describe("settings", () => {
  it("validates and defaults", () => {
    expect(settingSpec("calendar").parse("weekdays")).toBe("weekdays");
    expect(() => settingSpec("calendar").parse("us")).toThrow(/one of cn, weekdays/);
    expect(() => settingSpec("due-soon").parse("-1")).toThrow(/whole number from 0 to 30/);
    expect(() => settingSpec("nope")).toThrow(/unknown setting/);
    const s = resolveSettings(new Map([["closures", "2026-12-30..2027-01-01,2026-12-24"]]));
    expect(s.closures).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2026-12-24"]);
    expect(s.calendar).toBe("cn");
    expect(s.dueSoonDays).toBe(2);
    expect(() => settingSpec("closures").parse("2026-12-31..2026-12-01")).toThrow(/not a date or range/);
  });
});

describe("terminal safety", () => {
  it("shows control characters, escapes and bidi overrides escaped", () => {
    expect(sanitize("a\u001b[31mred\u001b]0;title\u0007\r\u202eb\n")).toBe(
      "a\\x1b[31mred\\x1b]0;title\\x07\\r\\u202eb\\n",
    );
    expect(sanitizeMultiline("line 1\nline\u001b2")).toBe("line 1\nline\\x1b2");
    expect(sanitize("牛仔裤 ok")).toBe("牛仔裤 ok");
  });
  it("measures wide characters and truncates by columns", () => {
    expect(textWidth("牛仔裤")).toBe(6);
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(textWidth(truncate("牛仔裤牛仔裤", 5))).toBeLessThanOrEqual(5);
    // Characters outside the BMP (surrogate pairs) count and cut whole.
    expect(textWidth("a😀b")).toBe(4);
    expect(truncate("😀😀😀", 4)).toBe("😀…");
    expect(truncate("e\u0301e\u0301e\u0301e\u0301", 3)).toBe("e\u0301e\u0301…");
  });
  it("renders aligned box tables", () => {
    expect(
      renderTable(
        ["id", "item"],
        [
          ["#1", "牛仔裤"],
          ["#22", "x"],
        ],
      ),
    ).toBe(
      [
        "┌─────┬────────┐",
        "│ id  │ item   │",
        "├─────┼────────┤",
        "│ #1  │ 牛仔裤 │",
        "│ #22 │ x      │",
        "└─────┴────────┘",
        "",
      ].join("\n"),
    );
  });
});
