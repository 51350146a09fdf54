import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { contact, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { auditContact } from "./audit.ts";
import { skipWaitingInvitations } from "./opt-out-contact.ts";

/**
 * Erases a person (right to erasure): the contact row goes, their invitations lose the link to it, and those
 * not yet sent are skipped as "erased". Answers stay, pseudonymised: they never held the contact's data.
 * Erasure also forgets an opt-out; should the person reappear in a later event, they are a new contact.
 */
export async function eraseContact(db: Db, actor: TActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: contact.id })
      .from(contact)
      .where(inOrg(contact, actor.orgId, eq(contact.id, id)))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.contact.notFound" } });
    await skipWaitingInvitations(tx, actor.orgId, id, "erased");
    await tx
      .update(surveyInvitation)
      .set({ contactId: null })
      .where(inOrg(surveyInvitation, actor.orgId, eq(surveyInvitation.contactId, id)));
    await tx.delete(contact).where(inOrg(contact, actor.orgId, eq(contact.id, id)));
    await auditContact(tx, actor, "contact.erase", id);
  });
}
