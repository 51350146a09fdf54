import { maintainEmbeddedDatabaseJob } from "./maintain-embedded-database.ts";
import { z } from "zod";
import { sendPasswordResets } from "../modules/accounts/send-password-resets.ts";
import { type DispatchDueOptions, dispatchDue } from "../modules/delivery/dispatch-due.ts";
import { unsafeExpireInvitations } from "../modules/delivery/expire-invitations.ts";
import { sendReminders } from "../modules/delivery/send-reminders.ts";
import { sendMonthlyReports } from "../modules/insights/exports/send-monthly-reports.ts";
import { deliverWebhooks } from "../modules/webhooks/deliver-webhooks.ts";
import { anonymiseExpiredJob } from "./anonymise-expired.ts";
import { alertOverdueCasesJob } from "./alert-overdue-cases.ts";
import { defineJob, type JobDefinition } from "./define-job.ts";
import { analyseCommentsJob } from "./analyse-comments.ts";
import { foldRollupsJob } from "./fold-rollups.ts";
import { notifyCaseOwnersJob } from "./notify-case-owners.ts";
import { sendCaseDigestsJob } from "./send-case-digests.ts";
import { sendRecoveryQuestionsJob } from "./send-recovery-questions.ts";
import { remindQualityAgreementsJob } from "./remind-quality-agreements.ts";
import { remindWrittenRequestsJob } from "./remind-written-requests.ts";
import { purgeContactDetailsJob } from "./purge-contact-details.ts";

const ZEmpty = z.object({}).passthrough();

export const DISPATCH_DUE = "dispatch-due";
export const DELIVER_WEBHOOKS = "deliver-webhooks";
export const SEND_PASSWORD_RESETS = "send-password-resets";

export interface JobSettings {
  /** The jobs' idea of now (tests run them at a fixed working-day hour). */
  clock?: () => Date;
  /** Only this organisation's work (tests on a shared database). */
  orgId?: string;
  dispatch?: Omit<DispatchDueOptions, "clock" | "orgId">;
}

/** Kaja's background jobs. The domain tables hold the work; a job run claims whatever is due. */
export function jobDefinitions(settings: JobSettings = {}): JobDefinition[] {
  const { clock = () => new Date(), orgId } = settings;
  return [
    defineJob({
      name: DISPATCH_DUE,
      payload: ZEmpty,
      policy: "short",
      cron: "* * * * *",
      handler: (deps) => dispatchDue(deps, { ...settings.dispatch, clock, orgId }),
    }),
    defineJob({
      name: DELIVER_WEBHOOKS,
      payload: ZEmpty,
      policy: "short",
      cron: "* * * * *",
      handler: (deps) =>
        deliverWebhooks(deps.db, { clock, orgId, allowHosts: deps.config.WEBHOOK_ALLOW_HOSTS }),
    }),
    defineJob({
      name: SEND_PASSWORD_RESETS,
      payload: ZEmpty,
      policy: "short",
      cron: "* * * * *",
      // Real time, not the test clock: claims and staleness compare with the rows' own created_at.
      handler: (deps) => sendPasswordResets(deps),
    }),
    defineJob({
      name: "expire-invitations",
      payload: ZEmpty,
      policy: "stately",
      cron: "*/5 * * * *",
      handler: (deps) => unsafeExpireInvitations(deps.db, { now: clock(), orgId }),
    }),
    defineJob({
      name: "send-reminders",
      payload: ZEmpty,
      policy: "stately",
      cron: "*/5 * * * *",
      handler: (deps) => sendReminders(deps, { now: clock(), orgId }),
    }),
    defineJob({
      // Hourly: each subscriber gets the previous month's report once, in the first hour of the month in their
      // organisation's time zone; a failed report is tried again the next hour.
      name: "send-monthly-reports",
      payload: ZEmpty,
      policy: "stately",
      cron: "17 * * * *",
      handler: (deps) => sendMonthlyReports(deps, clock(), orgId),
    }),
    alertOverdueCasesJob(settings),
    notifyCaseOwnersJob(settings),
    sendRecoveryQuestionsJob(settings),
    sendCaseDigestsJob(settings),
    remindQualityAgreementsJob(settings),
    remindWrittenRequestsJob(settings),
    purgeContactDetailsJob(settings),
    maintainEmbeddedDatabaseJob(),
    foldRollupsJob(settings),
    analyseCommentsJob(settings),
    anonymiseExpiredJob(settings),
  ];
}
