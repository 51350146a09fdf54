import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Holidays from "date-holidays";
import { easterSunday, estonianPublicHolidays, isPublicHoliday, statutoryHolidays } from "./holidays.ts";

describe("Estonian public holidays", () => {
  it("computes Easter Sunday", () => {
    assert.equal(easterSunday(2025), "2025-04-20");
    assert.equal(easterSunday(2026), "2026-04-05");
    assert.equal(easterSunday(2027), "2027-03-28");
  });

  it("lists the twelve public holidays of 2026", () => {
    // Easter 5 April → Good Friday 3 April, Pentecost 5 April + 49 days = 24 May
    assert.deepEqual(estonianPublicHolidays(2026), [
      "2026-01-01",
      "2026-02-24",
      "2026-04-03",
      "2026-04-05",
      "2026-05-01",
      "2026-05-24",
      "2026-06-23",
      "2026-06-24",
      "2026-08-20",
      "2026-12-24",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("date-holidays itself reports every statutory holiday, 2024–2035", () => {
    const library = new Holidays("EE");
    for (let year = 2024; year <= 2035; year++) {
      const reported = new Set(
        library
          .getHolidays(year)
          .filter((h) => h.type === "public")
          .map((h) => h.date.slice(0, 10)),
      );
      for (const day of statutoryHolidays(year)) assert.ok(reported.has(day), `library misses ${day}`);
    }
  });

  it("does not treat observances or Easter Monday as holidays", () => {
    assert.equal(isPublicHoliday("2026-06-23"), true);
    assert.equal(isPublicHoliday("2026-04-06"), false); // Easter Monday is a working day in Estonia
    assert.equal(isPublicHoliday("2026-06-04"), false); // flag day: an observance, not a day off
  });
});
