import { addWorkingDays } from "./calendar.ts";
import { addDays, type CivilDate, civilDate, DEFAULT_TIME_ZONE, zonedTimeToInstant } from "./time-zone.ts";

/** When a follow-up case is due: the last civil day, and the instant after which it is overdue. */
export interface CaseDeadline {
  dueDate: CivilDate;
  dueAt: Date;
}

/**
 * Deadlines by answer day, working-day count and time zone: every answer of a day in a time zone has the same
 * deadline, and working it out reads the time zone's clock three times and the holidays of the days between.
 */
const byDay = new Map<string, { dueDate: CivilDate; dueAt: number }>();
const BY_DAY_SIZE = 256;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The last answer day seen per working-day count and time zone, with the instants it runs from and to: the next
 * answer of the same day finds its deadline without reading the time zone's clock at all. Only days of exactly 24
 * hours are kept, so a day with a clock change (where wall times can repeat) always takes the full path.
 */
const today = new Map<string, { from: number; to: number; dueDate: CivilDate; dueAt: number }>();

/**
 * The deadline of a case opened by an answer at `answeredAt`: `workingDays` working days later in the
 * organisation's time zone (weekends and Estonian public holidays skipped, the answer's day not counted),
 * due by the end of that day.
 */
export function caseDeadline(
  answeredAt: Date,
  workingDays: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): CaseDeadline {
  const at = answeredAt.getTime();
  const rule = `${workingDays}|${timeZone}`;
  const last = today.get(rule);
  if (last && at >= last.from && at < last.to) return { dueDate: last.dueDate, dueAt: new Date(last.dueAt) };
  const day = civilDate(answeredAt, timeZone);
  const key = `${day}|${rule}`;
  let due = byDay.get(key);
  if (!due) {
    const dueDate = addWorkingDays(day, workingDays, timeZone);
    due = { dueDate, dueAt: endOfDay(dueDate, timeZone).getTime() };
    if (byDay.size >= BY_DAY_SIZE) byDay.clear();
    byDay.set(key, due);
  }
  const from = zonedTimeToInstant(day, "00:00", timeZone).getTime();
  const to = endOfDay(day, timeZone).getTime();
  if (to - from === DAY_MS) {
    if (today.size >= BY_DAY_SIZE) today.clear();
    today.set(rule, { from, to, ...due });
  }
  return { dueDate: due.dueDate, dueAt: new Date(due.dueAt) };
}

/** The first instant after the civil day `date` in `timeZone`. */
export function endOfDay(date: CivilDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return zonedTimeToInstant(addDays(date, 1), "00:00", timeZone);
}
