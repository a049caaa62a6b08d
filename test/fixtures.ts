import type { CaseTimeline, Resolution, Stage } from "../src/domain/case/model.js";
import type { NewCase } from "../src/domain/case/records.js";
import { Store } from "../src/store/store.js";

// Values the unit tests build their inputs from, one place for each.

/** A case's timeline: requested on `openedOn`, then `steps`; its stage is the last one's. */
export function timeline(
  resolution: Resolution,
  openedOn: string,
  steps: Array<[Stage, string]> = [],
  closed = false,
): CaseTimeline {
  const all: Array<[Stage, string]> = [["requested", openedOn], ...steps];
  return { resolution, openedOn, stage: all.at(-1)![0], closed, steps: all.map(([stage, on]) => ({ stage, on })) };
}

/**
 * A case as `add` gives it to the store (KB-1, a cap with a flaw, refund, paid by card, 2026-11-01), `fields` over it.
 */
export function newCase(fields: Partial<NewCase> = {}): NewCase {
  return {
    agent: "KakoBuy",
    orderNo: "KB-1",
    item: "cap",
    itemUrl: null,
    seller: null,
    priceMinor: null,
    currency: "CNY",
    defect: "flaw",
    description: "d",
    phase: "qc",
    resolution: "refund",
    payment: "card",
    openedOn: "2026-11-01",
    storedAt: null,
    askMinor: null,
    ...fields,
  };
}

/** The store at `path`, opened to write as a command run on 2026-11-20 opens it. */
export function openStore(path: string, access: "write" | "read" = "write"): Store {
  return Store.open(path, { access, createParent: false, today: "2026-11-20" });
}
