import { randomUUID } from "node:crypto";
import { eq, isNull } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { type QualityScores, scoreProblems, scoreQualityEvaluation } from "../../domain/quality-score.ts";
import type { TScoresRequest } from "./contracts.ts";
import { ownEmployees } from "./evaluation-scope.ts";
import { visibleEvaluation } from "./evaluations.ts";
import { conflict, fieldError, forbidden, orProblem, problemsError } from "./problems.ts";
import { fieldsProblem } from "../../http/errors.ts";
import {
  qualityEvaluation,
  qualityEvaluationScore,
  qualityModelVersion,
  qualitySectionComment,
} from "./schema.ts";
import { getQualitySettings } from "./settings.ts";

type TEvaluationRow = typeof qualityEvaluation.$inferSelect;
type TTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function definitionOf(db: Db | TTx, e: TEvaluationRow) {
  const [v] = await db
    .select({ definition: qualityModelVersion.definition })
    .from(qualityModelVersion)
    .where(inOrg(qualityModelVersion, e.orgId, eq(qualityModelVersion.id, e.modelVersionId)));
  return v.definition;
}

/** Recomputes and stores section and total figures from the stored scores. */
async function recompute(tx: TTx, e: TEvaluationRow, now: Date) {
  const definition = await definitionOf(tx, e);
  const rows = await tx
    .select()
    .from(qualityEvaluationScore)
    .where(inOrg(qualityEvaluationScore, e.orgId, eq(qualityEvaluationScore.evaluationId, e.id)));
  const scores: Record<string, number | "na"> = {};
  for (const r of rows) scores[r.criterionKey] = r.notApplicable ? "na" : (r.value ?? 0);
  const settings = await getQualitySettings(tx as Db, e.orgId);
  const result = orProblem("body.scores", () => scoreQualityEvaluation(definition, scores, settings.bands));
  await tx
    .update(qualityEvaluation)
    .set({
      sections: result.sections,
      totalPct: result.total,
      totalRounded: result.rounded,
      band: result.band,
      criticalFailed: result.criticalFailed,
      updatedAt: now,
    })
    .where(inOrg(qualityEvaluation, e.orgId, eq(qualityEvaluation.id, e.id)));
}

/** An evaluation the actor may change as its evaluator (not the evaluated employee). */
async function asEvaluator(db: Db, actor: TActor, id: string) {
  const e = await visibleEvaluation(db, actor, id);
  if ((await ownEmployees(db, actor)).some((o) => o.id === e.employeeId))
    throw forbidden({ key: "problem.quality.notOwnEvaluation" });
  return e;
}

/** An evaluation the actor may answer as the evaluated employee. */
async function asEvaluated(db: Db, actor: TActor, id: string) {
  const e = await visibleEvaluation(db, actor, id);
  if (!(await ownEmployees(db, actor)).some((o) => o.id === e.employeeId))
    throw forbidden({ key: "problem.quality.evaluatedOnly" });
  return e;
}

/** Saves scores and section comments of a draft; every score is checked first, nothing is written on a fault. */
export async function saveScores(db: Db, actor: TActor, id: string, body: TScoresRequest, now = new Date()) {
  const e = await asEvaluator(db, actor, id);
  if (e.state !== "draft")
    throw conflict({ key: "problem.quality.draftTakesScores", values: { state: e.state } });
  const definition = await definitionOf(db, e);
  const sectionOf = new Map(
    definition.sections.flatMap((s) => s.criteria.map((c) => [c.key, s.key] as const)),
  );
  const given: Record<string, number | "na"> = {};
  body.scores.forEach((s, i) => {
    if (!sectionOf.has(s.criterionKey))
      throw fieldError(`body.scores[${i}].criterionKey`, { key: "problem.field.noSuchCriterionInVersion" });
    if (s.notApplicable) given[s.criterionKey] = "na";
    else if (s.value === null)
      throw fieldError(`body.scores[${i}].value`, { key: "problem.field.requiredUnlessNotApplicable" });
    else given[s.criterionKey] = s.value;
  });
  const problems = scoreProblems(definition, given);
  if (problems.length > 0) {
    const index = new Map(body.scores.map((s, i) => [s.criterionKey, i]));
    throw problemsError(
      "body",
      problems.map((p) => ({ ...p, path: `scores[${index.get(p.path)}].value` })),
    );
  }
  const sectionKeys = new Set(definition.sections.map((s) => s.key));
  for (const key of Object.keys(body.sectionComments ?? {}))
    if (!sectionKeys.has(key))
      throw fieldError(`body.sectionComments.${key}`, { key: "problem.field.noSuchSection" });
  await db.transaction(async (tx) => {
    for (const s of body.scores) {
      const values = {
        sectionKey: sectionOf.get(s.criterionKey) as string,
        value: s.notApplicable ? null : s.value,
        notApplicable: s.notApplicable,
        comment: s.comment ?? null,
      };
      await tx
        .insert(qualityEvaluationScore)
        .values({ orgId: e.orgId, evaluationId: e.id, criterionKey: s.criterionKey, ...values })
        .onConflictDoUpdate({
          target: [
            qualityEvaluationScore.orgId,
            qualityEvaluationScore.evaluationId,
            qualityEvaluationScore.criterionKey,
          ],
          set: values,
        });
    }
    for (const [sectionKey, comment] of Object.entries(body.sectionComments ?? {})) {
      await tx
        .insert(qualitySectionComment)
        .values({ orgId: e.orgId, evaluationId: e.id, sectionKey, comment })
        .onConflictDoUpdate({
          target: [
            qualitySectionComment.orgId,
            qualitySectionComment.evaluationId,
            qualitySectionComment.sectionKey,
          ],
          set: { comment },
        });
    }
    await recompute(tx, e, now);
  });
}

/** Submits a draft once every criterion has a score or is marked not applicable. */
export async function submitEvaluation(db: Db, actor: TActor, id: string, now = new Date()) {
  const e = await asEvaluator(db, actor, id);
  if (e.state !== "draft")
    throw conflict({ key: "problem.quality.alreadyInState", values: { state: e.state } });
  const definition = await definitionOf(db, e);
  const scored = new Set(
    (
      await db
        .select({ key: qualityEvaluationScore.criterionKey })
        .from(qualityEvaluationScore)
        .where(inOrg(qualityEvaluationScore, e.orgId, eq(qualityEvaluationScore.evaluationId, e.id)))
    ).map((r) => r.key),
  );
  const missing = definition.sections.flatMap((s) =>
    s.criteria.filter((c) => !scored.has(c.key)).map((c) => c.key),
  );
  if (missing.length > 0)
    throw fieldsProblem(
      missing.map((key) => ({ path: `scores.${key}`, message: { key: "problem.field.notScored" } })),
    );
  const done = await db
    .update(qualityEvaluation)
    .set({ state: "submitted", submittedAt: now, updatedAt: now })
    .where(
      inOrg(qualityEvaluation, e.orgId, eq(qualityEvaluation.id, e.id), eq(qualityEvaluation.state, "draft")),
    )
    .returning({ id: qualityEvaluation.id });
  if (done.length === 0) throw conflict({ key: "problem.quality.alreadySubmitted" });
}

/** The employee has seen the evaluation, optionally with a comment. */
export async function acknowledgeEvaluation(
  db: Db,
  actor: TActor,
  id: string,
  comment?: string,
  now = new Date(),
) {
  const e = await asEvaluated(db, actor, id);
  if (e.state !== "submitted" && e.state !== "seen")
    throw conflict({ key: "problem.quality.inState", values: { state: e.state } });
  await db
    .update(qualityEvaluation)
    .set({
      state: "seen",
      seenAt: e.seenAt ?? now,
      employeeComment: comment ?? e.employeeComment,
      updatedAt: now,
    })
    .where(inOrg(qualityEvaluation, e.orgId, eq(qualityEvaluation.id, e.id)));
}

/** The employee disputes one criterion; the evaluation goes back to the evaluator. */
export async function disputeCriterion(
  db: Db,
  actor: TActor,
  id: string,
  criterionKey: string,
  text: string,
  now = new Date(),
) {
  const e = await asEvaluated(db, actor, id);
  if (!["submitted", "seen", "disputed"].includes(e.state))
    throw conflict({ key: "problem.quality.inState", values: { state: e.state } });
  await db.transaction(async (tx) => {
    const done = await tx
      .update(qualityEvaluationScore)
      .set({ disputed: true, disputeText: text, resolution: null, resolutionNote: null, resolvedAt: null })
      .where(
        inOrg(
          qualityEvaluationScore,
          e.orgId,
          eq(qualityEvaluationScore.evaluationId, e.id),
          eq(qualityEvaluationScore.criterionKey, criterionKey),
        ),
      )
      .returning({ key: qualityEvaluationScore.criterionKey });
    if (done.length === 0)
      throw fieldError("body.criterionKey", { key: "problem.field.noSuchCriterionInEvaluation" });
    await tx
      .update(qualityEvaluation)
      .set({ state: "disputed", seenAt: e.seenAt ?? now, updatedAt: now })
      .where(inOrg(qualityEvaluation, e.orgId, eq(qualityEvaluation.id, e.id)));
  });
}

/** The evaluator resolves a disputed criterion (keeps or corrects the score); with none left open it is seen again. */
export async function resolveDispute(
  db: Db,
  actor: TActor,
  id: string,
  body: { criterionKey: string; resolution: "upheld" | "changed"; value?: number; note?: string },
  now = new Date(),
) {
  const e = await asEvaluator(db, actor, id);
  if (e.state !== "disputed")
    throw conflict({ key: "problem.quality.notDisputed", values: { state: e.state } });
  const [row] = await db
    .select()
    .from(qualityEvaluationScore)
    .where(
      inOrg(
        qualityEvaluationScore,
        e.orgId,
        eq(qualityEvaluationScore.evaluationId, e.id),
        eq(qualityEvaluationScore.criterionKey, body.criterionKey),
      ),
    );
  if (!row?.disputed || row.resolution)
    throw fieldError("body.criterionKey", { key: "problem.field.criterionNotDisputed" });
  if (body.resolution === "changed") {
    if (body.value === undefined)
      throw fieldError("body.value", { key: "problem.field.requiredWhenChanged" });
    const definition = await definitionOf(db, e);
    const problems = scoreProblems(definition, { [body.criterionKey]: body.value } as QualityScores);
    if (problems.length > 0) throw problemsError("body", [{ ...problems[0], path: "value" }]);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(qualityEvaluationScore)
      .set({
        resolution: body.resolution,
        resolutionNote: body.note ?? null,
        resolvedAt: now,
        ...(body.resolution === "changed" ? { value: body.value, notApplicable: false } : {}),
      })
      .where(
        inOrg(
          qualityEvaluationScore,
          e.orgId,
          eq(qualityEvaluationScore.evaluationId, e.id),
          eq(qualityEvaluationScore.criterionKey, body.criterionKey),
        ),
      );
    const open = await tx
      .select({ key: qualityEvaluationScore.criterionKey })
      .from(qualityEvaluationScore)
      .where(
        inOrg(
          qualityEvaluationScore,
          e.orgId,
          eq(qualityEvaluationScore.evaluationId, e.id),
          eq(qualityEvaluationScore.disputed, true),
          isNull(qualityEvaluationScore.resolution),
        ),
      );
    if (open.length === 0)
      await tx
        .update(qualityEvaluation)
        .set({ state: "seen", updatedAt: now })
        .where(inOrg(qualityEvaluation, e.orgId, eq(qualityEvaluation.id, e.id)));
    await recompute(tx, e, now);
  });
}

/** Closes a submitted or seen evaluation (no open dispute). */
export async function finalizeEvaluation(db: Db, actor: TActor, id: string, now = new Date()) {
  const e = await asEvaluator(db, actor, id);
  if (e.state !== "submitted" && e.state !== "seen")
    throw conflict({ key: "problem.quality.inState", values: { state: e.state } });
  await db
    .update(qualityEvaluation)
    .set({ state: "final", finalizedAt: now, updatedAt: now })
    .where(inOrg(qualityEvaluation, e.orgId, eq(qualityEvaluation.id, e.id)));
}

/** Opens a new revision (a draft copy) of a final evaluation; the old one is kept, marked superseded. */
export async function reviseEvaluation(db: Db, actor: TActor, id: string, now = new Date()): Promise<string> {
  const e = await asEvaluator(db, actor, id);
  if (e.state !== "final" || e.supersededAt) throw conflict({ key: "problem.quality.currentFinalOnly" });
  const [target] = await db
    .select({ archivedAt: employee.archivedAt })
    .from(employee)
    .where(inOrg(employee, e.orgId, eq(employee.id, e.employeeId)));
  if (target?.archivedAt) throw conflict({ key: "problem.quality.employeeArchived" });
  const newId = randomUUID();
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(qualityEvaluation)
      .set({ supersededAt: now })
      .where(
        inOrg(
          qualityEvaluation,
          e.orgId,
          eq(qualityEvaluation.id, e.id),
          isNull(qualityEvaluation.supersededAt),
        ),
      )
      .returning({ id: qualityEvaluation.id });
    if (claimed.length === 0) throw conflict({ key: "problem.quality.revisedMeanwhile" });
    const { id: _old, ...rest } = e;
    await tx.insert(qualityEvaluation).values({
      ...rest,
      id: newId,
      evaluatorId: actor.kind === "user" ? actor.userId : e.evaluatorId,
      state: "draft",
      revision: e.revision + 1,
      previousId: e.id,
      supersededAt: null,
      submittedAt: null,
      seenAt: null,
      finalizedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const scores = await tx
      .select()
      .from(qualityEvaluationScore)
      .where(inOrg(qualityEvaluationScore, e.orgId, eq(qualityEvaluationScore.evaluationId, e.id)));
    if (scores.length)
      await tx.insert(qualityEvaluationScore).values(
        scores.map((s) => ({
          ...s,
          evaluationId: newId,
          disputed: false,
          disputeText: null,
          resolution: null,
          resolutionNote: null,
          resolvedAt: null,
        })),
      );
    const comments = await tx
      .select()
      .from(qualitySectionComment)
      .where(inOrg(qualitySectionComment, e.orgId, eq(qualitySectionComment.evaluationId, e.id)));
    if (comments.length)
      await tx.insert(qualitySectionComment).values(comments.map((c) => ({ ...c, evaluationId: newId })));
  });
  return newId;
}
