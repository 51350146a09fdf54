import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { registerHotStatement } from "../../db/pglite-named-statements.ts";
import {
  employee,
  organization,
  response,
  service,
  survey,
  surveyInvitation,
  surveyVersion,
} from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TContactConsent } from "../followup/case-consent.ts";
import { ruleFromRow } from "../followup/rule.ts";
import { followUpCase, followUpRule } from "../followup/schema.ts";
import { triggersFollowUp } from "../../domain/follow-up-rule.ts";
import { syncCaseForAnswer, type TAnswerForCase } from "../followup/sync-case-for-answer.ts";
import { emitResponseEvent } from "../webhooks/emit-response-event.ts";
import type { TCheckedAnswer } from "../../domain/survey-answer.ts";
import type { TSurveyDefinition } from "../../domain/survey-definition.ts";
import { type FirstAnswerInput, insertFirstAnswer } from "./first-answer.ts";
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

/** Survey versions parsed once per process; more than this many and the oldest is dropped. */
const VERSION_CACHE_SIZE = 500;
const versions = new Map<string, { stamp: string; definition: TSurveyDefinition }>();

/** Freezes a cached definition: every request shares it, none may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The definition of a survey version from the process cache when `stamp` (the version row's `xmin`, read in the
 * same statement as the link) still matches, else read again. A version without answers can still be edited in
 * place (updateSurvey); any change of the row changes its xmin, so every process sees the edit at its next read.
 */
async function versionDefinition(
  db: Db,
  orgId: string,
  surveyId: string,
  version: number,
  stamp: string,
): Promise<TSurveyDefinition> {
  const key = `${orgId}/${surveyId}/${version}`;
  const cached = versions.get(key);
  if (cached?.stamp === stamp) return cached.definition;
  const [row] = await db
    .select({ definition: surveyVersion.definition, stamp: sql<string>`${surveyVersion}.xmin::text` })
    .from(surveyVersion)
    .where(
      inOrg(surveyVersion, orgId, eq(surveyVersion.surveyId, surveyId), eq(surveyVersion.version, version)),
    );
  versions.delete(key);
  if (versions.size >= VERSION_CACHE_SIZE) versions.delete(versions.keys().next().value as string);
  versions.set(key, { stamp: row.stamp, definition: deepFreeze(row.definition) });
  return row.definition;
}

/**
 * The link statement, prepared once per database: a named statement on PostgreSQL (planned once per connection)
 * and on PGlite, where planning the nine-table join on every call cost more than running it.
 */
function linkStatement(db: Db) {
  const query = db
    .select({
      // Only the columns the pages and the answer read: each column costs parsing in the driver and mapping
      // in Drizzle on every request (timestamps most), and the row is read on every page view and answer.
      invitation: {
        orgId: surveyInvitation.orgId,
        id: surveyInvitation.id,
        surveyId: surveyInvitation.surveyId,
        locale: surveyInvitation.locale,
        serviceId: surveyInvitation.serviceId,
        departmentId: surveyInvitation.departmentId,
        employeeId: surveyInvitation.employeeId,
        channelId: surveyInvitation.channelId,
        audience: surveyInvitation.audience,
        contactId: surveyInvitation.contactId,
        state: surveyInvitation.state,
        expiresAt: surveyInvitation.expiresAt,
      },
      org: {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        timeZone: organization.timeZone,
      },
      response: {
        id: response.id,
        score: response.score,
        satisfaction: response.satisfaction,
        comment: response.comment,
        answers: response.answers,
      },
      version: surveyVersion.version,
      versionStamp: sql<string>`${surveyVersion}.xmin::text`,
      // Row stamps the answer statement checks, so that an answer sent with a link read earlier (the link
      // cache) is written only if nothing it depends on changed since.
      stamps: {
        invitation: sql<string>`${surveyInvitation}.xmin::text`,
        org: sql<string>`${organization}.xmin::text`,
        rule: sql<string | null>`${followUpRule}.xmin::text`,
      },
      rule: followUpRule,
      serviceNames: service.names,
      employeeName: employee.name,
      caseContact: {
        id: followUpCase.id,
        allowed: followUpCase.contactAllowed,
        channel: followUpCase.contactChannel,
      },
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
    .leftJoin(service, inOrg(service, surveyInvitation.orgId, eq(service.id, surveyInvitation.serviceId)))
    .leftJoin(employee, inOrg(employee, surveyInvitation.orgId, eq(employee.id, surveyInvitation.employeeId)))
    .leftJoin(
      followUpCase,
      inOrg(followUpCase, surveyInvitation.orgId, eq(followUpCase.responseId, response.id)),
    )
    .where(eq(surveyInvitation.tokenHash, sql.placeholder("tokenHash")));
  registerHotStatement(query.toSQL().sql);
  return query.prepare("kaja_answer_link");
}
const linkStatements = new WeakMap<Db, ReturnType<typeof linkStatement>>();

/**
 * Finds the invitation behind a link token with everything the answer page and the answer need, or null, in one
 * statement: the organisation, the survey, a stored answer, the answer's version (a new answer takes the current
 * version; a stored one keeps the version it was first given on; its definition comes from the process cache),
 * the follow-up rule, the names of the tagged service and employee, and the contact consent stored on the
 * answer's case.
 */
export async function findInvitationByToken(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null;
  let statement = linkStatements.get(db);
  if (!statement) {
    statement = linkStatement(db);
    linkStatements.set(db, statement);
  }
  const [row] = await statement.execute({ tokenHash: hashSurveyToken(token) });
  if (!row) return null;
  const { response: existing, rule, versionStamp, stamps, caseContact, ...rest } = row;
  const definition = await versionDefinition(
    db,
    row.invitation.orgId,
    row.invitation.surveyId,
    row.version,
    versionStamp,
  );
  return {
    ...rest,
    definition,
    stamps: { ...stamps, version: versionStamp, rule: stamps.rule ?? "" },
    response: existing?.id ? existing : null,
    rule: ruleFromRow(rule),
    caseConsent: caseContact?.id ? { contact: consentOf(caseContact) } : null,
  };
}

/** The stored consent as the contact question shows it again (undefined: not asked yet). */
function consentOf(c: {
  allowed: boolean | null;
  channel: string | null;
}): TContactConsent["contact"] | undefined {
  return c.allowed === false ? "no" : c.allowed ? (c.channel as "email" | "phone") : undefined;
}

export type TInvitationForAnswer = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>;

/** Whether the link can still take or change an answer at `now`. */
export function isOpen(inv: TInvitationForAnswer, now: Date): boolean {
  const state = inv.invitation.state;
  if (state !== "sent" && state !== "answered") return false;
  return !inv.invitation.expiresAt || inv.invitation.expiresAt > now;
}

/** What insertFirstAnswer writes for a link's first answer, with the follow-up case when the rule opens one. */
export function firstAnswerInput(
  inv: TInvitationForAnswer,
  value: TCheckedAnswer & { score: number },
  { locale, now, consent }: { locale: string; now: Date; consent?: TContactConsent },
): FirstAnswerInput {
  const i = inv.invitation;
  const opens = triggersFollowUp(inv.rule, i.surveyId, value.score, value.satisfaction ?? null);
  return {
    orgId: i.orgId,
    surveyId: i.surveyId,
    version: inv.version,
    invitation: i,
    value,
    locale,
    now,
    stamps: inv.stamps,
    openCase: opens ? { rule: inv.rule, timeZone: inv.org.timeZone, consent } : undefined,
  };
}

/**
 * A link's first answer in one statement (insertFirstAnswer), with the follow-up case when the rule opens one.
 * Returns null, having written nothing, when the invitation has an answer already or the link changed since `inv`
 * was read (its row stamps no longer hold).
 */
export async function answerFirst(
  db: Db,
  inv: TInvitationForAnswer,
  value: TCheckedAnswer & { score: number },
  options: { locale: string; now: Date; consent?: TContactConsent },
) {
  const first = await insertFirstAnswer(db, firstAnswerInput(inv, value, options));
  return first ? { ...first, created: true } : null;
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
  // A first answer is one statement, atomic without a transaction: the answer, the invitation, the webhook
  // deliveries and, when the rule says so, the case (with the consent given alongside).
  if (!inv.response && value.score !== undefined) {
    const first = await answerFirst(db, inv, { ...value, score: value.score }, { locale, now, consent });
    if (first) return first;
    // Another click stored the first answer meanwhile: the transaction below makes this one change it.
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
