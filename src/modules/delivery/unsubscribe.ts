import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, organization, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { hashSurveyToken, isWellFormedToken } from "../responses/tokens.ts";

/** The person and organisation behind an invitation link token, or null (unknown, malformed, no contact). */
export async function findUnsubscribeTarget(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .select({
      orgId: surveyInvitation.orgId,
      contactId: surveyInvitation.contactId,
      locale: surveyInvitation.locale,
      orgName: organization.name,
    })
    .from(surveyInvitation)
    .innerJoin(organization, eq(organization.id, surveyInvitation.orgId))
    .where(eq(surveyInvitation.tokenHash, hashSurveyToken(token)));
  if (!row?.contactId) return null;
  return { ...row, contactId: row.contactId };
}

export type TUnsubscribeTarget = NonNullable<Awaited<ReturnType<typeof findUnsubscribeTarget>>>;

/** Invitation states that have not gone out yet. */
const PENDING = ["scheduled", "failed"];

/**
 * Opts the person out of the organisation's surveys for good (the first opt-out time is kept) and skips
 * their invitations that have not gone out yet, in one transaction.
 */
export async function unsubscribeContact(db: Db, t: TUnsubscribeTarget, now = new Date()) {
  return db.transaction(async (tx) => {
    await tx
      .update(contact)
      .set({
        optedOutAt: sql`coalesce(${contact.optedOutAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(inOrg(contact, t.orgId, eq(contact.id, t.contactId)));
    const skipped = await tx
      .update(surveyInvitation)
      .set({ state: "skipped", reason: "opted_out" })
      .where(
        inOrg(
          surveyInvitation,
          t.orgId,
          eq(surveyInvitation.contactId, t.contactId),
          inArray(surveyInvitation.state, PENDING),
        ),
      )
      .returning({ id: surveyInvitation.id });
    return { skipped: skipped.length };
  });
}
