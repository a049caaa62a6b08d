import { expect } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// What the money end-to-end files share (issue 16). They are split in files of a few
// processes' worth each: a vitest worker blocked by synchronous process runs for 60 s fails
// the whole run (docs/reliability.md).

/** A spotted case: seen in the QC photos, stored at `stored`, request not sent yet. */
export const spotted = (stored: string, overrides: Record<string, string> = {}) => [
  ...addArgs({ resolution: "refund", payment: "balance", ...overrides }),
  "--stage",
  "spotted",
  "--stored",
  stored,
];

/** Two KakoBuy refunds in CNY and USD into the balance, one CSSBuy refund to the card. */
export async function refunds() {
  const s = sandbox("2026-11-20");
  await s.okHere(addArgs({ order: "KB-1", resolution: "refund", price: "200", date: "2026-11-02" }));
  await s.okHere(addArgs({ order: "KB-2", resolution: "refund", price: "10.25", currency: "USD", date: "2026-11-02" }));
  await s.okHere(
    addArgs({
      order: "CS-3",
      agent: "CSSBuy",
      seller: "Other",
      resolution: "partial-refund",
      price: "80",
      date: "2026-11-02",
    }),
  );
  await s.okHere(["config", "set", "refund-to", "original", "--agent", "CSSBuy"]);
  expect(s.ok(["advance", "1", "refunded", "--date", "2026-11-15"])).toBe(
    "Case #1: requested → refunded on 2026-11-15 (200.00 CNY: the price paid; --amount for another " +
      "amount).\nClosed as refunded.\n" +
      "Refunded to the agent balance (`kakotrack balance` shows what is held; `kakotrack withdraw` records taking " +
      "it out).\n",
  );
  expect(s.ok(["close", "2", "--outcome", "refunded", "--to", "balance"])).toContain(
    "Closed case #2 as refunded on 2026-11-20 (10.25 USD refunded: the price paid; --amount for another " +
      "amount).\nRefunded to the agent balance",
  );
  expect(s.ok(["close", "3", "--outcome", "partially-refunded", "--amount", "30"])).toBe(
    "Closed case #3 as partially-refunded on 2026-11-20 (30.00 CNY refunded).\nRefunded to the original payment.\n",
  );
  return s;
}
