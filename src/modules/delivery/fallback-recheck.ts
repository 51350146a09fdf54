import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, type surveyInvitation } from "../../db/schema.ts";

export type TRecheck = { ok: true } | { ok: false; reason: string } | { ok: false; rescheduleAt: Date };

/** The last look before sending: the person may have opted out or lost a working address since scheduling. */
export async function recheckBeforeSend(
  tx: Db,
  invitation: typeof surveyInvitation.$inferSelect,
  now: Date,
): Promise<TRecheck> {
  if (invitation.expiresAt && invitation.expiresAt <= now) return { ok: false, reason: "expired" };
  if (!invitation.contactId) return { ok: false, reason: "no_address" };
  const [c] = await tx
    .select({ email: contact.email, optedOutAt: contact.optedOutAt, invalidAt: contact.emailInvalidAt })
    .from(contact)
    .where(and(eq(contact.orgId, invitation.orgId), eq(contact.id, invitation.contactId)));
  if (!c?.email) return { ok: false, reason: "no_address" };
  if (c.optedOutAt) return { ok: false, reason: "opted_out" };
  if (c.invalidAt) return { ok: false, reason: "invalid_address" };
  return { ok: true };
}
