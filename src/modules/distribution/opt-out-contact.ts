import { and, eq, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { contact, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { auditContact } from "./audit.ts";
import { getContact } from "./find-contacts.ts";

/**
 * Opts a person out of all surveys of the organisation, for good (no call undoes it). Invitations still waiting
 * to be sent are skipped at once, so the list shows why they never went.
 */
export async function optOutContact(db: Db, actor: TActor, id: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(contact)
      .set({
        optedOutAt: sql`coalesce(${contact.optedOutAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(inOrg(contact, actor.orgId, eq(contact.id, id)))
      .returning({ id: contact.id });
    if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.contact.notFound" } });
    await skipWaitingInvitations(tx, actor.orgId, id, "opted_out");
    await auditContact(tx, actor, "contact.opt_out", id);
  });
  return getContact(db, actor.orgId, id);
}

/** Marks the contact's still-scheduled invitations skipped with `reason`. */
export async function skipWaitingInvitations(tx: Db, orgId: string, contactId: string, reason: string) {
  await tx
    .update(surveyInvitation)
    .set({ state: "skipped", reason })
    .where(
      inOrg(
        surveyInvitation,
        orgId,
        and(eq(surveyInvitation.state, "scheduled"), eq(surveyInvitation.contactId, contactId)),
      ),
    );
}
