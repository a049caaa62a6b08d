import type { ChalkInstance } from "chalk";
import { type Context, colorEnabled, resolveDbPath } from "../../context.js";
import { type Calendar, createCalendar } from "../../domain/calendar.js";
import { cnHolidays } from "../../domain/cn-holidays.js";
import type { CaseTimeline, Resolution, Stage, StageStep } from "../../domain/model.js";
import { parseId } from "../../domain/parse.js";
import { forAgent, resolveSettings, type Settings } from "../../domain/settings.js";
import { type Minute, momentOfDate } from "../../domain/moments.js";
import { returnWindowClosesAt } from "../../domain/return-window.js";
import { type CaseRecord, noSuchCase } from "../../domain/records.js";
import type { Store } from "../../store/store.js";
import type { GlobalOptions } from "./spec.js";

/** What a command works with: the context, the open store, settings, calendar and colours. */
export interface Session {
  ctx: Context;
  store: Store;
  settings: Settings;
  calendar: Calendar;
  color: ChalkInstance;
}

/**
 * Colour off (a pipe, a file, NO_COLOR, --no-color): every style gives the text back as it is.
 * Not a thenable, or awaiting it would never settle.
 */
const PLAIN: ChalkInstance = new Proxy(((text: string) => text) as ChalkInstance, {
  get: (_target, key) => (key === "then" ? undefined : PLAIN),
});

/** chalk is loaded only for coloured output: setting it up costs a start ~0.4 ms (docs/performance.md). */
async function colorsFor(enabled: boolean): Promise<ChalkInstance> {
  return enabled ? new (await import("chalk")).Chalk({ level: 1 }) : PLAIN;
}

async function openSession(ctx: Context, globals: GlobalOptions, access: "read" | "write"): Promise<Session> {
  const color = await colorsFor(colorEnabled(ctx, globals.color));
  const explicit = globals.db !== undefined || Boolean(ctx.env.KAKOTRACK_DB);
  const path = resolveDbPath(globals.db, ctx.env);
  // Loaded here, not at start: --help and a bad flag never need SQLite.
  const { Store } = await import("../../store/store.js");
  const store = Store.open(path, { access, createParent: !explicit, today: ctx.today });
  const settings = resolveSettings(store.getSettings());
  const calendar = createCalendar({ name: settings.calendar, holidays: cnHolidays, closures: settings.closures });
  return { ctx, store, settings, calendar, color };
}

/** Closes the store and says, once, which years were counted without holiday data. */
export function closeSession(session: Session): void {
  session.store.close();
  const years = [...session.calendar.uncoveredYears].sort();
  if (years.length > 0) {
    session.ctx.stderr(
      `kakotrack: warning: no official holiday data for ${years.join(", ")}; business days there were counted as Monday-Friday (update kakotrack when the schedule is published, or set \`kakotrack config set closures\`)\n`,
    );
  }
}

/** Runs fn with a session and always closes it. */
export async function withSession<T>(
  ctx: Context,
  globals: GlobalOptions,
  access: "read" | "write",
  fn: (session: Session) => T | Promise<T>,
): Promise<T> {
  const session = await openSession(ctx, globals, access);
  try {
    return await fn(session);
  } finally {
    closeSession(session);
  }
}

export function requireCase(store: Store, idText: string): CaseRecord {
  const id = parseId(idText);
  const row = store.cases.get(id);
  if (!row) throw noSuchCase(id);
  return row;
}

/**
 * A stored case (any query's columns) with its stage history, as the domain judges it;
 * `returnWindowClosesAt` where the return window is judged (a spotted case).
 */
export function toTimeline(
  row: { resolution: string; openedOn: string; stage: string; outcome: string | null },
  steps: StageStep[],
  returnWindowClosesAt: Minute | null = null,
): CaseTimeline {
  return { resolution: row.resolution as Resolution, openedOn: row.openedOn, stage: row.stage as Stage, closed: row.outcome !== null, steps, returnWindowClosesAt };
}

/** The timeline of a stored case; with the settings, its return window too. */
export function timelineOf(row: CaseRecord, store: Store, settings?: Settings): CaseTimeline {
  return toTimeline(row, store.cases.steps(row.id), settings === undefined ? null : caseReturnWindow(settings, row));
}

/** When a case's return window closes: its stock-in plus its agent's `return-window` hours. */
export function caseReturnWindow(settings: Settings, row: { agent: string | null; storedAt: string | null }): Minute | null {
  // Most rows status reads have no stock-in (or are not spotted): nothing to look up.
  if (row.agent === null || row.storedAt === null) return null;
  return returnWindowClosesAt(row.storedAt, forAgent(settings, row.agent).returnWindowHours);
}

/** The moment `--as-of` judges the return window at: now for today, else the day's start. */
export function asOfMoment(ctx: Context, asOf: string): Minute {
  return momentOfDate(asOf, ctx.today, ctx.now);
}

/** A timestamp for "recorded at": the local date (KAKOTRACK_NOW when set) and the wall-clock time. */
export function recordedAt(ctx: Context): string {
  return `${ctx.today}T${ctx.clock()}`;
}
