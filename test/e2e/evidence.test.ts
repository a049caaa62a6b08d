import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, type Sandbox, sandbox } from "../helpers.js";

// Issue 17 item 9: evidence the buyer can find (list, export), attaching a file twice, undo
// and doctor tidying the evidence store. Steps whose output a test does not read, and what the
// database holds, run in process (`okHere`, `jsonHere`); the commands under test as processes.

const sha = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex");

function withPhotos(): { s: Sandbox; photo: (name: string, bytes: string | Buffer) => string } {
  const s = sandbox();
  const photo = (name: string, bytes: string | Buffer) => {
    const path = join(s.dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  };
  return { s, photo };
}

describe("evidence --list", () => {
  it("shows each item with its original name, size in human units, date and the stored copy's path", async () => {
    const { s, photo } = withPhotos();
    await s.okHere(addArgs({ evidence: photo("qc-jeans.png", "x".repeat(73)) }));
    await s.okHere(["evidence", "1", photo("video/qc.mp4", Buffer.alloc(1_234_567, 1)), "https://imgur.com/a/xyz"], {
      now: "2026-11-03",
    });
    const store = `${s.db}.evidence`;
    expect(s.ok(["evidence", "1", "--list"])).toBe(
      [
        "Evidence of case #1 (3 items; files stored under their sha256):",
        `  2026-11-02    73 B  qc-jeans.png  ${join(store, sha("x".repeat(73)))}`,
        `  2026-11-03  1.2 MB  qc.mp4        ${join(store, sha(Buffer.alloc(1_234_567, 1)))}`,
        "  2026-11-03    link  https://imgur.com/a/xyz",
        "",
      ].join("\n"),
    );
    rmSync(join(store, sha("x".repeat(73))));
    expect(s.ok(["evidence", "1", "--list"])).toContain(
      `MISSING: attach the original file again (\`kakotrack evidence 1\` followed by its path), or copy ` +
        `${sha("x".repeat(73))} back into ${store} from a copy of that folder`,
    );
  });

  it("says how to attach when there is nothing, and asks for files or --list when given neither", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    expect(s.ok(["evidence", "1", "--list"])).toBe(
      "Case #1 has no evidence yet: `kakotrack evidence 1` followed by photos or links attaches some.\n",
    );
    const r = s.run(["evidence", "1"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      "kakotrack: give the files or links to attach, or --list to see the case's evidence (`kakotrack evidence " +
        "--help`)\n",
    ]);
    expect(s.run(["evidence", "9", "--list"]).stderr).toMatch(/no case #9/);
  });
});

describe("attaching a file the case already has", () => {
  it("adds nothing, says so, and journals nothing (undo reverts the change before)", async () => {
    const { s, photo } = withPhotos();
    const qc = photo("qc-1.jpg", "jpeg bytes");
    await s.okHere(addArgs({ evidence: qc }));
    await s.okHere(["note", "1", "seller says it is normal"]);
    const copy = photo("renamed.jpg", "jpeg bytes");
    expect(s.ok(["evidence", "1", copy, qc])).toBe(
      [
        "renamed.jpg: case #1 already has it (the same sha256, attached 2026-11-02 as qc-1.jpg), not added again.",
        "qc-1.jpg: case #1 already has it (the same sha256, attached 2026-11-02), not added again.",
        "Nothing added.",
        "",
      ].join("\n"),
    );
    expect((await s.jsonHere(["show", "1", "--json"])).evidence).toHaveLength(1);
    expect(s.ok(["undo"])).toBe("Undid the note on case #1.\n");
  });

  it("adds the new items of a mixed list, and a link it has is not added again either", async () => {
    const { s, photo } = withPhotos();
    await s.okHere(addArgs({ evidence: "https://imgur.com/a/x" }));
    const out = s.ok(["evidence", "1", photo("a.jpg", "a"), "https://imgur.com/a/x", photo("b.jpg", "a")]);
    expect(out).toBe(
      [
        `Stored a.jpg (1 B, sha256 ${sha("a").slice(0, 12)}…) for case #1.`,
        "https://imgur.com/a/x: case #1 already has it (attached 2026-11-02), not added again.",
        "b.jpg: case #1 already has it (the same sha256, attached 2026-11-02 as a.jpg), not added again.",
        "",
      ].join("\n"),
    );
    expect((await s.jsonHere(["show", "1", "--json"])).evidence.map((e: any) => e.name)).toEqual([
      "https://imgur.com/a/x",
      "a.jpg",
    ]);
  });

  it("puts a missing stored copy back, which is the fix doctor names", async () => {
    const { s, photo } = withPhotos();
    const qc = photo("qc.jpg", "jpeg bytes");
    await s.okHere(addArgs({ evidence: qc }));
    const stored = join(`${s.db}.evidence`, sha("jpeg bytes"));
    rmSync(stored);
    expect(s.run(["doctor"]).stdout).toContain(
      `problem: evidence qc.jpg of case #1 is missing from the evidence store; attach the original file again ` +
        `(\`kakotrack evidence 1\` followed by its path), or copy ${sha("jpeg bytes")} back into ${s.db}.evidence from a ` +
        `copy of that folder`,
    );
    expect(s.ok(["evidence", "1", qc])).toContain(
      "not added again; its stored copy was missing or damaged and is stored again.",
    );
    expect(readFileSync(stored, "utf8")).toBe("jpeg bytes");
    writeFileSync(stored, "damaged");
    s.ok(["evidence", "1", qc]);
    expect(readFileSync(stored, "utf8")).toBe("jpeg bytes");
    expect(s.ok(["doctor"])).toContain("Healthy.");
  });

  it("add --evidence with the same file twice attaches it once", async () => {
    const { s, photo } = withPhotos();
    const qc = photo("qc.jpg", "jpeg bytes");
    const out = s.ok([...addArgs({ evidence: qc }), "--evidence", qc]);
    expect(out).toContain(`Stored qc.jpg (10 B, sha256 ${sha("jpeg bytes").slice(0, 12)}…) for case #1.\n`);
    expect(out).toContain("qc.jpg: case #1 already has it (the same sha256, attached 2026-11-02), not added again.\n");
    expect((await s.jsonHere(["show", "1", "--json"])).evidence).toHaveLength(1);
  });
});

describe("undo of an attach", () => {
  it("removes the stored copy when no other case uses it, and keeps one another case uses", async () => {
    const { s, photo } = withPhotos();
    await s.okHere(addArgs({ order: "KB-1" }));
    await s.okHere(addArgs({ order: "KB-2" }));
    const shared = photo("shared.jpg", "shared");
    const own = photo("own.jpg", "own");
    await s.okHere(["evidence", "2", shared]);
    await s.okHere(["evidence", "1", shared, own]);
    const store = `${s.db}.evidence`;
    expect(readdirSync(store).sort()).toEqual([sha("own"), sha("shared")].sort());
    expect(s.ok(["undo"])).toBe("Undid the evidence on case #1 (2 items).\n");
    expect(readdirSync(store)).toEqual([sha("shared")]);
    await s.okHere(["undo"]);
    expect(readdirSync(store)).toEqual([]);
  });

  it("undo of an add removes the files it attached; a removed case keeps its files for undo", async () => {
    const { s, photo } = withPhotos();
    await s.okHere(addArgs({ evidence: photo("a.jpg", "a") }));
    s.ok(["undo"]);
    expect(readdirSync(`${s.db}.evidence`)).toEqual([]);

    await s.okHere(addArgs({ evidence: photo("b.jpg", "b") }));
    await s.okHere(addArgs({ order: "KB-9" }));
    await s.okHere(["rm", "1", "--yes"]);
    await s.okHere(["evidence", "2", photo("b2.jpg", "b")]);
    // Undoing this attach must not take b away: undoing the removal brings case #1 back with it.
    s.ok(["undo"]);
    expect(readdirSync(`${s.db}.evidence`)).toEqual([sha("b")]);
    expect(s.ok(["doctor"])).toMatch(/0 unused, 1 kept for undo \(of removed cases or attaches\)[\s\S]*Healthy\./);
    await s.okHere(["undo"]); // rm of #1
    expect((await s.jsonHere(["show", "1", "--json"])).evidence[0].state).toBe("intact");
  });
});

describe("evidence export", () => {
  it("copies the files out under their original names, clashes numbered, links left out", async () => {
    const { s, photo } = withPhotos();
    await s.okHere(addArgs({ evidence: photo("qc.jpg", "first") }));
    await s.okHere([
      "evidence",
      "1",
      photo("other/qc.jpg", "second"),
      photo("QC.JPG", "third"),
      "https://imgur.com/a/x",
    ]);
    const out = join(s.dir, "out", "case-1");
    expect(s.ok(["evidence", "export", "1", out])).toBe(
      [
        `Copied 3 files of case #1 to ${out}:`,
        "  qc.jpg",
        "  qc (2).jpg",
        "  QC (3).JPG",
        "1 link is not a file: `kakotrack evidence 1 --list` shows it.",
        "",
      ].join("\n"),
    );
    expect(readdirSync(out).sort()).toEqual(["QC (3).JPG", "qc (2).jpg", "qc.jpg"]);
    expect(readFileSync(join(out, "qc (2).jpg"), "utf8")).toBe("second");

    // Again: what is there with the same content is left; a file that differs stops it.
    expect(s.ok(["evidence", "export", "1", out])).toContain(
      "Already there with the same content: qc.jpg, qc (2).jpg, QC (3).JPG",
    );
    writeFileSync(join(out, "qc.jpg"), "edited");
    const r = s.run(["evidence", "export", "1", out]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kakotrack: ${join(out, "qc.jpg")} already exists with other content; add --force to replace, or choose ` +
        `another folder\n`,
    ]);
    expect(readFileSync(join(out, "qc.jpg"), "utf8")).toBe("edited");
    expect(s.ok(["evidence", "export", "1", out, "--force"])).toContain("Copied 1 file of case #1");
    expect(readFileSync(join(out, "qc.jpg"), "utf8")).toBe("first");
  });

  it(
    "leaves out a missing or damaged stored copy with a warning naming the fix, and refuses a file as the " + "folder",
    async () => {
      const { s, photo } = withPhotos();
      await s.okHere(addArgs({ evidence: photo("a.jpg", "a") }));
      await s.okHere(["evidence", "1", photo("b.jpg", "b")]);
      rmSync(join(`${s.db}.evidence`, sha("a")));
      writeFileSync(join(`${s.db}.evidence`, sha("b")), "damaged");
      const r = s.run(["evidence", "export", "1", join(s.dir, "out")]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`Copied 0 files of case #1 to ${join(s.dir, "out")}.\n`);
      expect(r.stderr).toMatch(
        /^kakotrack: warning: a\.jpg is missing from the evidence store, left out; attach the original file again/,
      );
      expect(r.stderr).toMatch(/\nkakotrack: warning: b\.jpg is changed in the evidence store, left out;/);
      expect(existsSync(join(s.dir, "out", "b.jpg"))).toBe(false);
      expect(s.run(["evidence", "export", "1", photo("file", "x")]).stderr).toMatch(
        /is a file, not a folder; choose a folder/,
      );
      expect(s.ok(["evidence", "export", "1", "--help"])).toMatch(
        /copy a case's evidence files out under their original names/,
      );
    },
  );
});

describe("doctor and the evidence store", () => {
  it("reports stored files no case uses and partial copies, with the fix, exit 1", async () => {
    const { s, photo } = withPhotos();
    await s.okHere(addArgs({ evidence: photo("a.jpg", "a") }));
    const store = `${s.db}.evidence`;
    writeFileSync(join(store, sha("stray")), "stray");
    writeFileSync(join(store, ".incoming-123-abcd"), "half");
    const r = s.run(["doctor"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/evidence +1 files in .*: 1 intact, 0 missing, 0 changed; 2 unused\n/);
    expect(r.stdout).toContain(
      `problem: stored file ${join(store, ".incoming-123-abcd")} (4 B) is left by an interrupted copy; delete it: ` +
        `rm '${join(store, ".incoming-123-abcd")}'`,
    );
    expect(r.stdout).toContain(
      `problem: stored file ${join(store, sha("stray"))} (5 B) is used by no case (an attach or an undo cut ` +
        `short); delete it: rm '${join(store, sha("stray"))}'`,
    );
    expect(r.stderr).toBe("kakotrack: doctor found 2 problems\n");
  });
});
