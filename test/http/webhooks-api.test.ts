import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { webhookDelivery, webhookEndpoint } from "../../src/db/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import {
  type DeliverWebhooksOptions,
  deliverWebhooks,
  MAX_WEBHOOK_ATTEMPTS,
  webhookRetryDelayMs,
} from "../../src/modules/webhooks/deliver-webhooks.ts";
import { verifySignature } from "../../src/modules/webhooks/sign.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startWebhookReceiver } from "../delivery/webhook-receiver.ts";
import {
  asUser,
  createTestOrg,
  startOwnTestApp,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

/** The local receiver listens on 127.0.0.1, an internal address: tests reach it as an operator would, by allowing it. */
const LOCAL = ["127.0.0.1"];

describe("webhooks", () => {
  /** An app whose operator allows the local receiver (WEBHOOK_ALLOW_HOSTS=127.0.0.1). */
  let ctx: TestContext;
  /** The shared app, with the default settings (nothing internal allowed). */
  let plain: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let p: TestOrg;
  let surveyId: string;

  before(async () => {
    ctx = await startOwnTestApp({ env: { WEBHOOK_ALLOW_HOSTS: LOCAL.join(",") } });
    plain = await startTestApp();
    p = await createTestOrg(plain, "Org P");
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
  after(async () => {
    await ctx.close();
    await plain.close();
  });

  const register = (org: TestOrg, payload: unknown, on = ctx) =>
    on.app.inject({
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

  /** What the deliverer wrote to the server log. */
  const serverLog: string[] = [];

  /** Delivers org A's due webhooks with the local receiver allowed, unless `options` say otherwise. */
  const deliver = (clock: () => Date, options: Partial<DeliverWebhooksOptions> = {}) =>
    deliverWebhooks(ctx.deps.db, {
      clock,
      orgId: a.orgId,
      allowHosts: LOCAL,
      log: { warn: (fields, msg) => serverLog.push(JSON.stringify({ ...fields, msg })) },
      ...options,
    });

  /** The delivery log as the API shows it. */
  const logOf = async (endpointId: string) => {
    const res = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/webhooks/${endpointId}/deliveries`,
      headers: asUser(a.owner),
    });
    assert.equal(res.statusCode, 200);
    return res;
  };

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

  it("refuses endpoints on internal addresses, literal or by name, naming the url field and writing nothing", async () => {
    const mine = () =>
      plain.deps.db.select({ n: count() }).from(webhookEndpoint).where(eq(webhookEndpoint.orgId, p.orgId));
    const [before] = await mine();
    for (const url of [
      "https://127.0.0.1/hook",
      "https://127.9.9.9/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/hook",
      "https://172.16.0.1/hook",
      "https://172.31.255.254/hook",
      "https://192.168.1.10/hook",
      "https://100.64.0.1/hook",
      "https://0.0.0.0/hook",
      "https://224.0.0.251/hook",
      "https://2130706433/hook", // 127.0.0.1 written as a number
      "https://[::1]/hook",
      "https://[::]/hook",
      "https://[fe80::1]/hook",
      "https://[fc00::1]/hook",
      "https://[fd12:3456::1]/hook",
      "https://[ff02::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://[::ffff:169.254.169.254]/hook",
      "https://localhost/hook",
      "https://LocalHost./hook",
      // Plain http to this machine stays refused too, even in tests, unless the operator allows it.
      "http://127.0.0.1:9/hook",
      "http://localhost:9/hook",
    ]) {
      const res = await register(p, { url, events: ["response.created"] }, plain);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(res.json().errors[0].path, "body.url", url);
    }
    const [afterRefusals] = await mine();
    assert.equal(afterRefusals.n, before.n);
    // Public addresses pass: a literal one, and a name that does not resolve here (no network is needed).
    for (const url of [
      "https://172.32.0.1/hook",
      "https://93.184.215.14/hook",
      "https://[2001:4860::8888]/hook",
    ]) {
      const res = await register(p, { url, events: ["response.created"] }, plain);
      assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
    }
    // The operator's allow-list lets the named hosts through, and only those.
    const allowed = await register(a, { url: "https://127.0.0.1/hook", events: ["response.created"] });
    assert.equal(allowed.statusCode, 201, allowed.body);
    const other = await register(a, { url: "https://localhost/hook", events: ["response.created"] });
    assert.equal(other.statusCode, 400, "localhost resolves to 127.0.0.1 but is not itself allowed");
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
      const first = await deliver(clock);
      assert.deepEqual(first, { delivered: 0, failed: 1 });
      let [row] = await deliveriesOf(endpointId);
      assert.equal(row.state, "failed");
      assert.equal(row.lastStatus, 500);
      assert.equal(row.lastError, "http_status");
      assert.equal(row.nextAttemptAt?.getTime(), now.getTime() + webhookRetryDelayMs(1));
      // Not retried before its time.
      assert.deepEqual(await deliver(clock), {
        delivered: 0,
        failed: 0,
      });
      now = new Date(now.getTime() + webhookRetryDelayMs(1));
      assert.deepEqual(await deliver(clock), {
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
      await deliver(clock);
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
        const out = await deliver(clock);
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
      await deliver(clock);
      assert.equal(receiver.requests.length, 8, "a dead delivery is not retried");
    } finally {
      await receiver.close();
    }
  });

  it("refuses at delivery time an endpoint that now points inside (literal or by name), with a category only", async () => {
    await clearEndpoints();
    const receiver = await startWebhookReceiver([200]);
    try {
      // Registered while the operator allowed it; then the setting is removed.
      const literal = await register(a, { url: receiver.url, events: ["response.created"] });
      assert.equal(literal.statusCode, 201);
      // A name that resolves to loopback (as a name whose DNS answer changed after registration would).
      const [named] = await ctx.deps.db
        .insert(webhookEndpoint)
        .values({
          orgId: a.orgId,
          id: randomUUID(),
          url: receiver.url.replace("127.0.0.1", "localhost"),
          events: ["response.created"],
          secret: "whsec_test",
        })
        .returning();
      await answer(8);
      let now = new Date();
      const clock = () => now;
      assert.deepEqual(await deliver(clock, { allowHosts: [] }), { delivered: 0, failed: 2 });
      assert.equal(receiver.requests.length, 0, "nothing reached the internal address");
      for (const endpointId of [literal.json().id, named.id]) {
        const [row] = await deliveriesOf(endpointId);
        assert.equal(row.state, "failed");
        assert.equal(row.lastError, "refused_address");
        assert.equal(row.lastStatus, null);
        const log = await logOf(endpointId);
        assert.equal(log.json().items[0].lastError, "refused_address");
      }
      // Not retried forever: given up after the usual number of attempts.
      for (let attempt = 2; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
        now = new Date(now.getTime() + webhookRetryDelayMs(attempt));
        await deliver(clock, { allowHosts: [] });
      }
      for (const endpointId of [literal.json().id, named.id]) {
        const [row] = await deliveriesOf(endpointId);
        assert.equal(row.state, "dead");
        assert.equal(row.attempts, MAX_WEBHOOK_ATTEMPTS);
      }
      assert.equal(receiver.requests.length, 0);
    } finally {
      await receiver.close();
    }
  });

  it("shows a connection failure as a category, never the low-level error text", async () => {
    await clearEndpoints();
    const receiver = await startWebhookReceiver([200]);
    await receiver.close(); // nothing listens on its port any more
    const res = await register(a, { url: receiver.url, events: ["response.created"] });
    const { id: endpointId } = res.json();
    await answer(5);
    assert.deepEqual(await deliver(() => new Date()), { delivered: 0, failed: 1 });
    const [row] = await deliveriesOf(endpointId);
    assert.equal(row.lastError, "connect");
    const log = await logOf(endpointId);
    assert.equal(log.json().items[0].lastError, "connect");
    assert.doesNotMatch(log.body, /ECONNREFUSED|connect ECONN|127\.0\.0\.1|Error:/);
    // The detail is kept for the operator, in the server log.
    assert.match(serverLog.at(-1) ?? "", /"category":"connect".*ECONNREFUSED/);
    // Rows written before categories existed hold raw error text; the API shows only their category.
    await ctx.deps.db
      .update(webhookDelivery)
      .set({ lastError: "ECONNREFUSED" })
      .where(and(eq(webhookDelivery.orgId, a.orgId), eq(webhookDelivery.id, row.id)));
    const old = await logOf(endpointId);
    assert.equal(old.json().items[0].lastError, "connect");
    assert.doesNotMatch(old.body, /ECONNREFUSED/);
  });

  it("connects to the address it checked: a second DNS answer cannot swap it", async () => {
    await clearEndpoints();
    const receiver = await startWebhookReceiver([200]);
    try {
      const url = receiver.url.replace("127.0.0.1", "hooks.rebind.test");
      const [endpoint] = await ctx.deps.db
        .insert(webhookEndpoint)
        .values({ orgId: a.orgId, id: randomUUID(), url, events: ["response.created"], secret: "whsec_test" })
        .returning();
      await answer(10);
      // The first answer is the receiver; any later one points at a port-less loopback address.
      const lookups: string[] = [];
      const lookup = async (host: string) => {
        lookups.push(host);
        return [lookups.length === 1 ? "127.0.0.1" : "127.0.0.2"];
      };
      const out = await deliver(() => new Date(), { allowHosts: ["hooks.rebind.test"], lookup });
      assert.deepEqual(out, { delivered: 1, failed: 0 });
      assert.deepEqual(lookups, ["hooks.rebind.test"], "resolved once");
      assert.equal(receiver.requests.length, 1);
      assert.match(String(receiver.requests[0].headers.host), /^hooks\.rebind\.test:\d+$/);
      // Without the allow-list every address of the answer is checked: one internal address refuses it all.
      await answer(10);
      const mixed = async () => ["93.184.215.14", "127.0.0.1"];
      const refused = await deliver(() => new Date(), { allowHosts: [], lookup: mixed });
      assert.deepEqual(refused, { delivered: 0, failed: 1 });
      assert.equal(receiver.requests.length, 1);
      const rows = await deliveriesOf(endpoint.id);
      assert.ok(rows.some((r) => r.lastError === "refused_address"));
    } finally {
      await receiver.close();
    }
  });
});
