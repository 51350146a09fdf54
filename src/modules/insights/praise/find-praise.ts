import { desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { praise, response } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { answerVisibility } from "../../responses/visibility.ts";
import { praiseColumns, presentPraise } from "./praise-view.ts";

export interface FindPraiseOptions {
  approved?: boolean;
  employeeId?: string;
  serviceId?: string;
  limit?: number;
}

/** Praise marks on answers the actor may see, newest first. */
export async function findPraise(db: Db, actor: TActor, { limit = 100, ...f }: FindPraiseOptions) {
  const conds: (SQL | undefined)[] = [
    await answerVisibility(db, actor),
    f.approved === true ? isNotNull(praise.approvedAt) : undefined,
    f.approved === false ? isNull(praise.approvedAt) : undefined,
    f.employeeId ? eq(praise.employeeId, f.employeeId) : undefined,
    f.serviceId ? eq(praise.serviceId, f.serviceId) : undefined,
  ];
  const rows = await db
    .select({ ...praiseColumns, score: response.score, receivedAt: response.receivedAt })
    .from(praise)
    .innerJoin(response, inOrg(response, praise.orgId, eq(response.id, praise.responseId)))
    .where(inOrg(praise, actor.orgId, ...conds))
    .orderBy(desc(praise.createdAt), desc(praise.responseId))
    .limit(limit);
  return rows.map(presentPraise);
}
