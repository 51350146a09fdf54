import { eq } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { organization } from "../../db/schema.ts";
import { endOfDay } from "../../domain/case-deadline.ts";
import { civilDate } from "../../domain/time-zone.ts";
import { AppError } from "../../http/errors.ts";
import { assertCaseWorker } from "./case-members.ts";
import type { TUpdateCaseRequest } from "./case-contracts.ts";
import { emitCaseEvent } from "./case-webhooks.ts";
import { fieldError } from "./field-error.ts";
import { findVisibleCase } from "./get-case.ts";
import { followUpCase } from "./schema.ts";
import { appendCaseEvent } from "./timeline.ts";

/** Reassigns a case (managers and above) or moves its deadline (not into the past). */
export async function updateCase(
  db: Db,
  actor: TActor,
  id: string,
  body: TUpdateCaseRequest,
  now = new Date(),
): Promise<void> {
  const { row } = await findVisibleCase(db, actor, id, now);
  if (body.ownerId !== undefined) {
    if (!can(actor, "cases:assign"))
      throw new AppError("FORBIDDEN", {
        message: { key: "problem.forbiddenCapability", values: { capability: "cases:assign" } },
      });
    if (body.ownerId) await assertCaseWorker(db, actor.orgId, body.ownerId, "body.ownerId");
  }
  const [org] = await db
    .select({ timeZone: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, actor.orgId));
  if (body.dueDate !== undefined && body.dueDate < civilDate(now, org.timeZone))
    throw fieldError("body.dueDate", { key: "problem.field.notInPast" });
  const actorId = actor.kind === "user" ? actor.userId : null;
  await db.transaction(async (tx) => {
    await tx
      .update(followUpCase)
      .set({
        ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
        ...(body.dueDate !== undefined
          ? { dueDate: body.dueDate, dueAt: endOfDay(body.dueDate, org.timeZone), overdueClaimedAt: null }
          : {}),
        updatedAt: now,
      })
      .where(inOrg(followUpCase, actor.orgId, eq(followUpCase.id, id)));
    if (body.ownerId !== undefined)
      await appendCaseEvent(
        tx,
        actor.orgId,
        id,
        { kind: "assigned", actorId, data: { from: row.ownerId, ownerId: body.ownerId } },
        now,
      );
    if (body.dueDate !== undefined)
      await appendCaseEvent(
        tx,
        actor.orgId,
        id,
        { kind: "deadline", actorId, data: { from: row.dueDate, dueDate: body.dueDate } },
        now,
      );
    await emitCaseEvent(tx, actor.orgId, id, "case.updated", now);
  });
}
