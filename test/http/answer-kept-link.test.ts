import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { response, surveyInvitation } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { followUpCase, followUpRule } from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import {
  createStandardSurvey,
  createTestOrg,
  postAnswer,
  randomIp,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

type TClient = { query: (...args: unknown[]) => Promise<unknown> };

/** The answer after a page view uses the link the page view read, and anything changed since still counts. */
describe("an answer with the link its page view read", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "Kept link");
    surveyId = await createStandardSurvey(ctx.deps, org.orgId);
  });
  after(() => ctx.close());

  const invite = () => issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
  const view = async (token: string) => {
    const res = await ctx.app.inject({ method: "GET", url: `/s/${token}`, remoteAddress: randomIp() });
    assert.equal(res.statusCode, 200, res.body);
  };
  const answer = (token: string, payload: Record<string, unknown>) => postAnswer(ctx.app, token, payload);
  const answersOf = (invitationId: string) =>
    ctx.deps.db
      .select()
      .from(response)
      .where(and(eq(response.orgId, org.orgId), eq(response.invitationId, invitationId)));
  /** The statements the database client runs during `run`. */
  const statementsDuring = async (run: () => Promise<unknown>) => {
    const client = (ctx.deps.db as unknown as { $client: TClient }).$client;
    const query = client.query;
    let count = 0;
    client.query = (...args: unknown[]) => {
      count++;
      return query.apply(client, args);
    };
    try {
      await run();
    } finally {
      client.query = query;
    }
    return count;
  };

  it("stores a first answer after a page view in one statement, and a second post changes it", async () => {
    const inv = await invite();
    await view(inv.token);
    let res: Awaited<ReturnType<typeof answer>> | undefined;
    const statements = await statementsDuring(async () => {
      res = await answer(inv.token, { score: 9, comment: "Hea" });
    });
    assert.equal(res?.statusCode, 200, res?.body);
    assert.equal(statements, 1, "no link read before the write");
    const [stored] = await answersOf(inv.id);
    assert.equal(stored.id, res?.json().responseId);
    assert.equal(stored.score, 9);
    const [i] = await ctx.deps.db.select().from(surveyInvitation).where(eq(surveyInvitation.id, inv.id));
    assert.equal(i.state, "answered");

    const again = await answer(inv.token, { score: 4, comment: "Siiski mitte" });
    assert.equal(again.statusCode, 200, again.body);
    const rows = await answersOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 4, "the second post changed the one answer");
  });

  it("reads the link and writes the answer, two statements, when no page view kept the link", async () => {
    const inv = await invite();
    let res: Awaited<ReturnType<typeof answer>> | undefined;
    const statements = await statementsDuring(async () => {
      res = await answer(inv.token, { score: 3, comment: "Ei meeldinud" });
    });
    assert.equal(res?.statusCode, 200, res?.body);
    assert.equal(statements, 2, "the link read and the answer statement (which opened the case)");
    const [stored] = await answersOf(inv.id);
    assert.equal(stored.id, res?.json().responseId);
  });

  it("answers a link closed after the page view with the closed problem and stores nothing", async () => {
    const inv = await invite();
    await view(inv.token);
    await ctx.deps.db
      .update(surveyInvitation)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(surveyInvitation.id, inv.id));
    const res = await answer(inv.token, { score: 9 });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.equal(res.json().detail, "The survey has closed.");
    assert.equal((await answersOf(inv.id)).length, 0);
  });

  it("changes the answer another process stored after the page view, instead of adding one", async () => {
    const inv = await invite();
    await view(inv.token);
    // Another process (no shared memory) reads the link and stores a first answer.
    const fresh = await findInvitationByToken(ctx.deps.db, inv.token);
    assert.ok(fresh);
    await answerInvitation(ctx.deps.db, fresh, { score: 10, answers: {} }, { locale: "et" });
    const res = await answer(inv.token, { score: 2, comment: "Muutsin meelt" });
    assert.equal(res.statusCode, 200, res.body);
    const rows = await answersOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 2);
    assert.equal(rows[0].comment, "Muutsin meelt");
    assert.equal(res.json().responseId, rows[0].id);
  });

  it("follows a follow-up rule set after the page view: the answer opens the case the rule now asks for", async () => {
    const inv = await invite();
    await view(inv.token);
    // Without a rule an 8 opens no case; the organisation now asks for one at 8 or below.
    await ctx.deps.db.insert(followUpRule).values({ orgId: org.orgId, npsMax: 8 });
    try {
      const res = await answer(inv.token, { score: 8 });
      assert.equal(res.statusCode, 200, res.body);
      const cases = await ctx.deps.db
        .select()
        .from(followUpCase)
        .where(and(eq(followUpCase.orgId, org.orgId), eq(followUpCase.responseId, res.json().responseId)));
      assert.equal(cases.length, 1, "the case the new rule opens");
    } finally {
      await ctx.deps.db.delete(followUpRule).where(eq(followUpRule.orgId, org.orgId));
    }
  });

  it("checks the answer against a survey version published after the page view", async () => {
    const inv = await invite();
    await view(inv.token);
    // A new version with a required question becomes the survey's current version.
    const def = standardDefinition({ locales: ["et"] });
    const required = {
      ...def,
      questions: [{ id: "why", type: "text", required: true, text: { et: "Miks?" } }],
    };
    await ctx.deps.db.execute(sql`
      insert into survey_version (org_id, survey_id, version, definition, created_at)
      values (${org.orgId}, ${surveyId}, 2, ${JSON.stringify(required)}::jsonb, now())`);
    await ctx.deps.db.execute(
      sql`update survey set current_version = 2 where org_id = ${org.orgId} and id = ${surveyId}`,
    );
    const res = await answer(inv.token, { score: 9 });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { path: string }) => e.path),
      ["answers.why"],
    );
    assert.equal((await answersOf(inv.id)).length, 0);
    const ok = await answer(inv.token, { score: 9, answers: { why: "Sest" } });
    assert.equal(ok.statusCode, 200, ok.body);
    const [stored] = await answersOf(inv.id);
    assert.equal(stored.surveyVersion, 2);
  });
});
