import { randomUUID } from "node:crypto";
import { asc, eq, isNull, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";

export type CatalogTable = PgTable & {
  orgId: PgColumn;
  id: PgColumn;
  code: PgColumn;
  archivedAt: PgColumn;
  updatedAt: PgColumn;
};

export interface CatalogItemsOptions {
  /** Singular noun for messages, e.g. "service". */
  noun: string;
  table: CatalogTable;
  columns: Record<string, PgColumn>;
  orderBy: PgColumn;
}

/** The list, get, create, update and archive use cases of one catalogue table, scoped to an organisation. */
export function catalogItems(dbIn: Db, { noun, table, columns, orderBy }: CatalogItemsOptions) {
  // biome-ignore lint/suspicious/noExplicitAny: the generic table's row type is known only through `columns`
  const db = dbIn as any;
  const notFound = () =>
    new AppError("NOT_FOUND", { message: { key: "problem.catalog.notFound", values: { noun } } });
  const byId = (orgId: string, id: string): SQL => inOrg(table, orgId, eq(table.id, id));

  async function get(orgId: string, id: string) {
    const [row] = await db.select(columns).from(table).where(byId(orgId, id));
    if (!row) throw notFound();
    return row;
  }

  return {
    get,
    find(orgId: string, { includeArchived }: { includeArchived: boolean }) {
      const filter = includeArchived ? undefined : isNull(table.archivedAt);
      return db
        .select(columns)
        .from(table)
        .where(inOrg(table, orgId, filter))
        .orderBy(asc(orderBy));
    },
    async create(orgId: string, input: Record<string, unknown>) {
      const [row] = await db
        .insert(table)
        .values({ ...input, orgId, id: randomUUID() })
        .returning(columns);
      return row;
    },
    async update(orgId: string, id: string, input: Record<string, unknown>) {
      const [row] = await db
        .update(table)
        .set({ ...input, updatedAt: new Date() })
        .where(byId(orgId, id))
        .returning(columns);
      if (!row) throw notFound();
      return row;
    },
    async setArchived(orgId: string, id: string, archivedAt: Date | null) {
      const [row] = await db
        .update(table)
        .set({ archivedAt, updatedAt: new Date() })
        .where(byId(orgId, id))
        .returning(columns);
      if (!row) throw notFound();
      return row;
    },
  };
}
