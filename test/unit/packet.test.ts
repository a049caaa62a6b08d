import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import type { CaseTimeline } from "../../src/domain/case/model.js";
import { deadlines } from "../../src/domain/deadlines/evaluate.js";
import { pausesOf } from "../../src/domain/deadlines/pauses.js";
import { imageType, judgeDeadlines, packetName } from "../../src/domain/documents/dossier.js";
import { crc32, zipArchive } from "../../src/store/zip.js";
import { escapeHtml } from "../../src/ui/packet/dossier-html.js";
import { timeline } from "../fixtures.js";

const cal = createCalendar({ name: "cn", holidays: cnHolidays });
const settings = { dueSoonDays: 2, escalationFollowUpDays: 5 };

const verdicts = (t: CaseTimeline, asOf: string, closedOn: string | null = null) =>
  judgeDeadlines(t, deadlines(t, cal, settings), asOf, cal, closedOn, pausesOf(t, cal)).map((v) => [
    v.label,
    v.verdict,
    v.text,
  ]);

describe("deadlines met and missed", () => {
  it("a refund: met on time, met late in business days, missed and still overdue", () => {
    // Opened Monday 2 November 2026: seller response due 5 business days later (Mon 9th).
    const t = timeline("refund", "2026-11-02", [
      ["agent-reviewed", "2026-11-03"],
      ["seller-agreed", "2026-11-12"],
    ]);
    expect(verdicts(t, "2026-11-25")).toEqual([
      ["agent review", "met", "on 2026-11-03 (due 2026-11-04)"],
      ["seller response", "met-late", "on 2026-11-12, 3 business days after the due date 2026-11-09"],
      ["refund", "missed", "due 2026-11-20, overdue by 3 business days as of 2026-11-25"],
    ]);
  });

  it("a closed case: what was due before the closing and not met is missed, what came after was not reached", () => {
    const t = timeline("exchange", "2026-11-02", [["agent-reviewed", "2026-11-03"]], true);
    expect(verdicts(t, "2026-11-30", "2026-11-10").slice(0, 3)).toEqual([
      ["agent review", "met", "on 2026-11-03 (due 2026-11-04)"],
      ["seller response", "missed", "due 2026-11-09, not met when the case closed on 2026-11-10"],
      ["replacement arrival", "not-reached", "the case closed on 2026-11-10, before it was due (2026-11-16)"],
    ]);
  });

  it("a refusal answers the seller deadline; the rest is paused while refused, pending once back on the path", () => {
    const refused = timeline("exchange", "2026-11-02", [["refused", "2026-11-05"]]);
    expect(verdicts(refused, "2026-11-06").map(([label, verdict]) => `${label}: ${verdict}`)).toEqual([
      "agent review: met-late", // reached with the refusal, a day after its due date
      "seller response: refused", // the seller's answer, never shown as a met response (issue 24 item 7)
      "replacement arrival: paused",
      "new QC photos: paused",
      "approval of the replacement: paused",
    ]);
    const back = timeline("exchange", "2026-11-02", [
      ["agent-reviewed", "2026-11-03"],
      ["seller-confirmed", "2026-11-06"],
    ]);
    expect(verdicts(back, "2026-11-10")[2]).toEqual(["replacement arrival", "pending", "due 2026-11-16"]);
  });

  it("a refund refused, escalated and agreed: the refusal said as such, the refund moved by the pause", () => {
    const t = timeline("refund", "2026-11-02", [
      ["refused", "2026-11-05"],
      ["escalated", "2026-11-06"],
      ["seller-agreed", "2026-11-13"],
    ]);
    expect(verdicts(t, "2026-11-20").slice(1)).toEqual([
      ["seller response", "refused", "on 2026-11-05 (due 2026-11-09)"],
      ["refund", "pending", "due 2026-11-30; moved 6 business days by the refusal and escalation"],
    ]);
  });

  it("a correction back takes a met deadline back", () => {
    // Recorded at seller-confirmed, then corrected back to agent-reviewed (advance --force).
    const t = timeline("exchange", "2026-11-02", [
      ["agent-reviewed", "2026-11-03"],
      ["seller-confirmed", "2026-11-04"],
      ["agent-reviewed", "2026-11-05"],
    ]);
    expect(verdicts(t, "2026-11-12")[1]).toEqual([
      "seller response",
      "missed",
      "due 2026-11-09, overdue by 3 days as of 2026-11-12",
    ]);
  });
});

describe("packet names and image types", () => {
  it.each([
    [3, "KB-1001", "kakotrack-case-3-KB-1001"],
    [4, "订单 20261102/88", "kakotrack-case-4-20261102-88"],
    [5, "../..", "kakotrack-case-5"],
    [6, "x".repeat(80), `kakotrack-case-6-${"x".repeat(40)}`],
  ])("case %i, order %j: %s", (id, order, name) => expect(packetName(id, order)).toBe(name));

  it("tells images by their first bytes, not their names", () => {
    expect(imageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(imageType(Buffer.from("\x89PNG\r\n\x1a\n...", "latin1"))).toBe("image/png");
    expect(imageType(Buffer.from("GIF89a"))).toBe("image/gif");
    expect(imageType(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(imageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'>"))).toBeNull();
    expect(imageType(Buffer.from(""))).toBeNull();
  });
});

describe("escapeHtml", () => {
  it("escapes markup and shows controls and bidi overrides escaped", () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')"> & \u001b[31m \u202e`)).toBe(
      "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; \\x1b[31m \\u202e",
    );
  });
});

/** Reads a zip back from its central directory (an independent reader: no code shared with the writer). */
function unzip(zip: Buffer): Array<{ name: string; data: Buffer; method: number; mode: number; crc: number }> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(body) : Buffer.from(body), method, mode, crc });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe("zip writer", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it("writes entries a reader gets back byte for byte: text deflated, incompressible data stored, UTF-8 names", () => {
    const text = Buffer.from("dossier ".repeat(500));
    const noise = randomBytes(4096); // does not deflate smaller: stored
    const zip = zipArchive(
      [
        { name: "case/", data: new Uint8Array(0) },
        { name: "case/dossier.md", data: text },
        { name: "case/evidence/夹克 qc (2).jpg", data: noise },
      ],
      "2026-11-20T14:30:58",
    );
    const entries = unzip(zip);
    expect(entries.map((e) => [e.name, e.method, e.mode.toString(8)])).toEqual([
      ["case/", 0, "40700"],
      ["case/dossier.md", 8, "100600"],
      ["case/evidence/夹克 qc (2).jpg", 0, "100600"],
    ]);
    expect(entries[1]!.data.equals(text)).toBe(true);
    expect(entries[2]!.data.equals(noise)).toBe(true);
    for (const e of entries) expect(e.crc).toBe(crc32(e.data));
    // The entries' time: 14:30:58 on 20 November 2026, in MS-DOS form.
    expect(zip.readUInt16LE(10 + 30 + "case/".length)).toBe((14 << 11) | (30 << 5) | 29);
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (11 << 5) | 20);
  });
});
