// The floor under `status --json` (docs/performance.md): a plain Node script that reads the open
// cases' columns that status reads (KAKOTRACK_DB), makes each case's object with the contract's 19
// members and writes the whole as status does, with no rule applied: the day, flag, due day,
// lateness and reasons are placeholders of the usual lengths, and no case is ranked or judged.
// The bench times it beside `status --json` as a reference row; it is not kakotrack.
"use strict";
const { writeSync } = require("node:fs");
const Database = require("better-sqlite3");

const db = new Database(process.env.KAKOTRACK_DB, { readonly: true, fileMustExist: true });
const statement = db.prepare(
  `SELECT id, agent, order_no, item, seller, resolution, stage, opened_on, steps, stored_at
   FROM cases WHERE outcome IS NULL ORDER BY id`,
);
// Reachable until the exit: built for Node 24.19+, better-sqlite3 12 aborts the process when the
// collector frees a statement or connection (src/store/open.ts).
module.exports = { db, statement };
const rows = statement.raw().all();
const cases = rows.map((r) => ({
  id: r[0],
  agent: r[1],
  orderNo: r[2],
  item: r[3],
  seller: r[4],
  resolution: r[5],
  stage: r[6],
  openedOn: r[7],
  day: r[0] % 200,
  round: 1,
  roundStartedOn: r[7],
  flag: "overdue",
  provisional: false,
  due: r[7],
  late: r[0] % 100,
  lateUnit: "business days",
  reasons: [`past its deadline since ${r[7]}`, `refund past 14 business days, overdue (due ${r[7]})`],
  returnWindowClosesAt: r[9],
}));
const summary = { overdue: cases.length, action: 0, dueSoon: 0, onTrack: 0 };
writeSync(1, `${JSON.stringify({ asOf: process.env.KAKOTRACK_NOW, summary, cases }, null, 2)}\n`);
db.close();
