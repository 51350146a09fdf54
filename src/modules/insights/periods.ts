/** Civil dates (YYYY-MM-DD) of report ranges; all arithmetic in UTC so no local time zone leaks in. */

const DAY_MS = 86_400_000;

/** The first day of the month of `date`. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The first day of the month after the month of `date`. */
export function nextMonth(date: string): string {
  const d = new Date(`${monthStart(date)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO week label of a date, e.g. 2026-W11 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * DAY_MS));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export interface TDateRange {
  /** Inclusive; null = open. */
  from: string | null;
  /** Exclusive; null = open. */
  to: string | null;
}

export interface TRangeSplit {
  /** The whole months inside the range (month starts), or null when there are none. */
  months: TDateRange | null;
  /** The pieces of partial months before and after them (each shorter than a month). */
  partial: { from: string; to: string }[];
}

/**
 * Splits [from, to) into whole calendar months and the partial-month pieces at its ends, so that whole months
 * can be read from the monthly rollup and only the ends need day resolution.
 */
export function splitByMonths({ from, to }: TDateRange): TRangeSplit {
  const first = from === null || from === monthStart(from) ? from : nextMonth(from);
  const last = to === null ? null : monthStart(to);
  if (first !== null && last !== null && first >= last) {
    return { months: null, partial: from !== null && to !== null && from < to ? [{ from, to }] : [] };
  }
  const partial: { from: string; to: string }[] = [];
  if (from !== null && first !== null && from < first) partial.push({ from, to: first });
  if (to !== null && last !== null && last < to) partial.push({ from: last, to });
  return { months: { from: first, to: last }, partial };
}

/** Whether the range starts and ends on month boundaries (open ends count as aligned). */
export function isMonthAligned({ from, to }: TDateRange): boolean {
  return (from === null || from === monthStart(from)) && (to === null || to === monthStart(to));
}

/** Whole months from `from` to `to` (both month starts). */
function monthsBetween(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}

/**
 * The period of the same length just before [from, to): the same number of calendar months when the range is
 * month-aligned (so March–May compares with December–February), else the same number of days.
 */
export function previousRange(from: string, to: string): { from: string; to: string } {
  if (isMonthAligned({ from, to })) {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - monthsBetween(from, to));
    return { from: d.toISOString().slice(0, 10), to: from };
  }
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  return { from: addDays(from, -days), to: from };
}
