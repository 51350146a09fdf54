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
