import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { response, survey, surveyVersion } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TSurveyDefinition } from "../../domain/survey-definition.ts";
import { AppError } from "../../http/errors.ts";
import { slugify } from "../accounts/create-organization.ts";

export type TSurveyKind = "transactional" | "relationship" | "website";

const columns = {
  id: survey.id,
  slug: survey.slug,
  name: survey.name,
  kind: survey.kind,
  currentVersion: survey.currentVersion,
  createdAt: survey.createdAt,
  updatedAt: survey.updatedAt,
  archivedAt: survey.archivedAt,
};

/** Lists the organisation's surveys. */
export function findSurveys(db: Db, orgId: string, { includeArchived = false } = {}) {
  return db
    .select(columns)
    .from(survey)
    .where(inOrg(survey, orgId, includeArchived ? undefined : isNull(survey.archivedAt)))
    .orderBy(asc(survey.name));
}

/** One survey with the definition of its current version; NOT_FOUND across organisations. */
export async function getSurvey(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ ...columns, definition: surveyVersion.definition })
    .from(survey)
    .innerJoin(
      surveyVersion,
      inOrg(
        surveyVersion,
        survey.orgId,
        eq(surveyVersion.surveyId, survey.id),
        eq(surveyVersion.version, survey.currentVersion),
      ),
    )
    .where(inOrg(survey, orgId, eq(survey.id, id)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.survey.notFound" } });
  return row;
}

/** The definition of one version of a survey. */
export async function getSurveyVersion(db: Db, orgId: string, surveyId: string, version: number) {
  const [row] = await db
    .select({
      version: surveyVersion.version,
      definition: surveyVersion.definition,
      createdAt: surveyVersion.createdAt,
    })
    .from(surveyVersion)
    .where(
      inOrg(
        surveyVersion,
        orgId,
        and(eq(surveyVersion.surveyId, surveyId), eq(surveyVersion.version, version)),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.survey.versionNotFound" } });
  return row;
}

export interface CreateSurveyOptions {
  name: string;
  kind: TSurveyKind;
  slug?: string;
  definition: TSurveyDefinition;
}

/** Creates a survey at version 1. */
export async function createSurvey(
  db: Db,
  orgId: string,
  { name, kind, slug, definition }: CreateSurveyOptions,
) {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(survey).values({ orgId, id, name, kind, slug: slug ?? slugify(name), currentVersion: 1 });
    await tx.insert(surveyVersion).values({ orgId, surveyId: id, version: 1, definition });
  });
  return getSurvey(db, orgId, id);
}

export interface UpdateSurveyOptions {
  name?: string;
  kind?: TSurveyKind;
  slug?: string;
  definition?: TSurveyDefinition;
}

/** Changes a survey; a new definition becomes a new version once the current one has answers. */
export async function updateSurvey(
  db: Db,
  orgId: string,
  id: string,
  { definition, ...fields }: UpdateSurveyOptions,
) {
  const current = await getSurvey(db, orgId, id);
  await db.transaction(async (tx) => {
    let version = current.currentVersion;
    if (definition && JSON.stringify(definition) !== JSON.stringify(current.definition)) {
      const [answered] = await tx
        .select({ id: response.id })
        .from(response)
        .where(inOrg(response, orgId, and(eq(response.surveyId, id), eq(response.surveyVersion, version))))
        .limit(1);
      if (answered) {
        version += 1;
        await tx.insert(surveyVersion).values({ orgId, surveyId: id, version, definition });
      } else {
        await tx
          .update(surveyVersion)
          .set({ definition })
          .where(
            inOrg(
              surveyVersion,
              orgId,
              and(eq(surveyVersion.surveyId, id), eq(surveyVersion.version, version)),
            ),
          );
      }
    }
    await tx
      .update(survey)
      .set({ ...fields, currentVersion: version, updatedAt: new Date() })
      .where(inOrg(survey, orgId, eq(survey.id, id)));
  });
  return getSurvey(db, orgId, id);
}

/** Archives or restores a survey (its answers stay). */
export async function setSurveyArchived(db: Db, orgId: string, id: string, archived: boolean) {
  const [row] = await db
    .update(survey)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(inOrg(survey, orgId, eq(survey.id, id)))
    .returning({ id: survey.id });
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.survey.notFound" } });
  return getSurvey(db, orgId, id);
}
