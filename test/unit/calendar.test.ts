import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import { formatDate, toDay } from "../../src/domain/time/dates.js";

const cn = () => createCalendar({ name: "cn", holidays: cnHolidays });
const weekdays = () => createCalendar({ name: "weekdays" });
const add = (cal: ReturnType<typeof cn>, from: string, n: number) => formatDate(cal.addBusinessDays(toDay(from), n));
const count = (cal: ReturnType<typeof cn>, from: string, to: string) => cal.countBusinessDays(toDay(from), toDay(to));

describe("cn calendar", () => {
  it("works the make-up Saturday before the 2026 Spring Festival and skips the holiday week", () => {
    const cal = cn();
    expect(cal.isBusinessDay(toDay("2026-02-14"))).toBe(true); // Saturday, make-up day
    expect(cal.isBusinessDay(toDay("2026-02-16"))).toBe(false); // Monday, Spring Festival
    expect(add(cal, "2026-02-13", 1)).toBe("2026-02-14");
    expect(add(cal, "2026-02-13", 2)).toBe("2026-02-24");
    expect(count(cal, "2026-02-13", "2026-02-24")).toBe(2);
    // Saturday 2026-02-28 is a make-up working day too.
    expect(add(cal, "2026-02-27", 1)).toBe("2026-02-28");
  });

  it("counts across the 2026 National Day week with its make-up Saturday", () => {
    const cal = cn();
    // Oct 1-7 off; Sat Oct 10 worked.
    expect(add(cal, "2026-09-30", 5)).toBe("2026-10-13");
    expect(count(cal, "2026-09-30", "2026-10-13")).toBe(5);
    // Sun Sep 20 is a make-up day before the Mid-Autumn holiday (Sep 25-27).
    expect(cal.isBusinessDay(toDay("2026-09-20"))).toBe(true);
    expect(cal.isBusinessDay(toDay("2026-09-25"))).toBe(false);
  });

  it("counts a year without holiday data as weekdays and remembers the year", () => {
    const cal = cn();
    expect(add(cal, "2026-12-30", 3)).toBe("2027-01-04");
    expect([...cal.uncoveredYears]).toEqual([2027]);
  });

  it("does not flag years that are covered", () => {
    const cal = cn();
    add(cal, "2026-03-02", 14);
    expect(cal.uncoveredYears.size).toBe(0);
  });

  it("takes the user's closures off on top of the official schedule", () => {
    const cal = createCalendar({ name: "cn", holidays: cnHolidays, closures: ["2026-11-23", "2026-11-24"] });
    expect(add(cal, "2026-11-20", 1)).toBe("2026-11-25");
  });
});

describe("weekdays calendar", () => {
  it("is Monday to Friday only, holidays ignored", () => {
    const cal = weekdays();
    expect(add(cal, "2026-02-13", 1)).toBe("2026-02-16");
    expect(add(cal, "2026-09-30", 5)).toBe("2026-10-07");
    expect(count(cal, "2026-11-20", "2026-11-23")).toBe(1);
    expect(count(cal, "2026-11-23", "2026-11-20")).toBe(0);
    expect(cal.uncoveredYears.size).toBe(0);
  });
});

describe("day numbers", () => {
  it("agree with the platform's calendar for every day from 1900 to 2200", async () => {
    const { dayFromParts, formatDate, tryParseDay, yearOf } = await import("../../src/domain/time/dates.js");
    for (let day = -25567; day <= 84000; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (formatDate(day) !== iso || tryParseDay(iso) !== day || yearOf(day) !== Number(iso.slice(0, 4))) {
        throw new Error(`day ${day}: ${formatDate(day)} / ${iso}`);
      }
    }
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect([
      tryParseDay("2026-02-29"),
      tryParseDay("2028-02-29"),
      tryParseDay("1900-02-29"),
      tryParseDay("2000-02-29"),
    ]).toEqual([undefined, dayFromParts(2028, 2, 29), undefined, dayFromParts(2000, 2, 29)]);
  });
});
