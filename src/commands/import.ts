import type { Context } from "../context.js";
import { buildCase, type Field } from "../domain/case/case-input.js";
import { parseChoice } from "../domain/case/parse.js";
import { type CaseSnapshot, newCaseSnapshot } from "../domain/case/records.js";
import { parseCsv } from "../domain/transfer/csv.js";
import { CSV_STATE_NOTE, STATE_CSV_COLUMNS, type StateCells, withState } from "../domain/transfer/csv-state.js";
import { CSV_COLUMNS, parseExportFile } from "../domain/transfer/export-format.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { readImportFile } from "../store/files.js";
import { sanitize } from "../ui/sanitize.js";
import { inputDefaults } from "./shared/case-fields.js";
import { recordedAt, type Session, withSession } from "./shared/session.js";
import { defineCommand, flag, type GlobalOptions, text } from "./shared/spec.js";

interface ImportOptions {
  skipInvalid: boolean;
}

/** Spreadsheet columns that fill a new case, and the `add` field each one is. */
const CSV_FIELDS: Record<string, Field> = {
  agent: "agent",
  order: "order",
  item: "item",
  url: "url",
  seller: "seller",
  price: "price",
  currency: "currency",
  defect: "defect",
  description: "description",
  phase: "phase",
  resolution: "resolution",
  payment: "payment",
  opened_on: "date",
  note: "note",
  stored_at: "stored",
};
const REQUIRED_COLUMNS = ["order", "item", "resolution"];
/** What a case gets when the sheet has no such column (issue 18: a sheet needs only order, item and resolution). */
const MISSING_COLUMN_VALUES: Partial<Record<Field, string>> = { defect: "other", description: "", payment: "other" };
/** Columns kakotrack's own csv export writes that describe state; a spreadsheet import starts each case afresh. */
const STATE_COLUMNS: readonly string[] = CSV_COLUMNS.filter((c) => !(c in CSV_FIELDS));
/** The state columns an import of kakotrack's own CSV reads (src/domain/transfer/csv-state.ts). */
const STATE_CELLS = ["stage", "offer", "outcome", "closed_on", "fees", ...STATE_CSV_COLUMNS] as const;

export const importData = defineCommand({
  options: {
    format: text("--format <format>", "json or csv (default: csv for a .csv file, else json)", ["json", "csv"]),
    skipInvalid: flag("--skip-invalid", "csv: import the good rows even when some are bad"),
  },
  examples: ["kakotrack import kakotrack-2026-11-22.json", "kakotrack import haul.csv --skip-invalid"],
  notes:
    "CSV columns (header row, any order): order, item, resolution (required); defect, description, payment\n" +
    "(without the column: other, empty, other); agent, url, seller, price, currency, phase, opened_on, stored_at, " +
    "note (optional).\n" +
    "kakotrack's own csv (export --format csv) brings back each case's stage, dates, refunds, offer and closing.",
  async run(ctx, { globals, args: [file], options }) {
    await importFile(ctx, globals, file!, options.format, options);
  },
});

async function importFile(
  ctx: Context,
  globals: GlobalOptions,
  file: string,
  formatText: string | undefined,
  options: ImportOptions,
): Promise<void> {
  const format = parseChoice(formatText ?? (/\.csv$/i.test(file) ? "csv" : "json"), ["json", "csv"], "--format");
  const text = readImportFile(file);
  await withSession(ctx, globals, "write", (session) => {
    const stamp = recordedAt(ctx);
    const sheet = format === "json" ? undefined : csvCases(session, text, file, options, stamp);
    const parsed = sheet === undefined ? parseExportFile(text, file) : { settings: {}, ...sheet, withdrawals: [] };
    // A hand-made sheet may repeat a row; kakotrack's own CSV has a row a case, two alike are two (issue 29).
    const result = session.store.transfer.importCases(
      parsed.cases,
      parsed.settings,
      stamp,
      parsed.withdrawals,
      sheet !== undefined && !sheet.own,
    );
    const imported = result.cases.filter((r) => r.to !== null);
    const skipped = result.cases.filter((r) => r.duplicateOf !== undefined);
    const { withdrawals } = result;
    ctx.stdout(`Imported ${imported.length} case${imported.length === 1 ? "" : "s"} from ${sanitize(file)}.\n`);
    if (withdrawals.imported + withdrawals.skipped > 0) {
      const already = withdrawals.skipped > 0 ? ` (${withdrawals.skipped} already here, skipped)` : "";
      ctx.stdout(
        `Imported ${withdrawals.imported} withdrawal${withdrawals.imported === 1 ? "" : "s"} from agent ` +
          `balances${already}.\n`,
      );
    }
    const renumbered = imported.filter((r) => format === "json" && r.from !== r.to);
    if (renumbered.length > 0) {
      ctx.stdout(`Ids taken here, so renumbered: ${firstFew(renumbered.map((r) => `#${r.from} -> #${r.to}`))}\n`);
    }
    if (format === "csv" && imported.length > 0) ctx.stdout(`New ids: ${firstFew(imported.map((r) => `#${r.to}`))}\n`);
    if (skipped.length > 0) {
      const which = firstFew(
        skipped.map((r) => (format === "json" ? `#${r.from} (= #${r.duplicateOf})` : `#${r.duplicateOf}`)),
      );
      ctx.stdout(`Already here, skipped ${skipped.length} (same order, item and day 0): ${which}\n`);
    }
    if (imported.length > 0 || withdrawals.imported > 0) ctx.stdout(`${hint.undo()} removes this import.\n`);
  });
}

/** A list for one line: the first 20 items and how many more (`kakotrack list` shows them all). */
function firstFew(items: readonly string[]): string {
  const shown = items.slice(0, 20).join(", ");
  return items.length > 20 ? `${shown} and ${items.length - 20} more` : shown;
}

/**
 * Reads a spreadsheet into new cases; every bad row is reported, and none is written unless all are good.
 * `own`: kakotrack's own CSV (a `steps` column), whose rows restore each case's standing.
 */
function csvCases(
  session: Session,
  text: string,
  file: string,
  options: ImportOptions,
  stamp: string,
): { cases: CaseSnapshot[]; own: boolean } {
  const [header, ...rows] = parseCsv(text, file);
  if (!header) throw new UsageError(`${file} is empty (a header row and one row a case are needed)`);
  const columns = header.fields.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new UsageError(
      `${file} has no column ${missing.join(", ")} (the header row needs ${REQUIRED_COLUMNS.join(", ")})`,
    );
  }
  const duplicated = columns.filter((c, i) => c !== "" && columns.indexOf(c) !== i);
  if (duplicated.length > 0) throw new UsageError(`${file}: column ${duplicated[0]} appears twice in the header row`);
  // kakotrack's own CSV (issue 26 item 1) carries each case's standing, which the import restores.
  const ownCsv = columns.includes("steps");
  const stateAt = STATE_CELLS.map((k) => [k, columns.indexOf(k)] as const).filter(([, i]) => i >= 0);
  const ignored = ownCsv ? [] : columns.filter((c) => STATE_COLUMNS.includes(c));
  if (ownCsv) session.ctx.stderr(CSV_STATE_NOTE);
  const unknown = columns.filter((c) => !(c in CSV_FIELDS) && !STATE_COLUMNS.includes(c));
  if (ignored.length > 0) {
    session.ctx.stderr(
      `kakotrack: note: ignored ${ignored.join(", ")}: a spreadsheet import starts each case at requested (use ` +
        `--format json to move whole histories)\n`,
    );
  }
  if (unknown.length > 0)
    session.ctx.stderr(
      `kakotrack: note: unknown column${unknown.length === 1 ? "" : "s"} ignored: ${sanitize(unknown.join(", "))}\n`,
    );
  const absent = (Object.keys(MISSING_COLUMN_VALUES) as Field[]).filter((field) => !columns.includes(columnOf(field)));
  if (absent.length > 0) {
    const given = absent.map(
      (field) => `${columnOf(field)} ${MISSING_COLUMN_VALUES[field] === "" ? "empty" : MISSING_COLUMN_VALUES[field]}`,
    );
    session.ctx.stderr(
      `kakotrack: note: no ${absent.map(columnOf).join(", ")} column, so every case gets ${given.join(", ")} ` +
        `(${hint.edit()} corrects one)\n`,
    );
  }

  const cases: CaseSnapshot[] = [];
  const errors: string[] = [];
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      errors.push(`line ${row.line}: ${row.fields.length} fields, the header has ${columns.length}`);
      continue;
    }
    const values: Partial<Record<Field, string>> = {};
    for (const field of absent) values[field] = MISSING_COLUMN_VALUES[field];
    columns.forEach((column, i) => {
      const field = CSV_FIELDS[column];
      if (field !== undefined && row.fields[i]!.trim() !== "") values[field] = row.fields[i];
    });
    try {
      const { input, note } = buildCase(
        values,
        inputDefaults(session),
        (field) => `column ${columnOf(field)}`,
        absent.includes("description"),
      );
      const snapshot = newCaseSnapshot(input, note, stamp);
      const cells: StateCells = Object.fromEntries(stateAt.map(([k, i]) => [k, row.fields[i]!]));
      cases.push(ownCsv ? withState(snapshot, cells) : snapshot);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      errors.push(`line ${row.line}: ${error.message}`);
    }
  }
  if (errors.length > 0) {
    for (const e of errors.slice(0, 20)) session.ctx.stderr(`kakotrack: ${file}: ${sanitize(e)}\n`);
    if (errors.length > 20) session.ctx.stderr(`kakotrack: ... and ${errors.length - 20} more bad rows\n`);
    if (!options.skipInvalid) {
      throw new UsageError(
        `${errors.length} bad row${errors.length === 1 ? "" : "s"} in ${file}; nothing was imported (fix them, or ` +
          `--skip-invalid to import the good rows)`,
      );
    }
    session.ctx.stderr(
      `kakotrack: skipped ${errors.length} bad row${errors.length === 1 ? "" : "s"} (--skip-invalid)\n`,
    );
  }
  return { cases, own: ownCsv };
}

function columnOf(field: Field): string {
  return Object.entries(CSV_FIELDS).find(([, f]) => f === field)![0];
}
