// Fills a kakotrack database with a realistic mix of cases for the benchmark: the schema
// comes from kakotrack itself (its first `add`), the rows are inserted here in one
// transaction, shaped exactly as kakotrack writes them.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");

const PATHS = {
  exchange: ["requested", "agent-reviewed", "seller-confirmed", "replacement-arrived", "new-qc", "approved"],
  refund: ["requested", "agent-reviewed", "seller-agreed", "returned", "refunded"],
  "partial-refund": ["requested", "agent-reviewed", "seller-offered", "agreed", "refunded"],
};
const CLOSING = { exchange: "exchanged", refund: "refunded", "partial-refund": "partially-refunded" };
const AGENTS = ["KakoBuy", "KakoBuy", "KakoBuy", "CSSBuy", "Superbuy", "Mulebuy"];
const DEFECTS = ["flaw", "wrong-colour", "wrong-size", "damage", "wrong-item", "missing-part", "other"];
const ITEMS = ["grey hoodie", "cargo pants", "夹克 jacket", "running shoes", "wool coat", "T恤 tee", "leather belt", "cap", "scarf", "jeans"];
const PAYMENTS = ["paypal", "card", "balance"];

// A fixed seed: every run builds the same database.
let seed = 20261120;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const DAY = 86400000;
const toDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Returns the id of an open case (for `show`) and the number of open cases. */
export function fillDatabase(path, size, bin, env, today) {
  const first = spawnSync(process.execPath, [bin, "add", "--yes", "--order", "SEED-1", "--item", "seed", "--defect", "flaw",
    "--description", "seed case", "--resolution", "exchange", "--payment", "card"], { env: { ...env, KAKOTRACK_DB: path }, encoding: "utf8" });
  if (first.status !== 0) throw new Error(`creating the database failed: ${first.stderr}`);
  const db = new Database(path);
  db.pragma("synchronous = OFF"); // only for building the fixture
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const insertCase = db.prepare(
    `INSERT INTO cases (agent, order_no, item, item_url, seller, seller_key, price_minor, currency, defect, description, phase,
       resolution, payment, opened_on, stage, offer_minor, outcome, refund_minor, closed_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    "INSERT INTO events (case_id, kind, stage, on_date, recorded_at, note, amount_minor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const journal = db.prepare("INSERT INTO changes (kind, case_id, summary, before, recorded_at) VALUES ('add', ?, ?, NULL, ?)");
  let open = 1; // the seed case
  let openId = 1;
  db.transaction(() => {
    for (let n = 1; n < size; n++) {
      const isOpen = random() < 0.2;
      const resolution = pick(["exchange", "exchange", "refund", "partial-refund"]);
      const path = PATHS[resolution];
      // Open cases are recent; closed ones spread over two years.
      const openedMs = todayMs - Math.floor(random() * (isOpen ? 30 : 700)) * DAY - (isOpen ? 0 : 30 * DAY);
      const opened = toDate(openedMs);
      const seller = `Store ${Math.floor(random() * 500)}`;
      const price = 2000 + Math.floor(random() * 50000);
      const steps = [{ stage: "requested", on: openedMs }];
      const reach = isOpen ? Math.floor(random() * (path.length - 1)) : path.length - 1 - Math.floor(random() * 2);
      let at = openedMs;
      for (let i = 1; i <= reach; i++) {
        at = Math.min(todayMs, at + (1 + Math.floor(random() * 4)) * DAY);
        steps.push({ stage: path[i], on: at });
      }
      const side = random();
      if (side < 0.08 && reach < 2) {
        at = Math.min(todayMs, at + 2 * DAY);
        steps.push({ stage: "refused", on: at });
        if (side < 0.04) steps.push({ stage: "escalated", on: Math.min(todayMs, at + DAY) });
      }
      const stage = steps[steps.length - 1].stage;
      const closedAtEnd = !isOpen && stage === path[path.length - 1];
      const outcome = isOpen ? null : closedAtEnd ? CLOSING[resolution] : pick(["accepted-as-is", "cancelled", CLOSING[resolution]]);
      const offer = resolution === "partial-refund" && steps.some((s) => s.stage === "seller-offered") ? Math.floor(price / 4) : null;
      const refund = outcome === "refunded" ? price : outcome === "partially-refunded" ? (offer ?? Math.floor(price / 4)) : null;
      const closedOn = outcome === null ? null : toDate(Math.min(todayMs, at + DAY));
      const stamp = `${opened}T10:00:00`;
      const info = insertCase.run(
        pick(AGENTS), `KB-${100000 + n}`, `${pick(ITEMS)} ${n % 7 === 0 ? "oversized, \"boxy\"" : ""}`.trim(),
        n % 3 === 0 ? `https://item.taobao.com/item.htm?id=${n}` : null, seller, seller.toLowerCase().replace(/\s+/g, ""), price,
        pick(DEFECTS), n % 5 === 0 ? "stain on the left sleeve and a loose thread near the hem" : "visible flaw in the QC photos",
        random() < 0.9 ? "qc" : "shipped", resolution, pick(PAYMENTS), opened, stage, offer, outcome, refund, closedOn, stamp, stamp,
      );
      const id = Number(info.lastInsertRowid);
      insertEvent.run(id, "opened", "requested", opened, stamp, n % 4 === 0 ? "asked the agent through the ticket form" : null, null, null);
      for (const s of steps.slice(1)) {
        const amount = s.stage === "seller-offered" || s.stage === "agreed" ? offer : s.stage === "refunded" ? refund : null;
        insertEvent.run(id, "stage", s.stage, toDate(s.on), `${toDate(s.on)}T12:00:00`, null, amount, null);
      }
      if (outcome !== null && !closedAtEnd) {
        insertEvent.run(id, "closed", null, closedOn, `${closedOn}T12:00:00`, null, refund, JSON.stringify({ outcome }));
      }
      journal.run(id, `add of case #${id}`, stamp);
      if (isOpen) {
        open++;
        openId = id;
      }
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { openId, open };
}
