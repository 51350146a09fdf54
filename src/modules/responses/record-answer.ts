import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { response, surveyInvitation, surveyVersion } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TContactConsent } from "../followup/case-consent.ts";
import { stampedFollowUpRule } from "../followup/rule.ts";
import { triggersFollowUp } from "../../domain/follow-up-rule.ts";
import { syncCaseForAnswer, type TAnswerForCase } from "../followup/sync-case-for-answer.ts";
import { emitResponseEvent } from "../webhooks/emit-response-event.ts";
import type { TCheckedAnswer } from "../../domain/survey-answer.ts";
import type { TSurveyDefinition } from "../../domain/survey-definition.ts";
import { stampedCache } from "../../db/stamped-cache.ts";
import { type FirstAnswerInput, insertFirstAnswer } from "./first-answer.ts";
import { preparedSql } from "./prepared-sql.ts";
import { batcherPerPool } from "../../db/statement-batcher.ts";
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

/** Survey versions parsed once per process, checked against the version row's stamp; at most 500. */
const versions = stampedCache<TSurveyDefinition>(500);

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
  const cached = versions.get(key, stamp);
  if (cached) return cached;
  const [row] = await db
    .select({ definition: surveyVersion.definition, stamp: sql<string>`${surveyVersion}.xmin::text` })
    .from(surveyVersion)
    .where(
      inOrg(surveyVersion, orgId, eq(surveyVersion.surveyId, surveyId), eq(surveyVersion.version, version)),
    );
  return versions.set(key, row.stamp, row.definition);
}

/**
 * The link statement: the invitation behind a token hash with everything the answer page and the answer read,
 * written as SQL and run by the driver as a named statement (prepared-sql.ts: planned once per connection on
 * PostgreSQL and PGlite, and no query builder or row mapper on a path every page view and answer takes). Only the
 * columns the pages and the answer read: each costs parsing in the driver on every request. The follow-up rule
 * and the survey definition come from process caches, checked against their rows' stamps read here. `where` picks
 * the links: one token hash, or several (LINKS_BATCH).
 */
const linkSql = (
  where: string,
) => `select i.org_id, i.id, i.survey_id, i.locale, i.service_id, i.department_id,
  i.employee_id, i.channel_id, i.audience, i.contact_id, i.state, i.expires_at, i.xmin::text as invitation_stamp,
  o.name as org_name, o.slug as org_slug, o.time_zone, o.xmin::text as org_stamp,
  r.id as response_id, r.score, r.satisfaction, r.comment, r.answers,
  v.version, v.xmin::text as version_stamp, fr.xmin::text as rule_stamp,
  s.names as service_names, e.name as employee_name,
  fc.id as case_id, fc.contact_allowed, fc.contact_channel, i.token_hash
from survey_invitation i
join organization o on o.id = i.org_id
join survey su on su.org_id = i.org_id and su.id = i.survey_id
left join response r on r.org_id = i.org_id and r.invitation_id = i.id
join survey_version v on v.org_id = i.org_id and v.survey_id = i.survey_id
  and v.version = coalesce(r.survey_version, su.current_version)
left join follow_up_rule fr on fr.org_id = i.org_id
left join service s on s.org_id = i.org_id and s.id = i.service_id
left join employee e on e.org_id = i.org_id and e.id = i.employee_id
left join follow_up_case fc on fc.org_id = i.org_id and fc.response_id = r.id
where ${where}`;
const linkStatement = preparedSql("kaja_answer_link", linkSql("i.token_hash = $1"));
/** The link statement for several token hashes at once (`$1`, an array). */
const linksStatement = preparedSql("kaja_answer_links", linkSql("i.token_hash = any($1::text[])"));

/**
 * Link reads on PostgreSQL: at most two statements at once per pool; reads that arrive meanwhile (page views and
 * answers to links this process has not read, many at once after a mass mailing) go together in one statement
 * (the batcher of decision 062). A read is a read: a group that fails is tried again read by read.
 */
const linkReader = batcherPerPool<string, Record<string, unknown> | undefined>((db) => ({
  inFlight: 2,
  maxBatch: 64,
  runOne: async (hash) => (await linkStatement(db, [hash]))[0],
  runMany: async (hashes) => {
    const byHash = new Map<unknown, Record<string, unknown>>();
    for (const row of await linksStatement(db, [hashes])) byHash.set(row.token_hash, row);
    return hashes.map((h) => byHash.get(h));
  },
}));

/** How the pool's link reads were grouped so far (for the benches), or undefined on PGlite. */
export function linkReadBatchStats(db: Db) {
  return linkReader(db)?.stats;
}

/** The link statement's row for a token hash, grouped with others on PostgreSQL. */
async function readLink(db: Db, hash: string): Promise<Record<string, unknown> | undefined> {
  const reader = linkReader(db);
  return reader ? reader.run(hash) : (await linkStatement(db, [hash]))[0];
}

/** A row of the link statement, as the drivers parse it (timestamps as dates, jsonb parsed). */
interface TLinkRow {
  org_id: string;
  id: string;
  survey_id: string;
  locale: string;
  service_id: string | null;
  department_id: string | null;
  employee_id: string | null;
  channel_id: string | null;
  audience: string | null;
  contact_id: string | null;
  state: string;
  expires_at: Date | null;
  invitation_stamp: string;
  org_name: string;
  org_slug: string;
  time_zone: string;
  org_stamp: string;
  response_id: string | null;
  score: number | null;
  satisfaction: number | null;
  comment: string | null;
  answers: Record<string, string | string[] | number> | null;
  version: number;
  version_stamp: string;
  rule_stamp: string | null;
  service_names: Record<string, string> | null;
  employee_name: string | null;
  case_id: string | null;
  contact_allowed: boolean | null;
  contact_channel: string | null;
}

/**
 * Finds the invitation behind a link token with everything the answer page and the answer need, or null, in one
 * statement: the organisation, the survey, a stored answer, the answer's version (a new answer takes the current
 * version; a stored one keeps the version it was first given on; its definition comes from the process cache),
 * the follow-up rule's stamp (the rule itself from its cache), the names of the tagged service and employee, and
 * the contact consent stored on the answer's case.
 */
export async function findInvitationByToken(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null;
  const found = await readLink(db, hashSurveyToken(token));
  if (!found) return null;
  const r = found as unknown as TLinkRow;
  const [definition, rule] = await Promise.all([
    versionDefinition(db, r.org_id, r.survey_id, r.version, r.version_stamp),
    stampedFollowUpRule(db, r.org_id, r.rule_stamp),
  ]);
  return {
    invitation: {
      orgId: r.org_id,
      id: r.id,
      surveyId: r.survey_id,
      locale: r.locale,
      serviceId: r.service_id,
      departmentId: r.department_id,
      employeeId: r.employee_id,
      channelId: r.channel_id,
      audience: r.audience,
      contactId: r.contact_id,
      state: r.state,
      expiresAt: r.expires_at,
    },
    org: { id: r.org_id, name: r.org_name, slug: r.org_slug, timeZone: r.time_zone },
    version: r.version,
    serviceNames: r.service_names,
    employeeName: r.employee_name,
    definition,
    stamps: {
      invitation: r.invitation_stamp,
      org: r.org_stamp,
      rule: r.rule_stamp ?? "",
      version: r.version_stamp,
    },
    response: r.response_id
      ? {
          id: r.response_id,
          score: r.score as number,
          satisfaction: r.satisfaction,
          comment: r.comment,
          answers: r.answers ?? {},
        }
      : null,
    rule,
    caseConsent: r.case_id
      ? { contact: consentOf({ allowed: r.contact_allowed, channel: r.contact_channel }) }
      : null,
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
