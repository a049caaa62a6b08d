import { canonicalAgent, duplicateKey } from "../domain/case/agents.js";

/**
 * Append-only schema history: a mistake gets a new step, never an edit, so a fresh
 * database and an old one end in the same shape. PRAGMA user_version = steps applied.
 */
export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: "m001_initial",
    sql: `
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        agent TEXT NOT NULL,
        order_no TEXT NOT NULL,
        item TEXT NOT NULL,
        item_url TEXT,
        seller TEXT,
        seller_key TEXT,
        price_minor INTEGER,
        currency TEXT NOT NULL,
        defect TEXT NOT NULL,
        description TEXT NOT NULL,
        phase TEXT NOT NULL,
        resolution TEXT NOT NULL,
        payment TEXT NOT NULL,
        opened_on TEXT NOT NULL,
        stage TEXT NOT NULL,
        offer_minor INTEGER,
        outcome TEXT,
        refund_minor INTEGER,
        closed_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cases_open ON cases (id) WHERE outcome IS NULL;
      CREATE INDEX cases_seller ON cases (seller_key);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        stage TEXT,
        on_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        note TEXT,
        amount_minor INTEGER,
        data TEXT
      );
      CREATE INDEX events_case ON events (case_id, id);
      CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        sha256 TEXT,
        name TEXT NOT NULL,
        size INTEGER,
        url TEXT,
        added_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX evidence_case ON evidence (case_id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      -- One row a user-visible change, with the case as it was before, for undo.
      CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        case_id INTEGER,
        summary TEXT NOT NULL,
        before TEXT,
        recorded_at TEXT NOT NULL
      );
      -- What an interrupted interactive add had typed, offered back by the next add.
      CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        data TEXT NOT NULL,
        saved_at TEXT NOT NULL
      );
    `,
  },
  {
    // A random identity per database: calendar feeds use it in their event UIDs, so
    // entries from two databases never collide in one calendar.
    name: "m002_database_id",
    sql: `INSERT OR IGNORE INTO settings (key, value) VALUES ('database-id', lower(hex(randomblob(16))));`,
  },
  {
    // status reads every open case and its stage history: indexes holding exactly the
    // columns it uses answer from the index alone, without visiting the wide rows
    // (docs/performance.md).
    name: "m003_status_indexes",
    sql: `
      CREATE INDEX cases_open_status ON cases (id, agent, order_no, item, seller, resolution, stage, opened_on, outcome)
        WHERE outcome IS NULL;
      DROP INDEX cases_open;
      CREATE INDEX events_steps ON events (case_id, id, kind, stage, on_date) WHERE stage IS NOT NULL;
    `,
  },
  {
    // Seller memory reads a seller's recent cases: with the columns it judges in the index,
    // it never visits the wide case rows spread over the file.
    name: "m004_seller_index",
    sql: `
      DROP INDEX cases_seller;
      CREATE INDEX cases_seller ON cases (seller_key, id, resolution, stage, opened_on, outcome, closed_on);
    `,
  },
  {
    // status judged each open case from its stage events, found one index search per case
    // across the file: 40% of its time at 10,000 cases. Each case now carries its steps after
    // the opening one ("stage YYYY-MM-DD,..." in order), kept by triggers on every change to
    // events (add, advance, undo, import, rm), in the open cases' index (docs/performance.md).
    name: "m005_case_steps",
    sql: `
      ALTER TABLE cases ADD COLUMN steps TEXT NOT NULL DEFAULT '';
      UPDATE cases SET steps = ${stepsOf("cases.id")};
${stepsTriggers(stepsOf)}
      DROP INDEX cases_open_status;
      CREATE INDEX cases_open_status ON cases (id, resolution, stage, opened_on, steps, agent, order_no, item, seller,
        outcome)
        WHERE outcome IS NULL;
    `,
  },
  {
    // Issue 16: the stock-in time the return window counts from (local YYYY-MM-DDTHH:MM), where
    // each refund went (balance or original), and withdrawals from agent balances. status reads
    // a spotted case's stock-in time from the open cases' index, and the money held from a
    // partial index of the refunds into a balance; `untracked_minor` is the part of a forced
    // withdrawal above what kakotrack knew was held (money that reached the balance another way).
    name: "m006_return_window_and_money",
    sql: `
      ALTER TABLE cases ADD COLUMN stored_at TEXT;
      ALTER TABLE cases ADD COLUMN refund_to TEXT;
      DROP INDEX cases_open_status;
      CREATE INDEX cases_open_status ON cases (id, resolution, stage, opened_on, steps, agent, order_no, item, seller,
        outcome, stored_at)
        WHERE outcome IS NULL;
      CREATE INDEX cases_refund_balance ON cases (agent, currency, refund_minor) WHERE refund_to = 'balance';
      CREATE INDEX events_fees ON events (case_id, amount_minor) WHERE kind = 'fee';
      CREATE TABLE withdrawals (
        id INTEGER PRIMARY KEY,
        agent TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        untracked_minor INTEGER NOT NULL DEFAULT 0 CHECK (untracked_minor BETWEEN 0 AND amount_minor),
        on_date TEXT NOT NULL,
        note TEXT,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX withdrawals_agent ON withdrawals (agent, currency, amount_minor, untracked_minor);
    `,
  },
  {
    // add refuses a second open case of the same agent, order and item (cases.openDuplicate):
    // without an index on the order number that check scanned every open case, 26 ms of each
    // add at 100,000 cases.
    name: "m007_open_order_index",
    sql: `CREATE INDEX cases_open_order ON cases (order_no) WHERE outcome IS NULL;`,
  },
  {
    // Issue 27: what `notify` has sent, per alert (case, deadline, flag) and channel, so each is
    // sent once. A row with a lease and no sent_at is claimed by a run that is sending it now;
    // a crashed run's lease expires. Bookkeeping: no foreign key (rows of a removed case are
    // cleared by the next run) and not journalled for undo.
    name: "m008_notifications",
    sql: `
      CREATE TABLE notifications (
        case_id INTEGER NOT NULL,
        deadline TEXT NOT NULL,
        flag TEXT NOT NULL,
        channel TEXT NOT NULL,
        sent_at TEXT,
        lease_owner TEXT,
        lease_until TEXT,
        PRIMARY KEY (case_id, deadline, flag, channel)
      ) WITHOUT ROWID;
      `,
  },
  {
    // Issue 24: the partial refund the buyer asks for, and rounds and counter-offers in cases.steps.
    // A round's `requested` step is kept as "requested@<resolution it ended>", a counter-offer as
    // "seller-offered@counter", so status tells them from the case's steps alone
    // (docs/design.md section 2.9). No older kakotrack wrote either kind: no row needs rewriting.
    name: "m009_rounds_and_offers",
    sql: `
      ALTER TABLE cases ADD COLUMN ask_minor INTEGER;
      DROP TRIGGER events_steps_insert;
      DROP TRIGGER events_steps_delete;
      DROP TRIGGER events_steps_update;
${stepsTriggers(markedStepsOf)}
      `,
  },
  {
    // Issue 26 item 3, names that match: the duplicate guard compares agent, order and item
    // trimmed, ignoring case and runs of spaces, by a key kept on write (dup_key) and indexed for
    // the open cases, so add's check stays one index search (it replaces m007's order index).
    // A known agent's variants ("Kako Buy", "kakobuy") become its own spelling in cases,
    // withdrawals and per-agent settings (KEY@AGENT; where the canonical key is already set, it
    // wins and the variant's row goes: the copy written before migrating keeps it).
    name: "m010_names_that_match",
    sql: `
      UPDATE cases SET agent = kakotrack_agent(agent) WHERE agent <> kakotrack_agent(agent);
      UPDATE withdrawals SET agent = kakotrack_agent(agent) WHERE agent <> kakotrack_agent(agent);
      UPDATE OR IGNORE settings
        SET key = substr(key, 1, instr(key, '@')) || kakotrack_agent(substr(key, instr(key, '@') + 1))
        WHERE instr(key, '@') > 0
          AND substr(key, instr(key, '@') + 1) <> kakotrack_agent(substr(key, instr(key, '@') + 1));
      DELETE FROM settings
        WHERE instr(key, '@') > 0
          AND substr(key, instr(key, '@') + 1) <> kakotrack_agent(substr(key, instr(key, '@') + 1));
      ALTER TABLE cases ADD COLUMN dup_key TEXT;
      UPDATE cases SET dup_key = kakotrack_dup_key(agent, order_no, item);
      DROP INDEX cases_open_order;
      CREATE INDEX cases_open_dup ON cases (dup_key) WHERE outcome IS NULL;
    `,
  },
  {
    // Issue 24 items 4 and 5. Every refund is a record: an event carrying a refund's amount (a
    // `refunded` step, a refund closing, the `refund` command), which reopen no longer erases. A
    // case keeps their sum (refund_minor), the latest one's destination (refund_to) and the sum
    // of those into the agent balance (balance_refund_minor), kept by triggers on events as m005
    // keeps steps, so existing refunds (a reopened case's too) count at once and status reads the
    // money held from a partial index as before; m006's index summed only the latest refund.
    // Also the domestic return parcel's tracking number and carrier. The triggers read the sums from
    // one view: SQLite parses the schema at every open, and three copies of them cost each start.
    name: "m011_refund_records_and_return_parcel",
    sql: `
      ALTER TABLE cases ADD COLUMN balance_refund_minor INTEGER;
      ALTER TABLE cases ADD COLUMN return_tracking TEXT;
      ALTER TABLE cases ADD COLUMN return_carrier TEXT;
      CREATE INDEX events_refunds ON events (case_id, on_date, amount_minor) WHERE ${refundEvent()};
      -- A case's refunds summed: the sum, the latest one's destination (the row of max(id)), the sum into a balance.
      CREATE VIEW case_refunds AS
        SELECT case_id, sum(amount_minor) AS total, max(id) AS latest, ${refundDestination()} AS latest_to,
          sum(CASE WHEN ${refundDestination()} = 'balance' THEN amount_minor END) AS balance
        FROM events WHERE ${refundEvent()} GROUP BY case_id;
      UPDATE cases SET ${refundSums("cases.id")};
      DROP INDEX cases_refund_balance;
      CREATE INDEX cases_balance_refunds ON cases (agent, currency, balance_refund_minor)
        WHERE balance_refund_minor IS NOT NULL;
      CREATE TRIGGER events_refunds_insert AFTER INSERT ON events WHEN ${refundEvent("NEW")}
      BEGIN UPDATE cases SET ${refundSums("NEW.case_id")} WHERE id = NEW.case_id; END;
      CREATE TRIGGER events_refunds_delete AFTER DELETE ON events WHEN ${refundEvent("OLD")}
      BEGIN UPDATE cases SET ${refundSums("OLD.case_id")} WHERE id = OLD.case_id; END;
      CREATE TRIGGER events_refunds_update AFTER UPDATE ON events WHEN ${refundEvent("OLD")} OR ${refundEvent("NEW")}
      BEGIN
        UPDATE cases SET ${refundSums("OLD.case_id")} WHERE id = OLD.case_id;
        UPDATE cases SET ${refundSums("NEW.case_id")} WHERE id = NEW.case_id AND NEW.case_id <> OLD.case_id;
      END;
    `,
  },
  {
    // Issue 28: each open case's earliest due day (a day number) and whether the buyer's move is
    // next, worked out by the store before each write commits (src/store/urgency.ts), so status
    // reads the most urgent by index and counts the rest instead of judging every open case. A
    // change to what a case is judged by (its stage, its steps, which the events' triggers keep,
    // its day 0, resolution, agent, outcome) marks it stale; a change to any setting clears the
    // basis they were worked out on (every open case again).
    // Spotted cases are judged by the minute, so always live. Every row starts stale: the store
    // works them out as soon as the migration is done.
    name: "m012_stored_urgency",
    sql: `
      ALTER TABLE cases ADD COLUMN due_day INTEGER;
      ALTER TABLE cases ADD COLUMN needs_action INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN due_stale INTEGER NOT NULL DEFAULT 1;
      -- With the columns of its own WHERE, SQLite counts and orders from the index alone.
      CREATE INDEX cases_urgency ON cases (needs_action DESC, due_day IS NULL, due_day, id, outcome, due_stale, stage)
        WHERE outcome IS NULL AND due_stale = 0 AND stage <> 'spotted';
      CREATE INDEX cases_judged_live ON cases (id) WHERE outcome IS NULL AND (due_stale = 1 OR stage = 'spotted');
      CREATE TRIGGER cases_urgency_stale AFTER UPDATE OF stage, steps, opened_on, resolution, agent, outcome ON cases
      BEGIN UPDATE cases SET due_stale = 1 WHERE id = NEW.id; END;
      CREATE TRIGGER settings_urgency_insert AFTER INSERT ON settings WHEN NEW.key <> 'urgency-basis'
      BEGIN DELETE FROM settings WHERE key = 'urgency-basis'; END;
      CREATE TRIGGER settings_urgency_update AFTER UPDATE ON settings WHEN NEW.key <> 'urgency-basis'
      BEGIN DELETE FROM settings WHERE key = 'urgency-basis'; END;
      CREATE TRIGGER settings_urgency_delete AFTER DELETE ON settings WHEN OLD.key <> 'urgency-basis'
      BEGIN DELETE FROM settings WHERE key = 'urgency-basis'; END;
    `,
  },
];

/**
 * The SQL functions migrations call (m010): the domain's own rules, so a migrated row holds
 * what a new one would. Registered on the connection that migrates.
 */
export const MIGRATION_FUNCTIONS: Readonly<Record<string, (...args: string[]) => string>> = {
  kakotrack_agent: canonicalAgent,
  kakotrack_dup_key: duplicateKey,
};

/**
 * The triggers that keep cases.steps (m005, and m009 with the marked steps): its SQL is the text m005
 * always had, whitespace aside.
 */
function stepsTriggers(steps: (caseId: string) => string): string {
  return `
      CREATE TRIGGER events_steps_insert AFTER INSERT ON events WHEN NEW.stage IS NOT NULL AND NEW.kind <> 'opened'
      BEGIN UPDATE cases SET steps = ${steps("NEW.case_id")} WHERE id = NEW.case_id; END;
      CREATE TRIGGER events_steps_delete AFTER DELETE ON events WHEN OLD.stage IS NOT NULL AND OLD.kind <> 'opened'
      BEGIN UPDATE cases SET steps = ${steps("OLD.case_id")} WHERE id = OLD.case_id; END;
      CREATE TRIGGER events_steps_update AFTER UPDATE ON events
      BEGIN
        UPDATE cases SET steps = ${steps("OLD.case_id")} WHERE id = OLD.case_id;
        UPDATE cases SET steps = ${steps("NEW.case_id")} WHERE id = NEW.case_id AND NEW.case_id <> OLD.case_id;
      END;`;
}

/** A case's stage steps after the opening one, as cases.steps held them from m005 to m009 (m005 is built from it). */
export function stepsOf(caseId: string): string {
  return `coalesce((SELECT group_concat(e.stage || ' ' || e.on_date, ',' ORDER BY e.id) FROM events e
    WHERE e.case_id = ${caseId} AND e.stage IS NOT NULL AND e.kind <> 'opened'), '')`;
}

/**
 * The events that are refund records (docs/design.md section 1.3), as SQL on the row named
 * (NEW, OLD, an alias; none: the table's own columns): the one definition the store's sums, the
 * index and the triggers share; src/domain/money/refunds.ts says the same of a CaseEvent.
 */
export function refundEvent(row = ""): string {
  const c = row === "" ? "" : `${row}.`;
  return (
    `(${c}amount_minor > 0 AND (${c}kind IN ('refund', 'closed') OR (${c}kind = 'stage' AND ${c}stage = ` +
    `'refunded')))`
  );
}

/** A refund event's destination: data {"to"}, null when not recorded (or, from an import, data that is not JSON). */
function refundDestination(): string {
  return "CASE WHEN json_valid(data) THEN json_extract(data, '$.to') END";
}

/** The SET clause that brings a case's refund columns in line with its refund events (the view case_refunds). */
function refundSums(caseId: string): string {
  return (
    `(refund_minor, refund_to, balance_refund_minor) = (SELECT total, latest_to, balance FROM case_refunds ` +
    `WHERE case_id = ${caseId})`
  );
}

/** The cases whose refund columns differ from their refund events: doctor's check of the triggers. */
export const REFUNDS_DIFFER = `SELECT count(*) FROM cases c LEFT JOIN case_refunds r ON r.case_id = c.id
  WHERE c.refund_minor IS NOT r.total OR c.refund_to IS NOT r.latest_to OR c.balance_refund_minor IS NOT r.balance`;

/**
 * A case's stage steps after the opening one, as cases.steps holds them since m009: a round's
 * start and a counter-offer marked (src/store/columns.ts parseSteps reads them back).
 */
export function markedStepsOf(caseId: string): string {
  const step = `CASE e.kind WHEN 'round' THEN e.stage || '@' || json_extract(e.data, '$.from')
    WHEN 'counter' THEN e.stage || '@counter' ELSE e.stage END`;
  return `coalesce((SELECT group_concat(${step} || ' ' || e.on_date, ',' ORDER BY e.id) FROM events e
    WHERE e.case_id = ${caseId} AND e.stage IS NOT NULL AND e.kind <> 'opened'), '')`;
}

export const SCHEMA_VERSION = MIGRATIONS.length;
