import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { TTx } from "./settings.ts";

/** Column name → PostgreSQL type, for reading rows out of one JSON parameter. */
export type TJsonColumns = Record<string, "text" | "timestamptz" | "integer" | "boolean">;

/**
 * INSERT INTO `table` SELECT … FROM json_to_recordset(one JSON parameter): thousands of bind parameters cost
 * PGlite ~0.1 ms each, one JSON parameter next to nothing.
 */
export async function insertJsonRows(
  tx: Db | TTx,
  table: string,
  columns: TJsonColumns,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(", ");
  const defs = Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(", ");
  await tx.execute(
    sql`insert into ${sql.identifier(table)} (${sql.raw(names)}) select ${sql.raw(names)} from json_to_recordset(${JSON.stringify(rows)}::json) as v(${sql.raw(defs)})`,
  );
}
