import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { fieldProblem } from "../../http/errors.ts";
import { addDays, type CivilDate } from "../../domain/time-zone.ts";
import { type TCellCounts, type TKpiFigures, kpiFigures } from "./kpi-figures.ts";
import { KPI_COUNT_COLUMNS } from "./schema.ts";
import { getKpiSettings } from "./settings.ts";

export const KPI_PERIODS = ["day", "week", "month"] as const;
export const KPI_GROUPS = ["none", "queue", "service", "department", "employee"] as const;

export interface TKpiQuery {
  from: CivilDate;
  to: CivilDate;
  period: (typeof KPI_PERIODS)[number];
  by: (typeof KPI_GROUPS)[number];
  kind: string;
  queueId?: string;
  serviceId?: string;
  departmentId?: string;
  employeeId?: string;
  /** Only contacts about a service of this type (for the ministry view; services carry the type). */
  serviceType?: string;
}

export interface TKpiRow extends TKpiFigures {
  /** 2026-03-05, 2026-W10 or 2026-03. */
  period: string;
  /** The queue, service, department or employee id; null for "none" or contacts without one. */
  key: string | null;
}

export interface TKpiReport {
  source: "kpi_rollup_month" | "kpi_rollup_day";
  rows: TKpiRow[];
  /** Every KPI over the whole range and all rows (null without contacts). */
  total: TKpiFigures | null;
}

const COLUMN_OF = {
  queue: "queue_id",
  service: "service_id",
  department: "department_id",
  employee: "employee_id",
};

const isMonthStart = (d: CivilDate) => d.endsWith("-01");
const isMonthEnd = (d: CivilDate) => addDays(d, 1).endsWith("-01");

/** Summed rollup counts of one period and key. */
export type TKpiCell = { period: string; key: string | null } & TCellCounts;

/** Adds up cells count by count (every KPI of the sum follows from it, never a mean of percentages). */
export function sumKpiCells(cells: readonly TCellCounts[]): TCellCounts {
  return Object.fromEntries(
    KPI_COUNT_COLUMNS.map((c) => [c, cells.reduce((a, r) => a + Number(r[c]), 0)]),
  ) as TCellCounts;
}

/**
 * The rollup counts by period and one dimension (the month rollup when it answers exactly), cells with contacts
 * only. `from` and `to` are inclusive civil days of the organisation.
 */
export async function findKpiCells(
  db: Db,
  orgId: string,
  q: TKpiQuery,
): Promise<{ source: TKpiReport["source"]; cells: TKpiCell[] }> {
  const monthly =
    q.period === "month" && q.by !== "employee" && !q.employeeId && isMonthStart(q.from) && isMonthEnd(q.to);
  const table = monthly ? "kpi_rollup_month" : "kpi_rollup_day";
  const dateColumn = monthly ? "month" : "day";
  const label = {
    day: "to_char(day, 'YYYY-MM-DD')",
    week: `to_char(day, 'IYYY-"W"IW')`,
    month: `to_char(${dateColumn}, 'YYYY-MM')`,
  }[q.period];
  const key = q.by === "none" ? "null::text" : COLUMN_OF[q.by];
  const filters: SQL[] = [];
  if (q.queueId) filters.push(sql` and queue_id = ${q.queueId}`);
  if (q.serviceId) filters.push(sql` and service_id = ${q.serviceId}`);
  if (q.departmentId) filters.push(sql` and department_id = ${q.departmentId}`);
  if (q.employeeId) filters.push(sql` and employee_id = ${q.employeeId}`);
  if (q.serviceType)
    filters.push(
      sql` and service_id in (select id from service where org_id = ${orgId} and type = ${q.serviceType})`,
    );
  const sums = KPI_COUNT_COLUMNS.map((c) => `sum(${c})::float8 as ${c}`).join(", ");
  const result = await db.execute(sql`
    select ${sql.raw(label)} as period, ${sql.raw(key)} as key, ${sql.raw(sums)}
    from ${sql.raw(table)}
    where org_id = ${orgId} and kind = ${q.kind}
      and ${sql.raw(dateColumn)} between ${q.from}::date and ${q.to}::date ${sql.join(filters)}
    group by 1, 2 order by 1, 2 nulls last`);
  const cells = (result.rows as TKpiCell[]).filter((r) => r.offered > 0 || r.short_abandoned > 0);
  return { source: table, cells };
}

/** KPIs by period and one dimension, summed from the rollups (the month rollup when it answers exactly). */
export async function findKpis(db: Db, orgId: string, q: TKpiQuery): Promise<TKpiReport> {
  if (q.to < q.from)
    throw fieldProblem(
      "querystring.to",
      { key: "problem.field.beforeFrom" },
      { detail: { key: "problem.kpi.toBeforeFrom" } },
    );
  const settings = await getKpiSettings(db, orgId);
  const { source, cells } = await findKpiCells(db, orgId, q);
  const rows = cells.map((r) => ({
    period: r.period,
    key: r.key,
    ...kpiFigures(r, settings.targets, q.kind),
  }));
  return {
    source,
    rows,
    total: cells.length ? kpiFigures(sumKpiCells(cells), settings.targets, q.kind) : null,
  };
}
