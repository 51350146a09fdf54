import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { outbox, webhookDelivery } from "../../src/db/schema.ts";
import { startJobs, stopJobs, wakeDispatcher } from "../../src/jobs/boss.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import {
  addMember,
  createTestOrg,
  randomIp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";
import { invitationState, nextWorkingMorning, scheduleTestInvitations, startAppWith } from "./helpers.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

/** Polls `check` until it returns true or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("condition not met in time");
}

describe("background jobs (pg-boss)", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;

  before(async () => {
    // The webhook receiver listens on 127.0.0.1, which webhooks may reach only when the operator allows it.
    ctx = await startAppWith({ WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
    org = await createTestOrg(ctx);
    surveyId = (
      await createSurvey(ctx.deps.db, org.orgId, {
        name: "S",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et"] }),
      })
    ).id;
    const sendTime = nextWorkingMorning();
    await startJobs(ctx.deps, { tickSeconds: 1, clock: () => sendTime, orgId: org.orgId });
  });
  after(async () => {
    await stopJobs();
    await ctx.close();
  });

  it("sends a scheduled invitation after a wake-up, through the outbox, and delivers the answer's webhook", async () => {
    const receiver = await startWebhookReceiver([200]);
    try {
      const hook = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/webhooks",
        headers: { cookie: org.owner.cookie, "x-csrf-token": org.owner.csrf },
        payload: { url: receiver.url, events: ["response.created"] },
      });
      assert.equal(hook.statusCode, 201);
      const email = `jobs-${unique()}@example.test`;
      const [id] = await scheduleTestInvitations(ctx.deps.db, {
        orgId: org.orgId,
        surveyId,
        recipients: [{ email }],
      });
      wakeDispatcher();
      await eventually(
        async () => (await invitationState(ctx.deps.db, org.orgId, id)).invitation.state === "sent",
      );
      const [mail] = await ctx.deps.db.select({ n: count() }).from(outbox).where(eq(outbox.to, email));
      assert.equal(mail.n, 1);

      const text = (
        await ctx.deps.db.select({ text: outbox.text }).from(outbox).where(eq(outbox.to, email))
      )[0].text;
      const token = /\/s\/([A-Za-z0-9_-]{43})\?score=7/.exec(text)?.[1];
      assert.ok(token);
      const answer = await ctx.app.inject({ method: "GET", url: `/s/${token}?score=7` });
      assert.equal(answer.statusCode, 200);
      await eventually(async () => receiver.requests.length === 1);
      const body = JSON.parse(receiver.requests[0].body);
      assert.equal(body.event, "response.created");
      assert.equal(body.data.score, 7);
      assert.equal(body.data.invitationId, id);
      await eventually(async () => {
        const [row] = await ctx.deps.db
          .select({ state: webhookDelivery.state })
          .from(webhookDelivery)
          .where(eq(webhookDelivery.orgId, org.orgId));
        return row.state === "delivered";
      });
    } finally {
      await receiver.close();
    }
  });

  it("mails a password-reset link from the job woken by the request, not from the request", async () => {
    const email = `reset-job-${unique()}@example.test`;
    await addMember(ctx, org.orgId, email, "analyst");
    const asked = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/request-password-reset",
      remoteAddress: randomIp(),
      payload: { email, redirectTo: "http://localhost:3000/app/reset-password" },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    await eventually(async () => {
      const [mail] = await ctx.deps.db
        .select({ n: count() })
        .from(outbox)
        .where(and(eq(outbox.to, email), eq(outbox.kind, "password_reset")));
      return mail.n === 1;
    });
  });
});
