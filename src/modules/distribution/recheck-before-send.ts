import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, type surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { planSend } from "../../domain/contact-rules.ts";
import type { TSkipReason } from "./decide-invitation.ts";
import { findSendingContext } from "./load-sending-context.ts";

/** Send now; or skip for good with a reason; or wait until `rescheduleAt` (the next instant the rules allow). */
export type TRecheck = { ok: true } | { ok: false; reason: TSkipReason } | { ok: false; rescheduleAt: Date };

/**
 * The contact rules checked again just before sending, inside the dispatcher's transaction: the person may have
 * been erased, opted out or lost a working address since scheduling, and the rules may have changed (a new
 * blackout, another window). Quarantine is not re-checked: it was settled when the invitation was scheduled,
 * and scheduled invitations count for it. Reads only; the caller records the outcome.
 */
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
    .where(inOrg(contact, invitation.orgId, eq(contact.id, invitation.contactId)));
  if (!c?.email) return { ok: false, reason: "no_address" };
  if (c.optedOutAt) return { ok: false, reason: "opted_out" };
  if (c.invalidAt) return { ok: false, reason: "invalid_address" };
  const ctx = await findSendingContext(tx, invitation.orgId, invitation.surveyId);
  if (!ctx) return { ok: false, reason: "expired" };
  // The delay was served when scheduling; what remains is the window, holidays, blackouts and the expiry.
  const due = invitation.scheduledAt && invitation.scheduledAt > now ? invitation.scheduledAt : now;
  const plan = planSend({
    occurredAt: invitation.occurredAt ?? due,
    now: due,
    rules: { ...ctx.rules, delayWorkingDays: 0 },
  });
  if (plan.state === "skipped") return { ok: false, reason: plan.reason };
  if (plan.sendAt.getTime() > now.getTime()) return { ok: false, rescheduleAt: plan.sendAt };
  return { ok: true };
}
