import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import { surveyInvitation } from "../../db/schema.ts";
import { renderInvitation } from "../../emails/render-invitation.ts";
import { recheckBeforeSend } from "../distribution/recheck-before-send.ts";
import type { TSendContext } from "./load-send-contexts.ts";
import { answerDeadline, markFailed, markRescheduled, markSent, markSkipped } from "./record-send-outcome.ts";
import { reminderTime } from "./reminder-time.ts";
import { classifySmtpFailure } from "./smtp-failure.ts";
import { surveyTokenFor } from "./survey-link.ts";

export type TSendOutcome = "sent" | "failed" | "skipped" | "rescheduled";

/**
 * Sends one claimed invitation: checks the contact rules once more, stores the link token's hash, renders
 * the e-mail and hands it to the mail server with its stable Message-ID, then records the outcome. The
 * token is derived from the invitation, so a resend after a crash carries the same working link.
 */
export async function sendInvitation(
  deps: AppDeps,
  c: TSendContext,
  clock: () => Date = () => new Date(),
): Promise<TSendOutcome> {
  const now = clock();
  const inv = c.invitation;
  const key = { orgId: inv.orgId, id: inv.id };
  const { token, hash } = surveyTokenFor(deps.secret, inv.orgId, inv.id);
  const check = await deps.db.transaction(async (tx) => {
    const verdict = await recheckBeforeSend(tx, inv, now);
    if (verdict.ok && inv.tokenHash !== hash) {
      await tx
        .update(surveyInvitation)
        .set({ tokenHash: hash })
        .where(and(eq(surveyInvitation.orgId, inv.orgId), eq(surveyInvitation.id, inv.id)));
    }
    return verdict;
  });
  if (!check.ok) {
    if ("rescheduleAt" in check) await markRescheduled(deps.db, key, check.rescheduleAt, now);
    else await markSkipped(deps.db, key, check.reason, now);
    return "rescheduleAt" in check ? "rescheduled" : "skipped";
  }
  const email = c.contact?.email;
  if (!email) {
    await markSkipped(deps.db, key, "no_address", now);
    return "skipped";
  }
  const mail = await renderInvitation({
    orgName: c.org.name,
    orgLogo: c.org.logo,
    definition: c.definition,
    locale: inv.locale,
    names: c.names,
    publicUrl: deps.config.publicUrl,
    token,
  });
  try {
    await deps.mailer.send({
      to: email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: mail.headers,
      messageId: c.claim.messageId,
      fromName: c.org.name,
      kind: "survey_invitation",
      orgId: inv.orgId,
    });
  } catch (err) {
    const failure = classifySmtpFailure(err);
    await markFailed(deps.db, key, {
      now: clock(),
      attempts: c.claim.attempts,
      contactId: inv.contactId,
      failure,
    });
    return "failed";
  }
  const sentAt = clock();
  const reminderDueAt = reminderTime({
    sentAt,
    afterDays: c.reminderAfterDays,
    expiresAt: answerDeadline(sentAt),
    rules: c.org.rules,
    timeZone: c.org.timeZone,
  });
  await markSent(deps.db, key, { now: sentAt, tokenHash: hash, messageId: c.claim.messageId, reminderDueAt });
  return "sent";
}
