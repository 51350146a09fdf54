import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { organization } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { st } from "../../i18n/survey/index.ts";
import { generateSurveyToken } from "../responses/tokens.ts";
import { caseMessageId } from "./case-mail.ts";
import { followUpCase } from "./schema.ts";
import { appendCaseEvent } from "./timeline.ts";

/** A claim older than this belongs to a process that died before it recorded the send: it is taken over. */
export const RECOVERY_CLAIM_LEASE_MS = 10 * 60_000;
/** A question not sent within this many days after it fell due is not sent at all (the call is long past). */
export const RECOVERY_SEND_WINDOW_DAYS = 14;
/** The recovery answers the question's links take. */
export const RECOVERY_ANSWERS = ["yes", "partly", "no"] as const;
export type TRecoveryAnswer = (typeof RECOVERY_ANSWERS)[number];

const ZClaimed = z.object({
  org_id: z.string(),
  id: z.string(),
  email: z.string(),
  locale: z.string(),
});

export interface SendRecoveryOptions {
  now?: Date;
  orgId?: string;
  batch?: number;
}

/**
 * Sends the recovery question ("Did our call help?") once per resolved case, a few days (the rule's
 * recoveryDelayDays) after it was resolved, when the rule's recoveryQuestion switch is on (the survey's
 * override first) and the respondent allowed contact by e-mail. The claim is one conditional UPDATE (rows
 * locked and skipped by concurrent runs), so of several processes exactly one takes each case; a claim left
 * by a crash is taken over after the lease, with the same Message-ID and a new link.
 */
export async function sendRecoveryQuestions(
  deps: AppDeps,
  { now = new Date(), orgId, batch = 100 }: SendRecoveryOptions = {},
): Promise<{ sent: number }> {
  const leaseEnd = new Date(now.getTime() - RECOVERY_CLAIM_LEASE_MS);
  const claimed = await unsafeClaimRecoveryQuestions(deps, now, leaseEnd, orgId, batch);
  let sent = 0;
  for (const c of claimed) {
    const { token, hash } = generateSurveyToken();
    const [org] = await deps.db
      .select({ name: organization.name })
      .from(organization)
      .where(eq(organization.id, c.org_id));
    const base = `${deps.config.publicUrl}/r/${token}`;
    const values = {
      org: org.name,
      yes: `${base}?answer=yes`,
      partly: `${base}?answer=partly`,
      no: `${base}?answer=no`,
    };
    // The hash is stored before the mail leaves, so a link is never sent that the page cannot find.
    await deps.db
      .update(followUpCase)
      .set({ recoveryTokenHash: hash })
      .where(inOrg(followUpCase, c.org_id, eq(followUpCase.id, c.id)));
    try {
      await deps.mailer.send({
        to: c.email,
        subject: st(c.locale, "recovery.mailSubject", values),
        text: st(c.locale, "recovery.mailText", values),
        kind: "case.recovery",
        orgId: c.org_id,
        fromName: org.name,
        messageId: caseMessageId(deps, "recovery", c.id),
      });
    } catch (err) {
      // Given back for the next run.
      await deps.db
        .update(followUpCase)
        .set({ recoveryClaimedAt: null, recoveryTokenHash: null })
        .where(inOrg(followUpCase, c.org_id, eq(followUpCase.id, c.id)));
      throw err;
    }
    await deps.db.transaction(async (tx) => {
      await tx
        .update(followUpCase)
        .set({ recoverySentAt: now })
        .where(inOrg(followUpCase, c.org_id, eq(followUpCase.id, c.id)));
      await appendCaseEvent(tx, c.org_id, c.id, { kind: "recovery_sent" }, now);
    });
    sent++;
  }
  return { sent };
}

/** Claims the due recovery questions of every organisation (or one): a job's scan across tenants. */
function unsafeClaimRecoveryQuestions(
  deps: AppDeps,
  now: Date,
  leaseEnd: Date,
  orgId: string | undefined,
  batch: number,
) {
  const at = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      with due as (
        select c.org_id, c.id, coalesce(k.email, r.respondent_email) as email, r.locale
        from follow_up_case c
        join response r on r.org_id = c.org_id and r.id = c.response_id
        left join survey_invitation i on i.org_id = r.org_id and i.id = r.invitation_id
        left join contact k on k.org_id = i.org_id and k.id = i.contact_id
        left join follow_up_rule fr on fr.org_id = c.org_id
        where c.state = 'resolved' and c.recovery_sent_at is null and c.recovery is null
          and (c.recovery_claimed_at is null or c.recovery_claimed_at < ${leaseEnd.toISOString()}::timestamptz)
          and c.contact_allowed and c.contact_channel = 'email'
          and coalesce((fr.surveys -> c.survey_id ->> 'recoveryQuestion')::boolean, fr.recovery_question, false)
          and c.resolved_at <= ${at}::timestamptz - make_interval(days => fr.recovery_delay_days)
          and c.resolved_at > ${at}::timestamptz
            - make_interval(days => fr.recovery_delay_days + ${RECOVERY_SEND_WINDOW_DAYS})
          and coalesce(k.email, r.respondent_email) is not null and k.opted_out_at is null
          ${orgId ? sql`and c.org_id = ${orgId}` : sql``}
        order by c.resolved_at limit ${batch}
        for update of c skip locked)
      update follow_up_case c set recovery_claimed_at = ${at}::timestamptz
      from due where c.org_id = due.org_id and c.id = due.id
      returning c.org_id, c.id, due.email, due.locale`);
    return res.rows.map((r) => ZClaimed.parse(r));
  });
}
