import { DomainError } from "./errors.ts";

/** A calendar date "YYYY-MM-DD" with no time zone attached. */
export type CivilDate = string;

/** Wall-clock reading of an instant in a time zone. */
export interface ZonedParts {
  date: CivilDate;
  hour: number;
  minute: number;
  second: number;
}

export const DEFAULT_TIME_ZONE = "Europe/Tallinn";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Reads the wall clock of `instant` in `timeZone` (Intl only, so DST comes from the platform's tz database). */
export function zonedParts(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year.padStart(4, "0")}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The civil date of `instant` in `timeZone`. */
export function civilDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): CivilDate {
  return zonedParts(instant, timeZone).date;
}

/** Parses "YYYY-MM-DD" strictly (real calendar dates only) into UTC milliseconds at midnight. */
export function parseCivilDate(date: CivilDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new DomainError("INVALID_INPUT", `not a calendar date: "${date}"`, [
      { path: "date", message: "must be YYYY-MM-DD" },
    ]);
  }
  return ms;
}

/** Adds whole calendar days to a civil date (no time zone involved, so DST cannot shift it). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return new Date(parseCivilDate(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((parseCivilDate(to) - parseCivilDate(from)) / 86_400_000);
}

/** ISO weekday of a civil date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return new Date(parseCivilDate(date)).getUTCDay() || 7;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Tallinn: +2 h in winter, +3 h in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = zonedParts(new Date(instant), timeZone);
  const [y, m, d] = wall.date.split("-").map(Number);
  return Date.UTC(y, m - 1, d, wall.hour, wall.minute, wall.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `time` ("HH:MM").
 * A time skipped by a spring-forward switch resolves to the same wall reading after the switch (03:30 → 04:30
 * in Tallinn); a repeated autumn time resolves to one of its two instants. Send windows never sit in those hours.
 */
export function zonedTimeToInstant(
  date: CivilDate,
  time: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  const key = `${timeZone}|${date}|${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const at = instantOf(date, time, timeZone).getTime();
  if (instants.size >= MAX_INSTANTS) instants.delete(instants.keys().next().value as string);
  instants.set(key, at);
  return new Date(at);
}

/**
 * zonedTimeToInstant's answers: it depends on its arguments only (and the platform's tz database), and planning
 * a send asks for the same few window starts and ends again and again; each costs several Intl formattings.
 */
const instants = new Map<string, number>();
/** At most this many answers are kept (the oldest dropped first). */
const MAX_INSTANTS = 10_000;

function instantOf(date: CivilDate, time: string, timeZone: string): Date {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) {
    throw new DomainError("INVALID_INPUT", `not a time of day: "${time}"`, [
      { path: "time", message: "must be HH:MM" },
    ]);
  }
  const wall = parseCivilDate(date) + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return new Date(first);
  const reads = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return p.date === date && p.hour === Number(match[1]) && p.minute === Number(match[2]);
  };
  if (reads(second)) return new Date(second);
  if (reads(first)) return new Date(first);
  return new Date(Math.max(first, second));
}
