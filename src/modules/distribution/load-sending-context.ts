import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization, survey, surveyVersion, type TContactRules } from "../../db/schema.ts";
import type { TSurveyDefinition } from "../../domain/survey-definition.ts";
import { inOrg } from "../../db/scope.ts";
import { fieldProblem } from "../../http/errors.ts";
import { effectiveRules, type TEffectiveRules } from "./contact-rules.ts";

/** What scheduling needs to know about a survey: its languages and the contact rules in force. */
export interface TSendingContext {
  orgId: string;
  surveyId: string;
  kind: string;
  archivedAt: Date | null;
  locales: string[];
  defaultLocale: string;
  rules: TEffectiveRules;
}

/** Loads a survey of the organisation with its organisation's rules in one query; null if there is none. */
export async function findSendingContext(
  db: Db,
  orgId: string,
  surveyId: string,
): Promise<TSendingContext | null> {
  const [row] = await db
    .select({
      kind: survey.kind,
      archivedAt: survey.archivedAt,
      surveyRules: survey.contactRules,
      definition: surveyVersion.definition,
      timeZone: organization.timeZone,
      orgRules: organization.contactRules,
    })
    .from(survey)
    .innerJoin(organization, eq(organization.id, survey.orgId))
    .innerJoin(
      surveyVersion,
      inOrg(
        surveyVersion,
        survey.orgId,
        eq(surveyVersion.surveyId, survey.id),
        eq(surveyVersion.version, survey.currentVersion),
      ),
    )
    .where(inOrg(survey, orgId, eq(survey.id, surveyId)));
  return row ? sendingContext(orgId, surveyId, row) : null;
}

/** The context made of a survey's row (with its current version's definition and its organisation's rules). */
export function sendingContext(
  orgId: string,
  surveyId: string,
  row: {
    kind: string;
    archivedAt: Date | null;
    surveyRules: TContactRules | null;
    /** Only its languages are read. */
    definition: Pick<TSurveyDefinition, "locales" | "defaultLocale">;
    timeZone: string;
    orgRules: TContactRules | null;
  },
): TSendingContext {
  return {
    orgId,
    surveyId,
    kind: row.kind,
    archivedAt: row.archivedAt,
    locales: row.definition.locales,
    defaultLocale: row.definition.defaultLocale,
    rules: effectiveRules(row.timeZone, row.orgRules, row.surveyRules),
  };
}

/**
 * The context of a survey invitations may be scheduled for. An unknown survey (or another organisation's) is
 * NOT_FOUND when it was addressed in the path, a VALIDATION error naming the field when it came in a body.
 */
export async function getSendingContext(db: Db, orgId: string, surveyId: string, field: string) {
  return usableSendingContext(await findSendingContext(db, orgId, surveyId), field);
}

/** `ctx` if invitations may be scheduled for it, else the error getSendingContext throws. */
export function usableSendingContext(ctx: TSendingContext | null, field: string): TSendingContext {
  const inBody = field.startsWith("body.");
  const fail = (key: string, code: "NOT_FOUND" | "VALIDATION" = "VALIDATION") =>
    fieldProblem(field, { key }, { code });
  if (!ctx)
    throw inBody
      ? fail("problem.field.noSuchSurveyOfYours")
      : fail("problem.field.noSuchSurvey", "NOT_FOUND");
  if (ctx.archivedAt) throw fail("problem.field.surveyArchived");
  if (ctx.kind === "website") throw fail("problem.field.websiteSurvey");
  return ctx;
}
