import { type Day, dayFromParts, formatDate, toDay, weekday } from "../time/dates.js";
import type { HolidaySchedule } from "./calendar-types.js";
import {
  fileExceptions,
  fileStart,
  type HolidayDay,
  type HolidayFile,
  isWeekday,
  toHolidayFile,
} from "./holiday-file.js";

// A year's schedule as the State Council would publish it, derived from rules: the law's days, a
// holiday of all citizens on a weekend given back on a working day, and the usual arrangement
// around them, learned from the notices of 2015-2026 (docs/calendar.md has each rule's source and
// the backtest that measures them: `npm run backtest`). Lunar dates and solar terms come from
// chinese-days at build time (src/domain/cn-lunar.ts): nothing here knows the lunar calendar.

/**
 * The rules' schedule of many years, ready-made in the bundle like the official one: year
 * `from + i` has the exceptions `offsets[i]` up to `offsets[i + 1]` and begins on `starts[i]`,
 * before 1 January when its New Year break begins in December.
 */
export interface ProvisionalSchedule extends HolidaySchedule {
  starts: readonly Day[];
  offsets: readonly number[];
}

/** The dates a year's holidays hang on, YYYY-MM-DD. */
export interface LunarFacts {
  /** 1st of the 1st lunar month; New Year's Eve is the day before. */
  springFestival: string;
  /** The day of the solar term Qingming (清明). */
  qingming: string;
  /** 5th of the 5th lunar month. */
  dragonBoat: string;
  /** 15th of the 8th lunar month. */
  midAutumn: string;
}

/** LunarFacts for the years from..to as day numbers, four a year in LunarFacts' order: what the bundle carries. */
export interface LunarFactsTable {
  from: number;
  to: number;
  days: readonly Day[];
}

export function lunarFactsOf(table: LunarFactsTable, year: number): LunarFacts | undefined {
  if (year < table.from || year > table.to) return undefined;
  const [springFestival, qingming, dragonBoat, midAutumn] = table.days
    .slice((year - table.from) * 4, (year - table.from) * 4 + 4)
    .map(formatDate);
  return { springFestival: springFestival!, qingming: qingming!, dragonBoat: dragonBoat!, midAutumn: midAutumn! };
}

/**
 * 《全国年节及纪念日放假办法》, the version in force from 1 January of `from`: the days of the
 * holidays of all citizens that differ between versions. In every version since 2008: New Year's
 * Day 1 January, Qingming the day of the solar term, Dragon Boat and Mid-Autumn one day, National
 * Day 1-3 October, and (Article 6) a holiday on a Saturday or Sunday given back on a working day.
 */
interface Law {
  from: number;
  title: string;
  /** The Spring Festival's days, counted from the 1st of the 1st lunar month (-1: New Year's Eve). */
  springFestival: readonly number[];
  labourDays: number;
}

export const LAWS: readonly Law[] = [
  { from: 2008, title: "revised by the State Council on 14 December 2007", springFestival: [-1, 0, 1], labourDays: 1 },
  { from: 2014, title: "revised by the State Council on 11 December 2013", springFestival: [0, 1, 2], labourDays: 1 },
  {
    from: 2025,
    title: "revised by the State Council on 10 November 2024",
    springFestival: [-1, 0, 1, 2],
    labourDays: 2,
  },
];

/** The first year that provisionalSchedule knows the law of. */
export const FIRST_LAW_YEAR = LAWS[0]!.from;

/**
 * The State Council's arrangement that is a number rather than a shape: fitted to the notices of
 * 2015-2026 (leave-one-year-out in the backtest, which checks that these are the all-years fit).
 */
export interface Practice {
  /**
   * From this year on, Labour Day is a five-day break (2019's four days, an amendment of March 2019, are nearer five
   * than one).
   */
  labourWeekFrom: number;
  /**
   * The Spring Festival break's first and last day, counted from the 1st of the 1st lunar month, under each law (keyed
   * by its `from`).
   */
  springBreak: Readonly<Record<number, readonly [number, number]>>;
  /** National Day's break: 1 October and the days after it (one more when Mid-Autumn joins it). */
  nationalDayDays: number;
}

export const PRACTICE: Practice = {
  labourWeekFrom: 2019,
  springBreak: { 2008: [-1, 5], 2014: [-1, 5], 2025: [-1, 6] },
  nationalDayDays: 7,
};

/**
 * No more than six working days in a row before and after a holiday, save in special cases:
 * the principle announced with the revision of November 2024, followed from the 2025 schedule on.
 */
export const SIX_DAY_LIMIT_FROM = 2025;

function lawOf(year: number): Law {
  const law = LAWS.findLast((l) => l.from <= year);
  if (!law) throw new Error(`no holiday law known before ${FIRST_LAW_YEAR} (asked for ${year})`);
  return law;
}

/** A festival's break before its make-up days are placed: first..last off, `makeUps` weekend days to work. */
interface Core {
  name: string;
  first: Day;
  last: Day;
  makeUps: number;
}

function weekdaysIn(first: Day, last: Day): number {
  let n = 0;
  for (let d = first; d <= last; d++) if (isWeekday(d)) n++;
  return n;
}

/**
 * A one-day holiday (or Labour Day before its five-day breaks): the law's days, a weekend day
 * given back on the next weekday, and a lone working day between the holiday and a weekend
 * bridged (a Tuesday's Monday, a Thursday's Friday) and made up on a weekend day.
 */
function shortBreak(name: string, lawDays: readonly Day[]): Core {
  let first = lawDays[0]!;
  let last = lawDays[lawDays.length - 1]!;
  for (let owed = lawDays.filter((d) => !isWeekday(d)).length; owed > 0; ) if (isWeekday(++last)) owed--;
  let makeUps = 0;
  if (weekday(first) === 2) first--, makeUps++;
  if (weekday(last) === 4) last++, makeUps++;
  return { name, first, last, makeUps };
}

/** A break of fixed days (Spring Festival, National Day): its weekdays beyond the law's days are made up. */
function fixedBreak(name: string, first: Day, last: Day, lawDays: number): Core {
  while (weekdaysIn(first, last) < lawDays) last++;
  return { name, first, last, makeUps: weekdaysIn(first, last) - lawDays };
}

/**
 * Labour Day since 2019: five days off in a row that hold the law's days and a whole weekend,
 * with the fewest make-up days; of equals, the latest (2020-2026 all fit).
 */
function labourWeek(name: string, lawDays: readonly Day[]): Core {
  const lawFirst = lawDays[0]!;
  const lawLast = lawDays[lawDays.length - 1]!;
  let best: Core | undefined;
  for (let first = lawLast - 4; first <= lawFirst; first++) {
    const last = first + 4;
    let wholeWeekend = false;
    for (let d = first; d < last; d++) if (weekday(d) === 6) wholeWeekend = true;
    const makeUps = weekdaysIn(first, last) - lawDays.length;
    if (wholeWeekend && makeUps >= 0 && (!best || makeUps <= best.makeUps)) best = { name, first, last, makeUps };
  }
  return best ?? shortBreak(name, lawDays);
}

/** Mid-Autumn and National Day: one eight-day break when they meet, else two. */
function autumnBreaks(year: number, midAutumn: Day, practice: Practice): { cores: Core[]; weekendOnly: Core[] } {
  const oct1 = dayFromParts(year, 10, 1);
  const days = practice.nationalDayDays;
  // Mid-Autumn from 29 September to the day after the break joins it (2012, 2017, 2020, 2023, 2025).
  if (midAutumn >= oct1 - 2 && midAutumn <= oct1 + days) {
    const first = Math.min(midAutumn, oct1);
    return {
      cores: [fixedBreak(midAutumn < oct1 ? "中秋节、国庆节" : "国庆节、中秋节", first, first + days, 4)],
      weekendOnly: [],
    };
  }
  const national = (lawDays: number): Core => fixedBreak("国庆节", oct1, oct1 + days - 1, lawDays);
  // Mid-Autumn on the weekend before, whose day given back would fall on 28-30 September, is given back in the National
  // Day break (2015).
  const givenBack = midAutumn + (weekday(midAutumn) === 6 ? 2 : 1);
  if (!isWeekday(midAutumn) && givenBack >= oct1 - 3) {
    return {
      cores: [national(4)],
      weekendOnly: [{ name: "中秋节", first: midAutumn, last: midAutumn, makeUps: 0 }],
    };
  }
  return { cores: [shortBreak("中秋节", [midAutumn]), national(3)], weekendOnly: [] };
}

function coresOf(year: number, facts: LunarFacts, practice: Practice): Core[] {
  const law = lawOf(year);
  const spring = toDay(facts.springFestival);
  const [springFirst, springLast] = practice.springBreak[law.from] ?? [
    law.springFestival[0]!,
    law.springFestival[law.springFestival.length - 1]!,
  ];
  const may1 = dayFromParts(year, 5, 1);
  const labourDays = Array.from({ length: law.labourDays }, (_, i) => may1 + i);
  const autumn = autumnBreaks(year, toDay(facts.midAutumn), practice);
  return [
    shortBreak("元旦", [dayFromParts(year, 1, 1)]),
    fixedBreak("春节", spring + springFirst, spring + springLast, law.springFestival.length),
    shortBreak("清明节", [toDay(facts.qingming)]),
    year >= practice.labourWeekFrom ? labourWeek("劳动节", labourDays) : shortBreak("劳动节", labourDays),
    shortBreak("端午节", [toDay(facts.dragonBoat)]),
    ...autumn.weekendOnly,
    ...autumn.cores,
  ].sort((a, b) => a.first - b.first);
}

/** The year's days off and make-up days as they are decided, festival by festival. */
class Plan {
  readonly off = new Map<Day, string>();
  readonly work = new Map<Day, string>();

  working(day: Day): boolean {
    return this.work.has(day) || (isWeekday(day) && !this.off.has(day));
  }

  /** Working days in a row around `day` if it were worked. */
  runWith(day: Day): number {
    let n = 1;
    for (let d = day - 1; this.working(d); d--) n++;
    for (let d = day + 1; this.working(d); d++) n++;
    return n;
  }

  /**
   * A weekend day that can be worked for a break: free, and joined to a working week, never a lone
   * working day between two days off (a Saturday after a working Friday, a Sunday before a working Monday).
   */
  canWork(day: Day, limit: boolean): boolean {
    const w = weekday(day);
    if (isWeekday(day) || this.off.has(day) || this.work.has(day)) return false;
    if (!(w === 6 ? this.working(day - 1) : this.working(day + 1))) return false;
    return !limit || this.runWith(day) <= 6;
  }

  /** The nearest weekend day that can be worked, going from `from` in direction `step`. */
  nearest(from: Day, step: 1 | -1, limit: boolean): Day | undefined {
    for (let d = from + step, i = 0; i < 42; d += step, i++) if (this.canWork(d, limit)) return d;
    return undefined;
  }
}

/**
 * Where a break's make-up days go. Two: the nearest weekend day that can be worked before the
 * break and the nearest after it; before 2025, when a whole weekend adjoins the break, that
 * weekend (the break keeps its length). One: the nearer of the two, the earlier on a tie. Since
 * 2025 no make-up day may make more than six working days in a row.
 */
function placeMakeUps(plan: Plan, core: Core, limit: boolean): void {
  const { first, last, makeUps } = core;
  const work = (d: Day): void => void plan.work.set(d, core.name);
  const free = (d: Day): boolean => !plan.off.has(d) && !plan.work.has(d);
  if (makeUps === 2 && !limit) {
    const whole = weekday(first) === 1 ? first - 2 : weekday(last) === 5 ? last + 1 : undefined;
    if (whole !== undefined && free(whole) && free(whole + 1)) {
      work(whole);
      work(whole + 1);
      return;
    }
  }
  let previous: Day | undefined;
  for (let i = 0; i < makeUps; i++) {
    const before = plan.nearest(first, -1, limit);
    const after = plan.nearest(last, 1, limit);
    // The first goes to the nearer side, the next to the other side.
    const pick =
      previous !== undefined
        ? previous < first
          ? (after ?? before)
          : (before ?? after)
        : before === undefined || (after !== undefined && after - last < first - before)
          ? after
          : before;
    if (pick === undefined) return;
    work(pick);
    previous = pick;
  }
}

/**
 * The year's schedule as the rules predict it, in holiday-cn's form: each break's days off
 * (weekends inside and next to it included) and its make-up working days. Pure: the lunar
 * facts and the practice are parameters.
 */
export function provisionalSchedule(year: number, facts: LunarFacts, practice: Practice = PRACTICE): HolidayFile {
  const limit = year >= SIX_DAY_LIMIT_FROM;
  const cores = coresOf(year, facts, practice);
  const plan = new Plan();
  for (const core of cores)
    for (let d = core.first; d <= core.last; d++) if (!plan.off.has(d)) plan.off.set(d, core.name);
  for (const core of cores) {
    placeMakeUps(plan, core, limit);
    // The weekend days next to the break that are not worked join it.
    const joins = (d: Day): boolean => !isWeekday(d) && !plan.off.has(d) && !plan.work.has(d);
    for (let d = core.first - 1; joins(d); d--) plan.off.set(d, core.name);
    for (let d = core.last + 1; joins(d); d++) plan.off.set(d, core.name);
  }
  return planFile(year, plan);
}

function planFile(year: number, plan: Plan): HolidayFile {
  const days: HolidayDay[] = [];
  for (const [day, name] of plan.off) days.push({ name, date: formatDate(day), isOffDay: true });
  for (const [day, name] of plan.work) days.push({ name, date: formatDate(day), isOffDay: false });
  return toHolidayFile(year, days);
}

/**
 * The law's days alone, each one on a weekend given back on the first weekday after its
 * festival: no make-up days, no longer breaks. The backtest's second baseline.
 */
export function lawSchedule(year: number, facts: LunarFacts): HolidayFile {
  const law = lawOf(year);
  const spring = toDay(facts.springFestival);
  const may1 = dayFromParts(year, 5, 1);
  const oct1 = dayFromParts(year, 10, 1);
  const festivals: [string, Day[]][] = [
    ["元旦", [dayFromParts(year, 1, 1)]],
    ["春节", law.springFestival.map((offset) => spring + offset)],
    ["清明节", [toDay(facts.qingming)]],
    ["劳动节", Array.from({ length: law.labourDays }, (_, i) => may1 + i)],
    ["端午节", [toDay(facts.dragonBoat)]],
    ["中秋节", [toDay(facts.midAutumn)]],
    ["国庆节", [oct1, oct1 + 1, oct1 + 2]],
  ];
  const plan = new Plan();
  for (const [name, lawDays] of festivals.sort((a, b) => a[1][0]! - b[1][0]!)) {
    for (const d of lawDays) if (!plan.off.has(d)) plan.off.set(d, name);
    let d = lawDays[lawDays.length - 1]!;
    for (const owed of lawDays) {
      if (isWeekday(owed)) continue;
      do d++;
      while (!isWeekday(d) || plan.off.has(d));
      plan.off.set(d, name);
    }
  }
  return planFile(year, plan);
}

/**
 * The provisional schedule of the years from..to, ready for the calendar: what the bundle
 * carries (scripts/build.mjs evaluates this at build time).
 */
export function buildProvisional(
  from: number,
  to: number,
  table: LunarFactsTable,
  practice: Practice = PRACTICE,
): ProvisionalSchedule {
  const exceptions: Day[] = [];
  const starts: Day[] = [];
  const offsets: number[] = [];
  for (let year = from; year <= to; year++) {
    const file = provisionalSchedule(year, lunarFactsOf(table, year)!, practice);
    offsets.push(exceptions.length);
    starts.push(fileStart(file));
    exceptions.push(...fileExceptions(file));
  }
  offsets.push(exceptions.length);
  return { from, to, exceptions, starts, offsets };
}
