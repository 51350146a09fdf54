import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/connect.ts";
import { contact, invitationDelivery, surveyInvitation } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { isPublicHoliday } from "../../src/domain/holidays.ts";
import { addDays, civilDate, isoWeekday, zonedTimeToInstant } from "../../src/domain/time-zone.ts";
import type { AppDeps } from "../../src/context.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import type { TestContext } from "../helpers/app.ts";
import { fastPasswordHasher } from "../helpers/fast-password.ts";

export const PUBLIC_URL = "http://localhost:3000";

/**
 * 10:00 in Tallinn on the next working day after `from`: inside the default send window whatever the day and
 * hour the tests run, so the recheck before sending lets invitations go. Use it as the dispatcher's clock.
 */
export function nextWorkingMorning(from = new Date()): Date {
  for (let day = addDays(civilDate(from), 1); ; day = addDays(day, 1)) {
    if (isoWeekday(day) <= 5 && !isPublicHoliday(day))
      return zonedTimeToInstant(day, "10:00", "Europe/Tallinn");
  }
}

/** Like startTestApp, with extra configuration (e.g. SMTP_URL); closes the mailer's pool too. */
export async function startAppWith(env: Record<string, string | undefined> = {}): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: process.env.DATABASE_URL,
    PUBLIC_URL,
    LOG_LEVEL: "silent",
    ...env,
  });
  const deps = await createDeps(config, {
    inMemory: true,
    signInPerMinute: 10_000,
    passwordHasher: fastPasswordHasher,
  });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    close: async () => {
      await deps.mailer.close();
      await app.close();
      await deps.database.close();
    },
  };
}

export interface TTestRecipient {
  email: string | null;
  locale?: string;
  name?: string;
  /** An existing contact to invite again (no new contact row). */
  contactId?: string;
}

export interface ScheduleTestInvitationsOptions {
  orgId: string;
  surveyId: string;
  recipients: TTestRecipient[];
  scheduledAt?: Date;
}

/**
 * Inserts contacts and invitations in state "scheduled" (what the distribution module's scheduling does),
 * each with a placeholder token hash and a delivery row, in one transaction; returns the invitation ids in
 * recipient order.
 */
export async function scheduleTestInvitations(
  db: Db,
  {
    orgId,
    surveyId,
    recipients,
    scheduledAt = new Date(Date.now() - 60_000),
  }: ScheduleTestInvitationsOptions,
): Promise<string[]> {
  const rows = recipients.map((r) => ({
    ...r,
    isNew: !r.contactId,
    contactId: r.contactId ?? randomUUID(),
    id: randomUUID(),
  }));
  // One transaction, as real scheduling does: a running dispatcher never sees an invitation without its delivery row.
  await db.transaction(async (tx) => {
    const chunk = 500;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const fresh = part.filter((r) => r.isNew);
      if (fresh.length) {
        await tx.insert(contact).values(
          fresh.map((r) => ({
            orgId,
            id: r.contactId,
            email: r.email,
            name: r.name ?? null,
            locale: r.locale ?? "et",
          })),
        );
      }
      await tx.insert(surveyInvitation).values(
        part.map((r) => ({
          orgId,
          id: r.id,
          surveyId,
          tokenHash: randomBytes(32).toString("hex"),
          locale: r.locale ?? "et",
          contactId: r.contactId,
          state: "scheduled",
          scheduledAt,
        })),
      );
      await tx
        .insert(invitationDelivery)
        .values(part.map((r) => ({ orgId, invitationId: r.id, source: "api" })));
    }
  });
  return rows.map((r) => r.id);
}

/** The invitation and its delivery row. */
export async function invitationState(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ invitation: surveyInvitation, delivery: invitationDelivery })
    .from(surveyInvitation)
    .leftJoin(
      invitationDelivery,
      and(
        eq(invitationDelivery.orgId, surveyInvitation.orgId),
        eq(invitationDelivery.invitationId, surveyInvitation.id),
      ),
    )
    .where(and(eq(surveyInvitation.orgId, orgId), eq(surveyInvitation.id, id)));
  if (!row) throw new Error(`no invitation ${id}`);
  return row;
}

/**
 * A new organisation with an Estonian and Russian survey and `count` scheduled invitations (every third in
 * Russian), for the dispatcher process tests; returns the organisation and the invitations' ids.
 */
export async function seedDispatchOrg(deps: AppDeps, name: string, slug: string, count: number) {
  const { org } = await createOrganization(deps, { name, slug, ownerEmail: `owner-${slug}@example.test` });
  const { id: surveyId } = await createSurvey(deps.db, org.id, {
    name: "S",
    kind: "transactional",
    definition: standardDefinition({ locales: ["et", "ru"] }),
  });
  const ids = await scheduleTestInvitations(deps.db, {
    orgId: org.id,
    surveyId,
    recipients: Array.from({ length: count }, (_, i) => ({
      email: `person-${i}-${slug}@example.test`,
      locale: i % 3 === 0 ? "ru" : "et",
    })),
  });
  return { org, ids };
}
