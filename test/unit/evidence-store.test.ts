import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CollectedEvidence, evidenceEvents, keepStoredCopies } from "../../src/commands/shared/evidence-intake.js";
import type { Session } from "../../src/commands/shared/session.js";
import type { NewCase } from "../../src/domain/case/records.js";
import { storedFilePath, storeFile } from "../../src/store/evidence-files.js";
import { newCase, openStore } from "../fixtures.js";
import { tempDir } from "../helpers.js";

const input = (orderNo: string): NewCase => newCase({ orderNo });

function setUp() {
  const dir = tempDir("kakotrack-evidence-");
  const store = openStore(join(dir, "k.db"));
  const photo = join(dir, "qc.jpg");
  writeFileSync(photo, "jpeg bytes");
  const collect = (): CollectedEvidence => {
    const stored = storeFile(store.path, photo);
    return {
      kind: "file",
      sha256: stored.sha256,
      name: stored.name,
      size: stored.size,
      url: null,
      addedOn: "2026-11-02",
      source: photo,
      copied: stored.copied,
    };
  };
  const attach = (caseId: number, e: CollectedEvidence, session?: Session) =>
    store.cases.change(
      caseId,
      () => {
        if (session) keepStoredCopies(session, [e]);
        return { kind: "evidence", summary: `evidence on case #${caseId}`, evidence: [e], events: evidenceEvents([e]) };
      },
      "2026-11-20T10:00:00",
    );
  return { store, collect, attach };
}

describe("stored evidence copies", () => {
  it("an attach that found the copy already stored keeps it, though an undo elsewhere removed it meanwhile", () => {
    const { store, collect, attach } = setUp();
    const one = store.cases.add(input("KB-1"), { note: null, evidence: [], events: [] }, "t");
    const two = store.cases.add(input("KB-2"), { note: null, evidence: [], events: [] }, "t");
    attach(one, collect());
    const path = storedFilePath(store.path, collect().sha256!);
    // Another process: it copies the photo in and finds it stored already...
    const meanwhile = collect();
    expect(meanwhile.copied).toBe(false);
    // ...while this one undoes the first attach: no case uses the copy, so it goes.
    store.journal.undoLast();
    expect(existsSync(path)).toBe(false);
    // The other process's write checks its copies under the write lock, and copies again.
    attach(two, meanwhile, { store } as Session);
    expect(existsSync(path)).toBe(true);
    expect(store.evidence.unused()).toEqual([]);
    store.close();
  });

  it("release keeps a copy that a case or an undoable change refers to, and removes one nothing refers to", () => {
    const { store, collect, attach } = setUp();
    const one = store.cases.add(input("KB-1"), { note: null, evidence: [], events: [] }, "t");
    const e = collect();
    attach(one, e);
    const path = storedFilePath(store.path, e.sha256!);
    store.evidence.release([e.sha256!]);
    expect(existsSync(path)).toBe(true); // case #1 uses it
    store.cases.remove(one, "t");
    store.evidence.release([e.sha256!]);
    expect(existsSync(path)).toBe(true); // undo of the removal would bring it back
    expect(store.evidence.unused()).toEqual([{ path, size: 10, heldForUndo: true, partial: false }]);
    store.db.prepare("DELETE FROM changes").run();
    store.evidence.release([e.sha256!]);
    expect(existsSync(path)).toBe(false);
    store.close();
  });
});
