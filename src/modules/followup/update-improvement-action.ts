import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { type ActionStatus, canMoveAction } from "../../domain/action-status.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { assertActionRefs, writeActionLinks } from "./action-links.ts";
import type { TUpdateActionRequest } from "./action-contracts.ts";
import { orgToday } from "./create-improvement-action.ts";
import { fieldError } from "./field-error.ts";
import { improvementAction, improvementActionNote } from "./schema.ts";

/** Changes an action, moves its status (with the rules for dropping and taking up again) and adds a note. */
export async function updateImprovementAction(
  db: Db,
  actor: TActor,
  id: string,
  b: TUpdateActionRequest,
  now = new Date(),
): Promise<void> {
  const [cur] = await db
    .select({ status: improvementAction.status, deadline: improvementAction.deadline })
    .from(improvementAction)
    .where(inOrg(improvementAction, actor.orgId, eq(improvementAction.id, id)));
  if (!cur) throw new AppError("NOT_FOUND", { message: { key: "problem.action.notFound" } });
  const from = cur.status as ActionStatus;
  const to = b.status && b.status !== from ? b.status : undefined;
  const today = await orgToday(db, actor.orgId, now);
  if (b.deadline && b.deadline !== cur.deadline && b.deadline < today)
    throw fieldError("body.deadline", { key: "problem.field.notInPast" });
  if (b.completedOn && (to ?? from) !== "done")
    throw fieldError("body.completedOn", { key: "problem.field.onlyForDone" });
  if (b.completedOn && b.completedOn > today)
    throw fieldError("body.completedOn", { key: "problem.field.notInFuture" });
  if (b.dropReason && to !== "dropped")
    throw fieldError("body.dropReason", { key: "problem.field.onlyWhenDropping" });
  if (to) {
    if (!canMoveAction(from, to))
      throw fieldError(
        "body.status",
        { key: "problem.field.actionTransition", values: { from, to } },
        "CONFLICT",
      );
    if (to === "dropped" && !b.dropReason)
      throw fieldError("body.dropReason", { key: "problem.field.dropReasonRequired" });
    if (from === "dropped" && !b.note) throw fieldError("body.note", { key: "problem.field.sayWhyTakenUp" });
  }
  await assertActionRefs(db, actor.orgId, b);
  const { serviceIds: _s, evidence: _e, note, status: _st, ...fields } = b;
  await db.transaction(async (tx) => {
    const done = await tx
      .update(improvementAction)
      .set({
        ...fields,
        ...(to ? { status: to } : {}),
        ...(to === "done" ? { completedOn: b.completedOn ?? today } : {}),
        ...(to && to !== "done" ? { completedOn: null } : {}),
        ...(to && to !== "dropped" ? { dropReason: null } : {}),
        updatedAt: now,
      })
      .where(
        and(
          inOrg(improvementAction, actor.orgId, eq(improvementAction.id, id)),
          eq(improvementAction.status, from),
        ),
      )
      .returning({ id: improvementAction.id });
    if (!done.length) throw fieldError("body.status", { key: "problem.field.actionChanged" }, "CONFLICT");
    await writeActionLinks(tx, actor.orgId, id, b);
    const text = note ?? (to === "dropped" ? b.dropReason : undefined);
    if (text || to)
      await tx.insert(improvementActionNote).values({
        orgId: actor.orgId,
        id: randomUUID(),
        actionId: id,
        authorId: actor.kind === "user" ? actor.userId : null,
        status: to ?? null,
        text: text ?? "",
        at: now,
      });
  });
}
