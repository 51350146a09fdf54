import { civilDate } from "../../../domain/time-zone.ts";
import { formatNumber, formatSigned } from "../exports/format.ts";
import { nextMonth } from "../periods.ts";
import { summarize } from "../summarize.ts";
import { findApprovedPraise } from "./praise-wall.ts";

/** The last 12 months in the organisation's time zone: the current month and the 11 before it. */
export function last12Months(now: Date, timeZone: string): { from: string; to: string } {
  const thisMonth = `${civilDate(now, timeZone).slice(0, 7)}-01`;
  const to = nextMonth(thisMonth);
  const [y, m] = thisMonth.split("-").map(Number);
  const from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * The widget's figures: the organisation's NPS over the last 12 months (the summary function, whole organisation;
 * null when withheld under the minimum sample) and up to five approved praise texts.
 */
export async function widgetFigures(
  db: Parameters<typeof summarize>[0],
  org: { id: string; timeZone: string },
  locale: string,
  now: Date = new Date(),
) {
  const [summary, praise] = await Promise.all([
    summarize(db, org.id, { ...last12Months(now, org.timeZone), locale }),
    findApprovedPraise(db, org.id, { locale, timeZone: org.timeZone, limit: 5 }),
  ]);
  const total = summary.total;
  return {
    nps: total.withheld || total.nps === null ? null : formatSigned(locale, total.nps),
    answers: formatNumber(locale, total.answers),
    praise: praise.map(({ text, who }) => ({ text, who })),
  };
}
