import type { ChalkInstance } from "chalk";
import { type Context, colorEnabled, resolveDbPath } from "../../context.js";
import { closureDays } from "../../domain/calendar/calendar-schedule.js";
import { datedBy, standingOn } from "../../domain/case/as-of.js";
import type { CaseTimeline, RefundDestination, StageStep } from "../../domain/case/model.js";
import type { CaseChange } from "../../domain/case/moves.js";
import { parseId } from "../../domain/case/parse.js";
import { type CaseRecord, type CaseSnapshot, noSuchCase, toTimeline } from "../../domain/case/records.js";
import type { Calendars } from "../../domain/config/calendars.js";
import { agentClosures, forAgent, type Settings } from "../../domain/config/settings.js";
import { returnWindowClosesAt } from "../../domain/deadlines/return-window.js";
import { type Minute, momentOfDate } from "../../domain/time/moments.js";
import { UsageError } from "../../errors.js";
import { hint } from "../../hints.js";
import { Store } from "../../store/store.js";
import type { GlobalOptions } from "./spec.js";

/** What a command works with: the context, the open store, settings, calendar and colours. */
export interface Session extends Calendars {
  ctx: Context;
  store: Store;
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
  const store = Store.open(path, { access, createParent: !explicit, today: ctx.today });
  return { ctx, store, ...store.urgency.calendars(), color };
}

/** Closes the store and says, once, which years were counted on provisional or no holiday data. */
export function closeSession(session: Session): void {
  session.store.close();
  const { provisionalYears, uncoveredYears } = session.calendar;
  if (provisionalYears.size > 0) {
    const years = [...provisionalYears].sort().join(", ");
    session.ctx.stderr(
      `kakotrack: note: business days and holiday breaks in ${years} are counted on a provisional calendar (the ` +
        "law's holidays and the State Council's usual arrangement; the official schedule is not published yet); " +
        `load it when it is: ${hint.calendar("import FILE")}\n`,
    );
  }
  if (uncoveredYears.size > 0) {
    session.ctx.stderr(
      `kakotrack: warning: no holiday data for ${[...uncoveredYears].sort().join(", ")}; business days there were ` +
        `counted as Monday-Friday (${hint.calendar("import FILE")} loads a year's schedule)\n`,
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

/** A write session on the case a command names (exit 2 when there is none): the commands that change one case. */
export function withCase<T>(
  ctx: Context,
  globals: GlobalOptions,
  idText: string,
  fn: (session: Session, row: CaseRecord) => T | Promise<T>,
): Promise<T> {
  return withSession(ctx, globals, "write", (session) => fn(session, requireCase(session.store, idText)));
}

export function requireCase(store: Store, idText: string): CaseRecord {
  const id = parseId(idText);
  const row = store.cases.get(id);
  if (!row) throw noSuchCase(id);
  return row;
}

/** The timeline of a stored case; with the settings, its return window too. */
export function timelineOf(row: CaseRecord, store: Store, settings?: Settings): CaseTimeline {
  return toTimeline(row, store.cases.steps(row.id), settings === undefined ? null : caseReturnWindow(settings, row));
}

/** When a case's return window closes: its stock-in plus its agent's `return-window` hours. */
export function caseReturnWindow(
  settings: Settings,
  row: { agent: string | null; storedAt: string | null },
): Minute | null {
  // Most rows status reads have no stock-in (or are not spotted): nothing to look up.
  if (row.agent === null || row.storedAt === null) return null;
  const byAgent = settings.calendarDays === "breaks" ? closedDaysOf(settings) : undefined;
  const closed = byAgent === undefined || byAgent.size === 0 ? undefined : byAgent.get(row.agent.toLowerCase());
  return returnWindowClosesAt(row.storedAt, forAgent(settings, row.agent).returnWindowHours, closed);
}

/** Each agent's own closure days as sorted day numbers (its return window stops for them), once a session. */
const CLOSED_DAYS = new WeakMap<Settings, Map<string, Int32Array>>();
function closedDaysOf(settings: Settings): Map<string, Int32Array> {
  let byAgent = CLOSED_DAYS.get(settings);
  if (byAgent === undefined) {
    byAgent = new Map([...agentClosures(settings)].map(([agent, dates]) => [agent, closureDays(dates)]));
    CLOSED_DAYS.set(settings, byAgent);
  }
  return byAgent;
}

/** The moment `--as-of` judges the return window at: now for today, else the day's start. */
export function asOfMoment(ctx: Context, asOf: string): Minute {
  return momentOfDate(asOf, ctx.today, ctx.now);
}

/**
 * One case changed by a plan made inside its write (src/store/cases.ts `change`); returns the plan, for what the
 * command says.
 */
export function changeCase<P extends { change: CaseChange }>(
  session: Session,
  id: number,
  plan: (current: CaseSnapshot) => P,
): P {
  let planned: P | undefined;
  session.store.cases.change(id, (current) => (planned = plan(current)).change, recordedAt(session.ctx));
  return planned!;
}

/**
 * The parts of a refund's request that come from the command line and the settings, as close
 * and refund pass them to their plans: the agent's `refund-to` read for the case as it is.
 */
export function refundRequestOf(
  session: Session,
  current: CaseSnapshot,
  options: { date?: string | undefined; force?: boolean | undefined },
  note: string | null,
  destination: RefundDestination | undefined,
) {
  return {
    dateText: options.date,
    note,
    destination,
    force: Boolean(options.force),
    today: session.ctx.today,
    refundTo: forAgent(session.settings, current.case.agent).refundTo,
  };
}

/** A timestamp for "recorded at": the local date (KAKOTRACK_NOW when set) and the wall-clock time. */
export function recordedAt(ctx: Context): string {
  return `${ctx.today}T${ctx.clock()}`;
}

/**
 * Every case (or the open ones) with its stage history as it stood on `asOf`: for list,
 * stats and exports. As of today (or later) that is the database as it is.
 */
export function casesAsOf(
  session: Session,
  state: "open" | "closed" | "all",
  asOf: string,
): Array<CaseRecord & { steps: StageStep[] }> {
  const wanted = (outcome: string | null): boolean => state === "all" || (state === "open") === (outcome === null);
  if (asOf >= session.ctx.today)
    return session.store.cases.withSteps(state === "open" ? "open" : "all").filter((c) => wanted(c.outcome));
  const cases: Array<CaseRecord & { steps: StageStep[] }> = [];
  const refunded = session.store.money.refundsByCase(asOf); // the refunds paid by then, closed or not
  for (const row of session.store.cases.withSteps("all")) {
    const standing = standingOn(row, row.steps, asOf);
    if (standing !== null && wanted(standing.record.outcome))
      cases.push({ ...standing.record, refundMinor: refunded.get(row.id) ?? null, steps: standing.steps });
  }
  return cases;
}

/** One case as it stood on `asOf`, with its history then; a case opened later did not exist yet. */
export function caseAsOf(session: Session, idText: string, asOf: string) {
  const row = requireCase(session.store, idText);
  const standing = standingOn(row, session.store.cases.steps(row.id), asOf);
  if (standing === null)
    throw new UsageError(`case #${row.id} was opened on ${row.openedOn}, after ${asOf}: it did not exist yet`);
  return {
    row: standing.record,
    timeline: toTimeline(standing.record, standing.steps, caseReturnWindow(session.settings, standing.record)),
    events: datedBy(session.store.cases.events(row.id), asOf),
    evidence: datedBy(session.store.cases.evidence(row.id), asOf),
  };
}
