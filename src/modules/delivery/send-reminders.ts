import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { contact, invitationDelivery } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { renderInvitation } from "../../emails/render-invitation.ts";
import { loadSendContexts, type TSendContext } from "./load-send-contexts.ts";
import { messageIdFor, surveyTokenFor } from "./survey-link.ts";

const ZDue = z.object({ orgId: z.string(), id: z.string() });

/** Takes due reminders: sent, unanswered, link still open. Marking them first means a reminder never goes twice.
 * Every organisation's unless `orgId` is given (the job serves all tenants, hence `unsafe`). */
async function unsafeClaimDueReminders(deps: AppDeps, now: Date, limit: number, orgId?: string) {
  const at = now.toISOString();
  const onlyOrg = orgId ? sql`d.org_id = ${orgId} AND` : sql``;
  const result = await deps.db.execute(sql`
    WITH due AS (
      SELECT d.org_id, d.invitation_id
      FROM invitation_delivery d
      JOIN survey_invitation i ON i.org_id = d.org_id AND i.id = d.invitation_id
      WHERE ${onlyOrg} d.reminder_due_at <= ${at}::timestamptz AND d.reminder_sent_at IS NULL
        AND i.state = 'sent' AND i.expires_at > ${at}::timestamptz
      ORDER BY d.reminder_due_at
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE invitation_delivery d SET reminder_sent_at = ${at}::timestamptz
    FROM due WHERE d.org_id = due.org_id AND d.invitation_id = due.invitation_id
    RETURNING d.org_id AS "orgId", d.invitation_id AS "id"`);
  return z.array(ZDue).parse(result.rows);
}

/** Whether the person can still be written to (no opt-out, no refused address since the invitation). */
async function stillReachable(deps: AppDeps, c: TSendContext): Promise<boolean> {
  if (!c.invitation.contactId || !c.contact?.email) return false;
  const [row] = await deps.db
    .select({ optedOutAt: contact.optedOutAt, invalidAt: contact.emailInvalidAt })
    .from(contact)
    .where(inOrg(contact, c.invitation.orgId, eq(contact.id, c.invitation.contactId)));
  return Boolean(row && !row.optedOutAt && !row.invalidAt);
}

async function sendReminder(deps: AppDeps, c: TSendContext, now: Date): Promise<boolean> {
  if (!(await stillReachable(deps, c))) return false;
  const inv = c.invitation;
  const { token } = surveyTokenFor(deps.secret, inv.orgId, inv.id);
  const mail = await renderInvitation({
    orgName: c.org.name,
    orgLogo: c.org.logo,
    definition: c.definition,
    locale: inv.locale,
    names: c.names,
    publicUrl: deps.config.publicUrl,
    token,
    reminder: true,
  });
  try {
    await deps.mailer.send({
      to: c.contact!.email!,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: mail.headers,
      messageId: messageIdFor(inv.id, deps.config.publicUrl, "reminder"),
      fromName: c.org.name,
      kind: "survey_reminder",
      orgId: inv.orgId,
    });
    return true;
  } catch {
    // Try again in an hour while the link is open; claiming only reminders still unsent keeps it to one.
    await deps.db
      .update(invitationDelivery)
      .set({ reminderSentAt: null, reminderDueAt: new Date(now.getTime() + 3_600_000), updatedAt: now })
      .where(inOrg(invitationDelivery, inv.orgId, eq(invitationDelivery.invitationId, inv.id)));
    return false;
  }
}

/**
 * Sends the one reminder of each unanswered invitation whose reminder is due (organisations that set
 * contactRules.reminderAfterDays). Returns how many went.
 */
export async function sendReminders(
  deps: AppDeps,
  { now = new Date(), batchSize = 50, orgId }: { now?: Date; batchSize?: number; orgId?: string } = {},
): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await unsafeClaimDueReminders(deps, now, batchSize, orgId);
    if (!due.length) return sent;
    const contexts = await loadSendContexts(
      deps.db,
      due.map((d) => ({
        ...d,
        attempts: 0,
        messageId: messageIdFor(d.id, deps.config.publicUrl, "reminder"),
      })),
    );
    for (const c of contexts) if (await sendReminder(deps, c, now)) sent++;
  }
}
