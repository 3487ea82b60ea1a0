import calendar from "./holidays.json";

/**
 * Kazakhstan's public holidays and the days off they move to, "YYYY-MM-DD" (local date) to
 * name: the days a window "except holidays" leaves out. The operator's to extend
 * (docs/sending-windows.md, with the sources).
 */
export const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(calendar));

/** The years the calendar covers; a send in a later year would miss that year's holidays. */
export const HOLIDAY_YEARS: readonly number[] = [...new Set([...HOLIDAYS].map((date) => Number(date.slice(0, 4))))].sort();
