import { cnSchedulesStamp } from "../calendar/cn-holidays.js";
import { stampOf } from "../calendar/stamp.js";
import { DEADLINE_RULES } from "./rules.js";

/**
 * What the due days stored with the open cases were worked out on, besides the settings (a change to
 * which clears the stored basis): the rules, the bundled schedules, and the way urgencyOf counts
 * (its version: raise it when that changes). A stored basis that differs is recomputed on the next
 * write; until then status judges every case as before (issue 28). The build evaluates this module
 * and bundles the text (scripts/build.mjs): stamping the rules cost every start ~0.3 ms.
 */
export const URGENCY_BASIS = `1:${stampOf(JSON.stringify(DEADLINE_RULES))}:${cnSchedulesStamp}`;
