import { and, asc, eq, inArray, isNotNull, lt, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { contact, outbox, response, survey, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import {
  answerHasPersonalData,
  mapAnswerTexts,
  REDACTED,
  replacePersonalData,
} from "../../domain/personal-data.ts";
import { AppError } from "../../http/errors.ts";
import { skipWaitingInvitations } from "../distribution/opt-out-contact.ts";
import { followUpCase } from "../followup/schema.ts";
import { recordAudit, SYSTEM_ACTOR } from "./record-audit.ts";
import { privacyRetention, privacySurveyRetention } from "./schema.ts";

const ZMonths = z.number().int().min(1).max(120);

/** Retention periods in months (1–120). */
export const ZRetention = z
  .object({
    contactMonths: ZMonths.describe("contact details, after the last contact"),
    invitationMonths: ZMonths.describe("who an invitation went to, after it was sent"),
    respondentMonths: ZMonths.describe("website respondents' names and e-mails, after the answer"),
    callbackMonths: ZMonths.describe("phone numbers given for a call-back, after the case was opened"),
    commentMonths: ZMonths.describe("personal data inside comments and text answers, after the answer"),
  })
  .strict();
export type TRetention = z.infer<typeof ZRetention>;

export const DEFAULT_RETENTION: TRetention = {
  contactMonths: 24,
  invitationMonths: 24,
  respondentMonths: 24,
  callbackMonths: 24,
  commentMonths: 24,
};

/** The periods a survey may set for itself; contact details and message copies have no survey. */
export const SURVEY_PERIODS = [
  "invitationMonths",
  "respondentMonths",
  "callbackMonths",
  "commentMonths",
] as const;
type TSurveyPeriod = (typeof SURVEY_PERIODS)[number];

/** A survey's own periods (null: the organisation's). */
export const ZSurveyRetention = z
  .object({
    invitationMonths: ZMonths.nullable().describe(
      "who an invitation went to (null: the organisation's period)",
    ),
    respondentMonths: ZMonths.nullable().describe(
      "website respondents' names and e-mails (null: the organisation's)",
    ),
    callbackMonths: ZMonths.nullable().describe("call-back phone numbers (null: the organisation's)"),
    commentMonths: ZMonths.nullable().describe(
      "personal data in comments and text answers (null: the organisation's)",
    ),
  })
  .strict();
export type TSurveyRetention = z.infer<typeof ZSurveyRetention>;
type TSurveyOverride = TSurveyRetention & { surveyId: string };

/** What a retention run anonymises (or would), per kind. */
export const ZRetentionCounts = z.object({
  contacts: z.number().int(),
  invitations: z.number().int(),
  messages: z.number().int(),
  respondents: z.number().int(),
  callbacks: z.number().int(),
  comments: z.number().int(),
});
export type TRetentionCounts = z.infer<typeof ZRetentionCounts>;

export async function getRetention(db: Db, orgId: string): Promise<TRetention> {
  const [row] = await db.select().from(privacyRetention).where(inOrg(privacyRetention, orgId));
  if (!row) return { ...DEFAULT_RETENTION };
  const { orgId: _o, updatedAt: _u, ...periods } = row;
  return periods;
}

export async function saveRetention(db: Db, orgId: string, periods: TRetention): Promise<void> {
  await db
    .insert(privacyRetention)
    .values({ orgId, ...periods })
    .onConflictDoUpdate({ target: privacyRetention.orgId, set: { ...periods, updatedAt: new Date() } });
}

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** The surveys of the organisation that set periods of their own. */
export async function getSurveyRetentions(db: Db, orgId: string): Promise<TSurveyOverride[]> {
  return db
    .select({
      surveyId: privacySurveyRetention.surveyId,
      invitationMonths: privacySurveyRetention.invitationMonths,
      respondentMonths: privacySurveyRetention.respondentMonths,
      callbackMonths: privacySurveyRetention.callbackMonths,
      commentMonths: privacySurveyRetention.commentMonths,
    })
    .from(privacySurveyRetention)
    .where(inOrg(privacySurveyRetention, orgId))
    .orderBy(asc(privacySurveyRetention.surveyId));
}

/** The surveys with periods of their own, by name, for the settings screen. */
export async function listSurveyRetentions(db: Db, orgId: string) {
  return db
    .select({
      surveyId: privacySurveyRetention.surveyId,
      surveyName: survey.name,
      invitationMonths: privacySurveyRetention.invitationMonths,
      respondentMonths: privacySurveyRetention.respondentMonths,
      callbackMonths: privacySurveyRetention.callbackMonths,
      commentMonths: privacySurveyRetention.commentMonths,
    })
    .from(privacySurveyRetention)
    .innerJoin(
      survey,
      inOrg(survey, privacySurveyRetention.orgId, eq(survey.id, privacySurveyRetention.surveyId)),
    )
    .where(inOrg(privacySurveyRetention, orgId))
    .orderBy(asc(survey.name));
}

/** Sets a survey's own periods (all null: the organisation's again, so the row goes). Unknown survey: 404. */
export async function saveSurveyRetention(
  db: Db,
  orgId: string,
  surveyId: string,
  periods: TSurveyRetention,
) {
  const [found] = await db
    .select({ id: survey.id })
    .from(survey)
    .where(inOrg(survey, orgId, eq(survey.id, surveyId)));
  if (!found) throw new AppError("NOT_FOUND", { message: { key: "problem.survey.notFound" } });
  if (SURVEY_PERIODS.every((k) => periods[k] === null)) {
    await db
      .delete(privacySurveyRetention)
      .where(inOrg(privacySurveyRetention, orgId, eq(privacySurveyRetention.surveyId, surveyId)));
    return;
  }
  await db
    .insert(privacySurveyRetention)
    .values({ orgId, surveyId, ...periods })
    .onConflictDoUpdate({
      target: [privacySurveyRetention.orgId, privacySurveyRetention.surveyId],
      set: { ...periods, updatedAt: new Date() },
    });
}

/** Removes a survey's own periods; a survey without any is NOT_FOUND. */
export async function deleteSurveyRetention(db: Db, orgId: string, surveyId: string) {
  const gone = await db
    .delete(privacySurveyRetention)
    .where(inOrg(privacySurveyRetention, orgId, eq(privacySurveyRetention.surveyId, surveyId)))
    .returning({ surveyId: privacySurveyRetention.surveyId });
  if (gone.length === 0)
    throw new AppError("NOT_FOUND", { message: { key: "problem.retention.noOwnPeriods" } });
}

/**
 * `column` is older than the period of `kind`: the survey's own period for the surveys that set one, the
 * organisation's for the rest. Cut-offs are computed here (the same month arithmetic for both), so the
 * statement compares with constants.
 */
function expired(
  column: SQLWrapper,
  surveyColumn: SQLWrapper,
  kind: TSurveyPeriod,
  periods: TRetention,
  overrides: TSurveyOverride[],
  now: Date,
): SQL {
  const orgCut = monthsBefore(now, periods[kind]).toISOString();
  const own = overrides.filter((o) => o[kind] !== null);
  if (own.length === 0) return sql`${column} < ${orgCut}::timestamptz`;
  const cases = sql.join(
    own.map(
      (o) => sql`when ${o.surveyId} then ${monthsBefore(now, o[kind] ?? 0).toISOString()}::timestamptz`,
    ),
    sql` `,
  );
  return sql`${column} < (case ${surveyColumn} ${cases} else ${orgCut}::timestamptz end)`;
}

/**
 * Finds (and, with `apply`, anonymises) the personal data of one organisation whose period has run out at
 * `now`: expired contacts are removed (their invitations lose the link), sent invitations lose the link to the
 * person and local copies of invitation messages go, answers lose the respondent's name and e-mail, cases lose
 * the call-back phone, comments and text answers lose the personal data inside them. Scores, tags and dates stay, so figures and
 * rollups do not change. Run inside the caller's transaction; a second run finds nothing.
 */
async function expiredPersonalData(
  db: Db,
  orgId: string,
  periods: TRetention,
  overrides: TSurveyOverride[],
  now: Date,
  apply: boolean,
): Promise<TRetentionCounts> {
  const contactCut = monthsBefore(now, periods.contactMonths);
  const contacts = await db
    .select({ id: contact.id })
    .from(contact)
    .where(
      inOrg(contact, orgId, lt(sql`coalesce(${contact.lastSurveyedAt}, ${contact.updatedAt})`, contactCut)),
    );

  const invitationCut = monthsBefore(now, periods.invitationMonths);
  const invitations = await db
    .select({ id: surveyInvitation.id })
    .from(surveyInvitation)
    .where(
      inOrg(
        surveyInvitation,
        orgId,
        and(
          isNotNull(surveyInvitation.contactId),
          expired(
            sql`coalesce(${surveyInvitation.sentAt}, ${surveyInvitation.createdAt})`,
            surveyInvitation.surveyId,
            "invitationMonths",
            periods,
            overrides,
            now,
          ),
        ),
      ),
    );
  const messages = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      inOrg(
        outbox,
        orgId,
        and(inArray(outbox.kind, ["invitation", "reminder"]), lt(outbox.createdAt, invitationCut)),
      ),
    );

  const respondents = await db
    .select({ id: response.id })
    .from(response)
    .where(
      inOrg(
        response,
        orgId,
        and(
          expired(response.receivedAt, response.surveyId, "respondentMonths", periods, overrides, now),
          or(isNotNull(response.respondentName), isNotNull(response.respondentEmail)),
        ),
      ),
    );

  const callbacks = await db
    .select({ id: followUpCase.id })
    .from(followUpCase)
    .where(
      inOrg(
        followUpCase,
        orgId,
        and(
          expired(followUpCase.openedAt, followUpCase.surveyId, "callbackMonths", periods, overrides, now),
          isNotNull(followUpCase.contactPhone),
        ),
      ),
    );

  const commented = await db
    .select({ id: response.id, comment: response.comment, answers: response.answers })
    .from(response)
    .where(
      inOrg(
        response,
        orgId,
        and(
          expired(response.receivedAt, response.surveyId, "commentMonths", periods, overrides, now),
          or(isNotNull(response.comment), sql`${response.answers} <> '{}'::jsonb`),
        ),
      ),
    );
  const comments = commented.filter((c) => answerHasPersonalData(c.comment, c.answers));

  const counts: TRetentionCounts = {
    contacts: contacts.length,
    invitations: invitations.length,
    messages: messages.length,
    respondents: respondents.length,
    callbacks: callbacks.length,
    comments: comments.length,
  };
  if (!apply) return counts;

  const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);
  if (invitations.length)
    await db
      .update(surveyInvitation)
      .set({ contactId: null })
      .where(inOrg(surveyInvitation, orgId, inArray(surveyInvitation.id, ids(invitations))));
  for (const c of contacts) {
    await skipWaitingInvitations(db, orgId, c.id, "erased");
    await db
      .update(surveyInvitation)
      .set({ contactId: null })
      .where(inOrg(surveyInvitation, orgId, eq(surveyInvitation.contactId, c.id)));
    await db.delete(contact).where(inOrg(contact, orgId, eq(contact.id, c.id)));
  }
  if (messages.length) await db.delete(outbox).where(inOrg(outbox, orgId, inArray(outbox.id, ids(messages))));
  if (respondents.length)
    await db
      .update(response)
      .set({ respondentName: null, respondentEmail: null })
      .where(inOrg(response, orgId, inArray(response.id, ids(respondents))));
  if (callbacks.length)
    await db
      .update(followUpCase)
      .set({ contactPhone: null, contactChannel: null, contactAllowed: false })
      .where(inOrg(followUpCase, orgId, inArray(followUpCase.id, ids(callbacks))));
  const redact = (text: string) => replacePersonalData(text, REDACTED);
  for (const c of comments)
    await db
      .update(response)
      .set({
        comment: c.comment === null ? null : redact(c.comment),
        answers: mapAnswerTexts(c.answers, redact),
      })
      .where(inOrg(response, orgId, eq(response.id, c.id)));
  return counts;
}

/** What the next run would anonymise with `periods` (the saved ones when not given). Writes nothing. */
export async function previewRetention(db: Db, orgId: string, now: Date, periods?: TRetention) {
  const p = periods ?? (await getRetention(db, orgId));
  return expiredPersonalData(db, orgId, p, await getSurveyRetentions(db, orgId), now, false);
}

/**
 * One organisation's retention run in one transaction. Logs `retention.run` with the counts when anything was
 * anonymised; a run that finds nothing writes nothing, so running again is harmless.
 */
export async function runRetention(db: Db, orgId: string, now: Date): Promise<TRetentionCounts> {
  return db.transaction(async (tx) => {
    const periods = await getRetention(tx, orgId);
    const overrides = await getSurveyRetentions(tx, orgId);
    const counts = await expiredPersonalData(tx, orgId, periods, overrides, now, true);
    if (Object.values(counts).some((n) => n > 0))
      await recordAudit(tx, {
        orgId,
        actor: SYSTEM_ACTOR,
        action: "retention.run",
        details: { counts: { ...counts }, asOf: now.toISOString() },
      });
    return counts;
  });
}
