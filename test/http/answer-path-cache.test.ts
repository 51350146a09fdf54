import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { response, surveyInvitation, webhookDelivery } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { DEFAULT_FOLLOW_UP_RULE } from "../../src/modules/followup/rule.ts";
import { followUpCase, followUpEvent, followUpRule } from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import {
  asUser,
  createStandardSurvey,
  createTestOrg,
  postAnswer,
  randomIp,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

describe("the answer path: cached survey versions, current endpoints, one atomic write", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "Answer path");
    surveyId = await createStandardSurvey(ctx.deps, org.orgId);
  });
  after(() => ctx.close());

  const link = async (of = surveyId) =>
    (await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId: of, locale: "et" })).token;
  const page = (token: string) =>
    ctx.app.inject({ method: "GET", url: `/s/${token}`, remoteAddress: randomIp() });
  const answer = (token: string, payload: Record<string, unknown>) => postAnswer(ctx.app, token, payload);
  const deliveriesTo = (endpointId: string) =>
    ctx.deps.db
      .select()
      .from(webhookDelivery)
      .where(and(eq(webhookDelivery.orgId, org.orgId), eq(webhookDelivery.endpointId, endpointId)));
  const editQuestion = async (id: string, text: string) => {
    const got = await ctx.app.inject({ url: `/api/v1/surveys/${id}`, headers: asUser(org.owner) });
    const def = got.json().definition;
    const res = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/surveys/${id}`,
      headers: asUser(org.owner),
      payload: { definition: { ...def, recommend: { ...def.recommend, text: { et: text } } } },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().currentVersion as number;
  };

  it("an endpoint registered or removed through the API counts for the very next answer", async () => {
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: asUser(org.owner),
      payload: { url: "https://hooks.example.test/answers", events: ["response.created", "case.created"] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const endpointId = created.json().id as string;
    const first = await answer(await link(), { score: 2 });
    assert.equal(first.statusCode, 200, first.body);
    const made = await deliveriesTo(endpointId);
    assert.deepEqual(made.map((d) => d.event).sort(), ["case.created", "response.created"]);
    const responseId = first.json().responseId;
    const [c] = await ctx.deps.db.select().from(followUpCase).where(eq(followUpCase.responseId, responseId));
    const caseEvent = made.find((d) => d.event === "case.created");
    assert.ok(caseEvent);
    assert.deepEqual((caseEvent.payload as { data: Record<string, unknown> }).data, {
      caseId: c.id,
      responseId,
      surveyId,
      serviceId: null,
      departmentId: null,
      employeeId: null,
      state: "open",
      ownerId: null,
      contactAllowed: null,
      dueDate: c.dueDate,
      resolution: null,
      openedAt: c.openedAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    });

    const removed = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/webhooks/${endpointId}`,
      headers: asUser(org.owner),
    });
    assert.equal(removed.statusCode, 204);
    const second = await answer(await link(), { score: 9 });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal((await deliveriesTo(endpointId)).length, 0, "the log went with the endpoint; nothing new");
  });

  it("shows an edit of the survey at the next request, in place and as a new version", async () => {
    // A survey of its own: its first version has no answers yet.
    const { id: own } = await createSurvey(ctx.deps.db, org.orgId, {
      name: "Muudetav",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const before = await link(own);
    assert.match((await page(before)).body, /kui tõenäoliselt|soovitaksite/i);
    await editQuestion(own, "Esimene muudetud küsimus");
    assert.match(
      (await page(before)).body,
      /Esimene muudetud küsimus/,
      "an unanswered version edited in place",
    );
    assert.equal((await answer(before, { score: 9 })).statusCode, 200);
    assert.equal(await editQuestion(own, "Teine muudetud küsimus"), 2, "an answered version makes version 2");
    assert.match((await page(await link(own))).body, /Teine muudetud küsimus/, "a new link takes version 2");
    const kept = (await page(before)).body;
    assert.match(kept, /Esimene muudetud küsimus/, "a stored answer keeps its version");
    assert.doesNotMatch(kept, /Teine muudetud küsimus/);
  });

  it("follows a follow-up rule changed through the API at the next link read, answer and page view alike", async () => {
    // A survey of its own, so that no other test's answers share its cases.
    const { id: own } = await createSurvey(ctx.deps.db, org.orgId, {
      name: "Reegel",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const setRule = async (npsMax: number) => {
      const res = await ctx.app.inject({
        method: "PUT",
        url: "/api/v1/follow-up-rules",
        headers: asUser(org.owner),
        payload: { ...DEFAULT_FOLLOW_UP_RULE, npsMax, satisfactionMax: null },
      });
      assert.equal(res.statusCode, 200, res.body);
    };
    const casesOf = async (responseId: string) =>
      (
        await ctx.deps.db
          .select()
          .from(followUpCase)
          .where(and(eq(followUpCase.orgId, org.orgId), eq(followUpCase.responseId, responseId)))
      ).length;
    /** A 7 answered on a new link after its page view: whether it opened a case. */
    const sevenOpensCase = async () => {
      const token = await link(own);
      assert.equal((await page(token)).statusCode, 200);
      const res = await answer(token, { score: 7 });
      assert.equal(res.statusCode, 200, res.body);
      return (await casesOf(res.json().responseId)) === 1;
    };
    try {
      await setRule(8);
      assert.equal(await sevenOpensCase(), true, "a 7 is at or below 8");
      await setRule(6);
      assert.equal(await sevenOpensCase(), false, "a 7 is above 6: the rule read before is not used");
      await setRule(7);
      assert.equal(await sevenOpensCase(), true, "and back again");
    } finally {
      await ctx.deps.db.delete(followUpRule).where(eq(followUpRule.orgId, org.orgId));
    }
  });

  it("writes the answer, the invitation, the deliveries and the case together, or none of them", async () => {
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: asUser(org.owner),
      payload: { url: "https://hooks.example.test/atomic", events: ["response.created", "case.created"] },
    });
    const endpointId = created.json().id as string;
    const inv = await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
    // The last part written, the case.created delivery, fails for this organisation only.
    const fn = `fail_${org.orgId.replaceAll("-", "_")}`;
    await ctx.deps.db.execute(
      sql.raw(`create function ${fn}() returns trigger language plpgsql as $$
        begin if new.org_id = '${org.orgId}' and new.event = 'case.created' then
          raise exception 'injected failure'; end if; return new; end $$`),
    );
    await ctx.deps.db.execute(
      sql.raw(`create trigger ${fn} before insert on webhook_delivery for each row execute function ${fn}()`),
    );
    try {
      const res = await answer(inv.token, { score: 1, contact: "phone", phone: "+372 5123 4567" });
      assert.equal(res.statusCode, 500);
    } finally {
      await ctx.deps.db.execute(sql.raw(`drop trigger ${fn} on webhook_delivery`));
      await ctx.deps.db.execute(sql.raw(`drop function ${fn}()`));
    }
    const db = ctx.deps.db;
    const stateOf = async () =>
      (await db.select().from(surveyInvitation).where(eq(surveyInvitation.id, inv.id)))[0].state;
    const answersOf = () => db.select().from(response).where(eq(response.invitationId, inv.id));
    assert.equal((await answersOf()).length, 0, "no answer");
    assert.equal(await stateOf(), "sent", "the invitation is still open");
    assert.equal((await deliveriesTo(endpointId)).length, 0, "no response.created delivery");
    const cases = await db.select().from(followUpCase).where(eq(followUpCase.orgId, org.orgId));
    const before = cases.length;

    const ok = await answer(inv.token, { score: 1, contact: "phone", phone: "+372 5123 4567" });
    assert.equal(ok.statusCode, 200, ok.body);
    const [stored] = await answersOf();
    assert.equal(stored.id, ok.json().responseId);
    assert.equal(await stateOf(), "answered");
    assert.deepEqual((await deliveriesTo(endpointId)).map((d) => d.event).sort(), [
      "case.created",
      "response.created",
    ]);
    const [c] = await db.select().from(followUpCase).where(eq(followUpCase.responseId, stored.id));
    assert.equal(
      (await db.select().from(followUpCase).where(eq(followUpCase.orgId, org.orgId))).length,
      before + 1,
    );
    assert.equal(c.contactAllowed, true);
    assert.equal(c.contactChannel, "phone");
    assert.equal(c.contactPhone, "+37251234567");
    const timeline = await db
      .select()
      .from(followUpEvent)
      .where(and(eq(followUpEvent.orgId, org.orgId), eq(followUpEvent.caseId, c.id)));
    assert.deepEqual(timeline.map((e) => e.kind).sort(), ["consent", "opened"]);
    const opened = timeline.find((e) => e.kind === "opened");
    assert.deepEqual(opened?.data, { score: 1, satisfaction: null, ownerId: null, dueDate: c.dueDate });
    assert.deepEqual(timeline.find((e) => e.kind === "consent")?.data, { contact: "phone" });
  });
});
