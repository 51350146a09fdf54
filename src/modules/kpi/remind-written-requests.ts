import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { employee, organization, user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { t } from "../../i18n/account-mail.ts";
import { writtenRequest } from "./schema.ts";

/** A claim older than this belongs to a process that died before it recorded the send: it is taken over. */
const CLAIM_LEASE_MS = 10 * 60_000;

const ZClaimed = z.object({
  org_id: z.string(),
  id: z.string(),
  reference: z.string(),
  deadline: z.string(),
  employee_id: z.string(),
});

/**
 * E-mails the responsible employee once about each open written request on the working day before its deadline
 * (or later, until the deadline, if the job could not run that day). The claim is one conditional UPDATE with
 * SKIP LOCKED, so of several processes exactly one sends each reminder; the Message-ID derives from the request.
 */
export async function remindWrittenRequests(
  deps: AppDeps,
  { now = new Date(), orgId, batch = 100 }: { now?: Date; orgId?: string; batch?: number } = {},
): Promise<{ reminded: number }> {
  const claimed = await unsafeClaimDueReminders(deps, now, orgId, batch);
  for (const r of claimed) {
    const [e] = await deps.db
      .select({ email: employee.email, userEmail: user.email, locale: user.locale })
      .from(employee)
      .leftJoin(user, eq(user.id, employee.userId))
      .where(inOrg(employee, r.org_id, eq(employee.id, r.employee_id)));
    const to = e?.userEmail ?? e?.email;
    if (to) {
      const [org] = await deps.db
        .select({ name: organization.name, defaultLocale: organization.defaultLocale })
        .from(organization)
        .where(eq(organization.id, r.org_id));
      const locale = e?.locale ?? org.defaultLocale;
      const values = {
        org: org.name,
        reference: r.reference,
        due: r.deadline,
        url: `${deps.config.publicUrl}/app/kpi/written-requests`,
      };
      const host = /@([^>\s]+)/.exec(deps.config.MAIL_FROM)?.[1] ?? "kaja.localhost";
      await deps.mailer.send({
        to,
        subject: t(locale, "kpi.replyReminder.subject", values),
        text: t(locale, "kpi.replyReminder.text", values),
        kind: "kpi.replyReminder",
        orgId: r.org_id,
        fromName: org.name,
        messageId: `<written-request-reminder-${r.id}@${host}>`,
      });
    }
    await deps.db
      .update(writtenRequest)
      .set({ remindedAt: now })
      .where(inOrg(writtenRequest, r.org_id, eq(writtenRequest.id, r.id)));
  }
  return { reminded: claimed.length };
}

/** Claims open requests whose reminder day has come and whose deadline has not passed, across organisations. */
async function unsafeClaimDueReminders(deps: AppDeps, now: Date, orgId: string | undefined, batch: number) {
  const at = now.toISOString();
  const leaseEnd = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  const res = await deps.db.execute(sql`
    with due as (
      select w.org_id, w.id from written_request w join organization o on o.id = w.org_id
      where w.replied_at is null and w.reminded_at is null and w.employee_id is not null
        and (w.reminder_claimed_at is null or w.reminder_claimed_at < ${leaseEnd})
        and w.remind_on <= (${at}::timestamptz at time zone o.time_zone)::date
        and w.deadline >= (${at}::timestamptz at time zone o.time_zone)::date
        ${orgId ? sql`and w.org_id = ${orgId}` : sql``}
      order by w.deadline limit ${batch}
      for update of w skip locked)
    update written_request q set reminder_claimed_at = ${at}
    from due where q.org_id = due.org_id and q.id = due.id
    returning q.org_id, q.id, q.reference, q.deadline::text as deadline, q.employee_id`);
  return res.rows.map((r) => ZClaimed.parse(r));
}
