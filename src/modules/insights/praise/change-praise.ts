import { eq, sql } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { praise } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { AppError } from "../../../http/errors.ts";
import { getPraise, getVisibleAnswer } from "./praise-view.ts";

/** Approves a praise mark for the wall and the public widget (owner and admin). */
export async function approvePraise(db: Db, actor: TActor, responseId: string) {
  await getVisibleAnswer(db, actor, responseId);
  const updated = await db
    .update(praise)
    .set({ approvedAt: sql`coalesce(${praise.approvedAt}, now())` })
    .where(inOrg(praise, actor.orgId, eq(praise.responseId, responseId)))
    .returning({ id: praise.responseId });
  if (updated.length === 0) throw new AppError("NOT_FOUND", { message: { key: "problem.praise.notMarked" } });
  return getPraise(db, actor.orgId, responseId);
}

/** Removes a praise mark (it leaves the wall at once). */
export async function removePraise(db: Db, actor: TActor, responseId: string): Promise<void> {
  await getVisibleAnswer(db, actor, responseId);
  const deleted = await db
    .delete(praise)
    .where(inOrg(praise, actor.orgId, eq(praise.responseId, responseId)))
    .returning({ id: praise.responseId });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", { message: { key: "problem.praise.notMarked" } });
}
