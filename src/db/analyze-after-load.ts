import { sql } from "drizzle-orm";
import type { Db } from "./connect.ts";

/** Rows written at once below which the statistics are left to autovacuum. */
export const ANALYZE_AFTER_ROWS = 10_000;

/**
 * After a load that wrote `added` rows into `tables` (their first table the one that grew most), gathers the
 * tables' statistics at once when the load is a large share of that table (a tenth or more; never analysed
 * counts as empty): what autovacuum would do about a minute later. Until then PostgreSQL keeps planning look-ups
 * by key from the statistics of the smaller table, and those made without statistics may read all of an
 * organisation's rows each (decision 066), just when the dispatcher starts sending the load. Returns whether it
 * analysed.
 */
export async function analyzeAfterLoad(
  db: Db,
  tables: readonly [string, ...string[]],
  added: number,
  minRows = ANALYZE_AFTER_ROWS,
): Promise<boolean> {
  if (added < minRows) return false;
  const { rows } = await db.execute(
    sql`select greatest(reltuples, 0)::float8 as known from pg_class where oid = to_regclass(${tables[0]})`,
  );
  const known = Number(rows[0]?.known ?? 0);
  // reltuples is what the table's last statistics counted: before this load, unless autovacuum came meanwhile.
  if (known > 10 * added) return false;
  await db.execute(sql.raw(`analyze ${tables.map((t) => `"${t.replaceAll('"', "")}"`).join(", ")}`));
  return true;
}
