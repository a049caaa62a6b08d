// China's official holiday schedule (State Council notices), maintained in the chinese-days
// package. Only its data file is imported: the package's code (lunar calendar, solar terms)
// is not needed and would cost start-up time. The build evaluates this module and bundles
// its result (scripts/build.mjs).
import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { type HolidaySchedule, scheduleFromPackage } from "./calendar.js";

export const cnHolidays: HolidaySchedule = scheduleFromPackage(data);
