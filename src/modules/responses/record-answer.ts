import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization, response, survey, surveyInvitation, surveyVersion } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TContactConsent } from "../followup/case-consent.ts";
import { syncCaseForAnswer, type TAnswerForCase } from "../followup/sync-case-for-answer.ts";
import { emitResponseEvent } from "../webhooks/emit-response-event.ts";
import type { TCheckedAnswer } from "../../domain/survey-answer.ts";
import { hashSurveyToken, isWellFormedToken } from "./tokens.ts";

/** The columns of a stored answer that decide its follow-up case. */
const storedAnswer = {
  id: response.id,
  responseId: response.id,
  surveyId: response.surveyId,
  score: response.score,
  satisfaction: response.satisfaction,
  receivedAt: response.receivedAt,
  serviceId: response.serviceId,
  departmentId: response.departmentId,
  employeeId: response.employeeId,
};
type TStoredAnswer = Omit<TAnswerForCase, "orgId"> & { id: string };

/** How long a survey link stays open after it was sent. */
export const ANSWER_WINDOW_DAYS = 7;

/** Finds the invitation behind a link token with everything the answer page needs, or null. */
export async function findInvitationByToken(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .select({
      invitation: surveyInvitation,
      org: {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        timeZone: organization.timeZone,
      },
      survey: { id: survey.id, name: survey.name, currentVersion: survey.currentVersion },
    })
    .from(surveyInvitation)
    .innerJoin(organization, eq(organization.id, surveyInvitation.orgId))
    .innerJoin(survey, inOrg(survey, surveyInvitation.orgId, eq(survey.id, surveyInvitation.surveyId)))
    .where(eq(surveyInvitation.tokenHash, hashSurveyToken(token)));
  if (!row) return null;
  const inv = row.invitation;
  const [existing] = await db
    .select()
    .from(response)
    .where(inOrg(response, inv.orgId, eq(response.invitationId, inv.id)));
  // An answer keeps the version it was first given on; a new answer takes the current version.
  const version = existing?.surveyVersion ?? row.survey.currentVersion;
  const [def] = await db
    .select({ definition: surveyVersion.definition })
    .from(surveyVersion)
    .where(
      inOrg(
        surveyVersion,
        inv.orgId,
        eq(surveyVersion.surveyId, inv.surveyId),
        eq(surveyVersion.version, version),
      ),
    );
  return { ...row, version, definition: def.definition, response: existing ?? null };
}

export type TInvitationForAnswer = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>;

/** Whether the link can still take or change an answer at `now`. */
export function isOpen(inv: TInvitationForAnswer, now: Date): boolean {
  const state = inv.invitation.state;
  if (state !== "sent" && state !== "answered") return false;
  return !inv.invitation.expiresAt || inv.invitation.expiresAt > now;
}

/**
 * Stores or updates the one answer of an invitation (a score click alone is an answer) and marks the
 * invitation answered, in one transaction. Fields absent from `value` keep their stored values.
 */
export async function answerInvitation(
  db: Db,
  inv: TInvitationForAnswer,
  value: TCheckedAnswer,
  {
    locale,
    now = new Date(),
    replaceAnswers = false,
    consent,
  }: { locale: string; now?: Date; replaceAnswers?: boolean; consent?: TContactConsent },
) {
  const i = inv.invitation;
  return db.transaction(async (tx) => {
    const changes = {
      ...(value.score !== undefined ? { score: value.score } : {}),
      ...(value.satisfaction !== undefined ? { satisfaction: value.satisfaction } : {}),
      ...(value.comment !== undefined ? { comment: value.comment } : {}),
      ...(replaceAnswers ? { answers: value.answers } : {}),
      locale,
      updatedAt: now,
    };
    let responseId = inv.response?.id;
    let stored: TStoredAnswer;
    if (responseId) {
      [stored] = await tx
        .update(response)
        .set(changes)
        .where(inOrg(response, i.orgId, eq(response.id, responseId)))
        .returning(storedAnswer);
    } else {
      if (value.score === undefined) throw new Error("a first answer needs a score");
      const [row] = await tx
        .insert(response)
        .values({
          orgId: i.orgId,
          id: randomUUID(),
          surveyId: i.surveyId,
          surveyVersion: inv.version,
          invitationId: i.id,
          score: value.score,
          satisfaction: value.satisfaction ?? null,
          comment: value.comment ?? null,
          answers: value.answers,
          locale,
          serviceId: i.serviceId,
          departmentId: i.departmentId,
          employeeId: i.employeeId,
          channelId: i.channelId,
          audience: i.audience,
          source: "email",
          receivedAt: now,
          updatedAt: now,
        })
        // Two clicks racing: the second becomes an update of the first.
        .onConflictDoUpdate({ target: [response.orgId, response.invitationId], set: changes })
        .returning(storedAnswer);
      stored = row;
      responseId = row.id;
      await tx
        .update(surveyInvitation)
        .set({ state: "answered", answeredAt: now })
        .where(inOrg(surveyInvitation, i.orgId, eq(surveyInvitation.id, i.id)));
    }
    const created = !inv.response;
    await emitResponseEvent(tx, i.orgId, responseId, created ? "response.created" : "response.updated", now);
    const changedFields = Object.keys(value).filter((k) => k !== "answers" || replaceAnswers);
    const followUp = await syncCaseForAnswer(
      tx,
      { orgId: i.orgId, ...stored },
      { now, changed: { fields: changedFields }, consent },
    );
    return { responseId, created, caseId: followUp?.caseId ?? null };
  });
}

export interface WebsiteAnswerOptions {
  orgId: string;
  surveyId: string;
  version: number;
  locale: string;
  name?: string | null;
  email?: string | null;
  tags?: { serviceId?: string | null; channelId?: string | null };
  /** The answer to the contact question, stored on the case the answer opens (if it opens one). */
  consent?: TContactConsent;
  now?: Date;
}

/** Stores an answer from the website survey (no invitation; name and e-mail only if given). */
export async function recordWebsiteAnswer(
  db: Db,
  value: TCheckedAnswer & { score: number },
  o: WebsiteAnswerOptions,
) {
  const now = o.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(response)
      .values({
        orgId: o.orgId,
        id: randomUUID(),
        surveyId: o.surveyId,
        surveyVersion: o.version,
        score: value.score,
        satisfaction: value.satisfaction ?? null,
        comment: value.comment ?? null,
        answers: value.answers,
        locale: o.locale,
        serviceId: o.tags?.serviceId ?? null,
        channelId: o.tags?.channelId ?? null,
        source: "website",
        respondentName: o.name || null,
        respondentEmail: o.email || null,
        receivedAt: now,
        updatedAt: now,
      })
      .returning(storedAnswer);
    await emitResponseEvent(tx, o.orgId, row.id, "response.created", now);
    const followUp = await syncCaseForAnswer(tx, { orgId: o.orgId, ...row }, { now, consent: o.consent });
    return { id: row.id, caseId: followUp?.caseId ?? null };
  });
}
