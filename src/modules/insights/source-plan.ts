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
 * coarse dimensions → the day rollup unless whole months suffice; fine dimensions → the month rollup, with the raw
 * answers only for partial months at the ends of the range, or for everything when grouped by week or day.
 */
export function chooseSource(o: SummaryOptions, scope: TReportScope): TSummarySource {
  const groups = o.groupBy ?? [];
  const range: TDateRange = { from: o.from ?? null, to: o.to ?? null };
  const dayResolution = groups.includes("week") || groups.includes("day");
  const aligned = isMonthAligned(range);
  if (!needsFineDimensions(o, scope)) return dayResolution || !aligned ? "rollup_day" : "rollup_month";
  if (dayResolution) return "answers";
  if (aligned) return "rollup_month";
  return splitByMonths(range).months ? "rollup_month+answers" : "answers";
}
