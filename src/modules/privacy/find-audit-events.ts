import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { apiKey, auditLog, user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TAuditActorType } from "./audit-actions.ts";
import type { TAuditEvent, TAuditFilters, TAuditQuery } from "./audit-contracts.ts";

function conditions(filters: TAuditFilters, before?: number): (SQL | undefined)[] {
  return [
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.actor ? eq(auditLog.actorId, filters.actor) : undefined,
    filters.from ? gte(auditLog.at, filters.from) : undefined,
    filters.to ? lt(auditLog.at, filters.to) : undefined,
    before ? lt(auditLog.id, before) : undefined,
  ];
}

async function page(db: Db, orgId: string, filters: TAuditFilters, limit: number, before?: number) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      userName: user.name,
      userEmail: user.email,
      keyName: apiKey.name,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
    })
    .from(auditLog)
    // Names are looked up when read: the log itself keeps ids only.
    .leftJoin(user, and(eq(auditLog.actorType, "user"), eq(user.id, auditLog.actorId)))
    .leftJoin(
      apiKey,
      inOrg(apiKey, auditLog.orgId, and(eq(auditLog.actorType, "apiKey"), eq(apiKey.id, auditLog.actorId))),
    )
    .where(inOrg(auditLog, orgId, ...conditions(filters, before)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map(
    (r): TAuditEvent => ({
      id: String(r.id),
      at: r.at,
      action: r.action,
      actorType: r.actorType as TAuditActorType,
      actorId: r.actorId,
      actorName: r.keyName ?? (r.userName || r.userEmail) ?? null,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
    }),
  );
}

/** One page of the organisation's audit log, newest first; `nextCursor` continues it. */
export async function findAuditEvents(db: Db, orgId: string, query: TAuditQuery) {
  const items = await page(
    db,
    orgId,
    query,
    query.limit + 1,
    query.cursor ? Number(query.cursor) : undefined,
  );
  const more = items.length > query.limit;
  const shown = more ? items.slice(0, query.limit) : items;
  return { items: shown, nextCursor: more ? (shown.at(-1)?.id ?? null) : null };
}

/** Every entry matching the filters, newest first, read in pages of 500 (the CSV export). */
export async function* allAuditEvents(
  db: Db,
  orgId: string,
  filters: TAuditFilters,
): AsyncGenerator<TAuditEvent> {
  let before: number | undefined;
  for (;;) {
    const rows = await page(db, orgId, filters, 500, before);
    yield* rows;
    if (rows.length < 500) return;
    before = Number(rows.at(-1)?.id);
  }
}
