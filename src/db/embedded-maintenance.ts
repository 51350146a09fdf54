import { sql } from "drizzle-orm";
import type { Db } from "./connect.ts";

/** Autovacuum's default thresholds: a table is analysed after 50 + 10 % and vacuumed after 50 + 20 % of its rows. */
const BASE = 50;
const ANALYZE_SHARE = 0.1;
const VACUUM_SHARE = 0.2;

export interface TMaintenance {
  analyzed: string[];
  vacuumed: string[];
}

/**
 * Autovacuum's work for the embedded database, which has no autovacuum: PGlite runs PostgreSQL in one process
 * without its background workers, so no table would ever get statistics (every look-up by key then planned as on
 * an empty table, reading more rows as the organisation grows: decision 066) or have its dead rows reclaimed. By
 * autovacuum's own rule, from the table counters PGlite keeps: a table with more changes since its last analysis
 * than 50 + 10 % of its rows is analysed, one with more dead rows than 50 + 20 % is vacuumed (and analysed if
 * due). `only` names the tables to look at (all of the user's tables by default, pg-boss's included).
 */
export async function maintainEmbeddedDatabase(db: Db, only?: string[]): Promise<TMaintenance> {
  // Counters of this connection's last statements are flushed at the next transaction's end.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  await db.execute(sql`select 1`);
  const { rows } = await db.execute(sql`
    select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) as name, s.relname as table,
      s.n_mod_since_analyze::float8 as changed, s.n_dead_tup::float8 as dead,
      greatest(c.reltuples, 0)::float8 as known
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    order by s.schemaname, s.relname`);
  const done: TMaintenance = { analyzed: [], vacuumed: [] };
  for (const r of rows as { name: string; table: string; changed: number; dead: number; known: number }[]) {
    if (only && !only.includes(r.table)) continue;
    const analyze = r.changed > BASE + ANALYZE_SHARE * r.known;
    const vacuum = r.dead > BASE + VACUUM_SHARE * r.known;
    if (vacuum) {
      await db.execute(sql.raw(`vacuum${analyze ? " (analyze)" : ""} ${r.name}`));
      done.vacuumed.push(r.table);
    } else if (analyze) await db.execute(sql.raw(`analyze ${r.name}`));
    if (analyze) done.analyzed.push(r.table);
  }
  return done;
}
