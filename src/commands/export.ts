import { FIELD_BY_CSV, shownValue } from "../domain/case/fields.js";
import { formatMinor, parseChoice } from "../domain/case/parse.js";
import { SPOTTED, toTimeline } from "../domain/case/records.js";
import { DATABASE_ID } from "../domain/config/settings.js";
import { evaluate } from "../domain/deadlines/evaluate.js";
import { returnWindowText } from "../domain/deadlines/return-window.js";
import {
  alarmLines,
  DEFAULT_ALARMS,
  parseAlarms,
  RETURN_WINDOW_ALARM,
  revisionLines,
} from "../domain/notify/alarms.js";
import { formatDate } from "../domain/time/dates.js";
import { formatMoment, formatMomentText } from "../domain/time/moments.js";
import { toCsv } from "../domain/transfer/csv.js";
import { refundsCell, stepsCell } from "../domain/transfer/csv-state.js";
import { CSV_COLUMNS, EXPORT_FORMATS, toExportFile } from "../domain/transfer/export-format.js";
import { buildIcs, type IcsEvent } from "../domain/transfer/ics.js";
import { UsageError } from "../errors.js";
import { hint, unquoted } from "../hints.js";
import { writeFileAtomic } from "../store/files.js";
import { sanitize, sanitizeMultiline, toJsonText } from "../ui/sanitize.js";
import { asOfMoment, caseReturnWindow, casesAsOf, type Session, withSession } from "./shared/session.js";
import { asOf, defineCommand, text } from "./shared/spec.js";

export const exportData = defineCommand({
  options: {
    format: text("--format <format>", "json (default), csv or ics", EXPORT_FORMATS),
    out: text("--out <file>", "write to this file (replaced whole) instead of stdout"),
    asOf: { ...asOf(), help: "judge flags and deadlines on this date (csv, ics)" },
    // --alarm and --no-alarm share commander's "alarm" value: a list, or false for --no-alarm.
    alarm: {
      flags: "--alarm <list>",
      help: `ics: alarms before each deadline, e.g. 1d,2h or 1d@09:00 (default ${DEFAULT_ALARMS})`,
      read: (raw: unknown) => (raw === false ? undefined : (raw as string | undefined)),
    },
    noAlarm: { flags: "--no-alarm", help: "ics: no alarms", read: (raw: unknown) => raw === false },
  },
  examples: [
    "kakotrack export --out kakotrack-2026-11-22.json",
    "kakotrack export --format csv --out cases.csv",
    "kakotrack export --format ics --out ~/calendars/kakotrack.ics",
    "kakotrack export --format ics --alarm 2d@18:00,2h --out ~/calendars/kakotrack.ics",
  ],
  async run(ctx, { globals, options }) {
    const format = parseChoice(options.format ?? "json", EXPORT_FORMATS, "--format");
    if (options.out === "") throw new UsageError("--out needs a file name (or leave it out to write to stdout)");
    if ((options.alarm !== undefined || options.noAlarm) && format !== "ics")
      throw new UsageError("--alarm and --no-alarm are for --format ics");
    const alarms = options.noAlarm ? null : parseAlarms(options.alarm ?? DEFAULT_ALARMS);
    const { text, what } = await withSession(ctx, globals, "read", (session): Written => {
      if (format === "json") {
        const all = session.store.transfer.exportAll();
        return { text: toJsonText(toExportFile(all, ctx.utcNow())), what: cases(all.cases.length) };
      }
      if (format === "csv") return csvExport(session, options.asOf);
      return icsExport(session, options.asOf, alarms);
    });
    // Files get the exact text; a terminal gets csv and ics with control characters shown escaped.
    if (options.out === undefined)
      ctx.stdout(ctx.stdoutIsTTY && format !== "json" ? sanitizeMultiline(text.replace(/\r\n/g, "\n")) : text);
    else {
      writeFileAtomic(options.out, text);
      ctx.stderr(`Wrote ${what} as ${format} to ${sanitize(options.out)}.\n`);
    }
  },
});

/** An export's text, and what it holds in words ("12 cases"), for the line that says what was written. */
interface Written {
  text: string;
  what: string;
}

const cases = (n: number): string => `${n} case${n === 1 ? "" : "s"}`;

function judged(session: Session, state: "open" | "all", asOf: string) {
  const moment = asOfMoment(session.ctx, asOf);
  return casesAsOf(session, state, asOf).map((row) => {
    const closesAt = caseReturnWindow(session.settings, row);
    const evaluation =
      row.outcome !== null
        ? null
        : evaluate(
            toTimeline(row, row.steps, closesAt),
            asOf,
            session.calendarFor(row.agent),
            session.settings,
            moment,
          );
    return { row, evaluation, closesAt };
  });
}

function csvExport(session: Session, asOf: string): Written {
  const money = (minor: number | null, currency: string): string | null =>
    minor === null ? null : formatMinor(minor, currency);
  const fees = session.store.money.feesByCase(asOf);
  const refunds = session.store.money.refundListsByCase(asOf);
  const counters = session.store.money.counterOffersByCase(asOf);
  const rows = judged(session, "all", asOf).map(({ row, evaluation, closesAt }) => {
    const paid = fees.get(row.id) ?? 0;
    const refunded = row.refundMinor ?? 0; // every refund, an open case's too (docs/design.md section 1.3)
    // What a case's standing adds to its stored fields.
    const computed: Record<string, string | number | null> = {
      opened_on: row.stage === SPOTTED ? null : row.openedOn,
      flag: evaluation?.flag ?? "closed",
      due: evaluation?.due ?? null,
      return_window_closes_at: returnWindowText(closesAt),
      // The money totals of the case: fees paid, and what came back net of them.
      fees: money(paid, row.currency),
      net_recovered: money(refunded - paid, row.currency),
      // What an import needs to restore the case's standing (issue 26 item 1).
      steps: row.stage === SPOTTED ? "" : stepsCell(row.steps, counters.get(row.id) ?? [], row.currency),
      spotted_on: row.stage === SPOTTED ? row.openedOn : null,
      refunds: refundsCell(refunds.get(row.id) ?? [], row.currency),
      ask: money(row.askMinor, row.currency),
    };
    return CSV_COLUMNS.map((column) =>
      column in computed ? computed[column]! : shownValue(row, FIELD_BY_CSV.get(column)!),
    );
  });
  return { text: toCsv([[...CSV_COLUMNS], ...rows]), what: cases(rows.length) };
}

/** `alarms`: trigger minutes before each deadline (--alarm), or null for none (--no-alarm). */
function icsExport(session: Session, asOf: string, alarms: number[] | null): Written {
  const databaseId = session.store.settings.all().get(DATABASE_ID) ?? "local";
  const revision = revisionLines(session.ctx.utcNow());
  const extra = (triggers: number[] | null, summary: string): string[] => [
    ...revision,
    ...(triggers === null ? [] : alarmLines(triggers, summary)),
  ];
  const events: IcsEvent[] = [];
  const open = judged(session, "open", asOf);
  for (const { row, evaluation } of open) {
    const window = evaluation!.returnWindow;
    if (window) {
      const summary = `${row.orderNo} ${row.item}: return window closes ${formatMomentText(window.closesAt).slice(11)}`;
      events.push({
        uid: `case-${row.id}-return-window-${databaseId}@kakotrack`,
        date: formatDate(window.closesOn),
        at: formatMoment(window.closesAt),
        summary,
        extra: extra(alarms === null ? null : [RETURN_WINDOW_ALARM], summary),
        description: [
          `Case #${row.id} (${row.resolution}) with ${row.agent}: the request is not sent yet; the agent accepts ` +
            `it until ${formatMomentText(window.closesAt)}.`,
          `Defect: ${row.description}`,
          `Details: ${unquoted(hint.show(row.id))}`,
        ].join("\n"),
      });
    }
    for (const p of evaluation!.pending) {
      const summary = `${row.orderNo} ${row.item}: ${p.rule.label} due`;
      events.push({
        // Case and deadline identify the entry, so a re-import moves it instead of adding another.
        uid: `case-${row.id}-${p.rule.id}-${databaseId}@kakotrack`,
        date: p.due,
        summary,
        extra: extra(alarms, summary),
        description: [
          `Case #${row.id} (${row.resolution}, ${row.stage}) with ` +
            `${row.agent}${row.seller ? `, seller ${row.seller}` : ""}.`,
          `Defect: ${row.description}`,
          ...(p.provisional
            ? [
                "Provisional: counted on the rules' calendar for a year whose official schedule is not published " +
                  `yet; ${unquoted(hint.calendar("import FILE"))} when it is.`,
              ]
            : []),
          `Details: ${unquoted(hint.show(row.id))}`,
        ].join("\n"),
      });
    }
  }
  const stamp = session.ctx
    .utcNow()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return {
    text: buildIcs(events, stamp),
    what: `${events.length} deadline${events.length === 1 ? "" : "s"} of ${cases(open.length)}`,
  };
}
