import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { foldRollups, unsafeFoldAllRollups } from "./fold-rollups.ts";
import { COUNT_COLUMNS, ROLLUP_TAGS, type TRollupTable } from "./report-cells.ts";

/** The rollups checked: the report sources and the benchmark networks' month × service type rollup. */
export type TVerifiedRollup = TRollupTable | "rollup_month_service_type";

/** One cell whose stored counts differ from the counts recomputed from the answers and invitations. */
export interface TRollupDifference {
  table: TVerifiedRollup;
  key: Record<string, string | null>;
  /** Recomputed from the raw rows. */
  expected: Record<string, number>;
  /** Stored in the rollup. */
  actual: Record<string, number>;
}

export interface TRollupVerification {
  /** Non-empty cells compared, per rollup. */
  cells: Record<TVerifiedRollup, number>;
  differences: TRollupDifference[];
}

/** The key of each rollup's cells: the organisation, its month or day, and its tags. */
const KEYS = {
  ...Object.fromEntries(
    (Object.keys(ROLLUP_TAGS) as TRollupTable[]).map((t) => [
      t,
      ["org_id", t.startsWith("rollup_day") ? "day" : "month", ...ROLLUP_TAGS[t]],
    ]),
  ),
  rollup_month_service_type: ["org_id", "month", "service_type", "service_audience"],
} as Record<TVerifiedRollup, string[]>;

const TABLES = Object.keys(KEYS) as TVerifiedRollup[];

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Every answer and sent invitation as a one-row cell, with its month and day in the organisation's time zone and its
 * service's current type and audience (the row's own audience first); of every organisation unless `orgId` is given (the operator's check covers all tenants, hence `unsafe`).
 */
function unsafeRawRows(orgId: string | undefined): SQL {
  const org = (alias: string) => (orgId ? sql`and ${sql.raw(alias)}.org_id = ${orgId}` : sql``);
  const answer = [
    ...SCORES.map((i) => `(r.score = ${i})::int`),
    ...SCORES.map((i) => `(r.satisfaction is not null and r.satisfaction = ${i})::int`),
    "(r.invitation_id is not null)::int",
    "0",
  ];
  const invitation = [...COUNT_COLUMNS.slice(0, -1).map(() => "0"), "1"];
  const named = (exprs: string[]) => sql.raw(exprs.map((e, i) => `${e} as ${COUNT_COLUMNS[i]}`).join(", "));
  return sql`
    select r.org_id, date_trunc('month', r.received_at at time zone o.time_zone)::date as month,
      (r.received_at at time zone o.time_zone)::date as day, r.survey_id, r.service_id, r.department_id,
      r.employee_id, r.channel_id, r.audience, r.locale, s.type as service_type,
      coalesce(r.audience, s.audience) as service_audience, ${named(answer)}
    from response r join organization o on o.id = r.org_id
    left join service s on s.org_id = r.org_id and s.id = r.service_id where true ${org("r")}
    union all
    select i.org_id, date_trunc('month', i.sent_at at time zone o.time_zone)::date,
      (i.sent_at at time zone o.time_zone)::date, i.survey_id, i.service_id, i.department_id,
      i.employee_id, i.channel_id, i.audience, i.locale, s.type, coalesce(i.audience, s.audience),
      ${named(invitation)}
    from survey_invitation i join organization o on o.id = i.org_id
    left join service s on s.org_id = i.org_id and s.id = i.service_id where i.sent_at is not null ${org("i")}`;
}

async function unsafeCompare(db: Db, table: TVerifiedRollup, orgId: string | undefined) {
  const keys = KEYS[table].join(", ");
  const both = COUNT_COLUMNS.flatMap((c) => [
    `coalesce(sum(${c}) filter (where src = 'raw'), 0)::int as "e_${c}"`,
    `coalesce(sum(${c}) filter (where src = 'rollup'), 0)::int as "a_${c}"`,
  ]).join(", ");
  const differs = COUNT_COLUMNS.map(
    (c) =>
      `coalesce(sum(${c}) filter (where src = 'raw'), 0) <> coalesce(sum(${c}) filter (where src = 'rollup'), 0)`,
  ).join(" or ");
  const nonEmpty = COUNT_COLUMNS.map((c) => `sum(${c}) filter (where src = 'rollup') <> 0`).join(" or ");
  const stored = orgId ? sql`where org_id = ${orgId}` : sql``;
  const cells = sql`
    select 'raw' as src, ${sql.raw(keys)}, ${sql.raw(COUNT_COLUMNS.join(", "))} from (${unsafeRawRows(orgId)}) x
    union all
    select 'rollup', ${sql.raw(keys)}, ${sql.raw(COUNT_COLUMNS.join(", "))} from ${sql.raw(`${table}_live`)} ${stored}`;
  const result = await db.execute(sql`
    select ${sql.raw(KEYS[table].map((k) => `${k}::text as "${k}"`).join(", "))}, ${sql.raw(both)},
      (${sql.raw(differs)}) as differs, coalesce(${sql.raw(nonEmpty)}, false) as non_empty
    from (${cells}) c group by ${sql.raw(keys)}`);
  const differences: TRollupDifference[] = [];
  let nonEmptyCells = 0;
  for (const row of result.rows as Record<string, unknown>[]) {
    if (row.non_empty) nonEmptyCells++;
    if (!row.differs) continue;
    differences.push({
      table,
      key: Object.fromEntries(KEYS[table].map((k) => [k, row[k] === null ? null : String(row[k])])),
      expected: Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(row[`e_${c}`])])),
      actual: Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(row[`a_${c}`])])),
    });
  }
  return { cells: nonEmptyCells, differences };
}

/**
 * Recomputes every rollup cell (of one organisation, or all) from the raw answers and invitations and lists every
 * difference. Pending deltas are folded first, so the folded cells themselves are checked; the comparison reads
 * what the reports read (the cells plus any delta written since).
 */
export async function verifyRollups(db: Db, orgId?: string): Promise<TRollupVerification> {
  if (orgId) await foldRollups(db, orgId);
  else await unsafeFoldAllRollups(db);
  const cells = {} as Record<TVerifiedRollup, number>;
  const differences: TRollupDifference[] = [];
  for (const table of TABLES) {
    const result = await unsafeCompare(db, table, orgId);
    cells[table] = result.cells;
    differences.push(...result.differences);
  }
  return { cells, differences };
}
