import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import {
  organization,
  response,
  survey,
  surveyInvitation,
  surveyVersion,
  webhookDelivery,
  webhookEndpoint,
} from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TContactConsent } from "../followup/case-consent.ts";
import { ruleFromRow } from "../followup/rule.ts";
import { followUpRule } from "../followup/schema.ts";
import { triggersFollowUp } from "../../domain/follow-up-rule.ts";
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

/**
 * Finds the invitation behind a link token with everything the answer page and the answer need, or null, in one
 * statement: the organisation, the survey, a stored answer, the definition of the answer's version (a new answer
 * takes the current version; a stored one keeps the version it was first given on) and the follow-up rule.
 */
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
      response,
      version: surveyVersion.version,
      definition: surveyVersion.definition,
      rule: followUpRule,
    })
    .from(surveyInvitation)
    .innerJoin(organization, eq(organization.id, surveyInvitation.orgId))
    .innerJoin(survey, inOrg(survey, surveyInvitation.orgId, eq(survey.id, surveyInvitation.surveyId)))
    .leftJoin(
      response,
      inOrg(response, surveyInvitation.orgId, eq(response.invitationId, surveyInvitation.id)),
    )
    .innerJoin(
      surveyVersion,
      inOrg(
        surveyVersion,
        surveyInvitation.orgId,
        eq(surveyVersion.surveyId, surveyInvitation.surveyId),
        eq(surveyVersion.version, sql`coalesce(${response.surveyVersion}, ${survey.currentVersion})`),
      ),
    )
    .leftJoin(followUpRule, inOrg(followUpRule, surveyInvitation.orgId))
    .where(eq(surveyInvitation.tokenHash, hashSurveyToken(token)));
  if (!row) return null;
  const { response: existing, rule, ...rest } = row;
  return { ...rest, response: existing ?? null, rule: ruleFromRow(rule) };
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
  // A first answer that opens no case and stores no consent is one statement, atomic without a transaction.
  if (!inv.response && !consent && value.score !== undefined) {
    const triggers = triggersFollowUp(inv.rule, i.surveyId, value.score, value.satisfaction ?? null);
    if (!triggers) {
      const responseId = await insertFirstAnswer(db, inv, { ...value, score: value.score }, locale, now);
      if (responseId) return { responseId, created: true, caseId: null };
      // Another click stored the first answer meanwhile: the transaction below makes this one change it.
    }
  }
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

/**
 * A first answer in one statement: the answer (the rollup triggers append its delta), the invitation marked
 * answered and a response.created delivery per subscribed webhook endpoint, with the payload emitResponseEvent
 * builds. Returns null, having written nothing, when the invitation already has an answer.
 */
async function insertFirstAnswer(
  db: Db,
  inv: TInvitationForAnswer,
  value: TCheckedAnswer & { score: number },
  locale: string,
  now: Date,
): Promise<string | null> {
  const i = inv.invitation;
  const id = randomUUID();
  const at = now.toISOString();
  const event = "response.created";
  const result = await db.execute(sql`
    with ins as (
      insert into ${response} (org_id, id, survey_id, survey_version, invitation_id, score, satisfaction, comment,
        answers, locale, service_id, department_id, employee_id, channel_id, audience, source, received_at, updated_at)
      values (${i.orgId}, ${id}, ${i.surveyId}, ${inv.version}, ${i.id}, ${value.score}, ${value.satisfaction ?? null},
        ${value.comment ?? null}, ${JSON.stringify(value.answers)}::jsonb, ${locale}, ${i.serviceId}, ${i.departmentId},
        ${i.employeeId}, ${i.channelId}, ${i.audience}, 'email', ${at}::timestamptz, ${at}::timestamptz)
      on conflict (org_id, invitation_id) do nothing
      returning *
    ), answered as (
      update ${surveyInvitation} set state = 'answered', answered_at = ${at}::timestamptz
      where org_id = ${i.orgId} and id = ${i.id} and exists (select 1 from ins)
    ), hooks as (
      insert into ${webhookDelivery} (org_id, id, endpoint_id, event, payload, state, next_attempt_at, created_at)
      select e.org_id, d.id, e.id, ${event}, jsonb_build_object('id', d.id, 'event', ${event}::text,
        'createdAt', ${at}::text, 'orgId', e.org_id, 'data', jsonb_build_object(
          'responseId', ins.id, 'surveyId', ins.survey_id, 'surveyVersion', ins.survey_version,
          'invitationId', ins.invitation_id, 'score', ins.score, 'satisfaction', ins.satisfaction,
          'comment', ins.comment, 'answers', ins.answers, 'locale', ins.locale, 'serviceId', ins.service_id,
          'departmentId', ins.department_id, 'employeeId', ins.employee_id, 'channelId', ins.channel_id,
          'audience', ins.audience, 'source', ins.source, 'receivedAt', ${at}::text, 'updatedAt', ${at}::text)),
        'pending', ${at}::timestamptz, ${at}::timestamptz
      from ins
      join ${webhookEndpoint} e on e.org_id = ins.org_id and e.archived_at is null and e.events @> array[${event}::text]
      cross join lateral (select gen_random_uuid()::text as id) d
    )
    select id from ins`);
  const row = result.rows[0] as { id: string } | undefined;
  return row?.id ?? null;
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
