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

/**
 * Reads the wall clock of `instant` in `timeZone`. DST comes from the platform's tz database (Intl): the zone's
 * offset is asked of Intl once per quarter hour of UTC and then applied by arithmetic (see offsetInQuarter).
 */
export function zonedParts(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): ZonedParts {
  const ms = instant.getTime();
  const offset = ms >= 0 && ms < LAST_FAST ? offsetInQuarter(ms, timeZone) : undefined;
  if (offset === undefined) return intlParts(instant, timeZone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return {
    date: `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The wall clock as Intl formats it. */
function intlParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year.padStart(4, "0")}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const QUARTER_HOUR = 15 * 60_000;
/** 9999-12-30: later instants (and those before 1970) always go through Intl. */
const LAST_FAST = Date.UTC(9999, 11, 30);
/** Per time zone: the offset (ms) of each quarter hour of UTC asked so far, or null where it changes. */
const quarterOffsets = new Map<string, Map<number, number | null>>();
/** At most this many quarter hours are kept per time zone (all forgotten at once when full). */
const MAX_QUARTERS = 20_000;

/**
 * The zone's offset throughout the quarter hour of UTC that holds `ms`, or undefined when it changes inside it.
 * Intl reads the offset at the quarter's first and last second; offsets change at most once in months, so equal
 * readings mean no change between them (every offset change of today's zones falls on a quarter hour of UTC; a
 * historical one that does not leaves its quarter to Intl). An unknown zone throws, as Intl does.
 */
function offsetInQuarter(ms: number, timeZone: string): number | undefined {
  let zone = quarterOffsets.get(timeZone);
  if (!zone) {
    offsetAt(0, timeZone);
    zone = new Map();
    quarterOffsets.set(timeZone, zone);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const first = offsetAt(start, timeZone);
    offset = offsetAt(start + QUARTER_HOUR - 1000, timeZone) === first ? first : null;
    if (zone.size >= MAX_QUARTERS) zone.clear();
    zone.set(quarter, offset);
  }
  return offset ?? undefined;
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
  const wall = intlParts(new Date(instant), timeZone);
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
