import { describeSellerHistory, sellerHistory } from "../domain/seller.js";
import { sellerKey } from "../store/store.js";
import { sanitize } from "../ui/sanitize.js";
import { type Session, timelineOf } from "./session.js";

/** One line on what earlier cases with this seller did, or null when there is no seller. */
export function sellerMemory(session: Session, seller: string | null, exceptId: number): string | null {
  const key = sellerKey(seller);
  if (key === null) return null;
  const cases = session.store.casesBySeller(key, exceptId).map((row) => ({
    timeline: timelineOf(row, session.store),
    closedOn: row.closedOn,
  }));
  const history = sellerHistory(cases, session.ctx.today, session.calendar, session.settings);
  return describeSellerHistory(sanitize(seller!), history);
}
