import { type Calendar, createCalendar } from "../calendar/calendar.js";
import { calendarInputs } from "../calendar/calendar-data.js";
import { cnHolidays, cnProvisional } from "../calendar/cn-holidays.js";
import { agentKey } from "../case/agents.js";
import { agentClosures, resolveSettings, type Settings } from "./settings.js";

/** The settings and the calendars cases count on, from the stored settings rows. */
export interface Calendars {
  settings: Settings;
  /** The calendar of everyone's cases: China's (or Monday-Friday), with the user's closures. */
  calendar: Calendar;
  /** The calendar an agent's cases count on: `calendar`, plus that agent's own closures if it has any. */
  calendarFor(agent: string | null): Calendar;
  /** The agentKeys (canonical names, lower case) of the agents with closures of their own. */
  agentsWithClosures: readonly string[];
}

export function calendarsFrom(stored: ReadonlyMap<string, string>): Calendars {
  const settings = resolveSettings(stored);
  const calendar = createCalendar({
    name: settings.calendar,
    holidays: cnHolidays,
    provisional: cnProvisional,
    ...calendarInputs(stored),
    closures: settings.closures,
    calendarDays: settings.calendarDays,
  });
  // An agent with closures of its own counts on a calendar of its own, built once.
  const ownClosures = agentClosures(settings);
  const byAgent = new Map<string, Calendar>();
  const calendarFor = (agent: string | null): Calendar => {
    if (ownClosures.size === 0 || agent === null) return calendar;
    const key = agentKey(agent);
    const closures = ownClosures.get(key);
    if (closures === undefined) return calendar;
    let own = byAgent.get(key);
    if (own === undefined) byAgent.set(key, (own = calendar.withClosures(closures)));
    return own;
  };
  return { settings, calendar, calendarFor, agentsWithClosures: [...ownClosures.keys()] };
}

/**
 * The same calendars, sharing what they have worked out, with year records of their own
 * (Calendar.apart): for counts the user is not shown, which must not add to a command's notes.
 */
export function calendarsApart(calendars: Calendars): Calendars {
  const calendar = calendars.calendar.apart();
  const apart = new Map<Calendar, Calendar>([[calendars.calendar, calendar]]);
  const calendarFor = (agent: string | null): Calendar => {
    const own = calendars.calendarFor(agent);
    let mine = apart.get(own);
    if (mine === undefined) apart.set(own, (mine = own.apart()));
    return mine;
  };
  return { settings: calendars.settings, calendar, calendarFor, agentsWithClosures: calendars.agentsWithClosures };
}
