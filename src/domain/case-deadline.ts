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
  const day = civilDate(answeredAt, timeZone);
  const key = `${day}|${workingDays}|${timeZone}`;
  let due = byDay.get(key);
  if (!due) {
    const dueDate = addWorkingDays(day, workingDays, timeZone);
    due = { dueDate, dueAt: endOfDay(dueDate, timeZone).getTime() };
    if (byDay.size >= BY_DAY_SIZE) byDay.clear();
    byDay.set(key, due);
  }
  return { dueDate: due.dueDate, dueAt: new Date(due.dueAt) };
}

/** The first instant after the civil day `date` in `timeZone`. */
export function endOfDay(date: CivilDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return zonedTimeToInstant(addDays(date, 1), "00:00", timeZone);
}
