import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { contact, outbox, response, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { findPersonalData, REDACTED, replacePersonalData } from "../../domain/personal-data.ts";
import { skipWaitingInvitations } from "../distribution/opt-out-contact.ts";
import { followUpCase } from "../followup/schema.ts";
import { recordAudit, SYSTEM_ACTOR } from "./record-audit.ts";
import { privacyRetention } from "./schema.ts";

const ZMonths = z.number().int().min(1).max(120);

/** Retention periods in months (1–120). */
export const ZRetention = z
  .object({
    contactMonths: ZMonths.describe("contact details, after the last contact"),
    invitationMonths: ZMonths.describe("who an invitation went to, after it was sent"),
    respondentMonths: ZMonths.describe("website respondents' names and e-mails, after the answer"),
    callbackMonths: ZMonths.describe("phone numbers given for a call-back, after the case was opened"),
    commentMonths: ZMonths.describe("personal data inside comments, after the answer"),
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

/**
 * Finds (and, with `apply`, anonymises) the personal data of one organisation whose period has run out at
 * `now`: expired contacts are removed (their invitations lose the link), sent invitations lose the link to the
 * person and local copies of invitation messages go, answers lose the respondent's name and e-mail, cases lose
 * the call-back phone, comments lose the personal data inside them. Scores, tags and dates stay, so figures and
 * rollups do not change. Run inside the caller's transaction; a second run finds nothing.
 */
async function expiredPersonalData(
  db: Db,
  orgId: string,
  periods: TRetention,
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
          lt(sql`coalesce(${surveyInvitation.sentAt}, ${surveyInvitation.createdAt})`, invitationCut),
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
          lt(response.receivedAt, monthsBefore(now, periods.respondentMonths)),
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
          lt(followUpCase.openedAt, monthsBefore(now, periods.callbackMonths)),
          isNotNull(followUpCase.contactPhone),
        ),
      ),
    );

  const commented = await db
    .select({ id: response.id, comment: response.comment })
    .from(response)
    .where(
      inOrg(
        response,
        orgId,
        and(lt(response.receivedAt, monthsBefore(now, periods.commentMonths)), isNotNull(response.comment)),
      ),
    );
  const comments = commented.filter((c) => c.comment && findPersonalData(c.comment).length > 0);

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
  for (const c of comments)
    await db
      .update(response)
      .set({ comment: replacePersonalData(c.comment ?? "", REDACTED) })
      .where(inOrg(response, orgId, eq(response.id, c.id)));
  return counts;
}

/** What the next run would anonymise with `periods` (the saved ones when not given). Writes nothing. */
export async function previewRetention(db: Db, orgId: string, now: Date, periods?: TRetention) {
  const p = periods ?? (await getRetention(db, orgId));
  return expiredPersonalData(db, orgId, p, now, false);
}

/**
 * One organisation's retention run in one transaction. Logs `retention.run` with the counts when anything was
 * anonymised; a run that finds nothing writes nothing, so running again is harmless.
 */
export async function runRetention(db: Db, orgId: string, now: Date): Promise<TRetentionCounts> {
  return db.transaction(async (tx) => {
    const periods = await getRetention(tx, orgId);
    const counts = await expiredPersonalData(tx, orgId, periods, now, true);
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
