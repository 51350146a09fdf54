import { asc } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import type { TQueue } from "./contracts.ts";
import { kpiQueue } from "./schema.ts";

/** The organisation's queues and offices. */
export async function findQueues(db: Db, orgId: string): Promise<TQueue[]> {
  return db
    .select({ id: kpiQueue.id, name: kpiQueue.name, kind: kpiQueue.kind })
    .from(kpiQueue)
    .where(inOrg(kpiQueue, orgId))
    .orderBy(asc(kpiQueue.id)) as Promise<TQueue[]>;
}

/** Adds a queue, or renames one with the same id (its id is the source system's). */
export async function saveQueue(db: Db, orgId: string, q: TQueue): Promise<TQueue> {
  await db
    .insert(kpiQueue)
    .values({ orgId, ...q })
    .onConflictDoUpdate({ target: [kpiQueue.orgId, kpiQueue.id], set: { name: q.name, kind: q.kind } });
  return q;
}
