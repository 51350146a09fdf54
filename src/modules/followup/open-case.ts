import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { response } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { answerVisibility } from "../responses/visibility.ts";
import { assertCaseWorker } from "./case-members.ts";
import { emitCaseEvent } from "./case-webhooks.ts";
import { fieldError } from "./field-error.ts";
import { followUpCase } from "./schema.ts";
import { syncCaseForAnswer } from "./sync-case-for-answer.ts";
import { appendCaseEvent } from "./timeline.ts";

/** Opens a case by hand for an answer the actor may read (e.g. an imported one); 409 if it has one. */
export async function openCase(
  db: Db,
  actor: TActor,
  body: { responseId: string; ownerId?: string },
  now = new Date(),
): Promise<string> {
  const visible = await answerVisibility(db, actor);
  const [a] = await db
    .select({
      responseId: response.id,
      surveyId: response.surveyId,
      score: response.score,
      satisfaction: response.satisfaction,
      receivedAt: response.receivedAt,
      serviceId: response.serviceId,
      departmentId: response.departmentId,
      employeeId: response.employeeId,
    })
    .from(response)
    .where(inOrg(response, actor.orgId, eq(response.id, body.responseId), visible));
  if (!a) throw fieldError("body.responseId", { key: "problem.field.noSuchAnswer" }, "NOT_FOUND");
  if (body.ownerId) await assertCaseWorker(db, actor.orgId, body.ownerId, "body.ownerId");
  const actorId = actor.kind === "user" ? actor.userId : null;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .where(inOrg(followUpCase, actor.orgId, eq(followUpCase.responseId, a.responseId)));
    if (existing) throw fieldError("body.responseId", { key: "problem.field.answerHasCase" }, "CONFLICT");
    const opened = await syncCaseForAnswer(tx, { orgId: actor.orgId, ...a }, { now, actorId, force: true });
    if (!opened) throw new AppError("NOT_FOUND");
    if (body.ownerId) {
      await tx
        .update(followUpCase)
        .set({ ownerId: body.ownerId })
        .where(inOrg(followUpCase, actor.orgId, eq(followUpCase.id, opened.caseId)));
      await appendCaseEvent(
        tx,
        actor.orgId,
        opened.caseId,
        { kind: "assigned", actorId, data: { ownerId: body.ownerId } },
        now,
      );
      await emitCaseEvent(tx, actor.orgId, opened.caseId, "case.updated", now);
    }
    return opened.caseId;
  });
}
