import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { response, surveyInvitation, webhookDelivery, webhookEndpoint } from "../../src/db/schema.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { emitResponseEvent } from "../../src/modules/webhooks/emit-response-event.ts";
import {
  createStandardSurvey,
  createTestOrg,
  postAnswer,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

describe("a first answer in one statement", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;
  const endpointIds = [randomUUID(), randomUUID()];

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "One statement");
    surveyId = await createStandardSurvey(ctx.deps, org.orgId);
    // Two endpoints listen to response.created, a third to something else, a fourth is archived.
    await ctx.deps.db.insert(webhookEndpoint).values([
      {
        orgId: org.orgId,
        id: endpointIds[0],
        url: "https://a.example.test/",
        events: ["response.created"],
        secret: "s",
      },
      {
        orgId: org.orgId,
        id: endpointIds[1],
        url: "https://b.example.test/",
        events: ["case.created", "response.created"],
        secret: "s",
      },
      {
        orgId: org.orgId,
        id: randomUUID(),
        url: "https://c.example.test/",
        events: ["case.created"],
        secret: "s",
      },
      {
        orgId: org.orgId,
        id: randomUUID(),
        url: "https://d.example.test/",
        events: ["response.created"],
        secret: "s",
        archivedAt: new Date(),
      },
    ]);
  });
  after(() => ctx.close());

  const post = (token: string, payload: Record<string, unknown>) => postAnswer(ctx.app, token, payload);

  it("stores the answer, marks the invitation answered and queues the same deliveries as the transaction would", async () => {
    const inv = await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
    const res = await post(inv.token, { score: 9, satisfaction: 8, comment: "Väga hea" });
    assert.equal(res.statusCode, 200, res.body);
    const { responseId } = res.json();
    const db = ctx.deps.db;
    const [stored] = await db.select().from(response).where(eq(response.id, responseId));
    assert.equal(stored.score, 9);
    assert.equal(stored.invitationId, inv.id);
    const [i] = await db.select().from(surveyInvitation).where(eq(surveyInvitation.id, inv.id));
    assert.equal(i.state, "answered");
    assert.ok(i.answeredAt);
    const deliveries = await db
      .select()
      .from(webhookDelivery)
      .where(and(eq(webhookDelivery.orgId, org.orgId), eq(webhookDelivery.event, "response.created")));
    assert.deepEqual(deliveries.map((d) => d.endpointId).sort(), [...endpointIds].sort());
    // The payload the one statement built equals the one emitResponseEvent builds from the stored answer.
    const now = new Date(stored.receivedAt);
    const expected = await db
      .transaction(async (tx) => {
        await emitResponseEvent(tx, org.orgId, responseId, "response.created", now);
        const rows = await tx
          .select()
          .from(webhookDelivery)
          .where(and(eq(webhookDelivery.orgId, org.orgId), eq(webhookDelivery.event, "response.created")));
        throw Object.assign(new Error("rollback"), { rows });
      })
      .catch((e: { rows?: (typeof deliveries)[number][] }) => e.rows ?? []);
    const made = expected.filter((d) => !deliveries.some((x) => x.id === d.id));
    assert.equal(made.length, 2);
    const strip = (p: unknown) => {
      const { id: _id, ...rest } = p as Record<string, unknown>;
      return rest;
    };
    for (const d of deliveries) {
      assert.equal((d.payload as { id: string }).id, d.id, "the payload carries the delivery id");
      assert.equal(d.state, "pending");
      assert.deepEqual(strip(d.payload), strip(made[0].payload));
    }
    assert.deepEqual(
      await db.select().from(followUpCase).where(eq(followUpCase.responseId, responseId)),
      [],
      "a high score opens no case",
    );
  });

  it("a low score still opens its case with the answer (the transaction path)", async () => {
    const inv = await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
    const res = await post(inv.token, { score: 2 });
    assert.equal(res.statusCode, 200, res.body);
    const cases = await ctx.deps.db
      .select()
      .from(followUpCase)
      .where(eq(followUpCase.responseId, res.json().responseId));
    assert.equal(cases.length, 1);
  });

  it("a second first answer to the same link changes the answer instead of adding one", async () => {
    const inv = await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
    const [a, b] = await Promise.all([post(inv.token, { score: 9 }), post(inv.token, { score: 10 })]);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    assert.equal(a.json().responseId, b.json().responseId);
    const rows = await ctx.deps.db.select().from(response).where(eq(response.invitationId, inv.id));
    assert.equal(rows.length, 1);
  });
});
