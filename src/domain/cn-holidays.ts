// China's official holiday schedule (State Council notices), maintained in the chinese-days
// package. Only its data file is imported: the package's code (lunar calendar, solar terms)
// is not needed and would cost start-up time.
import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type { HolidayData } from "./calendar.js";

export const cnHolidayData: HolidayData = data;
