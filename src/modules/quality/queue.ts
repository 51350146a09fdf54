import { and, eq, gte, inArray, isNull, lt, ne } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { channel, employee, response, surveyInvitation, user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { sampleContacts } from "../../domain/quality-sampling.ts";
import { managedDepartments } from "./evaluation-scope.ts";
import { monthRange } from "./report.ts";
import { qualityEvaluation, qualityModel, qualityModelVersion } from "./schema.ts";
import { getQualitySettings } from "./settings.ts";

const WHOLE_ORGANISATION = new Set(["owner", "admin", "quality_specialist"]);

/** The sampling seed of one queue slot: the same organisation, employee, model and month draw the same contacts. */
export const sampleSeed = (orgId: string, employeeId: string, modelId: string, month: string) =>
  `${orgId}:${employeeId}:${modelId}:${month}`;

/**
 * The evaluator's queue for a month: per employee the actor may evaluate and per active model, the quota, how many
 * are done, and proposed contacts (answers and unanswered invitations of the employee that month, on the model's
 * channel when the contact has one) drawn by `sampleContacts`: random but reproducible, stratified by contact length
 * when a length is known. Answers and invitations record no contact length, so today they are drawn without strata.
 * Also evaluations per evaluator that month.
 */
export async function evaluationQueue(db: Db, actor: TActor, month: string) {
  const orgId = actor.orgId;
  const [first, last] = monthRange(month, month);
  const next = new Date(`${last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const start = new Date(`${first}T00:00:00Z`);
  const settings = await getQualitySettings(db, orgId);
  let scope: ReturnType<typeof inArray> | undefined;
  if (actor.kind !== "user") scope = inArray(employee.id, []);
  else if (!WHOLE_ORGANISATION.has(actor.role))
    scope = inArray(employee.departmentId, await managedDepartments(db, actor));
  const employees = await db
    .select({
      id: employee.id,
      name: employee.name,
      departmentId: employee.departmentId,
      userId: employee.userId,
    })
    .from(employee)
    .where(inOrg(employee, orgId, isNull(employee.archivedAt), scope))
    .orderBy(employee.name);
  const models = await db
    .select({ id: qualityModel.id, name: qualityModel.name, channel: qualityModel.channel })
    .from(qualityModel)
    .innerJoin(
      qualityModelVersion,
      inOrg(
        qualityModelVersion,
        qualityModel.orgId,
        eq(qualityModelVersion.modelId, qualityModel.id),
        eq(qualityModelVersion.status, "active"),
      ),
    )
    .where(inOrg(qualityModel, orgId, isNull(qualityModel.archivedAt)));
  const ids = employees.filter((e) => !(actor.kind === "user" && e.userId === actor.userId)).map((e) => e.id);
  if (ids.length === 0) return { month, employees: [], evaluators: [] };
  const inMonth = (col: typeof qualityEvaluation.contactDate) =>
    and(gte(col, first), lt(col, next.toISOString().slice(0, 10)));
  const [evaluations, answers, invitations] = await Promise.all([
    db
      .select({
        employeeId: qualityEvaluation.employeeId,
        modelId: qualityEvaluation.modelId,
        evaluatorId: qualityEvaluation.evaluatorId,
        responseId: qualityEvaluation.responseId,
        invitationId: qualityEvaluation.invitationId,
      })
      .from(qualityEvaluation)
      .where(
        inOrg(
          qualityEvaluation,
          orgId,
          inArray(qualityEvaluation.employeeId, ids),
          isNull(qualityEvaluation.supersededAt),
          inMonth(qualityEvaluation.contactDate),
        ),
      ),
    db
      .select({
        id: response.id,
        employeeId: response.employeeId,
        at: response.receivedAt,
        kind: channel.kind,
      })
      .from(response)
      .leftJoin(channel, inOrg(channel, response.orgId, eq(channel.id, response.channelId)))
      .where(
        inOrg(
          response,
          orgId,
          inArray(response.employeeId, ids),
          gte(response.receivedAt, start),
          lt(response.receivedAt, next),
        ),
      ),
    db
      .select({
        id: surveyInvitation.id,
        employeeId: surveyInvitation.employeeId,
        at: surveyInvitation.occurredAt,
        kind: channel.kind,
      })
      .from(surveyInvitation)
      .leftJoin(channel, inOrg(channel, surveyInvitation.orgId, eq(channel.id, surveyInvitation.channelId)))
      .where(
        inOrg(
          surveyInvitation,
          orgId,
          inArray(surveyInvitation.employeeId, ids),
          ne(surveyInvitation.state, "answered"),
          gte(surveyInvitation.occurredAt, start),
          lt(surveyInvitation.occurredAt, next),
        ),
      ),
  ]);
  const evaluated = new Set(evaluations.flatMap((e) => [e.responseId, e.invitationId]).filter(Boolean));
  const result = employees
    .filter((e) => ids.includes(e.id))
    .map((e) => ({
      employeeId: e.id,
      name: e.name,
      departmentId: e.departmentId,
      models: models.map((m) => {
        const quota = settings.quotas[m.id] ?? settings.defaultQuota;
        const done = evaluations.filter((x) => x.employeeId === e.id && x.modelId === m.id).length;
        const fits = (kind: string | null) => kind === null || kind === m.channel;
        const candidates = [
          ...answers
            .filter((a) => a.employeeId === e.id && fits(a.kind))
            .map((a) => ({ kind: "response" as const, id: a.id, at: a.at })),
          ...invitations
            .filter((i) => i.employeeId === e.id && fits(i.kind))
            .map((i) => ({ kind: "invitation" as const, id: i.id, at: i.at })),
        ].filter((c) => !evaluated.has(c.id));
        const byId = new Map(candidates.map((c) => [c.id, c]));
        const proposals = sampleContacts(
          candidates.map((c) => ({ id: c.id, durationSeconds: null })),
          { seed: sampleSeed(orgId, e.id, m.id, month), quota: quota - done },
        ).map((pick) => {
          const c = byId.get(pick.id);
          return {
            kind: c?.kind ?? "response",
            id: pick.id,
            date: c?.at ? c.at.toISOString().slice(0, 10) : null,
            durationSec: pick.durationSeconds,
            stratum: pick.stratum,
          };
        });
        return { modelId: m.id, modelName: m.name, channel: m.channel, quota, done, proposals };
      }),
    }));
  const counts = new Map<string, number>();
  for (const x of evaluations) counts.set(x.evaluatorId, (counts.get(x.evaluatorId) ?? 0) + 1);
  const names = counts.size
    ? await db
        .select({ id: user.id, name: user.name })
        .from(user)
        .where(inArray(user.id, [...counts.keys()]))
    : [];
  return {
    month,
    employees: result,
    evaluators: names.map((u) => ({ userId: u.id, name: u.name, evaluations: counts.get(u.id) ?? 0 })),
  };
}
