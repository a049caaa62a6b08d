import { describe, expect, it } from "vitest";
import { parseCsv, readCell, safeCell, toCsv } from "../../src/domain/transfer/csv.js";

// Issue 26: the pure rules behind items 2 to 8.

describe("safe csv cells (issue 26 item 2)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["'=x", "''=x"],
    ["-5.00", "-5.00"],
    ["'hello", "'hello"],
    ["grey hoodie", "grey hoodie"],
  ])("%j is written as %j and read back", (text, cell) => {
    expect(safeCell(text)).toBe(cell);
    expect(readCell(cell)).toBe(text);
  });

  it("round-trips through a whole file", () => {
    const rows = [["=a", "-1", "'@b", "''+c", "-"]];
    expect(parseCsv(toCsv(rows), "f")[0]!.fields).toEqual(rows[0]);
  });
});
