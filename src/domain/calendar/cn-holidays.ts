// China's official holiday schedule (State Council notices), maintained in the chinese-days
// package, and the provisional schedule the rules give for the years after it. Only the
// package's data file is imported here; its lunar tables reach the rules through cn-lunar.ts.
// The build evaluates this module and bundles its result (scripts/build.mjs), so a start
// neither parses date keys nor runs the rules nor loads chinese-days' code.
import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type { HolidaySchedule } from "./calendar.js";
import { scheduleFromPackage } from "./calendar-schedule.js";
import { cnLunarFacts } from "./cn-lunar.js";
import { buildProvisional, type ProvisionalSchedule } from "./provisional.js";
import { stampOf } from "./stamp.js";

export const cnHolidays: HolidaySchedule = scheduleFromPackage(data);

/** The rules' schedule for every year after the official data, to the end of the lunar tables. */
export const cnProvisional: ProvisionalSchedule = buildProvisional(cnHolidays.to + 1, cnLunarFacts.to, cnLunarFacts);

/** The identity of both schedules: a case's stored due day was worked out on it (issue 28). */
export const cnSchedulesStamp: string = stampOf(JSON.stringify([cnHolidays, cnProvisional]));
