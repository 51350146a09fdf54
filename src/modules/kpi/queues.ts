import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError, fieldProblem } from "../../http/errors.ts";
import type { TQueue, TQueueListItem } from "./contracts.ts";
import { kpiQueue, kpiRollupMonth } from "./schema.ts";
import type { TTx } from "./settings.ts";

/** The organisation's queues and offices. */
export async function findQueues(db: Db, orgId: string): Promise<TQueue[]> {
  return db
    .select({ id: kpiQueue.id, name: kpiQueue.name, kind: kpiQueue.kind })
    .from(kpiQueue)
    .where(inOrg(kpiQueue, orgId))
    .orderBy(asc(kpiQueue.id)) as Promise<TQueue[]>;
}

/**
 * Contacts recorded under each queue, from the month rollups (every contact is in exactly one cell, as offered
 * or as a short abandon), so the count costs a few hundred rows rather than a pass over the records.
 */
async function contactsByQueue(db: Db | TTx, orgId: string, queueId?: string): Promise<Map<string, number>> {
  const total = sql<number>`sum(kpi_rollup_month.offered + kpi_rollup_month.short_abandoned)::float8`;
  const rows = await db
    .select({ queueId: kpiRollupMonth.queueId, n: total })
    .from(kpiRollupMonth)
    .where(inOrg(kpiRollupMonth, orgId, queueId ? eq(kpiRollupMonth.queueId, queueId) : undefined))
    .groupBy(kpiRollupMonth.queueId);
  return new Map(rows.map((r) => [r.queueId, Number(r.n)]));
}

/** The queues with the number of contacts recorded under each. */
export async function listQueues(db: Db, orgId: string): Promise<TQueueListItem[]> {
  const [queues, counts] = await Promise.all([findQueues(db, orgId), contactsByQueue(db, orgId)]);
  return queues.map((q) => ({ ...q, contacts: counts.get(q.id) ?? 0 }));
}

/** Adds a queue, or renames one with the same id (its id is the source system's). */
export async function saveQueue(db: Db, orgId: string, q: TQueue): Promise<TQueue> {
  await db
    .insert(kpiQueue)
    .values({ orgId, ...q })
    .onConflictDoUpdate({ target: [kpiQueue.orgId, kpiQueue.id], set: { name: q.name, kind: q.kind } });
  return q;
}

/**
 * Removes a queue entered by mistake. A queue with contacts stays (the records and the KPIs refer to it): that is
 * a 409 naming the id. The row is locked first, so a second removal waits and then finds nothing.
 */
export async function deleteQueue(db: Db, orgId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: kpiQueue.id })
      .from(kpiQueue)
      .where(inOrg(kpiQueue, orgId, eq(kpiQueue.id, id)))
      .for("update");
    if (!found) throw fieldProblem("params.id", { key: "problem.field.noSuchQueue" }, { code: "NOT_FOUND" });
    const contacts = (await contactsByQueue(tx, orgId, id)).get(id) ?? 0;
    if (contacts > 0)
      throw new AppError("CONFLICT", {
        detail: `id: the queue has ${contacts} contact records; a queue with records cannot be removed.`,
        message: { key: "problem.queueHasContacts", values: { count: String(contacts) } },
        errors: [{ path: "params.id", message: "the queue has contact records", code: "queue_in_use" }],
        fieldMessages: [{ key: "problem.field.queueHasContacts" }],
      });
    await tx.delete(kpiQueue).where(inOrg(kpiQueue, orgId, eq(kpiQueue.id, id)));
  });
}
