import { useIntl } from "react-intl";
import type { Interval, Period } from "../../lib/reports.ts";
import { addDays } from "../../lib/reports.ts";

/** Number and date formatting of the dashboard in the interface language (Intl). */
export function useReportFormat() {
  const intl = useIntl();
  const index = (v: number) => intl.formatNumber(v, { signDisplay: "exceptZero", maximumFractionDigits: 1 });
  const day = (d: string) => intl.formatDate(`${d}T12:00:00`, { dateStyle: "medium" });
  return {
    /** An NPS or satisfaction index: signed, at most one decimal (+23,4). */
    index,
    /** A difference in points, always signed. */
    diff: (v: number) => intl.formatNumber(v, { signDisplay: "always", maximumFractionDigits: 1 }),
    /** A share given in percent (45.2 → "45,2 %"). */
    pct: (v: number) => intl.formatNumber(v / 100, { style: "percent", maximumFractionDigits: 1 }),
    count: (v: number) => intl.formatNumber(v),
    interval: (i: Interval) => ({ low: index(i.low), high: index(i.high) }),
    /** A month group's label (YYYY-MM-DD of its first day) as "märts 2026". */
    month: (first: string) =>
      intl.formatDate(`${first.slice(0, 7)}-01T12:00:00`, { month: "short", year: "numeric" }),
    /** Only the month's short name, for chart axes. */
    monthName: (first: string) => intl.formatDate(`${first.slice(0, 7)}-01T12:00:00`, { month: "short" }),
    day,
    /** A period with its last day shown inclusive. */
    period: (p: Period) => ({ from: day(p.from), to: day(addDays(p.to, -1)) }),
  };
}
