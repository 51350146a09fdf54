import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { serviceEventBatchStats } from "../../src/modules/distribution/service-event.ts";
import { createTestOrg, startTestApp, type TestContext } from "../helpers/app.ts";
import { bearer, countRows, seedSurvey } from "../fixtures/distribution/setup.ts";

/**
 * 40 events of new contacts: 30 people once, 4 people twice (the second event meets the contact rule), 3 events
 * sent twice with the same idempotency key. Posted one by one and all at once, they must end the same way.
 */
function events(surveyId: string, tag: string, repeats = true) {
  const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const one = (n: number, idempotencyKey?: string) => ({
    payload: { surveyId, contact: { email: `isik${n}-${tag}@example.test`, locale: "et" }, occurredAt: at },
    idempotencyKey,
  });
  const list = [];
  for (let n = 0; n < 30; n++) list.push(one(n));
  if (!repeats) return list;
  for (let n = 30; n < 34; n++) list.push(one(n), one(n));
  for (let n = 34; n < 37; n++) {
    const key = `${tag}-${n}`;
    list.push(one(n, key), one(n, key));
  }
  return list;
}

describe("service events written together (decision 062)", () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await startTestApp();
  });
  after(() => ctx.close());

  /** An organisation with a survey whose context the process already remembers (one event sent first). */
  async function setUp(name: string) {
    const org = await createTestOrg(ctx, name);
    const surveyId = await seedSurvey(ctx.deps.db, org.orgId);
    const key = await bearer(ctx.deps.db, org.orgId, ["events:write"]);
    const post = (e: ReturnType<typeof events>[number]) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/service-events",
        headers: { ...key, ...(e.idempotencyKey ? { "idempotency-key": e.idempotencyKey } : {}) },
        payload: e.payload,
      });
    const first = await post({
      payload: {
        surveyId,
        contact: { email: `first-${randomUUID()}@example.test`, locale: "et" },
        occurredAt: new Date().toISOString(),
      },
      idempotencyKey: undefined,
    });
    assert.equal(first.statusCode, 202, first.body);
    return { org, surveyId, post };
  }

  /** What each event was answered (state, and whether its invitation is shared with another event) and the rows. */
  async function outcome(orgId: string, replies: { statusCode: number; body: string }[]) {
    const bodies = replies.map((r) => {
      assert.ok(r.statusCode === 202 || r.statusCode === 200, r.body);
      return JSON.parse(r.body) as { invitationId: string; state: string; reason?: string };
    });
    const ids = bodies.map((b) => b.invitationId);
    return {
      answers: bodies.map((b) => ({
        state: b.state,
        reason: b.reason ?? null,
        shared: ids.filter((id) => id === b.invitationId).length,
      })),
      rows: await countRows(ctx.deps.db, orgId),
    };
  }

  it("new people's events posted at once end as posted one by one, grouped on PostgreSQL", async () => {
    const alone = await setUp("One by one, new people");
    const aloneReplies = [];
    for (const e of events(alone.surveyId, "c", false)) aloneReplies.push(await alone.post(e));

    const together = await setUp("All at once, new people");
    const before = { ...(serviceEventBatchStats(ctx.deps.db) ?? { batched: 0, retried: 0 }) };
    const togetherReplies = await Promise.all(
      events(together.surveyId, "d", false).map((e) => together.post(e)),
    );

    const got = await outcome(together.org.orgId, togetherReplies);
    assert.deepEqual(got, await outcome(alone.org.orgId, aloneReplies));
    assert.deepEqual(got.rows, { invitations: 31, deliveries: 31, contacts: 31 });
    const stats = serviceEventBatchStats(ctx.deps.db);
    if (stats) {
      assert.ok(stats.batched > before.batched, "some events were written together");
      assert.equal(stats.retried, before.retried, "no group failed");
    }
  });

  it("repeated people and keys posted at once end as posted one by one", async () => {
    const alone = await setUp("One by one");
    const aloneReplies = [];
    for (const e of events(alone.surveyId, "a")) aloneReplies.push(await alone.post(e));

    const together = await setUp("All at once");
    const before = { ...(serviceEventBatchStats(ctx.deps.db) ?? { batches: 0, retried: 0 }) };
    const togetherReplies = await Promise.all(events(together.surveyId, "b").map((e) => together.post(e)));

    const expected = await outcome(alone.org.orgId, aloneReplies);
    const got = await outcome(together.org.orgId, togetherReplies);
    // A repeated person's two events and a repeated key's two events may finish in either order.
    const sortPairs = (o: typeof expected) => {
      const answers = o.answers.slice(0, 30);
      for (let i = 30; i < o.answers.length; i += 2)
        answers.push(...[o.answers[i], o.answers[i + 1]].sort((x, y) => x.state.localeCompare(y.state)));
      return { ...o, answers };
    };
    assert.deepEqual(sortPairs(got), sortPairs(expected));
    assert.equal(got.rows.contacts, 1 + 37, "one contact per person");
    // The same key answers with the same invitation.
    for (let i = 38; i < 44; i += 2) assert.equal(got.answers[i].shared, 2);
    const stats = serviceEventBatchStats(ctx.deps.db);
    if (stats) {
      assert.ok(stats.batches > before.batches, "some events were written together");
      assert.ok(
        stats.retried > before.retried,
        "the groups holding a repeated person or key were tried again alone",
      );
    }
  });
});
