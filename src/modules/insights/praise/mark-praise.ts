import { eq } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { employee, praise, service } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { AppError, fieldProblem, type TMessageRef } from "../../../http/errors.ts";
import { getPraise, getVisibleAnswer } from "./praise-view.ts";

export interface MarkPraiseOptions {
  target: "employee" | "service";
  /** Defaults to the employee the answer is tagged with. */
  employeeId?: string;
  /** Defaults to the service the answer is tagged with. */
  serviceId?: string;
  /** The comment as it may be shown, with anything identifying the respondent removed. */
  text: string;
}

function invalid(field: string, message: TMessageRef): AppError {
  return fieldProblem(`body.${field}`, message);
}

/**
 * Marks an answer's comment as praise of an employee or a service, or changes the mark. A changed mark needs
 * approval again, so text that has not been approved never reaches the wall.
 */
export async function markPraise(db: Db, actor: TActor, responseId: string, o: MarkPraiseOptions) {
  const answer = await getVisibleAnswer(db, actor, responseId);
  if (!answer.comment?.trim())
    throw new AppError("CONFLICT", { message: { key: "problem.praise.noComment" } });
  const field = o.target === "employee" ? "employeeId" : "serviceId";
  const targetId =
    o.target === "employee" ? (o.employeeId ?? answer.employeeId) : (o.serviceId ?? answer.serviceId);
  if (!targetId)
    throw invalid(field, { key: "problem.field.answerNamesNo", values: { target: o.target, field } });
  const table = o.target === "employee" ? employee : service;
  const [exists] = await db
    .select({ id: table.id })
    .from(table)
    .where(inOrg(table, actor.orgId, eq(table.id, targetId)));
  if (!exists) throw invalid(field, { key: "problem.field.noSuchTarget", values: { target: o.target } });
  const values = {
    target: o.target,
    employeeId: o.target === "employee" ? targetId : null,
    serviceId: o.target === "service" ? targetId : null,
    text: o.text,
    approvedAt: null,
    markedBy: actor.kind === "user" ? actor.userId : null,
  };
  await db
    .insert(praise)
    .values({ orgId: actor.orgId, responseId, ...values })
    .onConflictDoUpdate({ target: [praise.orgId, praise.responseId], set: values });
  return getPraise(db, actor.orgId, responseId);
}
