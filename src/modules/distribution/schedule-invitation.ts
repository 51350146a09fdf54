import type { Db } from "../../db/connect.ts";
import { fieldProblem } from "../../http/errors.ts";
import type { TContactInput } from "./contact-input.ts";
import { lookUpEvent } from "./event-lookup.ts";
import { replayOrConflict } from "./idempotency.ts";
import { sendingContext, usableSendingContext } from "./load-sending-context.ts";
import { retryOnUniqueViolation } from "./retry.ts";
import { scheduleBatch, startRun } from "./schedule-batch.ts";
import type { TSendSource } from "./schedule-types.ts";
import { assertKnownTags, type TTags } from "./tags.ts";

/** How far in the future a contact may be dated (clock skew between systems), in milliseconds. */
export const FUTURE_TOLERANCE_MS = 86_400_000;

export interface ScheduleInvitationOptions {
  orgId: string;
  surveyId: string;
  contact: TContactInput | null;
  occurredAt: Date;
  tags?: TTags;
  locale?: string | null;
  source: TSendSource;
  idempotencyKey?: string | null;
  bulkId?: string | null;
  now: Date;
  /** Where the request carried each value, for the field names of errors. */
  fields?: { survey: string; tags: string; occurredAt: string };
}

/** What a caller is told about its invitation. */
export interface TScheduleResult {
  invitationId: string;
  state: string;
  sendAt: Date | null;
  reason: string | null;
}

/** Refuses a contact dated further ahead than FUTURE_TOLERANCE_MS, naming the field. */
export function tooFarAhead(o: Pick<ScheduleInvitationOptions, "occurredAt" | "now" | "fields">): void {
  if (o.occurredAt.getTime() > o.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw fieldProblem((o.fields ?? BODY_FIELDS).occurredAt, { key: "problem.field.dayInFuture" });
  }
}

export const BODY_FIELDS = { survey: "body.surveyId", tags: "body.tags", occurredAt: "body.occurredAt" };

/**
 * Schedules (or skips, with the reason) one invitation, in one transaction: the contact is upserted, the tags are
 * checked to be the organisation's, the contact rules decide. The same idempotency key returns the invitation it
 * made before, unchanged; with a different request it is a CONFLICT.
 */
export async function scheduleInvitation(db: Db, o: ScheduleInvitationOptions): Promise<TScheduleResult> {
  const fields = o.fields ?? BODY_FIELDS;
  tooFarAhead(o);
  const tags = o.tags ?? {};
  return retryOnUniqueViolation(() =>
    db.transaction(async (tx) => {
      // One statement reads the key's earlier invitation, the survey, the tags and the (locked) contacts.
      const found = await lookUpEvent(tx, { ...o, tags });
      if (found.prior) return replayOrConflict(found.prior, { ...o, tags });
      const ctx = usableSendingContext(
        found.survey && sendingContext(o.orgId, o.surveyId, found.survey),
        fields.survey,
      );
      const known = assertKnownTags(tags, found.known, fields.tags);
      const run = startRun(ctx, o.now);
      run.book.adopt([o.contact], found.contacts);
      const [out] = await scheduleBatch(
        tx,
        ctx,
        [
          {
            contact: o.contact,
            occurredAt: o.occurredAt,
            tags,
            locale: o.locale,
            idempotencyKey: o.idempotencyKey,
          },
        ],
        { source: o.source, bulkId: o.bulkId, now: o.now, known, run },
      );
      return { invitationId: out.invitationId, state: out.state, sendAt: out.sendAt, reason: out.reason };
    }),
  );
}
