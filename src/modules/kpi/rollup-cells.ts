import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { KPI_COUNT_COLUMNS, WAIT_BUCKETS } from "./schema.ts";
import type { TTx } from "./settings.ts";

export interface TCellRules {
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
}

/** Seconds from arrival to answer (or to abandoning), exact to the microsecond. */
const WAIT = "extract(epoch from coalesce(r.answered_at, r.abandoned_at) - r.arrived_at)";

/** The count expressions of one cell over contact rows `r`, in the order of KPI_COUNT_COLUMNS. */
export function cellCountExpressions({ serviceLevelSeconds, shortAbandonSeconds }: TCellRules): string[] {
  const sl = Math.trunc(serviceLevelSeconds);
  const short = `(r.answered_at is null and ${WAIT} < ${Math.trunc(shortAbandonSeconds)})`;
  const ms = `(${WAIT} * 1000)::bigint`;
  const buckets = WAIT_BUCKETS.map((upper, i) => {
    const lower = i === 0 ? "" : ` and ${WAIT} > ${WAIT_BUCKETS[i - 1]}`;
    return `count(*) filter (where not ${short} and ${WAIT} <= ${upper}${lower})`;
  });
  return [
    `count(*) filter (where not ${short})`,
    "count(*) filter (where r.answered_at is not null)",
    `count(*) filter (where r.answered_at is null and not ${short})`,
    `count(*) filter (where ${short})`,
    `count(*) filter (where r.answered_at is not null and ${WAIT} <= ${sl})`,
    `coalesce(sum(${ms}) filter (where r.answered_at is not null), 0)`,
    `coalesce(sum(${ms}) filter (where not ${short}), 0)`,
    "count(*) filter (where r.answered_at is not null and r.fcr_outcome is not null)",
    "count(*) filter (where r.answered_at is not null and r.fcr_outcome)",
    ...buckets,
  ];
}

type TGrain = "day" | "month";

const GRAIN = {
  day: {
    table: "kpi_rollup_day",
    period: "(r.arrived_at at time zone o.time_zone)::date",
    keys: ["kind", "queue_id", "service_id", "department_id", "employee_id"],
  },
  month: {
    table: "kpi_rollup_month",
    period: "date_trunc('month', r.arrived_at at time zone o.time_zone)::date",
    keys: ["kind", "queue_id", "service_id", "department_id"],
  },
} as const;

async function upsertGrain(
  tx: Db | TTx,
  grain: TGrain,
  orgId: string,
  rows: SQL,
  sign: 1 | -1,
  rules: TCellRules,
  source: SQL,
) {
  const { table, period, keys } = GRAIN[grain];
  const periodColumn = grain === "day" ? "day" : "month";
  const counts = cellCountExpressions(rules).map((e) => `${sign} * ${e}`);
  const keyList = keys.map((k) => `r.${k}`).join(", ");
  const groupBy = Array.from({ length: keys.length + 2 }, (_, i) => i + 1).join(", ");
  const update = KPI_COUNT_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ");
  await tx.execute(sql`
    insert into ${sql.raw(table)} (org_id, ${sql.raw(periodColumn)}, ${sql.raw(keys.join(", "))}, ${sql.raw(KPI_COUNT_COLUMNS.join(", "))})
    select r.org_id, ${sql.raw(period)}, ${sql.raw(keyList)}, ${sql.raw(counts.join(", "))}
    from ${source} join organization o on o.id = r.org_id
    where r.org_id = ${orgId} and ${rows}
    group by ${sql.raw(groupBy)} order by ${sql.raw(groupBy)}
    on conflict on constraint ${sql.raw(`${table}_cell_uq`)} do update set ${sql.raw(update)}`);
}

/**
 * Adds (sign 1) or removes (sign -1) the contacts selected by `rows` (a condition on `r`) in both rollups. The
 * contacts are read from contact_record, or from `source`: a relation named `r` with the columns the cells need
 * (a staging table of records just written, which saves looking each up again).
 */
export async function applyToRollups(
  tx: Db | TTx,
  orgId: string,
  rows: SQL,
  sign: 1 | -1,
  rules: TCellRules,
  source: SQL = sql`contact_record r`,
): Promise<void> {
  await upsertGrain(tx, "day", orgId, rows, sign, rules, source);
  await upsertGrain(tx, "month", orgId, rows, sign, rules, source);
}

/**
 * The count expressions of one cell over groups `g` of contacts that share their outcome: `answered`, `short`
 * (abandoned within the short-abandon time), `within` (waited at most the service level), `bucket` (index of
 * the waiting-time bucket), `fcr_outcome`, with `n` contacts and `ms` their waiting times in milliseconds summed;
 * in the order of KPI_COUNT_COLUMNS, the same counts as `cellCountExpressions` over the contacts themselves.
 */
function groupCountExpressions(): string[] {
  const n = (where: string) => `coalesce(sum(g.n) filter (where ${where}), 0)`;
  return [
    n("not g.short"),
    n("g.answered"),
    n("not g.answered and not g.short"),
    n("g.short"),
    n("g.answered and g.within"),
    "coalesce(sum(g.ms) filter (where g.answered), 0)",
    "coalesce(sum(g.ms) filter (where not g.short), 0)",
    n("g.answered and g.fcr_outcome is not null"),
    n("g.answered and g.fcr_outcome"),
    ...WAIT_BUCKETS.map((_, i) => n(`not g.short and g.bucket = ${i}`)),
  ];
}

/**
 * The contacts of `source` (a relation named `r` with contact_record's columns that the cells need) of
 * organisation `orgId`, counted by day cell and outcome: `answered`, `short` (abandoned within the short-abandon
 * time), `within` (waited at most the service level), `bucket` (index of the waiting-time bucket), `fcr_outcome`,
 * with `n` contacts and `ms` their waiting times in milliseconds summed. Each contact's waiting time is computed
 * once, in whole microseconds (exact: an interval's epoch has six decimals), and compared as an integer; a day
 * cell has a few such groups, so the counts' conditions are evaluated per group instead of per contact.
 */
export function outcomeGroups(
  source: SQL,
  orgId: string,
  { serviceLevelSeconds, shortAbandonSeconds }: TCellRules,
): SQL {
  const keys = GRAIN.day.keys.map((k) => `r.${k}`).join(", ");
  const us = (seconds: number) => `${Math.trunc(seconds)}000000`;
  // Bucket i holds waits over bucket i - 1's upper bound up to its own (inclusive): the lower bounds in
  // microseconds, each one past the bound before; width_bucket gives 0 below the first, 18 past 24 h.
  const lowerBounds = WAIT_BUCKETS.map((upper) => `${us(upper)} + 1`).join(", ");
  return sql`
    select r.org_id, ${sql.raw(GRAIN.day.period)} as day, ${sql.raw(keys)},
      r.answered_at is not null as answered,
      (r.answered_at is null and r.wait_us < ${sql.raw(us(shortAbandonSeconds))}) as short,
      r.wait_us <= ${sql.raw(us(serviceLevelSeconds))} as within,
      width_bucket(r.wait_us, array[${sql.raw(lowerBounds)}]::bigint[]) as bucket,
      r.fcr_outcome, count(*) as n, sum(r.wait_ms)::bigint as ms
    from (
      select r.*, (${sql.raw(WAIT)} * 1000000)::bigint as wait_us, (${sql.raw(WAIT)} * 1000)::bigint as wait_ms
      from ${source}
    ) r join organization o on o.id = r.org_id
    where r.org_id = ${orgId}
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`;
}

/** The columns of `outcomeGroups`, for a table that holds them. */
export const OUTCOME_GROUP_COLUMNS =
  sql.raw(`org_id text, day date, kind text, queue_id text, service_id text,
  department_id text, employee_id text, answered boolean, short boolean, within boolean, bucket integer,
  fcr_outcome boolean, n bigint, ms bigint`);

/**
 * Adds (sign 1) or removes (sign -1) contacts counted by `outcomeGroups` (a relation named `g`) in both rollups
 * with one statement: the day cells' counts once, and the month cells summed from them (every count is additive
 * and a month cell is its days' cells without the employee), as `rebuildKpiRollups` does.
 */
export async function applyGroupsToRollups(tx: Db | TTx, groups: SQL, sign: 1 | -1): Promise<void> {
  const day = GRAIN.day;
  const dayKeys = day.keys.join(", ");
  const monthKeys = GRAIN.month.keys.join(", ");
  const counts = KPI_COUNT_COLUMNS.join(", ");
  const expressions = groupCountExpressions().map((e, i) => `${sign} * ${e} as ${KPI_COUNT_COLUMNS[i]}`);
  const update = (table: string) =>
    KPI_COUNT_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ");
  const order = (n: number) => Array.from({ length: n + 2 }, (_, i) => i + 1).join(", ");
  const sums = KPI_COUNT_COLUMNS.map((c) => `sum(${c})`).join(", ");
  await tx.execute(sql`
    with cells as materialized (
      select g.org_id, g.day, ${sql.raw(day.keys.map((k) => `g.${k}`).join(", "))}, ${sql.raw(expressions.join(", "))}
      from ${groups}
      group by ${sql.raw(order(day.keys.length))}
    ), days as (
      insert into kpi_rollup_day (org_id, day, ${sql.raw(dayKeys)}, ${sql.raw(counts)})
      select org_id, day, ${sql.raw(dayKeys)}, ${sql.raw(counts)} from cells order by ${sql.raw(order(day.keys.length))}
      on conflict on constraint kpi_rollup_day_cell_uq do update set ${sql.raw(update("kpi_rollup_day"))}
    )
    insert into kpi_rollup_month (org_id, month, ${sql.raw(monthKeys)}, ${sql.raw(counts)})
    select org_id, date_trunc('month', day::timestamp)::date, ${sql.raw(monthKeys)}, ${sql.raw(sums)}
    from cells group by ${sql.raw(order(GRAIN.month.keys.length))} order by ${sql.raw(order(GRAIN.month.keys.length))}
    on conflict on constraint kpi_rollup_month_cell_uq do update set ${sql.raw(update("kpi_rollup_month"))}`);
}

/** `r.id = any($1::text[])`: one array parameter instead of an IN list. */
export function recordsWithIds(ids: string[]): SQL {
  return sql`r.id = any(${sql.param(ids)}::text[])`;
}

/**
 * Recomputes an organisation's cells from its raw contacts (after a settings change, or a bulk load). The raw
 * records are read once, for the day cells; the month cells are the sums of the day cells (every count is
 * additive, and a month cell is its days' cells without the employee), so they come out exactly the same.
 */
export async function rebuildKpiRollups(tx: Db | TTx, orgId: string, rules: TCellRules): Promise<void> {
  await tx.execute(sql`delete from kpi_rollup_day where org_id = ${orgId}`);
  await tx.execute(sql`delete from kpi_rollup_month where org_id = ${orgId}`);
  await upsertGrain(tx, "day", orgId, sql`true`, 1, rules, sql`contact_record r`);
  const keys = GRAIN.month.keys.join(", ");
  const counts = KPI_COUNT_COLUMNS.join(", ");
  const sums = KPI_COUNT_COLUMNS.map((c) => `sum(${c})`).join(", ");
  await tx.execute(sql`
    insert into kpi_rollup_month (org_id, month, ${sql.raw(keys)}, ${sql.raw(counts)})
    select org_id, date_trunc('month', day::timestamp)::date, ${sql.raw(keys)}, ${sql.raw(sums)}
    from kpi_rollup_day where org_id = ${orgId}
    group by org_id, 2, ${sql.raw(keys)}`);
}
