import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";

/** Column name → PostgreSQL type, for reading rows out of one JSON parameter. */
export type TJsonColumns = Record<string, "text" | "timestamptz" | "integer">;

/**
 * Rows as one JSON parameter, read back with json_to_recordset. A statement with thousands of bind parameters
 * costs PGlite ~0.1 ms a parameter; one JSON parameter costs next to nothing on both databases.
 */
export function jsonRows(columns: TJsonColumns, rows: Record<string, unknown>[]): SQL {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as v(${sql.raw(columnDefs(columns))})`;
}

/** The column definition list of json_to_recordset for `columns`: `"name" type, …`. */
export function columnDefs(columns: TJsonColumns): string {
  return Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(", ");
}

/** INSERT INTO `table` (columns) SELECT columns FROM the JSON rows. */
export async function insertJsonRows(
  tx: Db,
  table: string,
  columns: TJsonColumns,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(insertJsonRowsSql(table, columns, rows));
}

/** The statement insertJsonRows runs, to be combined with others (e.g. as a WITH clause). */
export function insertJsonRowsSql(
  table: string,
  columns: TJsonColumns,
  rows: Record<string, unknown>[],
): SQL {
  const names = sql.raw(
    Object.keys(columns)
      .map((c) => `"${c}"`)
      .join(", "),
  );
  return sql`insert into ${sql.identifier(table)} (${names}) select ${names} from ${jsonRows(columns, rows)}`;
}

/** `column = any($1::text[])`: one array parameter instead of an IN list. */
export function anyOf(column: AnyColumn, values: string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}

/**
 * `(org_id, id) IN (the given keys)`, the keys as two array parameters: a join on both key columns, planned from
 * the table's size (one primary-key look-up per key, or one pass over a small table) rather than from what the
 * statistics say of one organisation. An OR of `org_id = … AND id = …` (or `org_id = … AND id = ANY(…)`) was
 * planned, for an organisation the statistics did not know yet (one whose rows were just written), as a scan of
 * all the organisation's rows with the keys as a filter (decision 061).
 */
export function keyIn(orgId: AnyColumn, id: AnyColumn, keys: readonly { orgId: string; id: string }[]): SQL {
  return sql`(${orgId}, ${id}) in (select * from unnest(${sql.param(keys.map((k) => k.orgId))}::text[], ${sql.param(keys.map((k) => k.id))}::text[]))`;
}

/**
 * `org_id = … AND id = ANY(…)` for each organisation among the keys (usually one), ORed: keeps the organisation
 * a constant the planner can use for the rest of a statement's joins (see loadSendContexts); on its own, for an
 * organisation unknown to the statistics, it may be planned as a scan of the organisation's rows (use keyIn).
 */
export function keyInOrgs(
  table: { orgId: AnyColumn; id: AnyColumn },
  keys: readonly { orgId: string; id: string }[],
): SQL {
  const byOrg = new Map<string, string[]>();
  for (const k of keys) {
    const ids = byOrg.get(k.orgId);
    if (ids) ids.push(k.id);
    else byOrg.set(k.orgId, [k.id]);
  }
  return sql.join(
    [...byOrg].map(([orgId, ids]) => sql`(${table.orgId} = ${orgId} and ${anyOf(table.id, ids)})`),
    sql` or `,
  );
}
