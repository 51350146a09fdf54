import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { outbox, survey } from "../../src/db/schema.ts";
import { startJobs, stopJobs } from "../../src/jobs/boss.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { asUser, createTestOrg, type TestContext, type TestOrg, unique } from "../helpers/app.ts";
import { invitationState, nextWorkingMorning, scheduleTestInvitations, startAppWith } from "./helpers.ts";

/** Polls `check` until it holds; fails after `ms` (a generous bound, not a timing assertion). */
async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("waking the dispatcher after a commit", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;
  const sendTime = nextWorkingMorning();

  before(async () => {
    ctx = await startAppWith();
    org = await createTestOrg(ctx);
    surveyId = (
      await createSurvey(ctx.deps.db, org.orgId, {
        name: "S",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et"] }),
      })
    ).id;
    // Sent on the contact's own day at any hour, so an invitation made now is due now.
    await ctx.deps.db
      .update(survey)
      .set({
        contactRules: {
          delayWorkingDays: 0,
          window: { start: "00:00", end: "23:59", days: [1, 2, 3, 4, 5, 6, 7] },
        },
      })
      .where(and(eq(survey.orgId, org.orgId), eq(survey.id, surveyId)));
    // The run at start-up is over once it has sent this one (so it cannot be what sends the next ones).
    const [probe] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [{ email: `probe-${unique()}@example.test` }],
    });
    // Neither the ticker (10 minutes) nor the cron floor would wake the dispatcher during the test.
    await startJobs(ctx.deps, { tickSeconds: 600, cron: false, clock: () => sendTime, orgId: org.orgId });
    await eventually(
      async () => (await invitationState(ctx.deps.db, org.orgId, probe)).invitation.state === "sent",
      "the start-up run",
      30_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  });
  after(async () => {
    await stopJobs();
    await ctx.close();
  });

  const mailTo = (email: string) => async () =>
    (await ctx.deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.to, email))).length === 1;

  it("an invitation sent to one person goes out right after the API call", async () => {
    const email = `wake-${unique()}@example.test`;
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/sends`,
      headers: asUser(org.owner),
      payload: { email },
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().state, "scheduled");
    await eventually(mailTo(email), "the invitation in the outbox");
  });

  it("a service event's invitation goes out right after the API call", async () => {
    const email = `event-${unique()}@example.test`;
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/service-events",
      headers: asUser(org.owner),
      payload: { surveyId, contact: { email }, occurredAt: new Date().toISOString() },
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().state, "scheduled");
    await eventually(mailTo(email), "the invitation in the outbox");
  });

  it("a mass mailing's invitations go out right after the upload", async () => {
    const emails = [0, 1].map((i) => `bulk-${i}-${unique()}@example.test`);
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=false`,
      headers: { ...asUser(org.owner), "content-type": "text/csv" },
      payload: `email\n${emails.join("\n")}\n`,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().scheduled, 2, res.body);
    for (const email of emails) await eventually(mailTo(email), "the invitations in the outbox");
  });
});
