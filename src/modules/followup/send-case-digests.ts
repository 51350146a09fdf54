import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import { organization } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { zonedParts } from "../../domain/time-zone.ts";
import { t } from "../../i18n/account-mail.ts";
import { caseMessageId, staffOf } from "./case-mail.ts";
import { followUpCase, followUpPreference } from "./schema.ts";

/** The hour (in the organisation's time zone) from which the day's digest goes out. */
export const DIGEST_HOUR = 7;

export interface SendCaseDigestsOptions {
  now?: Date;
  orgId?: string;
}

/**
 * Sends each staff member who chose the daily digest one e-mail a day, from 07:00 in the organisation's
 * time zone, listing the cases assigned to them since their last digest (none: no e-mail). Two conditional
 * UPDATEs make it exactly once with several processes: the day is taken on the preference row
 * (`last_digest_on`), the cases by setting `notified_owner_id` as the per-assignment e-mail does. A failed
 * send gives both back for the next run.
 */
export async function sendCaseDigests(
  deps: AppDeps,
  { now = new Date(), orgId }: SendCaseDigestsOptions = {},
): Promise<{ sent: number }> {
  const subscribers = await unsafeFindDigestSubscribers(deps, orgId);
  let sent = 0;
  for (const s of subscribers) {
    const local = zonedParts(now, s.timeZone);
    if (local.hour < DIGEST_HOUR || (s.lastDigestOn !== null && s.lastDigestOn >= local.date)) continue;
    const [day] = await deps.db
      .update(followUpPreference)
      .set({ lastDigestOn: local.date })
      .where(
        inOrg(
          followUpPreference,
          s.orgId,
          eq(followUpPreference.userId, s.userId),
          eq(followUpPreference.assignmentMail, "digest"),
          sql`(${followUpPreference.lastDigestOn} is null or ${followUpPreference.lastDigestOn} < ${local.date})`,
        ),
      )
      .returning({ userId: followUpPreference.userId });
    if (!day) continue;
    const cases = await deps.db
      .update(followUpCase)
      .set({ notifiedOwnerId: followUpCase.ownerId })
      .where(
        inOrg(
          followUpCase,
          s.orgId,
          eq(followUpCase.ownerId, s.userId),
          sql`${followUpCase.notifiedOwnerId} is distinct from ${followUpCase.ownerId}`,
          sql`${followUpCase.state} <> 'resolved'`,
        ),
      )
      .returning({ id: followUpCase.id, dueDate: followUpCase.dueDate });
    const to = cases.length ? await staffOf(deps.db, s.userId) : null;
    if (!to) continue;
    try {
      await sendDigest(deps, s, to, cases, local.date);
      sent++;
    } catch (err) {
      await deps.db
        .update(followUpCase)
        .set({ notifiedOwnerId: null })
        .where(
          inOrg(
            followUpCase,
            s.orgId,
            inArray(
              followUpCase.id,
              cases.map((c) => c.id),
            ),
            eq(followUpCase.notifiedOwnerId, s.userId),
          ),
        );
      await deps.db
        .update(followUpPreference)
        .set({ lastDigestOn: s.lastDigestOn })
        .where(inOrg(followUpPreference, s.orgId, eq(followUpPreference.userId, s.userId)));
      throw err;
    }
  }
  return { sent };
}

async function sendDigest(
  deps: AppDeps,
  s: { orgId: string; userId: string; orgName: string; defaultLocale: string },
  to: { email: string; locale: string | null },
  cases: { id: string; dueDate: string }[],
  day: string,
): Promise<void> {
  const locale = to.locale ?? s.defaultLocale;
  const sorted = [...cases].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const list = sorted
    .map((c) =>
      t(locale, "case.digest.item", { due: c.dueDate, url: `${deps.config.publicUrl}/app/cases/${c.id}` }),
    )
    .join("\n");
  const values = {
    org: s.orgName,
    count: String(cases.length),
    list,
    url: `${deps.config.publicUrl}/app/cases?view=mine`,
  };
  await deps.mailer.send({
    to: to.email,
    subject: t(locale, "case.digest.subject", values),
    text: t(locale, "case.digest.text", values),
    kind: "case.digest",
    orgId: s.orgId,
    fromName: s.orgName,
    messageId: caseMessageId(deps, "digest", s.userId, `-${s.orgId}-${day}`),
  });
}

/** Staff of every organisation (or one) who chose the daily digest: a job's scan across tenants. */
function unsafeFindDigestSubscribers(deps: AppDeps, orgId: string | undefined) {
  return deps.db
    .select({
      orgId: followUpPreference.orgId,
      userId: followUpPreference.userId,
      lastDigestOn: followUpPreference.lastDigestOn,
      timeZone: organization.timeZone,
      orgName: organization.name,
      defaultLocale: organization.defaultLocale,
    })
    .from(followUpPreference)
    .innerJoin(organization, eq(organization.id, followUpPreference.orgId))
    .where(
      and(
        eq(followUpPreference.assignmentMail, "digest"),
        isNotNull(followUpPreference.userId),
        orgId ? inOrg(followUpPreference, orgId) : undefined,
      ),
    );
}
