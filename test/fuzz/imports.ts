import { same } from "./checks.js";
import { type ExportedCase, refundEvents, type State } from "./model.js";

// What an import of one of kakotrack's own files must do (docs/export-format.md): the model's
// prediction for the import steps, into the database the file came from or into an empty one.

/** The file an export step wrote, and the database as it stood then (what the file holds). */
export interface ExportedFile {
  file: string;
  state: State;
}

/** An empty database as its export says: what an import into one starts from. */
export const EMPTY: Pick<State, "settings" | "cases" | "withdrawals"> = { settings: {}, cases: [], withdrawals: [] };

/** "Already here": a case with the same order, item and day 0 (a spotted case's: the day it was spotted). */
const sameCase = (c: ExportedCase): string => JSON.stringify([c.orderNo, c.item, c.openedOn]);

/**
 * A JSON export carries everything but the ids an import may renumber: a case, its events and its
 * evidence records come back as they were.
 */
function jsonCase(c: ExportedCase): unknown {
  const { id: _id, events, evidence, ...fields } = c;
  const row = <T extends { id: number; caseId: number }>({ id: _i, caseId: _c, ...rest }: T) => rest;
  return { ...fields, events: events.map(row), evidence: evidence.map(row) };
}

/**
 * What kakotrack's own CSV carries of a case (docs/export-format.md, "CSV"): its fields and its
 * standing: each stage step with its date (a round's start marked with the path it ended, a
 * counter-offer as one, with its amount), every refund with its destination and date, the fees
 * total, the offer, the ask, the outcome and the closing date. Not its history (notes, when each
 * event was recorded, the spotting of a case since requested, the separate fee payments, each
 * revised offer's amount but the last), its evidence, or the return parcel (written, not read back).
 */
function csvCase(c: ExportedCase): unknown {
  const {
    id: _id,
    createdAt: _created,
    updatedAt: _updated,
    returnTracking: _tracking,
    returnCarrier: _carrier,
    events,
    evidence: _evidence,
    ...fields
  } = c;
  const mark = (e: ExportedCase["events"][number]): string =>
    e.kind === "round" ? `@${JSON.parse(e.data!).from}` : e.kind === "counter" ? `@counter:${e.amountMinor}` : "";
  return {
    ...fields,
    steps: events.filter((e) => e.stage !== null).map((e) => `${e.stage}${mark(e)} ${e.onDate}`),
    refunds: refundEvents(c)
      .map((e) => `${e.amountMinor} ${(e.data === null ? null : JSON.parse(e.data).to) ?? "unrecorded"} ${e.onDate}`)
      .sort(),
    fees: events.filter((e) => e.kind === "fee").reduce((sum, e) => sum + e.amountMinor!, 0),
  };
}

/**
 * An import of `file` (one of kakotrack's own) into a database that held `before` and holds
 * `after` now: the cases it held are as they were; each of the file's cases not already here (by
 * order, item and day 0: a case of the file is one of the exporting database's, so two such cases
 * in one file are two) comes back as the file carries it, and nothing else; a JSON file's settings
 * fill those not set here and its withdrawals come back but those already here; a CSV carries neither.
 */
export function checkImport(
  before: Pick<State, "settings" | "cases" | "withdrawals">,
  after: State,
  file: State,
  format: "json" | "csv",
): void {
  for (const c of before.cases)
    same(
      "model",
      after.cases.find((x) => x.id === c.id),
      c,
      `case #${c.id} after an import`,
    );
  const here = new Set(before.cases.map(sameCase));
  const expected = file.cases.filter((c) => !here.has(sameCase(c)));
  const added = after.cases.filter((c) => !before.cases.some((b) => b.id === c.id));
  // Compared as sets: a JSON case keeps its id where free, so the new ones need not be in the file's order.
  const carried = (list: ExportedCase[]) =>
    list.map((c) => JSON.stringify(format === "json" ? jsonCase(c) : csvCase(c))).sort();
  const [got, wanted] = [carried(added), carried(expected)];
  const differs = got.findIndex((c, i) => c !== wanted[i]);
  if (got.length !== wanted.length || differs >= 0)
    same(
      "model",
      got.length === wanted.length ? JSON.parse(got[differs]!) : got.length,
      got.length === wanted.length ? JSON.parse(wanted[differs]!) : wanted.length,
      got.length === wanted.length
        ? `a case a ${format} import added (of #${added.map((c) => c.id).join(", #")}) and the file's`
        : `the number of cases a ${format} import added and of the file's not here`,
    );
  const settings = format === "json" ? { ...file.settings, ...before.settings } : before.settings;
  same("model", sorted(after.settings), sorted(settings), `the settings after a ${format} import`);
  const withdrawal = (w: State["withdrawals"][number]) =>
    JSON.stringify([w.agent.toLowerCase(), w.currency, w.amountMinor, w.onDate, w.recordedAt]);
  const stored = new Set(before.withdrawals.map(withdrawal));
  const brought = format === "json" ? file.withdrawals.filter((w) => !stored.has(withdrawal(w))) : [];
  const withoutId = (list: State["withdrawals"]) => list.map(({ id: _id, ...w }) => JSON.stringify(w)).sort();
  same(
    "model",
    withoutId(after.withdrawals),
    withoutId([...before.withdrawals, ...brought]),
    `the withdrawals after a ${format} import`,
  );
}

const sorted = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
