import { isMonthAligned, splitByMonths, type TDateRange } from "./periods.ts";
import type { SummaryOptions, TReportScope, TSummarySource } from "./report-types.ts";

/** Whether the report needs dimensions only the monthly rollup (or the raw answers) carries. */
export function needsFineDimensions(o: SummaryOptions, scope: TReportScope): boolean {
  const groups = o.groupBy ?? [];
  return (
    scope.kind !== "organisation" ||
    Boolean(o.departmentId || o.employeeId || o.language) ||
    groups.includes("department") ||
    groups.includes("employee")
  );
}

/**
 * Picks the cheapest source that answers the report exactly (docs/insights.md has the table):
 * coarse dimensions → the coarse monthly rollup for whole months and the day rollup for partial months, weeks and
 * days; fine dimensions → the fine monthly rollup, with the raw answers only for partial months at the ends of the
 * range, or for everything when grouped by week or day.
 */
export function chooseSource(o: SummaryOptions, scope: TReportScope): TSummarySource {
  const groups = o.groupBy ?? [];
  const range: TDateRange = { from: o.from ?? null, to: o.to ?? null };
  const dayResolution = groups.includes("week") || groups.includes("day");
  const aligned = isMonthAligned(range);
  const wholeMonths = splitByMonths(range).months !== null;
  if (!needsFineDimensions(o, scope)) {
    if (dayResolution) return "rollup_day";
    if (aligned) return "rollup_month_coarse";
    return wholeMonths ? "rollup_month_coarse+rollup_day" : "rollup_day";
  }
  if (dayResolution) return "answers";
  if (aligned) return "rollup_month";
  return wholeMonths ? "rollup_month+answers" : "answers";
}
