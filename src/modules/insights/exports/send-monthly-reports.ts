import { and, eq, isNull, lt, ne, or } from "drizzle-orm";
import { can, type TActor, type TRole } from "../../../auth/permissions.ts";
import type { AppDeps } from "../../../context.ts";
import { member, organization, reportSubscription, user } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { civilDate } from "../../../domain/time-zone.ts";
import { renderMonthlyReportMail } from "../../../emails/monthly-report.ts";
import { monthLabel, previousMonth } from "./format.ts";
import { monthlyReportData } from "./monthly-report-data.ts";
import { renderMonthlyReportPdf } from "./render-monthly-report.ts";

export type SendMonthlyReportsDeps = Pick<AppDeps, "db" | "mailer" | "config">;

export interface TMonthlyReportRun {
  sent: number;
  /** Subscriptions already sent for the month, or whose user is no longer a member who may read reports. */
  skipped: number;
  /** Subscriptions whose report failed; they are tried again on the next run. */
  failed: { orgId: string; userId: string; error: string }[];
}

/** A claim older than this belongs to a process that died before it recorded the send: it is taken over. */
export const REPORT_CLAIM_LEASE_MS = 30 * 60_000;

/** Stable per organisation, user and month, so a report sent again after a crash collapses into one message. */
function messageId(publicUrl: string, orgId: string, userId: string, month: string): string {
  return `<monthly-report.${month}.${orgId}.${userId}@${new URL(publicUrl).hostname}>`;
}

/** Every subscription of every organisation, or of one (the job serves all tenants; hence `unsafe`). */
function unsafeAllReportSubscriptions(db: SendMonthlyReportsDeps["db"], orgId?: string) {
  return db
    .select({
      orgId: reportSubscription.orgId,
      userId: reportSubscription.userId,
      locale: reportSubscription.locale,
      lastSentMonth: reportSubscription.lastSentMonth,
      email: user.email,
      role: member.role,
      orgName: organization.name,
      slug: organization.slug,
      timeZone: organization.timeZone,
    })
    .from(reportSubscription)
    .innerJoin(organization, eq(organization.id, reportSubscription.orgId))
    .innerJoin(user, eq(user.id, reportSubscription.userId))
    .leftJoin(
      member,
      and(eq(member.organizationId, reportSubscription.orgId), eq(member.userId, reportSubscription.userId)),
    )
    .where(orgId ? inOrg(reportSubscription, orgId) : undefined);
}

/**
 * Takes one subscription's report of `month` for this run: one conditional UPDATE, so of several processes
 * running the job at once exactly one gets it (the row lock makes the others re-read the claim and skip).
 */
async function claimReport(
  db: SendMonthlyReportsDeps["db"],
  orgId: string,
  userId: string,
  month: string,
  now: Date,
): Promise<boolean> {
  const leaseEnd = new Date(now.getTime() - REPORT_CLAIM_LEASE_MS);
  const claimed = await db
    .update(reportSubscription)
    .set({ claimedMonth: month, claimedAt: now })
    .where(
      inOrg(
        reportSubscription,
        orgId,
        eq(reportSubscription.userId, userId),
        or(isNull(reportSubscription.lastSentMonth), lt(reportSubscription.lastSentMonth, month)),
        or(
          isNull(reportSubscription.claimedMonth),
          ne(reportSubscription.claimedMonth, month),
          isNull(reportSubscription.claimedAt),
          lt(reportSubscription.claimedAt, leaseEnd),
        ),
      ),
    )
    .returning({ userId: reportSubscription.userId });
  return claimed.length > 0;
}

/**
 * Job handler: e-mails each subscriber the PDF report of the previous month (in their organisation's time zone)
 * unless it was sent already, then records the month. Idempotent: a second run in the same month sends nothing.
 * Each report is claimed first (see `claimReport`), so several app processes send it once. Send-then-record:
 * a crash in between sends that one report again after the claim's lease, with the same Message-ID.
 */
export async function sendMonthlyReports(
  deps: SendMonthlyReportsDeps,
  now: Date = new Date(),
  /** Only this organisation's subscriptions (tests on a shared database). */
  orgId?: string,
): Promise<TMonthlyReportRun> {
  const { db } = deps;
  const subscriptions = await unsafeAllReportSubscriptions(db, orgId);
  const run: TMonthlyReportRun = { sent: 0, skipped: 0, failed: [] };
  for (const s of subscriptions) {
    const month = previousMonth(civilDate(now, s.timeZone).slice(0, 7));
    const actor: TActor | null = s.role
      ? { kind: "user", userId: s.userId, orgId: s.orgId, role: s.role as TRole, sessionId: "monthly-report" }
      : null;
    if ((s.lastSentMonth && s.lastSentMonth >= month) || !actor || !can(actor, "reports:read")) {
      run.skipped += 1;
      continue;
    }
    if (!(await claimReport(db, s.orgId, s.userId, month, now))) {
      run.skipped += 1;
      continue;
    }
    try {
      const data = await monthlyReportData(db, actor, { month, locale: s.locale });
      const pdf = await renderMonthlyReportPdf(data);
      const mail = await renderMonthlyReportMail({
        locale: s.locale,
        orgName: s.orgName,
        monthLabel: monthLabel(s.locale, month),
        manageUrl: `${deps.config.publicUrl}/app/`,
      });
      await deps.mailer.send({
        to: s.email,
        ...mail,
        kind: "monthly-report",
        orgId: s.orgId,
        fromName: s.orgName,
        messageId: messageId(deps.config.publicUrl, s.orgId, s.userId, month),
        attachments: [
          { filename: `kaja-${s.slug}-${month}.pdf`, content: pdf, contentType: "application/pdf" },
        ],
      });
      await db
        .update(reportSubscription)
        .set({ lastSentMonth: month, claimedAt: null })
        .where(
          inOrg(
            reportSubscription,
            s.orgId,
            eq(reportSubscription.userId, s.userId),
            or(isNull(reportSubscription.lastSentMonth), lt(reportSubscription.lastSentMonth, month)),
          ),
        );
      run.sent += 1;
    } catch (err) {
      // Free the claim so the next run tries again.
      await db
        .update(reportSubscription)
        .set({ claimedAt: null })
        .where(inOrg(reportSubscription, s.orgId, eq(reportSubscription.userId, s.userId)));
      run.failed.push({
        orgId: s.orgId,
        userId: s.userId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return run;
}
