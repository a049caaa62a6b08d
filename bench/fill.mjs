// Fills a kakotrack database with a realistic history of cases for the benchmark. The
// schema, pragmas and application id come from kakotrack itself (its first `add`); the
// rows are then written here in one transaction, shaped exactly as the commands write
// them: `add` (opened event, evidence events, journal entry without a snapshot; a stock-in
// time; `--stage spotted` with a spotted event instead of the opening one), `advance` /
// `refuse` / `escalate` (stage events, amounts on offers and refunds, closing at the end of the
// path with the refund's destination; `requested` for a spotted case; `returned` with the return
// parcel's tracking), `close` (closed event with the outcome and destination in data), `note`,
// `fee`, `refund` (compensation outside the path, on open and closed cases), `withdraw`; every
// change but `add` journals the case as it was before (a withdrawal its id), as undo needs. The
// cases' refund columns are the sums m011's triggers keep, here kept alike for the snapshots.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");

/**
 * The connection and every statement it prepares, kept until the bench exits: Node 24.19+
 * aborts when the collector frees one of better-sqlite3 12's (see `keepMadeObjects` in
 * src/store/open.ts). `exec` makes none.
 */
const made = [];
function keepMade(db) {
  const prepare = db.prepare;
  db.prepare = (sql) => {
    const statement = prepare.call(db, sql);
    made.push(statement);
    return statement;
  };
  made.push(db);
  return db;
}

const PATHS = {
  exchange: ["requested", "agent-reviewed", "seller-confirmed", "replacement-arrived", "new-qc", "approved"],
  refund: ["requested", "agent-reviewed", "seller-agreed", "returned", "refunded"],
  "partial-refund": ["requested", "agent-reviewed", "seller-offered", "agreed", "refunded"],
};
const SELLER_ANSWER = { exchange: 2, refund: 2, "partial-refund": 2 }; // path index of the seller's answer
const CLOSING = { exchange: "exchanged", refund: "refunded", "partial-refund": "partially-refunded" };
const AGENTS = ["KakoBuy", "KakoBuy", "KakoBuy", "KakoBuy", "CSSBuy", "Superbuy", "Mulebuy", "ACBuy"];
const DEFECTS = [
  "flaw",
  "flaw",
  "flaw",
  "wrong-colour",
  "wrong-size",
  "wrong-size",
  "damage",
  "wrong-item",
  "missing-part",
  "other",
];
const PAYMENTS = ["paypal", "paypal", "card", "balance", "other"];
const ITEMS = [
  "grey hoodie",
  "cargo pants",
  "夹克 jacket",
  "running shoes",
  "wool coat",
  "T恤 tee",
  "leather belt",
  "cap",
  "scarf",
  "jeans",
  "卫衣 oversized hoodie",
  "puffer jacket — black, size L",
  "crème knit sweater",
  "运动鞋 sneakers 42",
  "bag 👜",
  "silk shirt",
  "down vest",
  "tracksuit (2 pieces)",
  "wallet",
  "sunglasses",
  "羽绒服 down jacket 175/92A",
];
const DESCRIPTIONS = [
  "stain on the left sleeve",
  "visible flaw in the QC photos",
  "loose thread near the hem",
  "wrong colour, ordered black",
  "size tag says M, ordered L",
  "scratch on the sole",
  "missing the dust bag",
  "logo printed off-centre",
  "zip does not close, see the QC video",
  "box crushed in the warehouse photos",
];
const NOTES = [
  "asked the agent through the ticket form",
  "seller replied on WeChat",
  "agent says 2-3 days",
  "sent the QC photos again",
  "followed up with support",
  "the seller wants new photos",
  "tracking number shared by the seller",
];
const SELLER_WORDS = [
  "Lucky",
  "Golden",
  "Dragon",
  "Star",
  "Panda",
  "Ocean",
  "Royal",
  "Happy",
  "Best",
  "Top",
  "潮流",
  "优品",
  "Moon",
  "Sun",
  "Jade",
];
const SELLER_KINDS = ["Store", "Shop", "Factory", "Outlet", "Studio", "旗舰店", "工厂店", "Boutique"];
const SELLERS = Array.from(
  { length: 500 },
  (_, i) => `${SELLER_WORDS[i % 15]} ${SELLER_KINDS[Math.floor(i / 15) % 8]} ${i + 1}`,
);
const CLOCK = ["09:12:44", "12:30:05", "18:47:21", "21:03:58", "23:15:10"];
const FEES = [
  ["service fee", 500],
  ["domestic return shipping", 1200],
  ["re-ship", 1800],
  ["seller's first shipping", 800],
];
/** Domestic carriers a return parcel goes by (`advance returned --carrier`). */
const CARRIERS = ["SF Express", "ZTO", "YTO", "JD Logistics"];
/** Most agents refund into the buyer's balance on their site (issue 16). */
const destination = () => (chance(0.7) ? "balance" : "original");

// Mulberry32 from a fixed seed, reset for each database: a given size always gives the same cases.
const SEED = 20261120;
let seed = SEED;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const chance = (p) => random() < p;
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
// A few sellers get most of the disputes, as in real orders.
const pickSeller = () => SELLERS[Math.floor(SELLERS.length * random() ** 2)];

const DAY = 86400000;
const toDate = (ms) => new Date(ms).toISOString().slice(0, 10);
const sellerKey = (seller) => seller.toLowerCase().replace(/\s+/gu, "");

/** One case's life, replayed command by command, collecting the rows kakotrack would have written. */
class CaseLife {
  constructor(id, ids, todayMs) {
    this.ids = ids;
    this.todayMs = todayMs;
    this.events = [];
    this.evidence = [];
    this.journal = [];
    this.id = id;
  }

  stamp(ms) {
    return `${toDate(ms)}T${pick(CLOCK)}`;
  }

  event(kind, stage, ms, note, amount, data, recordedAt) {
    this.events.push({
      id: ++this.ids.event,
      caseId: this.id,
      kind,
      stage,
      onDate: toDate(ms),
      recordedAt,
      note,
      amountMinor: amount,
      data,
    });
  }

  /** `add` (with --stage spotted: no opening event until the request, a `spotted` one instead). */
  add(fields, openedMs, note, links, spotted = false) {
    const at = this.stamp(openedMs);
    this.row = {
      id: this.id,
      ...fields,
      openedOn: toDate(openedMs),
      stage: spotted ? "spotted" : "requested",
      offerMinor: null,
      outcome: null,
      refundMinor: null,
      closedOn: null,
      createdAt: at,
      updatedAt: at,
      storedAt: fields.storedAt,
      refundTo: null,
      askMinor: fields.askMinor ?? null,
      returnTracking: null,
      returnCarrier: null,
    };
    this.balanceRefundMinor = 0;
    if (spotted) this.event("spotted", null, openedMs, note, null, null, at);
    else this.event("opened", "requested", openedMs, note, null, null, at);
    for (const url of links) {
      this.evidence.push({
        id: ++this.ids.evidence,
        caseId: this.id,
        kind: "url",
        sha256: null,
        name: url,
        size: null,
        url,
        addedOn: toDate(openedMs),
        recordedAt: at,
      });
      this.event("evidence", null, openedMs, url, null, null, at);
    }
    this.journal.push({
      id: ++this.ids.change,
      kind: "add",
      summary: `add of case #${this.id}`,
      before: null,
      recordedAt: at,
    });
  }

  /** A journalled change: the snapshot is taken before the updates, as Store.changeCase does. */
  change(kind, summary, ms, updates, event, refundTo = null, at = this.stamp(ms)) {
    const before = JSON.stringify({ case: this.row, events: this.events, evidence: this.evidence });
    Object.assign(this.row, updates, { updatedAt: at });
    // A refund event adds to the case's refunds, as m011's triggers count them.
    if (event.amount !== null && (event.kind === "closed" || event.kind === "refund" || event.stage === "refunded")) {
      Object.assign(this.row, { refundMinor: (this.row.refundMinor ?? 0) + event.amount, refundTo });
      if (refundTo === "balance") this.balanceRefundMinor += event.amount;
    }
    this.event(event.kind, event.stage, ms, event.note, event.amount, event.data, at);
    this.journal.push({ id: ++this.ids.change, kind, summary, before, recordedAt: at });
  }

  /** `advance <id> <stage>` (also refuse/escalate): the amount rules of advance.ts stageAmount. */
  advance(stage, ms, given) {
    const resolution = this.row.resolution;
    const path = PATHS[resolution];
    let amount = null;
    if (stage === "seller-offered") amount = given;
    // agreed takes the latest offer on the table, the seller's or the buyer's counter (moves.ts lastOffer).
    else if (stage === "agreed") amount = given ?? this.latestOffer ?? this.row.offerMinor;
    // A refund with neither offer nor price needs --amount (moves.ts stageAmount). Issue 24's
    // additions take their choices from the case id, not the random stream, so the cases the
    // benchmark measured before stay the same cases.
    else if (stage === "refunded")
      amount =
        (resolution === "partial-refund" ? this.row.offerMinor : (this.row.offerMinor ?? this.row.priceMinor)) ??
        3000 + (this.id % 37) * 1000;
    const updates = { stage };
    if (stage === "seller-offered") this.latestOffer = amount;
    const refundTo = stage === "refunded" ? destination() : null;
    if (stage === "seller-offered" || stage === "agreed") updates.offerMinor = amount;
    if (stage === "returned" && this.id % 10 < 7)
      Object.assign(updates, {
        returnTracking: `SF${1400000000 + this.id}`,
        returnCarrier: this.id % 5 < 2 ? null : CARRIERS[this.id % CARRIERS.length],
      });
    if (stage === path[path.length - 1]) Object.assign(updates, { outcome: CLOSING[resolution], closedOn: toDate(ms) });
    const note = chance(0.15) ? pick(NOTES) : null;
    const data = refundTo === null ? null : JSON.stringify({ to: refundTo });
    this.change(
      "advance",
      `advance of case #${this.id} (${this.row.stage} → ${stage})`,
      ms,
      updates,
      { kind: "stage", stage, note, amount, data },
      refundTo,
    );
  }

  /** `refund <id> AMOUNT`: money outside the path (compensation), on an open or closed case. */
  refund(ms) {
    const minor = 500 + (this.id % 26) * 100;
    const refundTo = this.id % 10 < 7 ? "balance" : "original";
    this.change(
      "refund",
      `refund of ${(minor / 100).toFixed(2)} ${this.row.currency} on case #${this.id}`,
      ms,
      {},
      {
        kind: "refund",
        stage: null,
        note: this.id % 2 === 0 ? "compensation" : null,
        amount: minor,
        data: JSON.stringify({ to: refundTo }),
      },
      refundTo,
      `${toDate(ms)}T${CLOCK[this.id % CLOCK.length]}`, // not from the random stream (see advance)
    );
  }

  /** `reject <id>`: the replacement failed QC; a new round of the exchange from ms (round-moves.ts). */
  reject(ms) {
    const round = this.events.filter((e) => e.kind === "round").length + 2;
    const data = JSON.stringify({ round, ended: "rejected", from: "exchange", to: "exchange" });
    this.change(
      "reject",
      `rejection of case #${this.id}'s replacement (round ${round} from ${toDate(ms)})`,
      ms,
      { stage: "requested" },
      { kind: "round", stage: "requested", note: null, amount: null, data },
    );
  }

  /** `counter <id> AMOUNT`: the buyer's counter-offer; the case stays at seller-offered. */
  counter(ms, amount) {
    this.latestOffer = amount;
    this.change(
      "counter",
      `counter-offer on case #${this.id} (${(amount / 100).toFixed(2)} ${this.row.currency})`,
      ms,
      {},
      {
        kind: "counter",
        stage: "seller-offered",
        note: null,
        amount,
        data: null,
      },
    );
  }

  /** `advance <id> requested` on a spotted case: day 0 and its opening event. */
  request(ms) {
    this.change(
      "advance",
      `request of case #${this.id} (spotted → requested, day 0 ${toDate(ms)})`,
      ms,
      { stage: "requested", openedOn: toDate(ms) },
      { kind: "opened", stage: "requested", note: null, amount: null, data: null },
    );
  }

  /** `fee <id> <amount> --what ...`: a fee event in the case currency. */
  fee(ms) {
    const [what, minor] = pick(FEES);
    this.change(
      "fee",
      `fee of ${(minor / 100).toFixed(2)} ${this.row.currency} on case #${this.id}`,
      ms,
      {},
      { kind: "fee", stage: null, note: what, amount: minor, data: null },
    );
  }

  /** `close <id> --outcome ...`: refunds default to the price or the offer, as close.ts does. */
  close(outcome, ms) {
    let amount = null;
    if (outcome === "refunded") amount = this.row.priceMinor ?? between(30, 400) * 100;
    if (outcome === "partially-refunded") amount = this.row.offerMinor ?? between(10, 100) * 100;
    const refundTo = amount === null ? null : destination();
    this.change(
      "close",
      `closing of case #${this.id} as ${outcome}`,
      ms,
      { outcome, closedOn: toDate(ms) },
      {
        kind: "closed",
        stage: null,
        note: chance(0.2) ? pick(NOTES) : null,
        amount,
        data: JSON.stringify(refundTo === null ? { outcome } : { outcome, to: refundTo }),
      },
      refundTo,
    );
  }

  note(ms) {
    this.change(
      "note",
      `note on case #${this.id}`,
      ms,
      {},
      { kind: "note", stage: null, note: pick(NOTES), amount: null, data: null },
    );
  }
}

/** The days between one step and the next, never past today. */
function later(life, ms, lo, hi) {
  return Math.min(life.todayMs, ms + between(lo, hi) * DAY);
}

function replay(life, open, openedMs, n) {
  const resolution = pick(["exchange", "exchange", "exchange", "refund", "refund", "partial-refund"]);
  const path = PATHS[resolution];
  const agent = pick(AGENTS);
  const seller = chance(0.9) ? pickSeller() : null;
  const price = chance(0.85) ? between(2900, 89900) : null;
  const item = pick(ITEMS);
  // Stock-in a day or three before the request, on the hour or not; unknown for a third of the cases.
  const storedAt = chance(0.66)
    ? `${toDate(openedMs - between(0, 3) * DAY)}T${String(between(0, 23)).padStart(2, "0")}:${pick(["00", "25", "40"])}`
    : null;
  // A few recent open cases are only spotted: the request not sent yet (some of them sent later).
  const spotted = open && openedMs > life.todayMs - 6 * DAY && chance(0.2);
  life.add(
    {
      agent,
      orderNo: `${agent === "KakoBuy" ? "KB" : agent.slice(0, 2).toUpperCase()}-${2024000000 + n}`,
      item: chance(0.1) ? `${item} ${pick(['oversized, "boxy"', "v2", "(gift)", "ﾌﾞﾗｯｸ"])}` : item,
      itemUrl: chance(0.6) ? `https://item.taobao.com/item.htm?id=${6000000000 + n * 7}` : null,
      seller,
      priceMinor: price,
      currency: chance(0.95) ? "CNY" : "USD",
      defect: pick(DEFECTS),
      description: pick(DESCRIPTIONS),
      phase: chance(0.85) ? "qc" : "shipped",
      resolution,
      payment: pick(PAYMENTS),
      storedAt,
      // The partial refund asked for (`add --ask`): no draw, so the cases stay those of earlier runs.
      askMinor: resolution === "partial-refund" && price !== null ? Math.round(price * 0.4) : null,
    },
    openedMs,
    chance(0.25) ? pick(NOTES) : null,
    chance(0.3) ? Array.from({ length: between(1, 2) }, (_, k) => `https://imgur.com/a/kb${n}x${k}`) : [],
    spotted,
  );
  if (spotted) {
    if (chance(0.5)) return;
    life.request((openedMs = later(life, openedMs, 0, 2)));
  }
  // Seller key is a stored column that CaseRow (and so the snapshots) does not carry.
  life.sellerKey = seller === null ? null : sellerKey(seller);

  const last = path.length - 1;
  // Closed cases mostly ran to the end of their path. Open ones go as far as their age
  // allows, unless they stalled on the way (those are the late ones status is for).
  const reach = open ? last - 1 : chance(0.75) ? last : between(1, last - 1);
  const offer = price === null ? between(10, 150) * 100 : Math.round((price * between(15, 50)) / 100);
  let ms = openedMs;
  let round = 1;
  for (let i = 1; i <= reach; i++) {
    if (open && (ms + 3 * DAY > life.todayMs || chance(0.15))) break;
    ms = later(life, ms, 0, 5);
    if (i === SELLER_ANSWER[resolution] && chance(0.12)) {
      life.advance("refused", ms);
      if (chance(0.5)) life.advance("escalated", (ms = later(life, ms, 1, 3)));
      break;
    }
    const counter = path[i] === "agreed" && chance(0.2) ? Math.round(offer * 1.2) : undefined;
    life.advance(path[i], ms, path[i] === "seller-offered" ? offer : counter);
    // Issue 24: a replacement that fails QC again starts round 2; an offer the buyer counters.
    if (path[i] === "new-qc" && life.row.stage === "new-qc" && round === 1 && chance(0.15)) {
      life.reject((ms = later(life, ms, 0, 2)));
      round = 2;
      i = 0;
      continue;
    }
    if (path[i] === "seller-offered" && chance(0.3))
      life.counter((ms = later(life, ms, 0, 3)), Math.round(offer * 1.5));
    if (chance(0.05)) life.note((ms = later(life, ms, 0, 2)));
    if (chance(0.04)) life.fee((ms = later(life, ms, 0, 2)));
  }
  // Compensation on an exchange, open or closed (`kakotrack refund`).
  const compensated = resolution === "exchange" && n % 20 === 7;
  const compensation = (from) => Math.min(life.todayMs, from + (n % 4) * DAY);
  if (open) {
    if (life.row.stage !== "escalated" && life.row.stage !== "refused" && chance(0.04))
      life.advance("escalated", later(life, ms, 2, 6));
    if (compensated) life.refund(compensation(ms));
    return;
  }
  if (life.row.outcome !== null) return;
  const outcomes =
    life.row.stage === "refused" || life.row.stage === "escalated"
      ? ["cancelled", "accepted-as-is", "accepted-as-is", CLOSING[resolution], "lost"]
      : [CLOSING[resolution], CLOSING[resolution], "accepted-as-is", "cancelled"];
  let outcome = pick(outcomes);
  if (outcome === "partially-refunded" && life.row.offerMinor === null) outcome = "accepted-as-is";
  life.close(outcome, (ms = later(life, ms, 0, 4)));
  if (compensated) life.refund(compensation(ms));
}

/**
 * Sellers for `add` and `show`: a typical one (the median number of cases) and the busiest
 * (seller memory reads every earlier case of the seller), each with an open case.
 */
function sellersOf(db) {
  const counts = db
    .prepare("SELECT seller_key, count(*) AS n FROM cases WHERE seller_key IS NOT NULL GROUP BY seller_key ORDER BY n")
    .all();
  const median = counts[Math.floor(counts.length / 2)].n;
  const openCase = db.prepare(
    `SELECT c.id, c.seller, s.n FROM cases c JOIN (SELECT seller_key, count(*) AS n FROM cases GROUP BY seller_key) s USING (seller_key)
     WHERE c.outcome IS NULL ORDER BY abs(s.n - ?), c.id DESC LIMIT 1`,
  );
  const describe = (row) => ({ showId: row.id, seller: row.seller, cases: row.n });
  return { typical: describe(openCase.get(median)), busiest: describe(openCase.get(counts[counts.length - 1].n)) };
}

/**
 * Creates the database at `path` with kakotrack's own `add`, then adds cases of the usual mix
 * until it holds `size.cases` cases, or `size.open` open ones (about five cases for each: a busy
 * haul, a reseller). Returns the numbers of cases and open cases and the sellers for `add` and
 * `show` (sellersOf).
 */
export function fillDatabase(path, size, bin, env, today) {
  seed = SEED;
  const first = spawnSync(
    process.execPath,
    [
      bin,
      "add",
      "--yes",
      "--order",
      "KB-1",
      "--item",
      "grey hoodie",
      "--defect",
      "flaw",
      "--description",
      "stain on the left sleeve",
      "--resolution",
      "exchange",
      "--payment",
      "paypal",
    ],
    {
      env: { ...env, KAKOTRACK_DB: path },
      encoding: "utf8",
    },
  );
  if (first.status !== 0)
    throw new Error(`kakotrack add could not create the database (exit ${first.status}): ${first.stderr.trim()}`);

  const db = keepMade(new Database(path));
  db.exec("PRAGMA synchronous = OFF"); // building a fixture: a crash only loses the fixture
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const max = (table) => db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get();
  const ids = { event: max("events"), evidence: max("evidence"), change: max("changes") };
  const insertCase = db.prepare(
    `INSERT INTO cases (id, agent, order_no, item, item_url, seller, seller_key, price_minor, currency, defect, description, phase,
       resolution, payment, opened_on, stage, offer_minor, outcome, refund_minor, closed_on, created_at, updated_at, stored_at, refund_to,
       ask_minor, return_tracking, return_carrier)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertWithdrawal = db.prepare(
    "INSERT INTO withdrawals (id, agent, currency, amount_minor, untracked_minor, on_date, note, recorded_at) " +
      "VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
  );
  const insertEvent = db.prepare(
    "INSERT INTO events (id, case_id, kind, stage, on_date, recorded_at, note, amount_minor, data) VALUES (?, ?, " +
      "?, ?, ?, ?, ?, ?, ?)",
  );
  const insertEvidence = db.prepare(
    "INSERT INTO evidence (id, case_id, kind, sha256, name, size, url, added_on, recorded_at) VALUES (?, ?, ?, ?, " +
      "?, ?, ?, ?, ?)",
  );
  const insertChange = db.prepare(
    "INSERT INTO changes (id, kind, case_id, summary, before, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
  );

  // Open cases are mostly recent, a few forgotten for months; closed ones span two years.
  // Ids follow the opening dates, as they do when cases are recorded as they happen.
  // The same draws either way, so `{ cases: n }` gives the cases it always gave.
  const plan = [];
  let planned = 1; // open cases so far, kakotrack's own first case included
  while (size.open === undefined ? plan.length < size.cases - 1 : planned < size.open) {
    const open = chance(0.2);
    const age = open ? (chance(0.85) ? between(0, 30) : between(31, 180)) : between(10, 730);
    plan.push({ open, openedMs: todayMs - age * DAY });
    if (open) planned++;
  }
  plan.sort((a, b) => a.openedMs - b.openedMs);

  let open = 1; // kakotrack's own first case
  const held = new Map(); // refunds into each agent balance, by agent and currency
  const firstId = max("cases") + 1;
  db.transaction(() => {
    plan.forEach((p, k) => {
      const life = new CaseLife(firstId + k, ids, todayMs);
      replay(life, p.open, p.openedMs, firstId + k);
      const r = life.row;
      insertCase.run(
        r.id,
        r.agent,
        r.orderNo,
        r.item,
        r.itemUrl,
        r.seller,
        life.sellerKey,
        r.priceMinor,
        r.currency,
        r.defect,
        r.description,
        r.phase,
        r.resolution,
        r.payment,
        r.openedOn,
        r.stage,
        r.offerMinor,
        r.outcome,
        r.refundMinor,
        r.closedOn,
        r.createdAt,
        r.updatedAt,
        r.storedAt,
        r.refundTo,
        r.askMinor,
        r.returnTracking,
        r.returnCarrier,
      );
      if (life.balanceRefundMinor > 0) {
        const key = `${r.agent}\u0000${r.currency}`;
        held.set(key, (held.get(key) ?? 0) + life.balanceRefundMinor);
      }
      for (const e of life.events)
        insertEvent.run(e.id, e.caseId, e.kind, e.stage, e.onDate, e.recordedAt, e.note, e.amountMinor, e.data);
      for (const e of life.evidence)
        insertEvidence.run(e.id, e.caseId, e.kind, e.sha256, e.name, e.size, e.url, e.addedOn, e.recordedAt);
      for (const c of life.journal) insertChange.run(c.id, c.kind, r.id, c.summary, c.before, c.recordedAt);
      if (r.outcome === null) open++;
    });
    // `withdraw`: most of each agent balance taken out over a few withdrawals, each journalled.
    let withdrawalId = 0;
    for (const [key, minor] of held) {
      const [agent, currency] = key.split("\u0000");
      let left = Math.floor(minor * 0.7);
      for (let k = 0; k < 3 && left > 0; k++) {
        const amount = k === 2 ? left : Math.floor(left * random());
        if (amount === 0) continue;
        left -= amount;
        const ms = todayMs - between(1, 300) * DAY;
        const at = `${toDate(ms)}T${pick(CLOCK)}`;
        insertWithdrawal.run(++withdrawalId, agent, currency, amount, toDate(ms), chance(0.5) ? "to PayPal" : null, at);
        insertChange.run(
          ++ids.change,
          "withdraw",
          null,
          `withdrawal of ${(amount / 100).toFixed(2)} ${currency} from ${agent}`,
          JSON.stringify({ withdrawalIds: [withdrawalId] }),
          at,
        );
      }
    }
    // kakotrack keeps only the last UNDO_DEPTH (1,000) changes; so does the fixture.
    db.prepare("DELETE FROM changes WHERE id <= (SELECT max(id) FROM changes) - 1000").run();
  })();
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const sellers = sellersOf(db);
  db.close();
  return { cases: plan.length + 1, open, ...sellers };
}
