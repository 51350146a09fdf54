import type { AppDeps } from "../../context.ts";
import { renderInvitation, renderInvitationMessage } from "../../emails/render-invitation.ts";
import type { TReady } from "./prepare-batch.ts";
import { answerDeadline, markFailed, type markSentMany } from "./record-send-outcome.ts";
import { reminderTime } from "./reminder-time.ts";
import { classifySmtpFailure } from "./smtp-failure.ts";

/** A message the mail server accepted, to be recorded with markSentMany. */
export type TAccepted = Parameters<typeof markSentMany>[1][number];

/**
 * Renders one cleared invitation (the template's MIME message prepared once, filled in for the recipient) and
 * hands it to the mail server with its stable Message-ID. A failure is
 * recorded at once; an accepted message is handed to `accepted`, which records it as soon as it can (see
 * SentRecorder), and is waited for: a crash can repeat only the messages in flight or not yet recorded, and
 * those with the same Message-ID.
 */
export async function deliverInvitation(
  deps: AppDeps,
  { c, token }: TReady,
  clock: () => Date,
  accepted: (sent: TAccepted) => Promise<void> | void,
): Promise<boolean> {
  const inv = c.invitation;
  try {
    const to = c.contact!.email!;
    const options = {
      orgName: c.org.name,
      orgLogo: c.org.logo,
      definition: c.definition,
      locale: inv.locale,
      names: c.names,
      publicUrl: deps.config.publicUrl,
      token,
    };
    const message = deps.mailer.sendRaw
      ? await renderInvitationMessage({
          ...options,
          from: { name: c.org.name, address: deps.mailer.fromAddress },
          to,
          messageId: c.claim.messageId,
        })
      : null;
    if (message?.raw && deps.mailer.sendRaw) {
      await deps.mailer.sendRaw({ to, raw: message.raw });
    } else {
      const mail = message ? message.mail() : await renderInvitation(options);
      await deps.mailer.send({
        to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        messageId: c.claim.messageId,
        fromName: c.org.name,
        kind: "survey_invitation",
        orgId: inv.orgId,
      });
    }
  } catch (err) {
    const failure = classifySmtpFailure(err);
    await markFailed(deps.db, inv, {
      now: clock(),
      attempts: c.claim.attempts,
      contactId: inv.contactId,
      failure,
    });
    return false;
  }
  const sentAt = clock();
  const reminderDueAt = reminderTime({
    sentAt,
    afterDays: c.reminderAfterDays,
    expiresAt: answerDeadline(sentAt),
    rules: c.org.rules,
    timeZone: c.org.timeZone,
  });
  await accepted({ orgId: inv.orgId, id: inv.id, now: sentAt, messageId: c.claim.messageId, reminderDueAt });
  return true;
}
