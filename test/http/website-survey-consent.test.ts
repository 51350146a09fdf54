import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { response } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { followUpCase, followUpEvent } from "../../src/modules/followup/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { escapeHtml } from "../../src/views/html.ts";
import {
  asUser,
  createTestOrg,
  randomIp,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

describe("the contact question on the website survey", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let surveyId: string;
  const url = () => `/w/${a.slug}/veeb`;

  const post = (fields: [string, string][], path = url()) =>
    ctx.app.inject({
      method: "POST",
      url: path,
      remoteAddress: randomIp(),
      payload: form(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  /** The answer with this comment and its case (if any). */
  async function stored(comment: string) {
    const [r] = await ctx.deps.db
      .select()
      .from(response)
      .where(and(eq(response.orgId, a.orgId), eq(response.comment, comment)));
    if (!r) return { r: undefined, c: undefined };
    const [c] = await ctx.deps.db
      .select()
      .from(followUpCase)
      .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.responseId, r.id)));
    return { r, c };
  }

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, `Veebiamet ${unique()}`);
    ({ id: surveyId } = await createSurvey(ctx.deps.db, a.orgId, {
      name: "Veebiküsitlus",
      slug: "veeb",
      kind: "website",
      definition: standardDefinition({ locales: ["et", "en"], object: "service" }),
    }));
  });
  after(() => ctx.close());

  it("asks on the form whether and how the agency may contact the respondent (no script needed)", async () => {
    const res = await ctx.app.inject({ method: "GET", url: `${url()}?lang=en` });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(escapeHtml(st("en", "consent.legend"))));
    assert.ok(res.body.includes(escapeHtml(st("en", "consent.emailTyped"))));
    assert.match(res.body, /<input type="radio" id="contact.phone" name="contact" value="phone">/);
    assert.match(res.body, /<input type="tel" id="phone" name="phone"/);
    assert.doesNotMatch(res.body, /<script/);
  });

  it("stores e-mail consent with the answer and its case; the case shows the typed address", async () => {
    const comment = `e-post ${unique()}`;
    const res = await post([
      ["score", "2"],
      ["comment", comment],
      ["email", "mari@example.test"],
      ["contact", "email"],
    ]);
    assert.equal(res.statusCode, 303, res.body);
    const { r, c } = await stored(comment);
    assert.equal(r?.respondentEmail, "mari@example.test");
    assert.ok(c);
    assert.equal(c.contactAllowed, true);
    assert.equal(c.contactChannel, "email");
    const events = await ctx.deps.db
      .select({ kind: followUpEvent.kind, data: followUpEvent.data })
      .from(followUpEvent)
      .where(and(eq(followUpEvent.orgId, a.orgId), eq(followUpEvent.caseId, c.id)));
    assert.deepEqual(events.find((e) => e.kind === "consent")?.data, { contact: "email" });
    const got = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/cases/${c.id}`,
      headers: asUser(a.owner),
    });
    assert.equal(got.json().contact.email, "mari@example.test");
  });

  it("stores a phone number normalised to E.164", async () => {
    const comment = `telefon ${unique()}`;
    const res = await post([
      ["score", "4"],
      ["comment", comment],
      ["contact", "phone"],
      ["phone", "5123 4567"],
    ]);
    assert.equal(res.statusCode, 303, res.body);
    const { c } = await stored(comment);
    assert.equal(c?.contactChannel, "phone");
    assert.equal(c?.contactPhone, "+37251234567");
  });

  it("stores a refusal: the case opens as no contact allowed", async () => {
    const comment = `ei ${unique()}`;
    assert.equal(
      (
        await post([
          ["score", "1"],
          ["comment", comment],
          ["contact", "no"],
        ])
      ).statusCode,
      303,
    );
    const { c } = await stored(comment);
    assert.equal(c?.contactAllowed, false);
    assert.equal(c?.contactChannel, null);
  });

  it("rejects an unreadable phone number and e-mail consent without an address, storing nothing", async () => {
    const comment = `vigane ${unique()}`;
    const badPhone = await post([
      ["score", "3"],
      ["comment", comment],
      ["contact", "phone"],
      ["phone", "helista mulle"],
      ["lang", "en"],
    ]);
    assert.equal(badPhone.statusCode, 400);
    assert.ok(badPhone.body.includes(escapeHtml(st("en", "consent.phoneError"))));
    assert.match(badPhone.body, /href="#phone"/, "the error summary links to the field");
    assert.match(badPhone.body, /value="phone" checked/, "the choice is kept");
    assert.match(badPhone.body, /value="helista mulle"/);
    const noEmail = await post([
      ["score", "3"],
      ["comment", comment],
      ["contact", "email"],
      ["lang", "en"],
    ]);
    assert.equal(noEmail.statusCode, 400);
    assert.ok(noEmail.body.includes(escapeHtml(st("en", "consent.emailMissing"))));
    assert.match(noEmail.body, /href="#email"/);
    const { r } = await stored(comment);
    assert.equal(r, undefined);
  });

  it("keeps no consent when the answer opens no case, and asks nothing when the rule is off", async () => {
    const comment = `hea ${unique()}`;
    const res = await post([
      ["score", "10"],
      ["comment", comment],
      ["contact", "phone"],
      ["phone", "5123 4567"],
    ]);
    assert.equal(res.statusCode, 303);
    const { r, c } = await stored(comment);
    assert.ok(r);
    assert.equal(c, undefined);
    const put = await ctx.app.inject({
      method: "PUT",
      url: "/api/v1/follow-up-rules",
      headers: asUser(a.owner),
      payload: {
        enabled: true,
        npsMax: 6,
        satisfactionMax: 6,
        surveys: { [surveyId]: { enabled: false } },
        deadlineWorkingDays: 2,
        unreachableAfter: 3,
        defaultOwnerId: null,
        departmentManagers: {},
        recoveryQuestion: false,
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    const page = await ctx.app.inject({ method: "GET", url: url() });
    assert.doesNotMatch(page.body, /name="contact"/);
  });
});
