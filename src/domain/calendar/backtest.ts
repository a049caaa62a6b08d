import type { Day } from "../time/dates.js";
import { type Calendar, createCalendar, type HolidaySchedule } from "./calendar.js";
import { fileExceptions, type HolidayFile } from "./holiday-file.js";
import {
  type LunarFacts,
  type LunarFactsTable,
  lawSchedule,
  lunarFactsOf,
  PRACTICE,
  type Practice,
  provisionalSchedule,
} from "./provisional.js";

// The provisional calendar measured against the official schedules it could have predicted
// (`npm run backtest`, docs/calendar.md): each year is predicted without its own notice, and
// deadlines counted through the prediction are compared with the same deadlines counted through
// the official schedule. Not part of kakotrack's runtime: nothing in src/commands imports it.

export const DEADLINES = [5, 14] as const;

export type Method = "rules" | "law" | "weekdays";
export const METHODS: readonly Method[] = ["rules", "law", "weekdays"];

export interface Tally {
  windows: number;
  exact: number;
  withinOne: number;
}

export interface YearResult {
  year: number;
  /** The practice fitted on the other years, that predicted this one. */
  practice: Practice;
  /** tallies[method][deadline] */
  tallies: Record<Method, Record<number, Tally>>;
}

export interface BacktestReport {
  years: YearResult[];
  overall: Record<Method, Record<number, Tally>>;
  /** The practice fitted on every year, and whether PRACTICE (what kakotrack ships) is it. */
  fittedOnAll: Practice;
  shipsFitted: boolean;
}

/**
 * The candidate values of each fitted parameter, in the order that breaks ties: a year's
 * prediction uses the values with the fewest days wrong over the other years, the first listed
 * among equals. A new practice's first year goes latest first, so that a year left out keeps the
 * practice of the year before it unless the other years show otherwise (as the future is
 * predicted: the latest practice goes on); the Spring Festival break starts on the law's own
 * first day unless the data says otherwise.
 */
function* practices(): Generator<Practice> {
  for (let labourWeekFrom = 2027; labourWeekFrom >= 2015; labourWeekFrom--) {
    for (const spring2014 of [
      [0, 5],
      [0, 6],
      [0, 7],
      [-1, 5],
      [-1, 6],
      [-1, 7],
    ] as const) {
      for (const spring2025 of [
        [-1, 5],
        [-1, 6],
        [-1, 7],
        [-2, 5],
        [-2, 6],
        [-2, 7],
      ] as const) {
        for (const nationalDayDays of [7, 8]) {
          yield {
            labourWeekFrom,
            springBreak: { ...PRACTICE.springBreak, 2014: spring2014, 2025: spring2025 },
            nationalDayDays,
          };
        }
      }
    }
  }
}

/** Days a predicted year has wrong: the days off on a weekday and make-up days that only one of the two has. */
function daysWrong(predicted: HolidayFile, official: HolidayFile): number {
  const a = new Set(fileExceptions(predicted));
  const b = new Set(fileExceptions(official));
  let wrong = 0;
  for (const d of a) if (!b.has(d)) wrong++;
  for (const d of b) if (!a.has(d)) wrong++;
  return wrong;
}

function samePractice(a: Practice, b: Practice): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The official years as one schedule, with one year's notice replaced by a prediction. */
function scheduleWith(official: readonly HolidayFile[], replaced: HolidayFile | undefined): HolidaySchedule {
  const files = official.filter((f) => f.year !== replaced?.year);
  if (replaced) files.push(replaced);
  const exceptions = new Set<Day>();
  for (const file of files) for (const d of fileExceptions(file)) exceptions.add(d);
  return {
    from: official[0]!.year,
    to: official[official.length - 1]!.year,
    exceptions: [...exceptions].sort((x, y) => x - y),
  };
}

function emptyTallies(): Record<number, Tally> {
  return Object.fromEntries(DEADLINES.map((n) => [n, { windows: 0, exact: 0, withinOne: 0 }]));
}

/**
 * Counts n business days from every start day whose window, counted officially, holds a day
 * the year's notice changes; tallies how often the prediction gives the same due date, and a
 * date at most one official business day away.
 */
function tally(year: HolidayFile, reference: Calendar, predicted: Calendar, into: Record<number, Tally>): void {
  const changed = fileExceptions(year);
  if (changed.length === 0) return;
  const touches = (from: Day, to: Day): boolean => changed.some((d) => d > from && d <= to);
  for (const n of DEADLINES) {
    const t = into[n]!;
    for (let start = changed[0]! - 3 * n - 14; start < changed[changed.length - 1]!; start++) {
      const due = reference.addBusinessDays(start, n);
      if (!touches(start, due)) continue;
      const guess = predicted.addBusinessDays(start, n);
      t.windows++;
      if (guess === due) t.exact++;
      if (reference.countBusinessDays(Math.min(guess, due), Math.max(guess, due)) <= 1) t.withinOne++;
    }
  }
}

function add(into: Record<number, Tally>, from: Record<number, Tally>): void {
  for (const n of DEADLINES) {
    into[n]!.windows += from[n]!.windows;
    into[n]!.exact += from[n]!.exact;
    into[n]!.withinOne += from[n]!.withinOne;
  }
}

/**
 * The backtest: `official` is every official year as holiday-cn files (filesFromPackage), `years`
 * the years to predict. Each fitted parameter is fitted leave-one-year-out over `years`.
 */
export function backtest(
  official: readonly HolidayFile[],
  table: LunarFactsTable,
  years: readonly number[],
): BacktestReport {
  const officialOf = new Map(official.map((f) => [f.year, f]));
  const facts = new Map<number, LunarFacts>(years.map((y) => [y, lunarFactsOf(table, y)!]));
  // wrong[i][y]: days candidate i has wrong in year y.
  const candidates = [...practices()];
  const wrong = candidates.map(
    (practice) =>
      new Map(years.map((y) => [y, daysWrong(provisionalSchedule(y, facts.get(y)!, practice), officialOf.get(y)!)])),
  );
  const fit = (leftOut: number | undefined): Practice => {
    let best = 0;
    let bestWrong = Infinity;
    candidates.forEach((_, i) => {
      let total = 0;
      for (const y of years) if (y !== leftOut) total += wrong[i]!.get(y)!;
      if (total < bestWrong) (best = i), (bestWrong = total);
    });
    return candidates[best]!;
  };

  const reference = createCalendar({ name: "cn", holidays: scheduleWith(official, undefined) });
  const overall = { rules: emptyTallies(), law: emptyTallies(), weekdays: emptyTallies() };
  const results: YearResult[] = years.map((year) => {
    const practice = fit(year);
    const predictions: Record<Method, HolidayFile> = {
      rules: provisionalSchedule(year, facts.get(year)!, practice),
      law: lawSchedule(year, facts.get(year)!),
      weekdays: { year, days: [] },
    };
    const tallies = { rules: emptyTallies(), law: emptyTallies(), weekdays: emptyTallies() };
    for (const method of METHODS) {
      const predicted = createCalendar({ name: "cn", holidays: scheduleWith(official, predictions[method]) });
      tally(officialOf.get(year)!, reference, predicted, tallies[method]);
      add(overall[method], tallies[method]);
    }
    return { year, practice, tallies };
  });
  const fittedOnAll = fit(undefined);
  return { years: results, overall, fittedOnAll, shipsFitted: samePractice(fittedOnAll, PRACTICE) };
}

export const TARGET = { exact: 0.9, withinOne: 0.99 };

/** Years whose schedule a notice changed after the year's own notice: no rule can know them. */
export const LATER_NOTICES: Readonly<Record<number, string>> = {
  2015: "3-4 September off, a one-off holiday for the 70th anniversary of the victory (a separate notice of 2015)",
  2019: "Labour Day made four days by the notice of 22 March 2019",
  2020: "the Spring Festival extended to 2 February by the notice of 27 January 2020 (COVID-19)",
};

function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}

function describePractice(p: Practice): string {
  const span = ([a, b]: readonly [number, number]): string =>
    `${a === -1 ? "eve" : a < -1 ? `eve${a + 1}` : "1st"}..${b + 1}th`;
  return (
    `Labour week from ${p.labourWeekFrom}, Spring Festival ${span(p.springBreak[2014]!)} (2014 law) / ` +
    `${span(p.springBreak[2025]!)} (2025 law), National Day ${p.nationalDayDays} days`
  );
}

/** The report as `npm run backtest` prints it. */
export function renderBacktest(report: BacktestReport): string {
  const lines: string[] = [];
  const row = (label: string, t: Record<Method, Record<number, Tally>>, n: number): string =>
    [
      label.padEnd(7),
      String(t.rules[n]!.windows).padStart(7),
      ...METHODS.flatMap((m) => [
        percent(t[m][n]!.exact, t[m][n]!.windows).padStart(8),
        percent(t[m][n]!.withinOne, t[m][n]!.windows).padStart(8),
      ]),
    ].join(" ");
  for (const n of DEADLINES) {
    lines.push(`${n} business days: due dates right to the day (exact) and at most one business day off (±1)`);
    lines.push(
      `${"".padEnd(7)} ${"".padStart(7)} ${"rules".padStart(17)} ${"law's days".padStart(17)} ` +
        `${"Mon-Fri".padStart(17)}`,
    );
    lines.push(
      `${"year".padEnd(7)} ${"windows".padStart(7)} ` +
        `${METHODS.map(() => `${"exact".padStart(8)} ${"±1".padStart(8)}`).join(" ")}`,
    );
    for (const y of report.years) lines.push(row(String(y.year), y.tallies, n));
    lines.push(row("overall", report.overall, n));
    lines.push("");
  }
  lines.push("Fitted leave-one-year-out (the practice each year was predicted with):");
  for (const y of report.years) lines.push(`  ${y.year}: ${describePractice(y.practice)}`);
  lines.push(`Fitted on all years: ${describePractice(report.fittedOnAll)}`);
  lines.push(
    report.shipsFitted
      ? "kakotrack ships exactly this fit (PRACTICE in src/domain/provisional.ts)."
      : "WARNING: PRACTICE in src/domain/provisional.ts is not the all-years fit.",
  );
  const met = DEADLINES.every((n) => {
    const t = report.overall.rules[n]!;
    return t.exact >= TARGET.exact * t.windows && t.withinOne >= TARGET.withinOne * t.windows;
  });
  const regular = { rules: emptyTallies(), law: emptyTallies(), weekdays: emptyTallies() };
  for (const y of report.years) if (!(y.year in LATER_NOTICES)) for (const m of METHODS) add(regular[m], y.tallies[m]);
  lines.push("Years changed after their notice (in the figures above, as published at last):");
  for (const [year, what] of Object.entries(LATER_NOTICES)) lines.push(`  ${year}: ${what}`);
  lines.push("The other years alone (windows, then exact and ±1 as above):");
  for (const n of DEADLINES) lines.push(row(`${n} days`, regular, n));
  const misses = report.years
    .map((y) => ({
      year: y.year,
      n: DEADLINES.reduce((sum, n) => sum + y.tallies.rules[n]!.windows - y.tallies.rules[n]!.withinOne, 0),
    }))
    .filter((m) => m.n > 0);
  lines.push(
    `Rules more than one business day off: ` +
      `${misses.length === 0 ? "none" : misses.map((m) => `${m.year}: ${m.n} windows`).join(", ")}.`,
  );
  lines.push(
    `Target (rules, overall, both deadlines: >= ${TARGET.exact * 100}% exact, >= ${TARGET.withinOne * 100}% within ` +
      `one business day): ${met ? "met" : "NOT met"}.`,
  );
  return `${lines.join("\n")}\n`;
}
