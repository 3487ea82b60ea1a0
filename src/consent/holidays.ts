import calendar from "./holidays.json";

/**
 * Kazakhstan's public holidays and the days off they move to (holidays.json, the operator's
 * to extend): the days a window "except holidays" leaves out. Local dates, "YYYY-MM-DD".
 */
export const HOLIDAYS: ReadonlySet<string> = new Set(calendar.days.map((day) => day.date));

/** The years the calendar covers; a send in a later year would miss that year's holidays. */
export const HOLIDAY_YEARS: readonly number[] = [...new Set(calendar.days.map((day) => Number(day.date.slice(0, 4))))].sort();
