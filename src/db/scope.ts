import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * The WHERE clause of every tenant query: the organisation first, then any further conditions. In a join,
 * `orgId` is the other table's org_id column, so the joined row belongs to the same organisation.
 */
export function inOrg(
  table: { orgId: PgColumn },
  orgId: string | PgColumn,
  ...conditions: (SQL | undefined)[]
): SQL {
  return and(eq(table.orgId, orgId), ...conditions) as SQL;
}
