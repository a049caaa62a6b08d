import { describe, expect, it } from "vitest";
import { agentKey, canonicalAgent, closeKnownAgent, duplicateKey } from "../../src/domain/case/agents.js";
import { parseCsv, readCell, safeCell, toCsv } from "../../src/domain/transfer/csv.js";
import { wrapWhole } from "../../src/ui/fit.js";

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

describe("names that match (issue 26 item 3)", () => {
  it.each([
    ["Kako Buy", "KakoBuy"],
    ["kakobuy", "KakoBuy"],
    [" kako-buy ", "KakoBuy"],
    ["ALL CHINA BUY", "AllChinaBuy"],
    ["  Foo   Agent ", "Foo Agent"],
  ])("%j is the agent %j", (typed, name) => {
    expect(canonicalAgent(typed)).toBe(name);
  });

  it("groups by the canonical name", () => {
    expect(agentKey("Kako Buy")).toBe(agentKey("KAKOBUY"));
    expect(agentKey("Foo Agent")).toBe(agentKey("foo  agent"));
  });

  it("compares agent, order and item trimmed, ignoring case and runs of spaces", () => {
    const key = duplicateKey("KakoBuy", "KB-1001", "grey hoodie");
    expect(duplicateKey("Kako Buy", "KB-1001 ", "Grey  Hoodie")).toBe(key);
    expect(duplicateKey("KakoBuy", "KB-1002", "grey hoodie")).not.toBe(key);
    expect(duplicateKey("KakoBuy", "KB-1001", "greyhoodie")).not.toBe(key);
  });

  it("hints only at a near miss of a known agent", () => {
    expect(closeKnownAgent("Kakobuyy")).toBe("KakoBuy");
    expect(closeKnownAgent("Sugargo")).toBe("Sugargoo");
    expect(closeKnownAgent("KakoBuy")).toBeUndefined();
    expect(closeKnownAgent("Taobao")).toBeUndefined();
    expect(closeKnownAgent("abc")).toBeUndefined();
  });
});

describe("show's long texts wrap, losing nothing (issue 26 item 7)", () => {
  it("wraps at spaces under the value and breaks a word longer than a line", () => {
    const text = `  defect       flaw: ${"stain ".repeat(8)}https://example.com/${"x".repeat(30)}`;
    const wrapped = wrapWhole(text, 40, " ".repeat(15));
    for (const line of wrapped.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
    expect(
      wrapped
        .split("\n")
        .slice(1)
        .every((l) => l.startsWith(" ".repeat(15))),
    ).toBe(true);
    // Nothing lost: the same characters but for the breaks.
    expect(wrapped.replace(/\n {15}/g, "").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
    expect(wrapped.split("\n")[0]).toBe(`  defect       flaw: ${"stain ".repeat(2)}stain`);
  });

  it("leaves text alone without a width", () => {
    expect(wrapWhole("a ".repeat(100), undefined, "  ")).toBe("a ".repeat(100));
  });
});
