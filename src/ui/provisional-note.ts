import { hint } from "../hints.js";

/** The footnote of the `~` that marks a date counted through a provisional year (status, show). */
export const PROVISIONAL_NOTE =
  `~ counted on a provisional calendar (a year whose official schedule is not published yet): ${hint.calendar()} ` +
  "says which";
