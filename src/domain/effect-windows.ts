import { type CivilDate, parseCivilDate } from "./time-zone.ts";

/** A half-open range of civil dates [from, to). */
export interface DateWindow {
  from: CivilDate;
  to: CivilDate;
}

/** The civil date `months` months after `date` (negative: before), the day clipped to the month's end. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const d = new Date(parseCivilDate(date));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))).toISOString().slice(0, 10);
}

/** The `months` before an action's completion day and the `months` from it on. */
export function effectWindows(
  completedOn: CivilDate,
  months: number,
): { before: DateWindow; after: DateWindow } {
  return {
    before: { from: addMonths(completedOn, -months), to: completedOn },
    after: { from: completedOn, to: addMonths(completedOn, months) },
  };
}
