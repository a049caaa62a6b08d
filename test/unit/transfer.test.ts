import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/domain/transfer/csv.js";
import { buildIcs, escapeText, foldLine } from "../../src/domain/transfer/ics.js";
import { unfoldIcs } from "../helpers.js";

describe("csv (RFC 4180)", () => {
  const tricky = [
    ["plain", 'with "quotes"', "comma, inside", "line\nbreak", "crlf\r\nbreak", "", "夹克 ☂", null, 12],
    ["", "", "", "", "", "", "", "", ""],
  ];

  it("quotes only what needs it, doubles quotes, ends rows with CRLF", () => {
    expect(toCsv([["a", 'b"c', "d,e", null, 3]])).toBe('a,"b""c","d,e",,3\r\n');
    expect(toCsv([["x\ny"]])).toBe('"x\ny"\r\n');
  });

  it("parses back what it wrote, with the line each row starts on", () => {
    const rows = parseCsv(toCsv(tricky), "f");
    expect(rows.map((r) => r.fields)).toEqual(tricky.map((row) => row.map((v) => (v === null ? "" : String(v)))));
    expect(rows.map((r) => r.line)).toEqual([1, 4]); // row 1 holds two line breaks
  });

  it("accepts LF files, a byte order mark and a missing last newline", () => {
    expect(parseCsv("\uFEFFa,b\n1,2", "f").map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a\n\n\nb\n", "f").map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "a"],
      [4, "b"],
    ]);
  });

  it("reports an unclosed quote with the line it opened on", () => {
    expect(() => parseCsv('a\n"b,c\nd', "f.csv")).toThrow("f.csv: line 2: a quoted field is never closed");
  });
});

describe("ics (RFC 5545)", () => {
  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"夹".repeat(40)}😀${"a".repeat(70)}`;
    const folded = foldLine(line);
    expect(unfoldIcs(folded)).toBe(line);
    expect(folded.split("\r\n")[0]).toBe(`SUMMARY:${"夹".repeat(22)}`); // 8 + 66 octets; one more would be 77
    expect(foldLine("short")).toBe("short");
  });

  it("escapes text values and drops control characters", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf\u001b[31m")).toBe("a\\,b\\;c\\\\d\\ne\\nf[31m");
  });

  it("writes all-day events with the required properties", () => {
    const ics = buildIcs([{ uid: "u1@k", date: "2026-12-31", summary: "S", description: "D" }], "20261122T120000Z");
    expect(ics.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//kakotrack//deadlines//EN",
      "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:kakotrack deadlines",
      "BEGIN:VEVENT",
      "UID:u1@k",
      "DTSTAMP:20261122T120000Z",
      "DTSTART;VALUE=DATE:20261231",
      "DTEND;VALUE=DATE:20270101",
      "SUMMARY:S",
      "DESCRIPTION:D",
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });
});
