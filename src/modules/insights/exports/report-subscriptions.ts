import { and, asc, eq } from "drizzle-orm";
import { can, type TActor, type TRole } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { member, reportSubscription, user } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { AppError } from "../../../http/errors.ts";
import { UI_LOCALES } from "../../../i18n/locales.ts";

const columns = {
  userId: reportSubscription.userId,
  email: user.email,
  name: user.name,
  locale: reportSubscription.locale,
  lastSentMonth: reportSubscription.lastSentMonth,
  createdAt: reportSubscription.createdAt,
};

/** Whom a request is about: the caller, or (owner and admin only) another member. */
function subjectOf(actor: TActor, userId: string | undefined): string {
  const self = actor.kind === "user" ? actor.userId : null;
  if (!userId || userId === "me" || userId === self) {
    if (!self) throw new AppError("FORBIDDEN", { message: { key: "problem.subscription.peopleOnly" } });
    return self;
  }
  if (!can(actor, "members:manage"))
    throw new AppError("FORBIDDEN", { message: { key: "problem.subscription.othersByAdmins" } });
  return userId;
}

/** The caller's subscription, or every subscription of the organisation for owners and admins. */
export async function findReportSubscriptions(db: Db, actor: TActor) {
  const all = can(actor, "members:manage");
  const self = actor.kind === "user" ? actor.userId : null;
  if (!all && !self) return [];
  return db
    .select(columns)
    .from(reportSubscription)
    .innerJoin(user, eq(user.id, reportSubscription.userId))
    .where(
      inOrg(reportSubscription, actor.orgId, all ? undefined : eq(reportSubscription.userId, self ?? "")),
    )
    .orderBy(asc(user.email));
}

/** Subscribes a member (the caller by default) to the monthly report; a repeat only changes the language. */
export async function subscribeToReports(
  db: Db,
  actor: TActor,
  { userId, locale }: { userId?: string; locale?: string },
) {
  const subject = subjectOf(actor, userId);
  const [m] = await db
    .select({ role: member.role, locale: user.locale })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, actor.orgId), eq(member.userId, subject)));
  if (!m) throw new AppError("NOT_FOUND", { message: { key: "problem.member.notFoundInOrg" } });
  const probe: TActor = {
    kind: "user",
    userId: subject,
    orgId: actor.orgId,
    role: m.role as TRole,
    sessionId: "",
  };
  if (!can(probe, "reports:read"))
    throw new AppError("CONFLICT", { message: { key: "problem.subscription.roleSeesNoReports" } });
  const lang = locale ?? (UI_LOCALES.find((l) => l === m.locale) ? m.locale : null) ?? "et";
  await db
    .insert(reportSubscription)
    .values({ orgId: actor.orgId, userId: subject, locale: lang })
    .onConflictDoUpdate({
      target: [reportSubscription.orgId, reportSubscription.userId],
      set: { locale: lang },
    });
  const [row] = await db
    .select(columns)
    .from(reportSubscription)
    .innerJoin(user, eq(user.id, reportSubscription.userId))
    .where(inOrg(reportSubscription, actor.orgId, eq(reportSubscription.userId, subject)));
  return row;
}

/** Ends a subscription (the caller's, or any member's for owners and admins). */
export async function unsubscribeFromReports(db: Db, actor: TActor, userId: string): Promise<void> {
  const subject = subjectOf(actor, userId);
  const deleted = await db
    .delete(reportSubscription)
    .where(inOrg(reportSubscription, actor.orgId, eq(reportSubscription.userId, subject)))
    .returning({ userId: reportSubscription.userId });
  if (deleted.length === 0)
    throw new AppError("NOT_FOUND", { message: { key: "problem.subscription.notFound" } });
}
