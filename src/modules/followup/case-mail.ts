import { and, asc, eq } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { member, organization, user } from "../../db/schema.ts";
import { t } from "../../i18n/account-mail.ts";

/** A staff member's address, name and language. */
export async function staffOf(db: Db, userId: string) {
  const [u] = await db
    .select({ email: user.email, name: user.name, locale: user.locale })
    .from(user)
    .where(eq(user.id, userId));
  return u ?? null;
}

/** The organisation's first owner (who gets overdue alerts when nobody manages the case's department). */
export async function firstOwnerOf(db: Db, orgId: string): Promise<string | null> {
  const [m] = await db
    .select({ userId: member.userId })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.role, "owner")))
    .orderBy(asc(member.createdAt))
    .limit(1);
  return m?.userId ?? null;
}

/**
 * Sends a case e-mail ("assigned" or "overdue") to a staff member in their language. The text names the
 * organisation, the deadline and the case link; never the respondent or the comment.
 */
export async function sendCaseMail(
  deps: AppDeps,
  kind: "assigned" | "overdue",
  c: { orgId: string; id: string; dueDate: string; ownerId: string | null },
  to: { email: string; locale: string | null },
  messageId: string,
): Promise<void> {
  const [org] = await deps.db
    .select({ name: organization.name, defaultLocale: organization.defaultLocale })
    .from(organization)
    .where(eq(organization.id, c.orgId));
  const locale = to.locale ?? org.defaultLocale;
  const owner = c.ownerId ? await staffOf(deps.db, c.ownerId) : null;
  const values = {
    org: org.name,
    due: c.dueDate,
    url: `${deps.config.publicUrl}/app/cases/${c.id}`,
    owner: owner ? `${owner.name} <${owner.email}>` : t(locale, "case.unassigned"),
  };
  await deps.mailer.send({
    to: to.email,
    subject: t(locale, `case.${kind}.subject`, values),
    text: t(locale, `case.${kind}.text`, values),
    kind: `case.${kind}`,
    orgId: c.orgId,
    fromName: org.name,
    messageId,
  });
}

/** A Message-ID that stays the same when a send is repeated, so mail systems collapse repeats. */
export function caseMessageId(deps: AppDeps, kind: string, caseId: string, extra = ""): string {
  const host = /@([^>\s]+)/.exec(deps.config.MAIL_FROM)?.[1] ?? "kaja.localhost";
  return `<case-${kind}-${caseId}${extra}@${host}>`;
}
