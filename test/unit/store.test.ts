import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeSellerHistory } from "../../src/domain/seller.js";
import { type NewCase, Store, UNDO_DEPTH } from "../../src/store/store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), "kakotrack-store-"));
  dirs.push(dir);
  return Store.open(join(dir, "k.db"), { access: "write", createParent: false, today: "2026-11-20" });
}

const input = (seller: string, openedOn = "2026-11-01"): NewCase => ({
  agent: "KakoBuy", orderNo: "KB-1", item: "cap", itemUrl: null, seller, priceMinor: 100, currency: "CNY", defect: "flaw",
  description: "d", phase: "qc", resolution: "refund", payment: "card", openedOn,
});

describe("store", () => {
  it("keeps the last UNDO_DEPTH changes for undo and drops older snapshots", () => {
    const store = openStore();
    const id = store.addCase(input("Lucky"), { note: null, evidence: [], events: [] }, "2026-11-20T10:00:00");
    for (let i = 0; i < UNDO_DEPTH + 5; i++) {
      store.changeCase(id, { kind: "note", summary: `note ${i}`, events: [{ kind: "note", stage: null, onDate: "2026-11-20", note: `n${i}`, amountMinor: null, data: null }] }, "2026-11-20T10:00:01");
    }
    const journal = store.db.prepare("SELECT count(*) AS n FROM changes").get() as { n: number };
    expect(journal.n).toBe(UNDO_DEPTH);
    expect(store.undoLast()).toBe(`note ${UNDO_DEPTH + 4}`);
    expect(store.getEvents(id).at(-1)!.note).toBe(`n${UNDO_DEPTH + 3}`);
    store.close();
  });

  it("gives seller memory the total and the most recent cases with their steps", () => {
    const store = openStore();
    for (let i = 0; i < 8; i++) store.addCase(input(i % 2 === 0 ? "Lucky Store" : "Other"), { note: null, evidence: [], events: [] }, "2026-11-20T10:00:00");
    store.changeCase(7, { kind: "advance", summary: "a", updates: { stage: "refused" }, events: [{ kind: "stage", stage: "refused", onDate: "2026-11-03", note: null, amountMinor: null, data: null }] }, "2026-11-20T10:00:00");
    const { total, recent } = store.sellerCases("luckystore", 1, 2);
    expect(total).toBe(3);
    expect(recent.map((r) => [r.id, r.steps.map((s) => s.stage)])).toEqual([[7, ["requested", "refused"]], [5, ["requested"]]]);
    store.close();
  });
});

describe("seller line", () => {
  it("says when the figures cover only the most recent cases", () => {
    const h = { cases: 200, refused: 3, late: 40, closed: 190, medianDaysToResolution: 12 };
    expect(describeSellerHistory("Lucky", h, 4061)).toBe("Seller Lucky: 4061 earlier cases; of the last 200, 3 refused, 40 ran late, typically resolved in 12 days.");
    expect(describeSellerHistory("Lucky", { ...h, cases: 2 })).toBe("Seller Lucky: 2 earlier cases, 3 refused, 40 ran late, typically resolved in 12 days.");
  });
});
