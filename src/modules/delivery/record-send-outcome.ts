import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, invitationDelivery, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { jsonRows } from "../distribution/json-rows.ts";
import { ANSWER_WINDOW_DAYS } from "../responses/record-answer.ts";
import { emitWebhook } from "../webhooks/emit-webhook.ts";
import { MAX_SEND_ATTEMPTS, retryDelayMs, type TSmtpFailure } from "./smtp-failure.ts";

const DAY = 86_400_000;

interface TKey {
  orgId: string;
  id: string;
}

const invitationKey = (k: TKey) => inOrg(surveyInvitation, k.orgId, eq(surveyInvitation.id, k.id));
const deliveryKey = (k: TKey) =>
  inOrg(invitationDelivery, k.orgId, eq(invitationDelivery.invitationId, k.id));
/** Until when a link sent at `sentAt` takes answers. */
export const answerDeadline = (sentAt: Date) => new Date(sentAt.getTime() + ANSWER_WINDOW_DAYS * DAY);

/** Only the worker holding the claim records its outcome. */
const stillSending = eq(surveyInvitation.state, "sending");

export interface MarkSentOptions {
  now: Date;
  messageId: string;
  /** When the one reminder is due (see reminderTime); null = no reminder. */
  reminderDueAt: Date | null;
}

/**
 * Records a send the mail server accepted: the link opens for the answer window, a reminder may fall due.
 * One statement (both tables), so each accepted message costs a single round trip to record.
 */
export async function markSent(db: Db, k: TKey, o: MarkSentOptions) {
  await markSentMany(db, [{ ...k, ...o }]);
}

/** markSent for many accepted messages in one statement (the dispatcher records them in groups). */
export async function markSentMany(db: Db, sent: (TKey & MarkSentOptions)[]) {
  if (!sent.length) return;
  const rows = jsonRows(
    {
      org_id: "text",
      id: "text",
      sent_at: "timestamptz",
      expires_at: "timestamptz",
      message_id: "text",
      reminder_due_at: "timestamptz",
    },
    sent.map((s) => ({
      org_id: s.orgId,
      id: s.id,
      sent_at: s.now,
      expires_at: answerDeadline(s.now),
      message_id: s.messageId,
      reminder_due_at: s.reminderDueAt,
    })),
  );
  await db.execute(sql`
    WITH v AS (SELECT * FROM ${rows}), sent AS (
      UPDATE survey_invitation i SET state = 'sent', reason = NULL, sent_at = v.sent_at, expires_at = v.expires_at
      FROM v WHERE i.org_id = v.org_id AND i.id = v.id AND i.state = 'sending'
      RETURNING i.org_id, i.id
    )
    UPDATE invitation_delivery d SET message_id = v.message_id, last_error = NULL, next_attempt_at = NULL,
      reminder_due_at = v.reminder_due_at, updated_at = v.sent_at
    FROM sent JOIN v ON v.org_id = sent.org_id AND v.id = sent.id
    WHERE d.org_id = sent.org_id AND d.invitation_id = sent.id`);
}

/** Records that the invitation will not be sent (the recheck before sending found a reason). Call within a transaction. */
export async function markSkipped(tx: Db, k: TKey, reason: string, now: Date) {
  await markPutBack(tx, [{ ...k, skip: reason }], now);
}

/**
 * Puts the invitation back in the schedule (e.g. the send window closed meanwhile); the claim was no attempt.
 * Call within a transaction.
 */
export async function markRescheduled(tx: Db, k: TKey, at: Date, now: Date) {
  await markPutBack(tx, [{ ...k, rescheduleAt: at }], now);
}

/** A claimed invitation the recheck holds back: skipped for a reason, or rescheduled. */
export type TPutBack = TKey & ({ skip: string } | { rescheduleAt: Date });

/**
 * markSkipped and markRescheduled for a whole batch in one statement: the invitations still "sending" become
 * "skipped" (with the reason) or "scheduled" again (at the new time, the claim not counted as an attempt);
 * their delivery rows stop being due.
 */
export async function markPutBack(tx: Db, rows: TPutBack[], now: Date) {
  if (!rows.length) return;
  const values = jsonRows(
    { org_id: "text", id: "text", reason: "text", scheduled_at: "timestamptz" },
    rows.map((r) => ({
      org_id: r.orgId,
      id: r.id,
      reason: "skip" in r ? r.skip : null,
      scheduled_at: "rescheduleAt" in r ? r.rescheduleAt : null,
    })),
  );
  await tx.execute(sql`
    WITH v AS (SELECT * FROM ${values}), invitations AS (
      UPDATE survey_invitation i SET
        state = CASE WHEN v.reason IS NULL THEN 'scheduled' ELSE 'skipped' END,
        reason = CASE WHEN v.reason IS NULL THEN i.reason ELSE v.reason END,
        scheduled_at = coalesce(v.scheduled_at, i.scheduled_at)
      FROM v WHERE i.org_id = v.org_id AND i.id = v.id AND i.state = 'sending'
      RETURNING i.id
    )
    UPDATE invitation_delivery d SET next_attempt_at = NULL, updated_at = ${now.toISOString()}::timestamptz,
      attempts = CASE WHEN v.reason IS NULL THEN greatest(d.attempts - 1, 0) ELSE d.attempts END
    FROM v WHERE d.org_id = v.org_id AND d.invitation_id = v.id`);
}

export interface MarkFailedOptions {
  now: Date;
  attempts: number;
  contactId: string | null;
  failure: TSmtpFailure;
}

/**
 * Records a failed send. A recipient the server refused for good marks the contact's address invalid and
 * gives up at once; other failures retry with growing delays and give up after MAX_SEND_ATTEMPTS. Giving up
 * ("dead") emits invitation.failed in the same transaction.
 */
export async function markFailed(db: Db, k: TKey, { now, attempts, contactId, failure }: MarkFailedOptions) {
  const dead = failure.permanentRecipient || attempts >= MAX_SEND_ATTEMPTS;
  const reason = failure.permanentRecipient ? "invalid_address" : "smtp_error";
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(surveyInvitation)
      .set({ state: dead ? "dead" : "failed", reason })
      .where(and(invitationKey(k), stillSending))
      .returning({ surveyId: surveyInvitation.surveyId });
    if (!updated.length) return;
    await tx
      .update(invitationDelivery)
      .set({
        lastError: failure.message,
        nextAttemptAt: dead ? null : new Date(now.getTime() + retryDelayMs(attempts)),
        updatedAt: now,
      })
      .where(deliveryKey(k));
    if (failure.permanentRecipient && contactId) {
      await tx
        .update(contact)
        .set({ emailInvalidAt: now, emailInvalidReason: failure.message, updatedAt: now })
        .where(inOrg(contact, k.orgId, eq(contact.id, contactId)));
    }
    if (dead) {
      await emitWebhook(
        tx,
        k.orgId,
        "invitation.failed",
        { invitationId: k.id, surveyId: updated[0].surveyId, reason, error: failure.message, attempts },
        now,
      );
    }
  });
}
