import { createRequire } from "node:module";
import type HolidaysLibrary from "date-holidays";
import { addDays, type CivilDate } from "./time-zone.ts";

// date-holidays (all countries' rules) is loaded on the first holiday question, not at every process start.
const require = createRequire(import.meta.url);
let library: HolidaysLibrary | undefined;
const cache = new Map<number, readonly CivilDate[]>();

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The days Estonian law (Pühade ja tähtpäevade seadus § 2) makes public holidays, computed here so that a gap
 * in the holiday library can never turn one into a send day.
 */
export function statutoryHolidays(year: number): CivilDate[] {
  const easter = easterSunday(year);
  const fixed = ["01-01", "02-24", "05-01", "06-23", "06-24", "08-20", "12-24", "12-25", "12-26"];
  return [...fixed.map((md) => `${year}-${md}`), addDays(easter, -2), easter, addDays(easter, 49)].sort();
}

/** Estonian public holidays of a year, sorted: `date-holidays` type "public", united with the statutory list. */
export function estonianPublicHolidays(year: number): readonly CivilDate[] {
  let days = cache.get(year);
  if (!days) {
    library ??= new (require("date-holidays") as typeof HolidaysLibrary)("EE");
    const fromLibrary = library
      .getHolidays(year)
      .filter((holiday) => holiday.type === "public")
      .map((holiday) => holiday.date.slice(0, 10));
    days = Object.freeze([...new Set([...fromLibrary, ...statutoryHolidays(year)])].sort());
    cache.set(year, days);
  }
  return days;
}

/** Whether a civil date is an Estonian public holiday. */
export function isPublicHoliday(date: CivilDate): boolean {
  return estonianPublicHolidays(Number(date.slice(0, 4))).includes(date);
}
