import { DomainError } from "./errors.ts";
import { isPublicHoliday } from "./holidays.ts";
import { addDays, type CivilDate, civilDate, DEFAULT_TIME_ZONE, parseCivilDate } from "./time-zone.ts";

/** An inclusive range of civil dates with no surveys (summer holidays, office moves …). */
export interface Blackout {
  from: CivilDate;
  to: CivilDate;
}

/** A civil date, or an instant read as a civil date in the given time zone. */
export type DayInput = Date | CivilDate;

function toCivil(day: DayInput, timeZone: string): CivilDate {
  if (day instanceof Date) return civilDate(day, timeZone);
  parseCivilDate(day);
  return day;
}

/** Whether a civil date falls inside any blackout (both ends inclusive). */
export function isInBlackout(date: CivilDate, blackouts: readonly Blackout[] = []): boolean {
  return blackouts.some((b) => b.from <= date && date <= b.to);
}

/** Checks blackouts: real dates, `from` not after `to`. */
export function assertBlackouts(blackouts: readonly Blackout[]): void {
  blackouts.forEach((b, i) => {
    parseCivilDate(b.from);
    parseCivilDate(b.to);
    if (b.from > b.to) {
      throw new DomainError("INVALID_INPUT", `blackout ${b.from}…${b.to} ends before it starts`, [
        { path: `blackouts[${i}]`, message: "from must not be after to" },
      ]);
    }
  });
}

/** Monday–Friday, not an Estonian public holiday, and not inside a blackout. */
export function isWorkingDay(
  day: DayInput,
  timeZone: string = DEFAULT_TIME_ZONE,
  blackouts: readonly Blackout[] = [],
): boolean {
  const date = toCivil(day, timeZone);
  const weekday = new Date(parseCivilDate(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date) && !isInBlackout(date, blackouts);
}

/**
 * The `count`-th working day after `day` (the day itself is never counted, so a Friday plus 1 is the next
 * Monday); `count` 0 returns the day unchanged, working or not.
 */
export function addWorkingDays(
  day: DayInput,
  count: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  blackouts: readonly Blackout[] = [],
): CivilDate {
  if (!Number.isInteger(count) || count < 0) {
    throw new DomainError("INVALID_INPUT", `working-day count must be a whole number ≥ 0, got ${count}`, [
      { path: "count", message: "must be a whole number ≥ 0" },
    ]);
  }
  let date = toCivil(day, timeZone);
  for (let left = count; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, timeZone, blackouts)) left -= 1;
  }
  return date;
}
