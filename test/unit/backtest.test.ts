import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { backtest, DEADLINES, LATER_NOTICES, TARGET } from "../../src/domain/calendar/backtest.js";
import { cnLunarFacts } from "../../src/domain/calendar/cn-lunar.js";
import { filesFromPackage } from "../../src/domain/calendar/holiday-file.js";

// `npm run backtest` prints these figures (docs/calendar.md); here they guard the rules: a
// change that makes the provisional calendar worse on 2015-2026 fails.
describe("the backtest over 2015-2026", () => {
  const report = backtest(
    filesFromPackage(data),
    cnLunarFacts,
    Array.from({ length: 12 }, (_, i) => 2015 + i),
  );

  it("ships the practice fitted on all years", () => {
    expect(report.shipsFitted).toBe(true);
  });

  it("gets at least 95% of due dates right to the day, far above the law's days and Monday-Friday", () => {
    for (const n of DEADLINES) {
      const { rules, law, weekdays } = report.overall;
      expect(rules[n]!.exact / rules[n]!.windows).toBeGreaterThan(0.95);
      expect(rules[n]!.exact / rules[n]!.windows).toBeGreaterThan(TARGET.exact);
      expect(law[n]!.exact / law[n]!.windows).toBeLessThan(0.7);
      expect(weekdays[n]!.exact / weekdays[n]!.windows).toBeLessThan(0.05);
    }
  });

  it("is within one business day everywhere but where a later notice changed the year", () => {
    for (const y of report.years) {
      for (const n of DEADLINES) {
        const { windows, withinOne } = y.tallies.rules[n]!;
        if (!(y.year in LATER_NOTICES)) expect([y.year, n, withinOne]).toEqual([y.year, n, windows]);
      }
    }
  });
});
