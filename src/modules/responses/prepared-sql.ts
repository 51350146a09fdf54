import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
import type { Db } from "../../db/connect.ts";
import { registerHotStatement } from "../../db/pglite-named-statements.ts";

type TRows = { rows: Record<string, unknown>[] };
type TPoolClient = { query(config: { name: string; text: string; values: unknown[] }): Promise<TRows> };
type TPgliteClient = { query(text: string, values: unknown[]): Promise<TRows> };

/** The statement text with `$1…$n` turned back into Drizzle parameters (a transaction has no raw client). */
function asDrizzleSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    chunks.push(i % 2 === 0 ? sql.raw(parts[i]) : sql`${values[Number(parts[i]) - 1]}`);
  }
  return sql.join(chunks);
}

/**
 * A hot statement written once as SQL text with `$1…$n` parameters, run by the driver without Drizzle building
 * it again: on PostgreSQL as a named prepared statement (parsed and planned once per connection), on PGlite
 * as a named statement too (src/db/pglite-named-statements.ts). Parameters are passed as text or numbers; the text
 * casts them (`$3::jsonb`).
 */
export function preparedSql(name: string, text: string) {
  registerHotStatement(text);
  return async (db: Db, values: unknown[]): Promise<Record<string, unknown>[]> => {
    const client = (db as unknown as { $client?: unknown }).$client;
    if (client instanceof pg.Pool || client instanceof pg.Client)
      return (await (client as TPoolClient).query({ name, text, values })).rows;
    if (client && typeof (client as TPgliteClient).query === "function")
      return (await (client as TPgliteClient).query(text, values)).rows;
    return (await db.execute(asDrizzleSql(text, values))).rows;
  };
}
