import { describe, expect, it } from "vitest";
import { originalNames, parseTypedPath, safeFileName, sortOutEvidence } from "../../src/domain/case/evidence.js";
import { humanSize } from "../../src/ui/evidence-view.js";

const file = (name: string, sha256: string) => ({ kind: "file", sha256, name, url: null, addedOn: "2026-11-02" });
const link = (url: string) => ({ kind: "url", sha256: null, name: url, url, addedOn: "2026-11-02" });

describe("humanSize", () => {
  it.each([
    [0, "0 B"],
    [73, "73 B"],
    [999, "999 B"],
    [1000, "1.0 kB"],
    [4_096, "4.1 kB"],
    [99_949, "99.9 kB"],
    [99_960, "100 kB"],
    [999_499, "999 kB"],
    [999_500, "1.0 MB"],
    [1_234_567, "1.2 MB"],
    [340_000_000, "340 MB"],
    [5_000_000_000, "5.0 GB"],
  ])("%i bytes is %s", (bytes, text) => expect(humanSize(bytes)).toBe(text));
});

describe("original names", () => {
  it("makes clashing names unique like a browser's downloads, ignoring case, each content once", () => {
    const named = originalNames([
      file("qc.jpg", "a"),
      file("qc.jpg", "b"),
      file("QC.jpg", "c"),
      file("qc (2).jpg", "d"),
      file("other.jpg", "a"), // the same content as the first: one file
      file("notes", "e"),
      file("notes", "f"),
    ]);
    expect(named.map((n) => [n.item.sha256, n.fileName])).toEqual([
      ["a", "qc.jpg"],
      ["b", "qc (2).jpg"],
      ["c", "QC (3).jpg"],
      ["d", "qc (2) (2).jpg"],
      ["e", "notes"],
      ["f", "notes (2)"],
    ]);
  });

  it.each([
    ["../../etc/passwd", "_.._etc_passwd"],
    ["a/b\\c.png", "a_b_c.png"],
    [".hidden.jpg", "hidden.jpg"],
    ["trailing. ", "trailing"],
    ["", "evidence"],
    ["..", "evidence"],
    ["CON.jpg", "_CON.jpg"],
    ["lpt1", "_lpt1"],
    ["what?*.jpg", "what__.jpg"],
    ["\u001b[31mred.jpg", "_[31mred.jpg"],
    ["evil\u202egpj.exe", "evil_gpj.exe"],
    ["夹克 QC 照片.jpg", "夹克 QC 照片.jpg"],
    [`${"x".repeat(200)}.jpeg`, `${"x".repeat(115)}.jpeg`],
  ])("%j is stored out as %j", (name, safe) => expect(safeFileName(name)).toBe(safe));
});

describe("sortOutEvidence", () => {
  it("keeps what the case lacks and names what it already has, within one command too", () => {
    const existing = [{ ...file("qc-1.jpg", "a"), addedOn: "2026-11-01" }, link("https://imgur.com/a/x")];
    const result = sortOutEvidence(existing, [
      file("copy.jpg", "a"),
      file("new.jpg", "b"),
      file("again.jpg", "b"),
      link("https://imgur.com/a/x"),
      link("https://imgur.com/a/y"),
    ]);
    expect(result.added.map((e) => e.name)).toEqual(["new.jpg", "https://imgur.com/a/y"]);
    expect(result.already.map((a) => [a.item.name, a.same.name, a.same.addedOn])).toEqual([
      ["copy.jpg", "qc-1.jpg", "2026-11-01"],
      ["again.jpg", "new.jpg", "2026-11-02"],
      ["https://imgur.com/a/x", "https://imgur.com/a/x", "2026-11-02"],
    ]);
  });
});

describe("parseTypedPath", () => {
  it.each([
    ["  /home/me/qc.jpg  ", "/home/me/qc.jpg"],
    ["'/home/me/QC photo.jpg'", "/home/me/QC photo.jpg"],
    ['"/home/me/QC photo.jpg"', "/home/me/QC photo.jpg"],
    ["/home/me/QC\\ photo\\ \\(1\\).jpg", "/home/me/QC photo (1).jpg"],
    ["file:///home/me/QC%20photo.jpg", "/home/me/QC photo.jpg"],
    ["~/Downloads/qc.jpg", "/home/me/Downloads/qc.jpg"],
    ["~other/qc.jpg", "~other/qc.jpg"],
    ["https://imgur.com/a/x", "https://imgur.com/a/x"],
  ])("%j is %j", (typed, path) => expect(parseTypedPath(typed, "/home/me", false)).toBe(path));

  it("keeps backslashes on Windows", () => {
    expect(parseTypedPath("C:\\Users\\me\\qc (1).jpg", "C:\\Users\\me", true)).toBe("C:\\Users\\me\\qc (1).jpg");
    expect(parseTypedPath("file:///C:/Users/me/qc%201.jpg", "C:\\Users\\me", true)).toBe("C:/Users/me/qc 1.jpg");
  });
});
