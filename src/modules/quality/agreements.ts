import { randomUUID } from "node:crypto";
import { asc, eq, max, type SQL } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee, member } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TCreateAgreementRequest } from "./contracts.ts";
import { evaluationScope, ownEmployees } from "./evaluation-scope.ts";
import { agreementOut, visibleEvaluation } from "./evaluations.ts";
import { conflict, fieldError, forbidden, notFound } from "./problems.ts";
import { qualityAgreement, qualityEvaluation } from "./schema.ts";

/** Adds the next numbered agreement to an evaluation; it needs a responsible person and a deadline. */
export async function createAgreement(
  db: Db,
  actor: TActor,
  evaluationId: string,
  body: TCreateAgreementRequest,
) {
  const e = await visibleEvaluation(db, actor, evaluationId);
  if ((await ownEmployees(db, actor)).some((o) => o.id === e.employeeId))
    throw forbidden({ key: "problem.quality.agreementsWrittenByEvaluator" });
  if (e.state === "draft") throw conflict({ key: "problem.quality.submitBeforeAgreeing" });
  if (!body.responsibleUserId && !body.responsibleEmployeeId)
    throw fieldError("body.responsibleUserId", { key: "problem.field.nameResponsible" });
  if (body.responsibleUserId) {
    const [m] = await db
      .select({ id: member.id })
      .from(member)
      .where(inOrg({ orgId: member.organizationId }, actor.orgId, eq(member.userId, body.responsibleUserId)));
    if (!m) throw fieldError("body.responsibleUserId", { key: "problem.field.notMemberOfOrg" });
  }
  if (body.responsibleEmployeeId) {
    const [emp] = await db
      .select({ id: employee.id })
      .from(employee)
      .where(inOrg(employee, actor.orgId, eq(employee.id, body.responsibleEmployeeId)));
    if (!emp) throw fieldError("body.responsibleEmployeeId", { key: "problem.field.noSuchEmployee" });
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [{ last }] = await tx
      .select({ last: max(qualityAgreement.number) })
      .from(qualityAgreement)
      .where(inOrg(qualityAgreement, actor.orgId, eq(qualityAgreement.evaluationId, e.id)));
    await tx.insert(qualityAgreement).values({
      orgId: actor.orgId,
      id,
      evaluationId: e.id,
      employeeId: e.employeeId,
      number: (last ?? 0) + 1,
      text: body.text,
      responsibleUserId: body.responsibleUserId ?? null,
      responsibleEmployeeId: body.responsibleEmployeeId ?? null,
      deadline: body.deadline,
    });
  });
  return id;
}

async function visibleAgreements(db: Db, actor: TActor, ...conditions: (SQL | undefined)[]) {
  const rows = await db
    .select({ a: qualityAgreement })
    .from(qualityAgreement)
    .innerJoin(
      qualityEvaluation,
      inOrg(
        qualityEvaluation,
        qualityAgreement.orgId,
        eq(qualityEvaluation.id, qualityAgreement.evaluationId),
      ),
    )
    .where(inOrg(qualityAgreement, actor.orgId, await evaluationScope(db, actor), ...conditions))
    .orderBy(asc(qualityAgreement.deadline), asc(qualityAgreement.number));
  return rows.map((r) => agreementOut(r.a));
}

/** Agreements of the evaluations the actor sees, by deadline. */
export async function findAgreements(db: Db, actor: TActor, q: { state?: string; employeeId?: string }) {
  return visibleAgreements(
    db,
    actor,
    q.state ? eq(qualityAgreement.state, q.state) : undefined,
    q.employeeId ? eq(qualityAgreement.employeeId, q.employeeId) : undefined,
  );
}

/** Marks an agreement done / open / missed, or links the evaluation that checks it. */
export async function updateAgreement(
  db: Db,
  actor: TActor,
  id: string,
  body: { state?: "open" | "done" | "missed"; followUpEvaluationId?: string | null },
  now = new Date(),
) {
  const [found] = await visibleAgreements(db, actor, eq(qualityAgreement.id, id));
  if (!found) throw notFound("agreement");
  if ((await ownEmployees(db, actor)).some((o) => o.id === found.employeeId))
    throw forbidden({ key: "problem.quality.agreementsKeptByEvaluator" });
  if (body.followUpEvaluationId) {
    const e = await visibleEvaluation(db, actor, body.followUpEvaluationId).catch(() => null);
    if (!e || e.employeeId !== found.employeeId || e.id === found.evaluationId)
      throw fieldError("body.followUpEvaluationId", { key: "problem.field.noLaterEvaluation" });
  }
  await db
    .update(qualityAgreement)
    .set({
      ...(body.state ? { state: body.state, doneAt: body.state === "done" ? now : null } : {}),
      ...(body.followUpEvaluationId !== undefined ? { followUpEvaluationId: body.followUpEvaluationId } : {}),
      updatedAt: now,
    })
    .where(inOrg(qualityAgreement, actor.orgId, eq(qualityAgreement.id, id)));
  const [after] = await visibleAgreements(db, actor, eq(qualityAgreement.id, id));
  return after;
}
