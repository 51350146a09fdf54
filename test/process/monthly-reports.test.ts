import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { member, reportSubscription } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { unique } from "../helpers/app.ts";
import { runTwoWorkers, startJobHarness } from "./two-workers.ts";

const SUBSCRIBERS = 6;

describe("monthly reports with two app processes", {
  skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)",
}, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`each of ${SUBSCRIBERS} subscriptions gets exactly one report for the month`, {
    timeout: 180_000,
  }, async () => {
    const { smtp, env, deps } = await startJobHarness(cleanups);
    const slug = `monthly-${unique()}`;
    const { org, owner } = await createOrganization(deps, {
      name: "Monthly test",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    const emails = [owner.email];
    await deps.db.insert(reportSubscription).values({ orgId: org.id, userId: owner.id, locale: "et" });
    for (let i = 1; i < SUBSCRIBERS; i++) {
      const u = await ensureUser(deps.db, `reader${i}-${slug}@example.test`);
      await deps.db
        .insert(member)
        .values({ id: randomUUID(), organizationId: org.id, userId: u.id, role: "analyst" });
      await deps.db
        .insert(reportSubscription)
        .values({ orgId: org.id, userId: u.id, locale: i % 2 ? "en" : "et" });
      emails.push(u.email);
    }
    await deps.mailer.close();

    await runTwoWorkers("monthly-reports-worker.ts", env, org.id, cleanups);

    const mine = smtp.received.filter((m) => emails.some((e) => m.to.includes(e)));
    const ids = mine.map((m) => m.messageId);
    console.log(
      `monthly reports: ${mine.length} messages, ${new Set(ids).size} distinct, ${SUBSCRIBERS} subscriptions`,
    );
    assert.equal(mine.length, SUBSCRIBERS, "one message per subscription, none repeated");
    for (const e of emails)
      assert.equal(mine.filter((m) => m.to.includes(e)).length, 1, `${e} gets one report`);
    assert.ok(mine.every((m) => m.parsed?.attachments.some((a) => a.contentType === "application/pdf")));
    const rows = await deps.db
      .select({ lastSentMonth: reportSubscription.lastSentMonth })
      .from(reportSubscription)
      .where(eq(reportSubscription.orgId, org.id));
    const months = new Set(rows.map((r) => r.lastSentMonth));
    assert.equal(months.size, 1, "every subscription records the same month");
    assert.ok(!months.has(null));
    await deps.database.close();
  });
});
