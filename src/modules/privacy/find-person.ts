import { eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, outbox, response, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { normalisePhone } from "../../domain/phone.ts";
import { followUpCase, followUpEvent } from "../followup/schema.ts";
import type { TPersonCounts, TPersonQuery } from "./person-contracts.ts";

async function contactsOf(db: Db, orgId: string, q: TPersonQuery) {
  const cols = {
    id: contact.id,
    email: contact.email,
    phone: contact.phone,
    name: contact.name,
    locale: contact.locale,
    externalId: contact.externalId,
    optedOutAt: contact.optedOutAt,
    lastSurveyedAt: contact.lastSurveyedAt,
    createdAt: contact.createdAt,
  };
  if (q.email)
    return db
      .select(cols)
      .from(contact)
      .where(inOrg(contact, orgId, eq(contact.email, q.email)));
  // Phones are stored as typed: narrow by the last seven digits, then compare in E.164.
  const tail = (q.phone ?? "").slice(-7);
  const rows = await db
    .select(cols)
    .from(contact)
    .where(
      inOrg(
        contact,
        orgId,
        isNotNull(contact.phone),
        sql`regexp_replace(${contact.phone}, '[^0-9]', '', 'g') like ${`%${tail}`}`,
      ),
    );
  return rows.filter((r) => r.phone && normalisePhone(r.phone) === q.phone);
}

/** Everything the organisation holds on a person found by e-mail or phone, as records (for export and erasure). */
export async function findPerson(db: Db, orgId: string, q: TPersonQuery) {
  const contacts = await contactsOf(db, orgId, q);
  const contactIds = contacts.map((c) => c.id);
  const invitations = contactIds.length
    ? await db
        .select({
          id: surveyInvitation.id,
          surveyId: surveyInvitation.surveyId,
          contactId: surveyInvitation.contactId,
          state: surveyInvitation.state,
          locale: surveyInvitation.locale,
          sentAt: surveyInvitation.sentAt,
          answeredAt: surveyInvitation.answeredAt,
          createdAt: surveyInvitation.createdAt,
        })
        .from(surveyInvitation)
        .where(inOrg(surveyInvitation, orgId, inArray(surveyInvitation.contactId, contactIds)))
    : [];
  const invitationIds = invitations.map((i) => i.id);
  const byInvitation = invitationIds.length ? inArray(response.invitationId, invitationIds) : undefined;
  const byEmail = q.email ? sql`lower(${response.respondentEmail}) = ${q.email}` : undefined;
  const answers =
    byInvitation || byEmail
      ? await db
          .select({
            id: response.id,
            surveyId: response.surveyId,
            invitationId: response.invitationId,
            source: response.source,
            score: response.score,
            satisfaction: response.satisfaction,
            comment: response.comment,
            answers: response.answers,
            locale: response.locale,
            respondentName: response.respondentName,
            respondentEmail: response.respondentEmail,
            receivedAt: response.receivedAt,
          })
          .from(response)
          .where(inOrg(response, orgId, or(byInvitation, byEmail)))
      : [];
  const answerIds = answers.map((a) => a.id);
  const caseConds = [
    answerIds.length ? inArray(followUpCase.responseId, answerIds) : undefined,
    q.phone ? eq(followUpCase.contactPhone, q.phone) : undefined,
  ].filter(Boolean);
  const cases = caseConds.length
    ? await db
        .select({
          id: followUpCase.id,
          responseId: followUpCase.responseId,
          state: followUpCase.state,
          contactAllowed: followUpCase.contactAllowed,
          contactChannel: followUpCase.contactChannel,
          contactPhone: followUpCase.contactPhone,
          resolutionNote: followUpCase.resolutionNote,
          openedAt: followUpCase.openedAt,
        })
        .from(followUpCase)
        .where(inOrg(followUpCase, orgId, or(...caseConds)))
    : [];
  const caseIds = cases.map((c) => c.id);
  const notes = caseIds.length
    ? await db
        .select({
          id: followUpEvent.id,
          caseId: followUpEvent.caseId,
          kind: followUpEvent.kind,
          note: followUpEvent.note,
          at: followUpEvent.at,
        })
        .from(followUpEvent)
        .where(
          inOrg(followUpEvent, orgId, inArray(followUpEvent.caseId, caseIds), isNotNull(followUpEvent.note)),
        )
    : [];
  const emails = [
    ...new Set([q.email, ...contacts.map((c) => c.email)].filter((e): e is string => Boolean(e))),
  ];
  const messages = emails.length
    ? await db
        .select({
          id: outbox.id,
          to: outbox.to,
          subject: outbox.subject,
          kind: outbox.kind,
          createdAt: outbox.createdAt,
        })
        .from(outbox)
        .where(inOrg(outbox, orgId, inArray(outbox.to, emails)))
    : [];
  const unsubscribes = contacts
    .filter((c) => c.optedOutAt)
    .map((c) => ({ contactId: c.id, optedOutAt: c.optedOutAt }));
  return { contacts, invitations, answers, cases, notes, unsubscribes, messages };
}
export type TPersonRecords = Awaited<ReturnType<typeof findPerson>>;

/** How many records of each kind were found. */
export function countPerson(p: TPersonRecords): TPersonCounts {
  return {
    contacts: p.contacts.length,
    invitations: p.invitations.length,
    answers: p.answers.length,
    cases: p.cases.length,
    unsubscribes: p.unsubscribes.length,
    messages: p.messages.length,
  };
}

/** The language to write to the person in: their contact's, else their answers', else Estonian. */
export function personLocale(p: TPersonRecords): string {
  return p.contacts.find((c) => c.locale)?.locale ?? p.answers[0]?.locale ?? "et";
}
