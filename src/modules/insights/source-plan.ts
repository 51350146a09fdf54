import { isMonthAligned, splitByMonths, type TDateRange } from "./periods.ts";
import type { SummaryOptions, TGroupBy, TReportScope, TSummarySource } from "./report-types.ts";

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

/** Groupings the month × service × audience rollup answers. */
const SERVICE_GROUPS: readonly TGroupBy[] = ["month", "service", "serviceType", "audience"];
/** Groupings the department × employee rollups answer. */
const EMPLOYEE_GROUPS: readonly TGroupBy[] = ["month", "week", "day", "department", "employee"];

/** Whether `rollup_month_service` answers the report: the whole organisation, only service and audience tags. */
function fitsServiceRollup(o: SummaryOptions, scope: TReportScope): boolean {
  return (
    scope.kind === "organisation" &&
    !(o.surveyId || o.channelId || o.departmentId || o.employeeId || o.language) &&
    (o.groupBy ?? []).every((g) => SERVICE_GROUPS.includes(g))
  );
}

/** Whether the department × employee rollups answer the report: any scope, only department and employee tags. */
function fitsEmployeeRollups(o: SummaryOptions): boolean {
  return (
    !(o.surveyId || o.serviceId || o.serviceType || o.channelId || o.audience || o.language) &&
    (o.groupBy ?? []).every((g) => EMPLOYEE_GROUPS.includes(g))
  );
}

/**
 * Picks the cheapest source that answers the report exactly (docs/insights.md has the table, decision 032 the
 * narrow rollups):
 * service, service type or audience only → the month × service rollup for whole months, the day rollup for partial
 * months; department and employee only (any scope) → the month × employee rollup for whole months, the day ×
 * employee rollup for partial months, weeks and days;
 * other coarse dimensions → the coarse monthly rollup for whole months and the day rollup for partial months, weeks
 * and days; other fine dimensions → the fine monthly rollup, with the raw answers only for partial months at the
 * ends of the range, or for everything when grouped by week or day.
 */
export function chooseSource(o: SummaryOptions, scope: TReportScope): TSummarySource {
  const groups = o.groupBy ?? [];
  const range: TDateRange = { from: o.from ?? null, to: o.to ?? null };
  const dayResolution = groups.includes("week") || groups.includes("day");
  const aligned = isMonthAligned(range);
  const wholeMonths = splitByMonths(range).months !== null;
  if (!needsFineDimensions(o, scope)) {
    if (dayResolution) return "rollup_day";
    if (fitsServiceRollup(o, scope) && wholeMonths)
      return aligned ? "rollup_month_service" : "rollup_month_service+rollup_day";
    if (aligned) return "rollup_month_coarse";
    return wholeMonths ? "rollup_month_coarse+rollup_day" : "rollup_day";
  }
  if (fitsEmployeeRollups(o)) {
    if (dayResolution || !wholeMonths) return "rollup_day_employee";
    return aligned ? "rollup_month_employee" : "rollup_month_employee+rollup_day_employee";
  }
  if (dayResolution) return "answers";
  if (aligned) return "rollup_month";
  return wholeMonths ? "rollup_month+answers" : "answers";
}
