import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization, survey, type TContactRules } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { effectiveRules, type TEffectiveRules } from "./contact-rules.ts";

/** The rules as set at one level, and the rules in force there after inheritance. */
export interface TRulesView {
  rules: TContactRules;
  effective: TEffectiveRules;
}

async function loadOrg(db: Db, orgId: string) {
  const [org] = await db
    .select({ timeZone: organization.timeZone, rules: organization.contactRules })
    .from(organization)
    .where(eq(organization.id, orgId));
  if (!org) throw new AppError("NOT_FOUND", { message: { key: "problem.organization.notFound" } });
  return org;
}

async function loadSurveyRules(db: Db, orgId: string, surveyId: string) {
  const [row] = await db
    .select({ rules: survey.contactRules })
    .from(survey)
    .where(inOrg(survey, orgId, eq(survey.id, surveyId)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.survey.notFound" } });
  return row.rules;
}

const orNull = (rules: TContactRules) => (Object.keys(rules).length ? rules : null);

/** The organisation's contact rules. */
export async function getOrgContactRules(db: Db, orgId: string): Promise<TRulesView> {
  const org = await loadOrg(db, orgId);
  return { rules: org.rules ?? {}, effective: effectiveRules(org.timeZone, org.rules) };
}

/** Replaces the organisation's contact rules (what is left out falls back to the defaults). */
export async function setOrgContactRules(db: Db, orgId: string, rules: TContactRules): Promise<TRulesView> {
  await db
    .update(organization)
    .set({ contactRules: orNull(rules) })
    .where(eq(organization.id, orgId));
  return getOrgContactRules(db, orgId);
}

/** A survey's own contact rules and those in force for it. */
export async function getSurveyContactRules(db: Db, orgId: string, surveyId: string): Promise<TRulesView> {
  const own = await loadSurveyRules(db, orgId, surveyId);
  const org = await loadOrg(db, orgId);
  return { rules: own ?? {}, effective: effectiveRules(org.timeZone, org.rules, own) };
}

/** Replaces a survey's overrides (what is left out is inherited from the organisation). */
export async function setSurveyContactRules(
  db: Db,
  orgId: string,
  surveyId: string,
  rules: TContactRules,
): Promise<TRulesView> {
  await loadSurveyRules(db, orgId, surveyId);
  await db
    .update(survey)
    .set({ contactRules: orNull(rules), updatedAt: new Date() })
    .where(inOrg(survey, orgId, eq(survey.id, surveyId)));
  return getSurveyContactRules(db, orgId, surveyId);
}
