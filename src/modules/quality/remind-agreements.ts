import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { employee, organization, user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { t } from "../../i18n/account-mail.ts";
import { qualityAgreement } from "./schema.ts";

/** A claim older than this belongs to a process that died before it recorded the send: it is taken over. */
export const AGREEMENT_CLAIM_LEASE_MS = 10 * 60_000;

const ZClaimed = z.object({
  org_id: z.string(),
  id: z.string(),
  number: z.coerce.number(),
  text: z.string(),
  deadline: z.string(),
  responsible_user_id: z.string().nullable(),
  responsible_employee_id: z.string().nullable(),
});

export interface RemindAgreementsOptions {
  now?: Date;
  orgId?: string;
  batch?: number;
}

/**
 * Marks open agreements past their deadline as missed, and e-mails the responsible person once about each open
 * agreement whose deadline is within the organisation's reminder lead time (default 3 days). The claim is one
 * conditional UPDATE with SKIP LOCKED, so of several processes exactly one sends each reminder; the Message-ID
 * derives from the agreement, so a send repeated after a crash collapses in mail systems.
 */
export async function remindAgreements(
  deps: AppDeps,
  { now = new Date(), orgId, batch = 100 }: RemindAgreementsOptions = {},
): Promise<{ reminded: number; missed: number }> {
  const missed = await unsafeMarkMissedAgreements(deps, now, orgId);
  const leaseEnd = new Date(now.getTime() - AGREEMENT_CLAIM_LEASE_MS);
  const claimed = await unsafeClaimDueAgreements(deps, now, leaseEnd, orgId, batch);
  for (const a of claimed) {
    const to = await recipientOf(deps, a);
    if (to) await sendReminder(deps, a, to);
    await deps.db
      .update(qualityAgreement)
      .set({ reminderSentAt: now })
      .where(inOrg(qualityAgreement, a.org_id, eq(qualityAgreement.id, a.id)));
  }
  return { reminded: claimed.length, missed };
}

type TClaimed = z.infer<typeof ZClaimed>;

async function recipientOf(
  deps: AppDeps,
  a: TClaimed,
): Promise<{ email: string; locale: string | null } | null> {
  let userId = a.responsible_user_id;
  if (!userId && a.responsible_employee_id) {
    const [e] = await deps.db
      .select({ userId: employee.userId, email: employee.email })
      .from(employee)
      .where(inOrg(employee, a.org_id, eq(employee.id, a.responsible_employee_id)));
    if (e && !e.userId && e.email) return { email: e.email, locale: null };
    userId = e?.userId ?? null;
  }
  if (!userId) return null;
  const [u] = await deps.db
    .select({ email: user.email, locale: user.locale })
    .from(user)
    .where(eq(user.id, userId));
  return u ?? null;
}

async function sendReminder(deps: AppDeps, a: TClaimed, to: { email: string; locale: string | null }) {
  const [org] = await deps.db
    .select({ name: organization.name, defaultLocale: organization.defaultLocale })
    .from(organization)
    .where(eq(organization.id, a.org_id));
  const locale = to.locale ?? org.defaultLocale;
  const values = {
    org: org.name,
    due: a.deadline,
    number: String(a.number),
    text: a.text,
    url: `${deps.config.publicUrl}/app/quality/agreements`,
  };
  const host = /@([^>\s]+)/.exec(deps.config.MAIL_FROM)?.[1] ?? "kaja.localhost";
  await deps.mailer.send({
    to: to.email,
    subject: t(locale, "quality.agreementReminder.subject", values),
    text: t(locale, "quality.agreementReminder.text", values),
    kind: "quality.agreementReminder",
    orgId: a.org_id,
    fromName: org.name,
    messageId: `<agreement-reminder-${a.id}@${host}>`,
  });
}

/** Open agreements whose deadline (a civil day in the organisation's time zone) has passed become missed. */
async function unsafeMarkMissedAgreements(
  deps: AppDeps,
  now: Date,
  orgId: string | undefined,
): Promise<number> {
  const at = now.toISOString();
  const res = await deps.db.execute(sql`
    update quality_agreement a set state = 'missed', updated_at = ${at}
    from organization o
    where o.id = a.org_id and a.state = 'open'
      and a.deadline < (${at}::timestamptz at time zone o.time_zone)::date
      ${orgId ? sql`and a.org_id = ${orgId}` : sql``}
    returning a.id`);
  return res.rows.length;
}

/** Claims open agreements within their reminder lead time, across organisations (or one). */
async function unsafeClaimDueAgreements(
  deps: AppDeps,
  now: Date,
  leaseEnd: Date,
  orgId: string | undefined,
  batch: number,
): Promise<TClaimed[]> {
  const at = now.toISOString();
  const res = await deps.db.execute(sql`
    with due as (
      select a.org_id, a.id from quality_agreement a
      join organization o on o.id = a.org_id
      left join quality_settings s on s.org_id = a.org_id
      where a.state = 'open' and a.reminder_sent_at is null
        and (a.reminder_claimed_at is null or a.reminder_claimed_at < ${leaseEnd.toISOString()})
        and a.deadline - coalesce(s.reminder_days_before, 3) <= (${at}::timestamptz at time zone o.time_zone)::date
        ${orgId ? sql`and a.org_id = ${orgId}` : sql``}
      order by a.deadline limit ${batch}
      for update of a skip locked)
    update quality_agreement q set reminder_claimed_at = ${at}
    from due where q.org_id = due.org_id and q.id = due.id
    returning q.org_id, q.id, q.number, q.text, q.deadline::text as deadline, q.responsible_user_id,
      q.responsible_employee_id`);
  return res.rows.map((r) => ZClaimed.parse(r));
}
