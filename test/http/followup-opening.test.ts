import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { response } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { followUpCase, followUpEvent, followUpRule } from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { createTestOrg, startTestApp, type TestContext } from "../helpers/app.ts";

const form = (fields: [string, string][]) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

describe("follow-up cases open with the answer", () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await startTestApp();
  });
  after(() => ctx.close());

  async function orgWithSurvey() {
    const { orgId } = await createTestOrg(ctx);
    const { id: surveyId } = await createSurvey(ctx.deps.db, orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    return { orgId, surveyId };
  }
  const casesOf = (orgId: string) =>
    ctx.deps.db.select().from(followUpCase).where(eq(followUpCase.orgId, orgId));
  const eventsOf = (orgId: string, caseId: string) =>
    ctx.deps.db
      .select()
      .from(followUpEvent)
      .where(and(eq(followUpEvent.orgId, orgId), eq(followUpEvent.caseId, caseId)))
      .orderBy(followUpEvent.at);
  const click = (token: string, score: number) =>
    ctx.app.inject({ method: "GET", url: `/s/${token}?score=${score}` });

  it("opens exactly one case for a 3, updates it on a 5 and on a comment; a 9 opens none", async () => {
    const { orgId, surveyId } = await orgWithSurvey();
    const { token } = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    assert.equal((await click(token, 3)).statusCode, 200);
    let cases = await casesOf(orgId);
    assert.equal(cases.length, 1);
    const [c] = cases;
    assert.equal(c.state, "open");
    const [answer] = await ctx.deps.db.select().from(response).where(eq(response.orgId, orgId));
    assert.equal(c.responseId, answer.id);
    // Due 2 working days after the answer, in Tallinn.
    assert.match(c.dueDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(c.dueAt > answer.receivedAt);

    assert.equal((await click(token, 5)).statusCode, 200);
    const posted = await ctx.app.inject({
      method: "POST",
      url: `/s/${token}`,
      ...form([
        ["lang", "et"],
        ["website", ""],
        ["score", "5"],
        ["comment", "Keegi ei vastanud telefonile."],
      ]),
    });
    assert.equal(posted.statusCode, 303);
    cases = await casesOf(orgId);
    assert.equal(cases.length, 1, "a changed answer updates the case instead of opening another");
    const timeline = await eventsOf(orgId, c.id);
    assert.deepEqual(
      timeline.map((e) => e.kind),
      ["opened", "answer_changed", "answer_changed"],
    );
    assert.equal(timeline[1].data.score, 5);
    assert.ok((timeline[2].data.fields as string[]).includes("comment"));

    const other = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    assert.equal((await click(other.token, 9)).statusCode, 200);
    assert.equal((await casesOf(orgId)).length, 1, "a 9 opens no case");
  });

  it("follows the organisation's rule: a satisfaction of 6 triggers, a survey can be switched off", async () => {
    const { orgId, surveyId } = await orgWithSurvey();
    const a = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    const res = await ctx.app.inject({
      method: "POST",
      url: `/s/${a.token}`,
      ...form([
        ["lang", "et"],
        ["website", ""],
        ["score", "8"],
        ["satisfaction", "6"],
      ]),
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await casesOf(orgId)).length, 1);
    await ctx.deps.db.insert(followUpRule).values({ orgId, surveys: { [surveyId]: { enabled: false } } });
    const b = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    assert.equal((await click(b.token, 0)).statusCode, 200);
    assert.equal((await casesOf(orgId)).length, 1, "the rule is off for this survey");
  });

  it("a failure after the case insert leaves neither answer nor case", async () => {
    const { orgId, surveyId } = await orgWithSurvey();
    const { token } = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    // The timeline entry is written after the case row: make that insert fail for this organisation only.
    const fn = `fail_${orgId.replaceAll("-", "_")}`;
    await ctx.deps.db.execute(
      sql.raw(`create function ${fn}() returns trigger language plpgsql as $$
        begin if new.org_id = '${orgId}' then raise exception 'injected failure'; end if; return new; end $$`),
    );
    await ctx.deps.db.execute(
      sql.raw(`create trigger ${fn} before insert on follow_up_event for each row execute function ${fn}()`),
    );
    try {
      const res = await click(token, 3);
      assert.equal(res.statusCode, 500);
    } finally {
      await ctx.deps.db.execute(sql.raw(`drop trigger ${fn} on follow_up_event`));
      await ctx.deps.db.execute(sql.raw(`drop function ${fn}()`));
    }
    assert.equal((await casesOf(orgId)).length, 0);
    const answers = await ctx.deps.db.select().from(response).where(eq(response.orgId, orgId));
    assert.equal(answers.length, 0, "the answer rolled back with the case");
    // Without the failure the same link works.
    assert.equal((await click(token, 3)).statusCode, 200);
    assert.equal((await casesOf(orgId)).length, 1);
  });

  it("asks whose answer opened a case whether and how they may be contacted; stores the choice on the case", async () => {
    const { orgId, surveyId } = await orgWithSurvey();
    const { token } = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "en" });
    const page = await click(token, 2);
    assert.ok(
      page.body.includes(
        `<fieldset id="contact" aria-describedby="contact:hint">\n<legend>${st("et", "consent.legend")}</legend>`,
      ),
    );
    assert.match(page.body, /<input type="tel" id="phone" name="phone"/);
    assert.ok(!page.body.includes('value="email"'), "no e-mail option without an address");
    const post = (fields: [string, string][]) =>
      ctx.app.inject({
        method: "POST",
        url: `/s/${token}`,
        ...form([["lang", "et"], ["website", ""], ["score", "2"], ...fields]),
      });
    const bad = await post([
      ["contact", "phone"],
      ["phone", "call me"],
    ]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="phone:error" role="alert"/);
    assert.match(bad.body, /id="contact\.phone" name="contact" value="phone" checked/);
    let [c] = await casesOf(orgId);
    assert.equal(c.contactAllowed, null, "nothing stored from a rejected form");
    const ok = await post([
      ["contact", "phone"],
      ["phone", "5123 4567"],
    ]);
    assert.equal(ok.statusCode, 303);
    assert.match(ok.headers.location as string, /\/thanks/);
    [c] = await casesOf(orgId);
    assert.equal(c.contactAllowed, true);
    assert.equal(c.contactChannel, "phone");
    assert.equal(c.contactPhone, "+37251234567");
    const consentEvents = (await eventsOf(orgId, c.id)).filter((e) => e.kind === "consent");
    assert.equal(consentEvents.length, 1);
    assert.ok(
      !JSON.stringify(consentEvents).includes("5123"),
      "the timeline keeps the choice, not the number",
    );
    const again = await ctx.app.inject({ method: "GET", url: `/s/${token}` });
    assert.match(again.body, /id="contact\.phone" name="contact" value="phone" checked/);
    assert.equal((await post([["contact", "no"]])).statusCode, 303);
    [c] = await casesOf(orgId);
    assert.equal(c.contactAllowed, false);
    assert.equal(c.contactPhone, null, "withdrawing consent removes the number");

    const nine = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "en" });
    assert.ok(!(await click(nine.token, 9)).body.includes('id="contact"'), "no question without a case");
  });

  it("brings a first posted answer that opened a case back to the page once to ask the question", async () => {
    const { orgId, surveyId } = await orgWithSurvey();
    const { token } = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    const res = await ctx.app.inject({
      method: "POST",
      url: `/s/${token}`,
      ...form([
        ["lang", "et"],
        ["website", ""],
        ["score", "4"],
      ]),
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/s/${token}?lang=et`);
    assert.match(
      (await ctx.app.inject({ method: "GET", url: res.headers.location as string })).body,
      /id="contact"/,
    );
  });
});
