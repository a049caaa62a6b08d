import { AMENDMENTS_KEY, calendarInputs, importedYearKey, withAmendment } from "../domain/calendar/calendar-data.js";
import { cnLunarFacts } from "../domain/calendar/cn-lunar.js";
import { type HolidayFile, parseAmendment, parseHolidayFile, toHolidayFile } from "../domain/calendar/holiday-file.js";
import { lunarFactsOf, provisionalSchedule } from "../domain/calendar/provisional.js";
import { dayFromParts, formatDate, yearOf } from "../domain/time/dates.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { readImportFile } from "../store/files.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { recordedAt, type Session, withSession } from "./shared/session.js";
import { defineCommand, flag, text } from "./shared/spec.js";

const ACTIONS = ["list", "show", "import", "set"];

export const calendar = defineCommand({
  options: {
    provisional: flag("--provisional", "show: what the rules predict for the year, even where official data exists"),
    json: flag("--json", "machine-readable output (show YEAR: holiday-cn's form)"),
    agent: text("--agent <name>", "show MONTH: with that agent's own closures (`config set closures … --agent`)"),
  },
  examples: [
    "kakotrack calendar                                # each year's source",
    "kakotrack calendar show 2027-02                   # the month: working days, days off, make-up days",
    "kakotrack calendar show 2027-01 --agent Superbuy  # with that agent's closures",
    "kakotrack calendar show 2027 --provisional --json # the rules' 2027, in holiday-cn's form",
    "kakotrack calendar import 2027.json               # the official schedule, when it is published",
    "kakotrack calendar set 2027-02-12 off             # one day (work, or default to undo it)",
  ],
  notes: `The import reads one year's schedule in the form of NateScarlet/holiday-cn:
{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, ...]}
(days off, and make-up working days with "isOffDay": false; the file is that year's whole schedule).`,
  async run(ctx, { globals, args: [action = "list", what, state], options }) {
    if (!ACTIONS.includes(action))
      throw new UsageError(`unknown calendar action "${action}" (use list, show, import or set)`);
    if (action === "list" && what !== undefined)
      throw new UsageError(`calendar list takes nothing more (see ${hint.usage("calendar")})`);
    if ((action === "show" || action === "import") && (what === undefined || state !== undefined)) {
      throw new UsageError(
        action === "show" ? "calendar show needs one YYYY-MM or YYYY" : "calendar import needs one file",
      );
    }
    if (action === "set" && (what === undefined || state === undefined))
      throw new UsageError("calendar set needs a date and off, work or default");
    const file = action === "import" ? parseHolidayFile(readImportFile(what!), what!) : undefined;
    const amendment = action === "set" ? { date: what!, value: parseAmendment(what!, state!) } : undefined;
    await withSession(ctx, globals, action === "import" || action === "set" ? "write" : "read", async (session) => {
      if (file) ctx.stdout(importYear(session, file, what!));
      else if (amendment) ctx.stdout(setDay(session, amendment.date, amendment.value));
      else if (action === "show")
        ctx.stdout(await show(session, what!, options.provisional, options.json, options.agent));
      else ctx.stdout(options.json ? toJsonText(sourcesJson(session)) : renderSources(session));
    });
  },
});

const SOURCE_SHORT: Record<string, string> = {
  imported: "imported",
  official: "official",
  provisional: "provisional",
  weekdays: "Monday-Friday",
};
const SOURCE_WORDS: Record<string, string> = {
  imported: "imported (`calendar import`)",
  official: "official (bundled with kakotrack)",
  provisional: "provisional (the law's holidays and the usual arrangement: docs/calendar.md)",
  weekdays: "Monday-Friday (no schedule)",
};

function sourcesJson(session: Session) {
  const { amendments } = calendarInputs(session.store.settings.all());
  return {
    calendar: session.calendar.name,
    years: session.calendar.sources.map((r) => ({ from: r.from, to: r.to, source: r.source })),
    amendments,
    closures: session.settings.closures,
  };
}

function renderSources(session: Session): string {
  if (session.calendar.name === "weekdays")
    return `calendar weekdays: Monday to Friday every year (${hint.config("set calendar cn")} for China's)\n`;
  const json = sourcesJson(session);
  const lines = json.years.map(
    (r) => `  ${(r.from === r.to ? String(r.from) : `${r.from}-${r.to}`).padEnd(10)} ${SOURCE_WORDS[r.source]}`,
  );
  lines.push(`  other years Monday-Friday`);
  if (json.amendments.length > 0)
    lines.push(`days set: ${json.amendments.map((a) => `${a.date} ${a.isOffDay ? "off" : "work"}`).join(", ")}`);
  if (json.closures.length > 0)
    lines.push(
      `your closures: ${json.closures.length} day${json.closures.length === 1 ? "" : "s"} ` +
        `(${hint.config("get closures")})`,
    );
  return `China's working calendar (cn), by year:\n${lines.join("\n")}\n`;
}

function importYear(session: Session, file: HolidayFile, name: string): string {
  const text = JSON.stringify(toHolidayFile(file.year, file.days));
  const key = importedYearKey(file.year);
  const before = session.store.settings.all().get(key);
  const off = file.days.filter((d) => d.isOffDay).length;
  const what =
    `${file.year}: ${off} day${off === 1 ? "" : "s"} off, ${file.days.length - off} make-up working ` +
    `day${file.days.length - off === 1 ? "" : "s"}`;
  if (before === text) return `The ${file.year} schedule in ${sanitize(name)} is already loaded; nothing changed.\n`;
  session.store.settings.set(key, text, `calendar import of ${file.year}`, recordedAt(session.ctx));
  return (
    `Loaded China's schedule for ${what}. It replaces the ` +
    `${before === undefined ? "bundled or provisional" : "earlier imported"} ${file.year}; ${hint.undo()} reverts ` +
    `it.\n`
  );
}

function setDay(session: Session, date: string, value: ReturnType<typeof parseAmendment>): string {
  const { amendments } = calendarInputs(session.store.settings.all());
  const next = withAmendment(amendments, date, value);
  const summary = `calendar set of ${date} to ${value === null ? "default" : value.isOffDay ? "off" : "work"}`;
  session.store.settings.set(
    AMENDMENTS_KEY,
    next.length === 0 ? null : JSON.stringify(next),
    summary,
    recordedAt(session.ctx),
  );
  return value === null
    ? `${date} follows its year's schedule again.\n`
    : `${date} is now a ${value.isOffDay ? "day off" : "working day"} for every case.\n`;
}

async function show(
  session: Session,
  what: string,
  provisional: boolean,
  json: boolean,
  agent: string | undefined,
): Promise<string> {
  const month = /^(\d{4})-(\d{2})$/.exec(what);
  const year = /^\d{4}$/.test(what) ? Number(what) : undefined;
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    if (provisional) throw new UsageError("--provisional goes with a year (calendar show 2027 --provisional --json)");
    return renderMonthOf(session, Number(month[1]), Number(month[2]), json, agent);
  }
  if (agent !== undefined) throw new UsageError("--agent goes with a month (calendar show 2027-01 --agent Superbuy)");
  if (year === undefined || year < 1900)
    throw new UsageError(`"${what}" is not a month or year (use YYYY-MM, e.g. 2027-02, or YYYY)`);
  const file = provisional ? rulesYear(year) : effectiveYear(session, year);
  if (json) return toJsonText(file);
  const source = provisional ? "provisional (the rules)" : SOURCE_WORDS[session.calendar.yearSource(year)];
  const lines = file.days.map(
    (d) => `  ${d.date}  ${d.isOffDay ? "day off        " : "make-up workday"}  ${sanitize(d.name)}`,
  );
  return `${year}, ${source}: the days that differ from Monday-Friday\n${lines.join("\n")}\n`;
}

/** The rules' schedule for a year, whatever the data has (so anyone can check the model against the real one). */
function rulesYear(year: number): HolidayFile {
  const facts = lunarFactsOf(cnLunarFacts, year);
  if (facts === undefined)
    throw new UsageError(`the rules reach ${cnLunarFacts.from}-${cnLunarFacts.to} (the lunar tables), not ${year}`);
  return provisionalSchedule(year, facts);
}

/**
 * The days of a year that differ from Monday-Friday as this calendar counts them, in holiday-cn's
 * form, named after the imported file or the rules where they say.
 */
function effectiveYear(session: Session, year: number): HolidayFile {
  const { calendar } = session;
  const source = calendar.yearSource(year);
  const named =
    source === "imported"
      ? calendarInputs(session.store.settings.all()).imported.find((f) => f.year === year)
      : source === "provisional"
        ? rulesYear(year)
        : undefined;
  const nameOf = (date: string): string => named?.days.find((d) => d.date === date)?.name ?? "";
  const days = [];
  for (let day = dayFromParts(year, 1, 1), end = dayFromParts(year, 12, 31); day <= end; day++) {
    const kind = calendar.dayKind(day);
    const date = formatDate(day);
    if (kind === "off" || kind === "closure")
      days.push({ name: kind === "closure" ? "closure" : nameOf(date), date, isOffDay: true });
    if (kind === "make-up") days.push({ name: nameOf(date), date, isOffDay: false });
  }
  return toHolidayFile(year, days);
}

/**
 * A month: the days as the calendar counts them (JSON), or drawn with src/ui/month.ts (loaded only here: date-fns,
 * cli-table3).
 */
async function renderMonthOf(
  session: Session,
  year: number,
  month: number,
  json: boolean,
  agent: string | undefined,
): Promise<string> {
  const first = dayFromParts(year, month, 1);
  const last = dayFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
  // With --agent, that agent's closures on top of the user's own and the state's days off.
  const calendar = agent === undefined ? session.calendar : session.calendarFor(agent);
  const days = [];
  for (let day = first; day <= last; day++) {
    days.push({
      date: formatDate(day),
      kind: calendar.dayKind(day),
      provisional: calendar.yearSource(yearOf(day)) === "provisional",
    });
  }
  const source = calendar.yearSource(year);
  if (json) {
    const today = session.ctx.today;
    return toJsonText({
      month: `${year}-${String(month).padStart(2, "0")}`,
      source,
      days: days.map((d) => ({ date: d.date, kind: d.kind, today: d.date === today })),
    });
  }
  const { renderMonth } = await import("../ui/month.js");
  const c = session.color;
  const drawn = renderMonth(
    {
      year,
      month,
      days,
      today: session.ctx.today,
      closures: agent === undefined ? "your closure" : `closure (yours or ${sanitize(agent)}'s)`,
    },
    { off: c.red, makeUp: c.yellow, closure: c.magenta, weekend: c.dim, today: c.bold, head: c.bold },
  );
  return drawn.replace("\n", ` (${SOURCE_SHORT[source]})\n`);
}
