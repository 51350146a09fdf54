import { randomUUID } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { activationProblems, structureProblems } from "../../domain/quality-score.ts";
import type { ScorecardModel } from "../../domain/scorecard-model.ts";
import { copyScorecardTemplate, scorecardTemplates } from "../../domain/scorecard-templates/index.ts";
import type { TCreateModelRequest, TModelDefinition } from "./contracts.ts";
import { conflict, fieldError, notFound, problemsError } from "./problems.ts";
import { qualityModel, qualityModelVersion } from "./schema.ts";

/** Sum of section weights in %, exact to hundredths. */
export const weightSum = (d: { sections: { weight: number }[] }) =>
  d.sections.reduce((sum, s) => sum + Math.round(s.weight * 100), 0) / 100;

/** The SKA templates an organisation can copy. */
export function listTemplates() {
  return scorecardTemplates.map((t) => ({ ...structuredClone(t), weightSum: weightSum(t) }));
}

/** A definition to store; its structure (keys, maxima) must be sound even while the weights are still off. */
function toDefinition(key: string, d: TModelDefinition): ScorecardModel {
  const model = { key, ...d };
  const problems = structureProblems(model);
  if (problems.length > 0) throw problemsError("body.definition", problems);
  return model;
}

function versionOut(v: typeof qualityModelVersion.$inferSelect) {
  return {
    id: v.id,
    modelId: v.modelId,
    version: v.version,
    status: v.status as "draft" | "active" | "retired",
    frozen: v.frozenAt !== null,
    weightSum: weightSum(v.definition),
    definition: v.definition,
    activatedAt: v.activatedAt?.toISOString() ?? null,
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** Creates a model with a first draft version, copied from a template or from the given definition. */
export async function createModel(db: Db, orgId: string, body: TCreateModelRequest): Promise<string> {
  let definition: ScorecardModel;
  let channel = body.channel;
  if (body.templateKey) {
    const template = scorecardTemplates.find((t) => t.key === body.templateKey);
    if (!template) throw fieldError("body.templateKey", { key: "problem.field.unknownTemplate" });
    const { channel: templateChannel, sourceNote: _note, ...model } = copyScorecardTemplate(template.key);
    definition = model;
    channel ??= templateChannel;
  } else if (body.definition) {
    definition = toDefinition(randomUUID(), body.definition);
  } else throw fieldError("body.definition", { key: "problem.field.definitionOrTemplate" });
  if (!channel) throw fieldError("body.channel", { key: "problem.field.requiredWithoutTemplate" });
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(qualityModel).values({
      orgId,
      id,
      name: body.name,
      channel,
      templateKey: body.templateKey ?? null,
    });
    await tx
      .insert(qualityModelVersion)
      .values({ orgId, id: randomUUID(), modelId: id, version: 1, definition, status: "draft" });
  });
  return id;
}

/** The organisation's models with their active and latest version numbers. */
export async function findModels(db: Db, orgId: string) {
  const rows = await db
    .select({
      model: qualityModel,
      active: sql<
        number | null
      >`max(case when ${qualityModelVersion.status} = 'active' then ${qualityModelVersion.version} end)`,
      latest: sql<number>`max(${qualityModelVersion.version})`,
    })
    .from(qualityModel)
    .innerJoin(
      qualityModelVersion,
      inOrg(qualityModelVersion, qualityModel.orgId, eq(qualityModelVersion.modelId, qualityModel.id)),
    )
    .where(inOrg(qualityModel, orgId))
    .groupBy(qualityModel.orgId, qualityModel.id)
    .orderBy(asc(qualityModel.name));
  return rows.map((r) => ({
    id: r.model.id,
    name: r.model.name,
    channel: r.model.channel as "face_to_face",
    templateKey: r.model.templateKey,
    archived: r.model.archivedAt !== null,
    activeVersion: r.active === null ? null : Number(r.active),
    latestVersion: Number(r.latest),
    createdAt: r.model.createdAt.toISOString(),
  }));
}

/** One model with every version, newest first; NOT_FOUND outside the organisation. */
export async function getModel(db: Db, orgId: string, id: string) {
  const model = (await findModels(db, orgId)).find((m) => m.id === id);
  if (!model) throw notFound("model");
  const versions = await db
    .select()
    .from(qualityModelVersion)
    .where(inOrg(qualityModelVersion, orgId, eq(qualityModelVersion.modelId, id)))
    .orderBy(desc(qualityModelVersion.version));
  return { ...model, versions: versions.map(versionOut) };
}

/** Renames or archives / restores a model. */
export async function updateModel(
  db: Db,
  orgId: string,
  id: string,
  body: { name?: string; archived?: boolean },
) {
  const set: Partial<typeof qualityModel.$inferInsert> = { updatedAt: new Date() };
  if (body.name !== undefined) set.name = body.name;
  if (body.archived !== undefined) set.archivedAt = body.archived ? new Date() : null;
  const done = await db
    .update(qualityModel)
    .set(set)
    .where(inOrg(qualityModel, orgId, eq(qualityModel.id, id)))
    .returning({ id: qualityModel.id });
  if (done.length === 0) throw notFound("model");
}

async function versionRow(db: Db, orgId: string, modelId: string, version: number) {
  const [row] = await db
    .select()
    .from(qualityModelVersion)
    .where(
      inOrg(
        qualityModelVersion,
        orgId,
        eq(qualityModelVersion.modelId, modelId),
        eq(qualityModelVersion.version, version),
      ),
    );
  if (!row) throw notFound("version");
  return row;
}

/** A new draft version copied from the latest one (or the given definition); returns its number. */
export async function createVersion(db: Db, orgId: string, modelId: string, definition?: TModelDefinition) {
  await getModel(db, orgId, modelId);
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select()
      .from(qualityModelVersion)
      .where(inOrg(qualityModelVersion, orgId, eq(qualityModelVersion.modelId, modelId)))
      .orderBy(desc(qualityModelVersion.version))
      .limit(1);
    const version = latest.version + 1;
    await tx.insert(qualityModelVersion).values({
      orgId,
      id: randomUUID(),
      modelId,
      version,
      definition: definition ? toDefinition(latest.definition.key, definition) : latest.definition,
      status: "draft",
    });
    return version;
  });
}

/** Replaces a draft's definition; an active, retired or evaluated version cannot change (409). */
export async function updateDraft(
  db: Db,
  orgId: string,
  modelId: string,
  version: number,
  d: TModelDefinition,
) {
  const row = await versionRow(db, orgId, modelId, version);
  if (row.status !== "draft" || row.frozenAt) throw conflict({ key: "problem.quality.draftOnly" });
  await db
    .update(qualityModelVersion)
    .set({ definition: toDefinition(row.definition.key, d), updatedAt: new Date() })
    .where(inOrg(qualityModelVersion, orgId, eq(qualityModelVersion.id, row.id)));
}

/** Activates a draft after the weight check; the previously active version retires. */
export async function activateVersion(db: Db, orgId: string, modelId: string, version: number) {
  const row = await versionRow(db, orgId, modelId, version);
  if (row.status === "active") return;
  if (row.status !== "draft") throw conflict({ key: "problem.quality.retiredVersion" });
  const problems = activationProblems(row.definition);
  if (problems.length > 0) throw problemsError("definition", problems);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(qualityModelVersion)
      .set({ status: "retired", updatedAt: now })
      .where(
        inOrg(
          qualityModelVersion,
          orgId,
          eq(qualityModelVersion.modelId, modelId),
          eq(qualityModelVersion.status, "active"),
        ),
      );
    await tx
      .update(qualityModelVersion)
      .set({ status: "active", activatedAt: now, updatedAt: now })
      .where(inOrg(qualityModelVersion, orgId, eq(qualityModelVersion.id, row.id)));
  });
}
