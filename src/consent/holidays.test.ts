import { describe, expect, it } from "vitest";
import calendar from "./holidays.json";
import { HOLIDAY_YEARS, HOLIDAYS } from "./holidays";

describe("the holiday calendar (holidays.json)", () => {
  it("holds real dates, in order, each with a name", () => {
    const dates = Object.keys(calendar);
    for (const [date, name] of Object.entries(calendar)) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      expect(name.length).toBeGreaterThan(0);
    }
    expect(dates).toEqual([...dates].sort());
  });

  // Fails on purpose once a new year starts without next year's holidays: add them (docs/sending-windows.md).
  it("covers this year and the next", () => {
    const year = new Date().getUTCFullYear();
    expect(HOLIDAY_YEARS).toEqual(expect.arrayContaining([year, year + 1]));
  });

  it("has every fixed holiday of the law in each year it covers", () => {
    for (const year of HOLIDAY_YEARS) {
      for (const day of ["01-01", "01-02", "01-07", "03-08", "03-21", "03-22", "03-23", "05-01", "05-07", "05-09", "07-06", "08-30", "10-25", "12-16"]) {
        expect(HOLIDAYS.has(`${year}-${day}`), `${year}-${day}`).toBe(true);
      }
    }
  });
});
