import { addWorkingDays } from "./calendar.ts";
import { addDays, type CivilDate, DEFAULT_TIME_ZONE, zonedTimeToInstant } from "./time-zone.ts";

/** When a follow-up case is due: the last civil day, and the instant after which it is overdue. */
export interface CaseDeadline {
  dueDate: CivilDate;
  dueAt: Date;
}

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
  const dueDate = addWorkingDays(answeredAt, workingDays, timeZone);
  return { dueDate, dueAt: endOfDay(dueDate, timeZone) };
}

/** The first instant after the civil day `date` in `timeZone`. */
export function endOfDay(date: CivilDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return zonedTimeToInstant(addDays(date, 1), "00:00", timeZone);
}
