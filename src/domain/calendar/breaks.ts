import { type Day, dayFromParts, yearOf } from "../time/dates.js";
import type { Calendar } from "./calendar.js";
import type { LunarFactsTable } from "./provisional.js";

// What a deadline's count skipped, in words (issue 25): "the Mid-Autumn and National Day breaks
// are not counted". A break is named after the holidays whose day falls in it; the schedule
// itself carries no names (the bundled data is day numbers), so they come from the dates.

/** The holidays of all citizens on fixed dates, [name, month, day]. */
const FIXED: ReadonlyArray<readonly [string, number, number]> = [
  ["New Year", 1, 1],
  ["Labour Day", 5, 1],
  ["National Day", 10, 1],
];
/** The lunar ones, in LunarFactsTable's order (1/1, Qingming, 5/5, 8/15). */
const LUNAR = ["Spring Festival", "Qingming", "Dragon Boat", "Mid-Autumn"];

/** The holidays whose day is in [first, last], earliest first: "National Day and Mid-Autumn"; "" for none. */
export function breakName(first: Day, last: Day, lunar: LunarFactsTable): string {
  const found: Array<[Day, string]> = [];
  for (let year = yearOf(first); year <= yearOf(last); year++) {
    for (const [name, month, day] of FIXED) found.push([dayFromParts(year, month, day), name]);
    if (year >= lunar.from && year <= lunar.to)
      for (let k = 0; k < 4; k++) found.push([lunar.days[(year - lunar.from) * 4 + k]!, LUNAR[k]!]);
  }
  return found
    .filter(([day]) => day >= first && day <= last)
    .sort((a, b) => a[0] - b[0])
    .map(([, name]) => name)
    .join(" and ");
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * What a count over (from, to] did not count, in words, or null when nothing: "the New Year
 * break and closure days are not counted", "a holiday break is not counted".
 */
export function skippedText(calendar: Calendar, from: Day, to: Day, lunar: LunarFactsTable): string | null {
  const named: string[] = [];
  let unnamed = 0;
  for (const [first, last] of calendar.breaksIn(from, to)) {
    const name = breakName(first, last, lunar);
    if (name === "") unnamed++;
    else named.push(name);
  }
  const closures = calendar.closuresIn(from, to);
  const parts: string[] = [];
  if (named.length > 0) parts.push(`the ${joinAnd(named)} break${named.length > 1 ? "s" : ""}`);
  if (unnamed > 0) parts.push(unnamed === 1 ? "a holiday break" : `${unnamed} holiday breaks`);
  if (closures > 0) parts.push(closures === 1 ? "a closure day" : "closure days");
  if (parts.length === 0) return null;
  const one = parts.length === 1 && (named.length === 1 || unnamed === 1 || closures === 1);
  return `${joinAnd(parts)} ${one ? "is" : "are"} not counted`;
}
