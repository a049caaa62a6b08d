import { describe, expect, it } from "vitest";
import {
  filesFromPackage,
  parseAmendment,
  parseHolidayFile,
  toHolidayFile,
} from "../../src/domain/calendar/holiday-file.js";
import { UsageError } from "../../src/errors.js";

// A schedule in holiday-cn's form, written for these tests (the days of the 2019 New Year break,
// which began in December 2018, and one of its make-up days).
const NEW_YEAR_2019 = {
  year: 2019,
  days: [
    { name: "元旦", date: "2018-12-29", isOffDay: false },
    { name: "元旦", date: "2018-12-30", isOffDay: true },
    { name: "元旦", date: "2018-12-31", isOffDay: true },
    { name: "元旦", date: "2019-01-01", isOffDay: true },
  ],
};

const file = (value: unknown): string => JSON.stringify(value);
const refusal = (text: string): string => {
  try {
    parseHolidayFile(text, "2027.json");
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error("accepted");
};
const days = (...entries: unknown[]) => file({ year: 2027, days: entries });
const day = (date: unknown, isOffDay: unknown = true, name: unknown = "春节") => ({ name, date, isOffDay });

describe("parseHolidayFile", () => {
  it("reads holiday-cn's form, with its $schema, $id and papers, and gives the days sorted", () => {
    const text = file({
      $schema: "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
      $id: "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json",
      year: 2027,
      papers: ["https://www.gov.cn/"],
      days: [day("2027-02-08"), { isOffDay: false, date: "2027-01-31", name: "春节" }, day("2027-01-01", true, "元旦")],
    });
    expect(parseHolidayFile(text, "2027.json")).toEqual({
      year: 2027,
      days: [day("2027-01-01", true, "元旦"), day("2027-01-31", false), day("2027-02-08")],
    });
  });

  it("takes a New Year break that begins in the December before, as holiday-cn files it", () => {
    expect(parseHolidayFile(file(NEW_YEAR_2019), "2019.json")).toEqual(NEW_YEAR_2019);
  });

  it("takes a day listed twice the same way once", () => {
    expect(parseHolidayFile(days(day("2027-02-08"), day("2027-02-08", true, "春节假期")), "x").days).toEqual([
      day("2027-02-08"),
    ]);
  });

  it("refuses what is not JSON or not the form, saying the form", () => {
    expect(refusal("{")).toMatch(
      /^2027\.json: not JSON; expected one year's schedule in holiday-cn's form, \{"year": 2027/,
    );
    expect(refusal("[]")).toMatch(/^2027\.json: not a holiday-cn file; expected \{"year"/);
    expect(refusal(file({ year: 2027 }))).toBe(
      '2027.json: "days" must be a list of {"name", "date", "isOffDay"} entries',
    );
    expect(refusal(file({ year: "2027", days: [] }))).toBe('2027.json: "year" must be a year like 2027 (got "2027")');
    expect(refusal(file({ year: 2027, days: [], holidays: {} }))).toMatch(/^2027\.json: unknown key "holidays"/);
  });

  it("refuses a file without days: holiday-cn publishes the year's file before the schedule", () => {
    expect(refusal(file({ year: 2027, papers: [], days: [] }))).toBe(
      '2027.json: "days" is empty: the 2027 schedule is not in this file yet (wait until it is published)',
    );
  });

  it("names the entry: a date that does not exist, of another year, listed twice both ways", () => {
    expect(refusal(days(day("2027-02-08"), day("2027-02-09"), day("2027-02-10"), day("2027-02-30")))).toBe(
      '2027.json: days[3]: "2027-02-30" is not a date (use YYYY-MM-DD)',
    );
    expect(refusal(days(day("2028-01-03")))).toBe(
      "2027.json: days[0]: 2028-01-03 is not in 2027 (a file holds one year; only the New Year break may begin in " +
        "December 2026)",
    );
    expect(refusal(days(day("2026-10-01")))).toMatch(/^2027\.json: days\[0\]: 2026-10-01 is not in 2027/);
    expect(refusal(days(day("2027-02-08"), day("2027-02-08", false)))).toBe(
      "2027.json: days[1]: 2027-02-08 is listed twice, once as a day off and once as a working day",
    );
  });

  it("names the entry whose fields are wrong", () => {
    expect(refusal(days("2027-02-08"))).toBe('2027.json: days[0]: expected {"name", "date", "isOffDay"}');
    expect(refusal(days(day("2027-02-08", "true")))).toBe(
      '2027.json: days[0]: "isOffDay" must be true (a day off) or false (a make-up working day)',
    );
    expect(refusal(days(day(20270208)))).toBe('2027.json: days[0]: "date" must be a date like "2027-01-01"');
    expect(refusal(days(day("2027-02-08", true, "")))).toBe(
      '2027.json: days[0]: "name" must be the holiday\'s name, up to 100 characters',
    );
    expect(refusal(days({ ...day("2027-02-08"), extra: 1 }))).toBe(
      '2027.json: days[0]: unknown key "extra" (an entry has "name", "date" and "isOffDay")',
    );
  });
});

describe("toHolidayFile", () => {
  it("gives exactly holiday-cn's form, which parseHolidayFile reads back unchanged", () => {
    const made = toHolidayFile(
      2019,
      [...NEW_YEAR_2019.days].reverse().map((d) => ({ ...d, extra: true }) as typeof d),
    );
    expect(JSON.stringify(made)).toBe(JSON.stringify(NEW_YEAR_2019));
    expect(parseHolidayFile(JSON.stringify(made, null, 2), "2019.json")).toEqual(made);
  });
});

describe("filesFromPackage", () => {
  it("splits chinese-days' schedule into years, a December New Year break going to the next year", () => {
    const files = filesFromPackage({
      holidays: {
        "2018-12-30": "New Year's Day,元旦,1",
        "2018-10-01": "National Day,国庆节,3",
        "2019-01-01": "New Year's Day,元旦,1",
      },
      workdays: { "2018-12-29": "New Year's Day,元旦,1" },
    });
    expect(files).toEqual([
      { year: 2018, days: [{ name: "国庆节", date: "2018-10-01", isOffDay: true }] },
      {
        year: 2019,
        days: [day("2018-12-29", false, "元旦"), day("2018-12-30", true, "元旦"), day("2019-01-01", true, "元旦")],
      },
    ]);
  });
});

describe("parseAmendment", () => {
  it("reads off, work and default (no amendment)", () => {
    expect(parseAmendment("2027-02-12", "off")).toEqual({ date: "2027-02-12", isOffDay: true });
    expect(parseAmendment("2027-02-14", "work")).toEqual({ date: "2027-02-14", isOffDay: false });
    expect(parseAmendment("2027-02-14", "default")).toBeNull();
  });

  it("refuses a bad date or state", () => {
    expect(() => parseAmendment("2027-02-30", "off")).toThrow(
      '"2027-02-30" is not a valid date (use YYYY-MM-DD, e.g. 2027-02-12)',
    );
    expect(() => parseAmendment("2027-02-12", "holiday")).toThrow(/"holiday" is not a day's state: use off/);
  });
});
