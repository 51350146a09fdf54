import { desc, eq } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { response, survey, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { getContact } from "./find-contacts.ts";

/** How many invitations the history lists (newest first); a person is rarely asked more than a few times a year. */
export const HISTORY_LIMIT = 200;

/**
 * A person's invitations, newest first, each with its answer if there is one: what a data-subject request
 * (what do you hold about me?) and a complaint about being surveyed need. Comments only for those who read
 * answers.
 */
export async function contactHistory(db: Db, actor: TActor, contactId: string) {
  const person = await getContact(db, actor.orgId, contactId);
  const rows = await db
    .select({
      id: surveyInvitation.id,
      surveyId: surveyInvitation.surveyId,
      surveyName: survey.name,
      state: surveyInvitation.state,
      reason: surveyInvitation.reason,
      locale: surveyInvitation.locale,
      sentAt: surveyInvitation.sentAt,
      answeredAt: surveyInvitation.answeredAt,
      createdAt: surveyInvitation.createdAt,
      responseId: response.id,
      score: response.score,
      satisfaction: response.satisfaction,
      comment: response.comment,
    })
    .from(surveyInvitation)
    .innerJoin(survey, inOrg(survey, surveyInvitation.orgId, eq(survey.id, surveyInvitation.surveyId)))
    .leftJoin(
      response,
      inOrg(response, surveyInvitation.orgId, eq(response.invitationId, surveyInvitation.id)),
    )
    .where(inOrg(surveyInvitation, actor.orgId, eq(surveyInvitation.contactId, contactId)))
    .orderBy(desc(surveyInvitation.createdAt), desc(surveyInvitation.id))
    .limit(HISTORY_LIMIT);
  const answers = can(actor, "responses:read");
  return {
    contact: person,
    invitations: rows.map(({ responseId, score, satisfaction, comment, ...inv }) => ({
      ...inv,
      answer:
        responseId === null || score === null
          ? null
          : { id: responseId, score, satisfaction, comment: answers ? comment : null },
    })),
  };
}
