import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { webhookDelivery, webhookEndpoint } from "../../src/db/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { deliverWebhooks, webhookRetryDelayMs } from "../../src/modules/webhooks/deliver-webhooks.ts";
import { verifySignature } from "../../src/modules/webhooks/sign.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startWebhookReceiver } from "../delivery/webhook-receiver.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

describe("webhooks", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    surveyId = (
      await createSurvey(ctx.deps.db, a.orgId, {
        name: "S",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et"] }),
      })
    ).id;
  });
  after(() => ctx.close());

  const register = (org: TestOrg, payload: unknown) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: asUser(org.owner),
      payload: payload as Record<string, unknown>,
    });

  const deliveriesOf = async (endpointId: string) =>
    ctx.deps.db
      .select()
      .from(webhookDelivery)
      .where(and(eq(webhookDelivery.orgId, a.orgId), eq(webhookDelivery.endpointId, endpointId)));

  /** Removes org A's endpoints, so a delivery test talks only to its own receiver. */
  const clearEndpoints = () => ctx.deps.db.delete(webhookEndpoint).where(eq(webhookEndpoint.orgId, a.orgId));

  /** An invitation of org A answered with `score` through its e-mail link; returns its token. */
  async function answer(score: number) {
    const { token } = await issueSentInvitation(ctx.deps.db, { orgId: a.orgId, surveyId, locale: "et" });
    const res = await ctx.app.inject({ method: "GET", url: `/s/${token}?score=${score}` });
    assert.equal(res.statusCode, 200);
    return token;
  }

  it("registers an https endpoint, shows the secret once, and lists it without the secret", async () => {
    const res = await register(a, { url: "https://hooks.example.test/kaja", events: ["response.created"] });
    assert.equal(res.statusCode, 201);
    const created = res.json();
    assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(created.events, ["response.created"]);
    const list = await ctx.app.inject({ method: "GET", url: "/api/v1/webhooks", headers: asUser(a.owner) });
    assert.equal(list.statusCode, 200);
    const mine = list.json().find((w: { id: string }) => w.id === created.id);
    assert.equal(mine.url, "https://hooks.example.test/kaja");
    assert.equal(mine.secret, undefined);
  });

  it("rejects plain http (except this machine in tests), unknown events and empty event lists, writing nothing", async () => {
    const before = await ctx.deps.db
      .select({ n: count() })
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.orgId, a.orgId));
    for (const [payload, path] of [
      [{ url: "http://hooks.example.test/kaja", events: ["response.created"] }, "body.url"],
      [{ url: "ftp://hooks.example.test/kaja", events: ["response.created"] }, "body.url"],
      [{ url: "not a url", events: ["response.created"] }, "body.url"],
      [{ url: "https://hooks.example.test/kaja", events: ["answer.deleted"] }, "body.events.0"],
      [{ url: "https://hooks.example.test/kaja", events: [] }, "body.events"],
    ] as const) {
      const res = await register(a, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().errors[0].path, path);
    }
    const afterCount = await ctx.deps.db
      .select({ n: count() })
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.orgId, a.orgId));
    assert.equal(afterCount[0].n, before[0].n);
  });

  it("requires a signed-in owner or admin", async () => {
    const anon = await ctx.app.inject({ method: "GET", url: "/api/v1/webhooks" });
    assert.equal(anon.statusCode, 401);
    const analyst = await a.as("analyst");
    const list = await ctx.app.inject({ method: "GET", url: "/api/v1/webhooks", headers: asUser(analyst) });
    assert.equal(list.statusCode, 403);
    const post = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: asUser(analyst),
      payload: { url: "https://hooks.example.test/x", events: ["response.created"] },
    });
    assert.equal(post.statusCode, 403);
    const admin = await a.as("admin");
    const ok = await ctx.app.inject({ method: "GET", url: "/api/v1/webhooks", headers: asUser(admin) });
    assert.equal(ok.statusCode, 200);
  });

  it("keeps organisations apart: another organisation's endpoint is 404 and invisible", async () => {
    const res = await register(a, { url: "https://hooks.example.test/a", events: ["invitation.failed"] });
    const id = res.json().id;
    const del = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/webhooks/${id}`,
      headers: asUser(b.owner),
    });
    assert.equal(del.statusCode, 404);
    const log = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/webhooks/${id}/deliveries`,
      headers: asUser(b.owner),
    });
    assert.equal(log.statusCode, 404);
    const list = await ctx.app.inject({ method: "GET", url: "/api/v1/webhooks", headers: asUser(b.owner) });
    assert.ok(!list.json().some((w: { id: string }) => w.id === id));
    const bad = await ctx.app.inject({
      method: "DELETE",
      url: "/api/v1/webhooks/x",
      headers: asUser(a.owner),
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "params.id");
    const own = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/webhooks/${id}`,
      headers: asUser(a.owner),
    });
    assert.equal(own.statusCode, 204);
    const [left] = await ctx.deps.db
      .select({ n: count() })
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.id, id));
    assert.equal(left.n, 0);
  });

  it("signs deliveries, retries a 500 with the same delivery id, then succeeds; updates are their own event", async () => {
    await clearEndpoints();
    const receiver = await startWebhookReceiver([500, 200]);
    try {
      const res = await register(a, { url: receiver.url, events: ["response.created", "response.updated"] });
      const { id: endpointId, secret } = res.json();
      const token = await answer(9);
      // The delivery row was written with the answer, before anything was sent.
      const queued = await deliveriesOf(endpointId);
      assert.equal(queued.length, 1);
      assert.equal(queued[0].state, "pending");
      assert.equal(queued[0].event, "response.created");

      let now = new Date();
      const clock = () => now;
      const first = await deliverWebhooks(ctx.deps.db, { clock, orgId: a.orgId });
      assert.deepEqual(first, { delivered: 0, failed: 1 });
      let [row] = await deliveriesOf(endpointId);
      assert.equal(row.state, "failed");
      assert.equal(row.lastStatus, 500);
      assert.equal(row.nextAttemptAt?.getTime(), now.getTime() + webhookRetryDelayMs(1));
      // Not retried before its time.
      assert.deepEqual(await deliverWebhooks(ctx.deps.db, { clock, orgId: a.orgId }), {
        delivered: 0,
        failed: 0,
      });
      now = new Date(now.getTime() + webhookRetryDelayMs(1));
      assert.deepEqual(await deliverWebhooks(ctx.deps.db, { clock, orgId: a.orgId }), {
        delivered: 1,
        failed: 0,
      });
      [row] = await deliveriesOf(endpointId);
      assert.equal(row.state, "delivered");
      assert.equal(row.attempts, 2);

      assert.equal(receiver.requests.length, 2);
      for (const r of receiver.requests) {
        assert.equal(r.headers["kaja-delivery"], row.id);
        assert.equal(r.headers["kaja-event"], "response.created");
        const sig = String(r.headers["kaja-signature"]);
        assert.match(sig, /^t=\d+,v1=[0-9a-f]{64}$/);
        assert.ok(
          verifySignature(secret, r.body, sig, { now }),
          "signature verifies with the endpoint's secret",
        );
        assert.ok(!verifySignature("whsec_wrong", r.body, sig, { now }));
        assert.ok(!verifySignature(secret, `${r.body} `, sig, { now }), "a changed body fails");
      }
      const body = JSON.parse(receiver.requests[1].body);
      assert.equal(body.id, row.id);
      assert.equal(body.event, "response.created");
      assert.equal(body.orgId, a.orgId);
      assert.equal(body.data.score, 9);
      assert.equal(body.data.surveyId, surveyId);
      assert.equal(body.data.respondentEmail, undefined);

      // Changing the answer emits response.updated.
      const update = await ctx.app.inject({
        method: "POST",
        url: `/s/${token}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ score: "10", comment: "Väga hea" }).toString(),
      });
      assert.equal(update.statusCode, 303);
      await deliverWebhooks(ctx.deps.db, { clock, orgId: a.orgId });
      const events = (await deliveriesOf(endpointId)).map((d) => `${d.event}:${d.state}`).sort();
      assert.deepEqual(events, ["response.created:delivered", "response.updated:delivered"]);
      const updated = JSON.parse(receiver.requests.at(-1)!.body);
      assert.equal(updated.data.score, 10);
      assert.equal(updated.data.comment, "Väga hea");

      const log = await ctx.app.inject({
        method: "GET",
        url: `/api/v1/webhooks/${endpointId}/deliveries`,
        headers: asUser(a.owner),
      });
      assert.equal(log.statusCode, 200);
      assert.equal(log.json().items.length, 2);
      assert.ok(log.json().items.every((d: { state: string }) => d.state === "delivered"));
    } finally {
      await receiver.close();
    }
  });

  it("does not follow redirects, and gives a delivery up after 8 attempts", async () => {
    await clearEndpoints();
    const receiver = await startWebhookReceiver([302, 500]);
    try {
      const res = await register(a, { url: receiver.url, events: ["response.created"] });
      const { id: endpointId } = res.json();
      await answer(3);
      let now = new Date();
      const clock = () => now;
      for (let attempt = 1; attempt <= 8; attempt++) {
        const out = await deliverWebhooks(ctx.deps.db, { clock, orgId: a.orgId });
        const mine = (await deliveriesOf(endpointId))[0];
        assert.equal(mine.attempts, attempt);
        assert.equal(mine.lastStatus, attempt === 1 ? 302 : 500);
        assert.equal(mine.state, attempt < 8 ? "failed" : "dead");
        assert.ok(out.failed >= 1);
        now = new Date(now.getTime() + webhookRetryDelayMs(attempt));
      }
      assert.equal(receiver.redirected.length, 0, "the redirect target was never called");
      assert.equal(receiver.requests.length, 8);
      now = new Date(now.getTime() + 86_400_000);
      await deliverWebhooks(ctx.deps.db, { clock, orgId: a.orgId });
      assert.equal(receiver.requests.length, 8, "a dead delivery is not retried");
    } finally {
      await receiver.close();
    }
  });
});
