import { standingOn } from "../../domain/case/as-of.js";
import { sellerKey, toTimeline } from "../../domain/case/records.js";
import { describeSellerHistory, sellerHistory } from "../../domain/reports/seller.js";
import { sanitize } from "../../ui/sanitize.js";
import type { Session } from "./session.js";

/** Earlier cases judged for lateness and speed: the recent ones say most about a seller now. */
export const SELLER_MEMORY_CASES = 50;

/**
 * One line on what the seller's cases opened before this one did, judged on `asOf` (today
 * for add), or null when there is no seller.
 */
export function sellerMemory(
  session: Session,
  c: { id: number; seller: string | null; openedOn: string },
  asOf = session.ctx.today,
): string | null {
  const key = sellerKey(c.seller);
  if (key === null) return null;
  const { total, recent } = session.store.cases.ofSeller(key, c, SELLER_MEMORY_CASES);
  const cases = recent.flatMap((row) => {
    const then = standingOn(row, row.steps, asOf); // as they stood on asOf, like the case itself
    return then === null ? [] : [{ timeline: toTimeline(then.record, then.steps), closedOn: then.record.closedOn }];
  });
  const history = sellerHistory(cases, asOf, session.calendar, session.settings);
  return describeSellerHistory(sanitize(c.seller!), history, total);
}
