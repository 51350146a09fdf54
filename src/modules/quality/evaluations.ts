import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee, response, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TCreateEvaluationRequest, TEvaluationsQuery } from "./contracts.ts";
import { evaluationScope, mayEvaluate } from "./evaluation-scope.ts";
import { fieldError, forbidden, notFound } from "./problems.ts";
import {
  qualityAgreement,
  qualityEvaluation,
  qualityEvaluationScore,
  qualityModelVersion,
  qualitySectionComment,
} from "./schema.ts";

type TEvaluationRow = typeof qualityEvaluation.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The list shape of an evaluation. */
export function evaluationOut(e: TEvaluationRow, employeeName: string, modelVersion: number) {
  return {
    id: e.id,
    employeeId: e.employeeId,
    employeeName,
    departmentId: e.departmentId,
    channel: e.channel as "phone",
    modelId: e.modelId,
    modelVersionId: e.modelVersionId,
    modelVersion,
    contact: {
      kind: e.contactKind as "reference",
      responseId: e.responseId,
      invitationId: e.invitationId,
      reference: e.contactReference,
      durationSec: e.contactDurationSec,
      date: e.contactDate,
    },
    evaluatorId: e.evaluatorId,
    state: e.state as "draft",
    totalPct: e.totalPct,
    totalRounded: e.totalRounded,
    band: e.band as "good" | null,
    criticalFailed: e.criticalFailed,
    revision: e.revision,
    previousId: e.previousId,
    superseded: e.supersededAt !== null,
    submittedAt: iso(e.submittedAt),
    seenAt: iso(e.seenAt),
    finalizedAt: iso(e.finalizedAt),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Checks that the contact exists in the organisation and fits the kind. */
async function assertContact(db: Db, orgId: string, c: TCreateEvaluationRequest["contact"]) {
  if (c.kind === "response") {
    if (!c.responseId)
      throw fieldError("body.contact.responseId", { key: "problem.field.requiredForResponse" });
    const [r] = await db
      .select({ id: response.id })
      .from(response)
      .where(inOrg(response, orgId, eq(response.id, c.responseId)));
    if (!r) throw fieldError("body.contact.responseId", { key: "problem.field.noSuchAnswer" });
  } else if (c.kind === "invitation") {
    if (!c.invitationId)
      throw fieldError("body.contact.invitationId", { key: "problem.field.requiredForInvitation" });
    const [i] = await db
      .select({ id: surveyInvitation.id })
      .from(surveyInvitation)
      .where(inOrg(surveyInvitation, orgId, eq(surveyInvitation.id, c.invitationId)));
    if (!i) throw fieldError("body.contact.invitationId", { key: "problem.field.noSuchInvitation" });
  } else if (!c.reference)
    throw fieldError("body.contact.reference", { key: "problem.field.requiredForReference" });
}

/** Starts a draft evaluation of an employee's contact with an active model version; returns its id. */
export async function createEvaluation(
  db: Db,
  actor: TActor & { kind: "user" },
  body: TCreateEvaluationRequest,
) {
  const [target] = await db
    .select()
    .from(employee)
    .where(inOrg(employee, actor.orgId, eq(employee.id, body.employeeId)));
  if (!target) throw fieldError("body.employeeId", { key: "problem.field.noSuchEmployee" });
  if (target.archivedAt) throw fieldError("body.employeeId", { key: "problem.field.employeeArchived" });
  if (!(await mayEvaluate(db, actor, target))) throw forbidden({ key: "problem.quality.mayNotEvaluate" });
  const [version] = await db
    .select({
      v: qualityModelVersion,
      channel: sql<string>`(select channel from quality_model m where m.org_id = ${qualityModelVersion.orgId} and m.id = ${qualityModelVersion.modelId})`,
    })
    .from(qualityModelVersion)
    .where(inOrg(qualityModelVersion, actor.orgId, eq(qualityModelVersion.id, body.modelVersionId)));
  if (!version) throw fieldError("body.modelVersionId", { key: "problem.field.noSuchModelVersion" });
  if (version.v.status !== "active")
    throw fieldError("body.modelVersionId", { key: "problem.field.versionNotActive" });
  await assertContact(db, actor.orgId, body.contact);
  const id = randomUUID();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(qualityEvaluation).values({
      orgId: actor.orgId,
      id,
      employeeId: target.id,
      departmentId: target.departmentId,
      channel: version.channel,
      modelId: version.v.modelId,
      modelVersionId: version.v.id,
      contactKind: body.contact.kind,
      responseId: body.contact.kind === "response" ? (body.contact.responseId ?? null) : null,
      invitationId: body.contact.kind === "invitation" ? (body.contact.invitationId ?? null) : null,
      contactReference: body.contact.reference ?? null,
      contactDurationSec: body.contact.durationSec ?? null,
      contactDate: body.contact.date,
      evaluatorId: actor.userId,
      state: "draft",
      createdAt: now,
      updatedAt: now,
    });
    // An evaluated version is frozen: changing the model from now on makes a new version.
    await tx
      .update(qualityModelVersion)
      .set({ frozenAt: now })
      .where(
        inOrg(
          qualityModelVersion,
          actor.orgId,
          eq(qualityModelVersion.id, version.v.id),
          isNull(qualityModelVersion.frozenAt),
        ),
      );
  });
  return id;
}

/** One evaluation row the actor may see, or NOT_FOUND. */
export async function visibleEvaluation(db: Db, actor: TActor, id: string): Promise<TEvaluationRow> {
  const [row] = await db
    .select()
    .from(qualityEvaluation)
    .where(
      inOrg(qualityEvaluation, actor.orgId, eq(qualityEvaluation.id, id), await evaluationScope(db, actor)),
    );
  if (!row) throw notFound("evaluation");
  return row;
}

/** An evaluation with its model, section results, scores, comments and agreements. */
export async function getEvaluation(db: Db, actor: TActor, id: string) {
  const e = await visibleEvaluation(db, actor, id);
  const orgId = actor.orgId;
  const [[version], [emp], scores, comments, agreements] = await Promise.all([
    db
      .select()
      .from(qualityModelVersion)
      .where(inOrg(qualityModelVersion, orgId, eq(qualityModelVersion.id, e.modelVersionId))),
    db
      .select({ name: employee.name })
      .from(employee)
      .where(inOrg(employee, orgId, eq(employee.id, e.employeeId))),
    db
      .select()
      .from(qualityEvaluationScore)
      .where(inOrg(qualityEvaluationScore, orgId, eq(qualityEvaluationScore.evaluationId, id))),
    db
      .select()
      .from(qualitySectionComment)
      .where(inOrg(qualitySectionComment, orgId, eq(qualitySectionComment.evaluationId, id))),
    db
      .select()
      .from(qualityAgreement)
      .where(inOrg(qualityAgreement, orgId, eq(qualityAgreement.evaluationId, id)))
      .orderBy(asc(qualityAgreement.number)),
  ]);
  const definition = version.definition;
  const commentOf = new Map(comments.map((c) => [c.sectionKey, c.comment]));
  const stored = new Map(e.sections.map((s) => [s.key, s]));
  return {
    ...evaluationOut(e, emp?.name ?? "", version.version),
    definition,
    employeeComment: e.employeeComment,
    sections: definition.sections.map((s) => {
      const r = stored.get(s.key);
      return {
        key: s.key,
        title: s.title,
        weight: s.weight,
        effectiveWeight: r?.effectiveWeight ?? s.weight,
        given: r?.given ?? 0,
        max: r?.max ?? s.criteria.reduce((sum, c) => sum + c.max, 0),
        pct: r ? r.pct : null,
        score: r?.score ?? 0,
        comment: commentOf.get(s.key) ?? null,
      };
    }),
    scores: scores.map((s) => ({
      criterionKey: s.criterionKey,
      sectionKey: s.sectionKey,
      value: s.value,
      notApplicable: s.notApplicable,
      comment: s.comment,
      disputed: s.disputed,
      disputeText: s.disputeText,
      resolution: s.resolution as "upheld" | null,
      resolutionNote: s.resolutionNote,
    })),
    agreements: agreements.map(agreementOut),
  };
}

/** The API shape of an agreement. */
export function agreementOut(a: typeof qualityAgreement.$inferSelect) {
  return {
    id: a.id,
    evaluationId: a.evaluationId,
    employeeId: a.employeeId,
    number: a.number,
    text: a.text,
    responsibleUserId: a.responsibleUserId,
    responsibleEmployeeId: a.responsibleEmployeeId,
    deadline: a.deadline,
    state: a.state as "open",
    reminderSentAt: iso(a.reminderSentAt),
    followUpEvaluationId: a.followUpEvaluationId,
    createdAt: a.createdAt.toISOString(),
  };
}

/** The cursor of a page: the last row's contact date and id. */
const encodeCursor = (e: TEvaluationRow) => Buffer.from(`${e.contactDate}|${e.id}`).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  const [date, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw fieldError("querystring.cursor", { key: "problem.field.notCursorOfList" });
  return [date, id];
}

/** Current (not superseded) evaluations the actor sees, newest contact first, a cursor page at a time. */
export async function findEvaluations(db: Db, actor: TActor, q: TEvaluationsQuery) {
  const conditions: (SQL | undefined)[] = [
    isNull(qualityEvaluation.supersededAt),
    await evaluationScope(db, actor),
  ];
  if (q.employeeId) conditions.push(eq(qualityEvaluation.employeeId, q.employeeId));
  if (q.channel) conditions.push(eq(qualityEvaluation.channel, q.channel));
  if (q.state) conditions.push(eq(qualityEvaluation.state, q.state));
  if (q.month) conditions.push(sql`to_char(${qualityEvaluation.contactDate}, 'YYYY-MM') = ${q.month}`);
  if (q.cursor) {
    const [date, id] = decodeCursor(q.cursor);
    conditions.push(
      or(
        lt(qualityEvaluation.contactDate, date),
        and(eq(qualityEvaluation.contactDate, date), lt(qualityEvaluation.id, id)),
      ),
    );
  }
  const rows = await db
    .select({ e: qualityEvaluation, name: employee.name, version: qualityModelVersion.version })
    .from(qualityEvaluation)
    .innerJoin(
      employee,
      inOrg(employee, qualityEvaluation.orgId, eq(employee.id, qualityEvaluation.employeeId)),
    )
    .innerJoin(
      qualityModelVersion,
      inOrg(
        qualityModelVersion,
        qualityEvaluation.orgId,
        eq(qualityModelVersion.id, qualityEvaluation.modelVersionId),
      ),
    )
    .where(inOrg(qualityEvaluation, actor.orgId, ...conditions))
    .orderBy(desc(qualityEvaluation.contactDate), desc(qualityEvaluation.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => evaluationOut(r.e, r.name, r.version)),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].e) : null,
  };
}
