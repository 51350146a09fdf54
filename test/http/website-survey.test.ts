import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { channel, response, service } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { embedSnippet } from "../../src/modules/responses/embed.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { WEBSITE_ANSWERS_PER_MINUTE } from "../../src/modules/responses/public-routes.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey, setSurveyArchived } from "../../src/modules/surveys/surveys.ts";
import { escapeHtml } from "../../src/views/html.ts";
import { createTestOrg, randomIp, startTestApp, type TestContext } from "../helpers/app.ts";

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

describe("website survey /w/:org/:survey", () => {
  let ctx: TestContext;
  let a: { orgId: string; slug: string };
  let b: { orgId: string; slug: string };
  let surveyId: string;
  let transactionalId: string;

  const definition = standardDefinition({ locales: ["et", "en"], object: "service" });
  const rows = () =>
    ctx.deps.db
      .select()
      .from(response)
      .where(and(eq(response.orgId, a.orgId), eq(response.surveyId, surveyId)));
  const allRows = async (orgId: string) =>
    (await ctx.deps.db.select({ id: response.id }).from(response).where(eq(response.orgId, orgId))).length;
  const post = (url: string, fields: [string, string][], remoteAddress = randomIp()) =>
    ctx.app.inject({
      method: "POST",
      url,
      remoteAddress,
      payload: form(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Maksu- ja Tolliamet");
    b = await createTestOrg(ctx, "Teine amet");
    const db = ctx.deps.db;
    ({ id: surveyId } = await createSurvey(db, a.orgId, {
      name: "Veebiküsitlus",
      slug: "veeb",
      kind: "website",
      definition,
    }));
    ({ id: transactionalId } = await createSurvey(db, a.orgId, {
      name: "Kontakt",
      slug: "kontakt",
      kind: "transactional",
      definition,
    }));
    const archived = await createSurvey(db, a.orgId, {
      name: "Vana",
      slug: "vana",
      kind: "website",
      definition,
    });
    await setSurveyArchived(db, a.orgId, archived.id, true);
    await createSurvey(db, b.orgId, { name: "Teise veeb", slug: "teise-veeb", kind: "website", definition });
    await db.insert(service).values([
      {
        orgId: a.orgId,
        id: "declarations",
        names: { et: "Deklaratsioonid", en: "Tax returns" },
        type: "e_service",
        audience: "external",
      },
      { orgId: b.orgId, id: "foreign", names: { et: "Võõras" }, type: "e_service", audience: "external" },
    ]);
    await db.insert(channel).values({ orgId: a.orgId, id: "web-form", names: { et: "Veebivorm" } });
  });
  after(() => ctx.close());

  it("shows the survey with optional name and e-mail fields in the visitor's language", async () => {
    const res = await ctx.app.inject({
      url: `/w/${a.slug}/veeb`,
      headers: { "accept-language": "en-GB,en;q=0.9,et;q=0.5" },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="en">/);
    assert.equal(res.body.match(/name="score"/g)?.length, 11);
    assert.ok(res.body.includes(escapeHtml(st("en", "page.nameOptional"))));
    assert.ok(res.body.includes(escapeHtml(st("en", "page.emailOptional"))));
    assert.ok(res.body.includes(escapeHtml(st("en", "page.contactHint"))));
    assert.match(
      res.body,
      /<input type="email" id="email" name="email" maxlength="254" value="" autocomplete="email">/,
    );
    assert.match(res.body, new RegExp(`<form method="post" action="/w/${a.slug}/veeb"`));
    assert.ok(res.body.includes('<a href="?lang=et" lang="et" hreflang="et">eesti</a>'));
    assert.equal(res.headers["cache-control"], "no-store");
    assert.equal(
      (await ctx.app.inject({ url: `/w/${a.slug}/veeb?lang=et` })).body.match(/<html lang="(\w+)">/)?.[1],
      "et",
    );
  });

  it("stores an anonymous answer without identity, and name and e-mail when given", async () => {
    const anon = await post(`/w/${a.slug}/veeb`, [
      ["lang", "et"],
      ["website", ""],
      ["score", "9"],
      ["comment", "Hea"],
      ["name", ""],
      ["email", ""],
    ]);
    assert.equal(anon.statusCode, 303);
    assert.equal(anon.headers.location, `/w/${a.slug}/veeb/thanks?lang=et`);
    let stored = await rows();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].score, 9);
    assert.equal(stored[0].comment, "Hea");
    assert.equal(stored[0].source, "website");
    assert.equal(stored[0].invitationId, null);
    assert.equal(stored[0].respondentName, null);
    assert.equal(stored[0].respondentEmail, null);
    assert.equal(stored[0].surveyVersion, 1);
    const thanks = await ctx.app.inject({ url: anon.headers.location as string });
    assert.equal(thanks.statusCode, 200);
    assert.ok(thanks.body.includes(escapeHtml(st("et", "thanks.title"))));
    assert.ok(
      !thanks.body.includes(escapeHtml(st("et", "thanks.edit"))),
      "an anonymous answer cannot be changed",
    );

    const named = await post(`/w/${a.slug}/veeb`, [
      ["lang", "en"],
      ["score", "4"],
      ["name", " Mari Maasikas "],
      ["email", "mari@example.test"],
    ]);
    assert.equal(named.statusCode, 303);
    stored = await rows();
    assert.equal(stored.length, 2);
    const row = stored.find((r) => r.score === 4);
    assert.equal(row?.respondentName, "Mari Maasikas");
    assert.equal(row?.respondentEmail, "mari@example.test");
    assert.equal(row?.locale, "en");
  });

  it("stores the service and channel tags of the organisation only", async () => {
    const before = (await rows()).length;
    const page = await ctx.app.inject({ url: `/w/${a.slug}/veeb?service=declarations&channel=web-form` });
    assert.ok(page.body.includes("„Deklaratsioonid“"), "the service name fills {service}");
    assert.match(
      page.body,
      new RegExp(`action="/w/${a.slug}/veeb\\?service=declarations&amp;channel=web-form"`),
    );
    assert.equal(
      (await post(`/w/${a.slug}/veeb?service=declarations&channel=web-form`, [["score", "10"]])).statusCode,
      303,
    );
    assert.equal(
      (await post(`/w/${a.slug}/veeb?service=foreign&channel=nope`, [["score", "2"]])).statusCode,
      303,
    );
    const stored = await rows();
    assert.equal(stored.length, before + 2);
    const tagged = stored.find((r) => r.score === 10);
    assert.equal(tagged?.serviceId, "declarations");
    assert.equal(tagged?.channelId, "web-form");
    const foreign = stored.find((r) => r.score === 2);
    assert.equal(foreign?.serviceId, null, "another organisation's service is ignored");
    assert.equal(foreign?.channelId, null);
  });

  it("rejects invalid answers with the page and its errors, storing nothing", async () => {
    const before = (await rows()).length;
    const cases: [string, string][][] = [
      [["comment", "Ilma hindeta"]],
      [["score", "11"]],
      [
        ["score", "5"],
        ["comment", "x".repeat(5001)],
      ],
      [
        ["score", "5"],
        ["name", "n".repeat(201)],
      ],
      [
        ["score", "5"],
        ["email", `${"e".repeat(250)}@example.test`],
      ],
      [
        ["score", "5"],
        ["answers.nope", "1"],
      ],
    ];
    for (const fields of cases) {
      const res = await post(`/w/${a.slug}/veeb`, [["lang", "et"], ...fields]);
      assert.equal(res.statusCode, 400, JSON.stringify(fields).slice(0, 80));
      assert.match(res.body, /<div class="summary" role="alert"/);
    }
    const kept = await post(`/w/${a.slug}/veeb`, [
      ["lang", "et"],
      ["score", "5"],
      ["name", "n".repeat(201)],
      ["email", "x@example.test"],
    ]);
    assert.match(kept.body, /id="email" name="email" maxlength="254" value="x@example.test"/);
    assert.match(kept.body, /<a href="#name">/);
    assert.equal((await rows()).length, before);
  });

  it("answers 404 for a non-website, archived, unknown or other organisation's survey", async () => {
    const before = { a: await allRows(a.orgId), b: await allRows(b.orgId) };
    for (const url of [
      `/w/${a.slug}/kontakt`,
      `/w/${a.slug}/vana`,
      `/w/${a.slug}/teise-veeb`,
      `/w/no-such-org/veeb`,
      `/w/${a.slug}/nope`,
    ]) {
      const page = await ctx.app.inject({ url });
      assert.equal(page.statusCode, 404, url);
      assert.ok(page.body.includes(escapeHtml(st("et", "notFound.title"))));
      assert.ok(!page.body.includes("Maksu- ja Tolliamet"));
      assert.equal((await post(url, [["score", "5"]])).statusCode, 404, url);
    }
    assert.equal((await ctx.app.inject({ url: `/w/${b.slug}/teise-veeb` })).statusCode, 200);
    assert.deepEqual({ a: await allRows(a.orgId), b: await allRows(b.orgId) }, before);
  });

  it("pretends success to a bot that fills the honeypot, storing nothing", async () => {
    const before = (await rows()).length;
    const res = await post(`/w/${a.slug}/veeb?embed=1`, [
      ["lang", "et"],
      ["website", "https://spam.example"],
      ["score", "10"],
    ]);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/w/${a.slug}/veeb/thanks?embed=1&lang=et`);
    assert.equal((await rows()).length, before);
  });

  it(`limits answers to ${WEBSITE_ANSWERS_PER_MINUTE} a minute per address, with a friendly page`, async () => {
    const ip = randomIp();
    const before = (await rows()).length;
    for (let i = 0; i < WEBSITE_ANSWERS_PER_MINUTE; i++) {
      const res = await post(`/w/${a.slug}/veeb`, [["score", "7"]], ip);
      assert.equal(res.statusCode, 303, `answer ${i + 1}`);
    }
    const limited = await post(`/w/${a.slug}/veeb?lang=en`, [["score", "7"]], ip);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.headers["content-type"] as string, /^text\/html/);
    assert.ok(limited.body.includes(escapeHtml(st("en", "error.tooMany"))));
    assert.ok(limited.headers["retry-after"]);
    assert.equal((await rows()).length, before + WEBSITE_ANSWERS_PER_MINUTE);
    const embedded = await post(`/w/${a.slug}/veeb?embed=1`, [["score", "7"]], ip);
    assert.equal(embedded.statusCode, 429);
    assert.equal(
      embedded.headers["x-frame-options"],
      undefined,
      "the limit page shows inside the iframe too",
    );
    assert.equal(
      (await ctx.app.inject({ url: `/w/${a.slug}/veeb`, remoteAddress: ip })).statusCode,
      200,
      "reading is not limited",
    );
    assert.equal(
      (await post(`/w/${a.slug}/veeb`, [["score", "7"]], randomIp())).statusCode,
      303,
      "others can answer",
    );
    assert.equal((await rows()).length, before + WEBSITE_ANSWERS_PER_MINUTE + 1);
  });

  it("can be framed with embed=1 only; invitation pages can never be framed", async () => {
    const embedded = await ctx.app.inject({ url: `/w/${a.slug}/veeb?embed=1` });
    assert.equal(embedded.statusCode, 200);
    assert.equal(embedded.headers["x-frame-options"], undefined);
    const csp = embedded.headers["content-security-policy"] as string;
    assert.match(csp, /frame-ancestors \*/);
    assert.doesNotMatch(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/, "the rest of the policy stays");
    assert.match(embedded.body, /<body class="embed">/);
    assert.match(embedded.body, /action="\/w\/[\w-]+\/veeb\?embed=1"/);
    assert.ok(embedded.body.includes('href="?embed=1&amp;lang=en"'));
    const thanks = await ctx.app.inject({ url: `/w/${a.slug}/veeb/thanks?embed=1&lang=et` });
    assert.equal(thanks.headers["x-frame-options"], undefined);

    const plain = await ctx.app.inject({ url: `/w/${a.slug}/veeb` });
    assert.match(plain.headers["content-security-policy"] as string, /frame-ancestors 'none'/);
    assert.ok(plain.headers["x-frame-options"]);
    const { token } = await issueSentInvitation(ctx.deps.db, {
      orgId: a.orgId,
      surveyId: transactionalId,
      locale: "et",
    });
    for (const url of [`/s/${token}`, `/s/${token}?embed=1`]) {
      const invitation = await ctx.app.inject({ url });
      assert.equal(invitation.statusCode, 200);
      assert.match(invitation.headers["content-security-policy"] as string, /frame-ancestors 'none'/);
      assert.ok(invitation.headers["x-frame-options"]);
    }
  });

  it("gives an escaped iframe snippet", () => {
    assert.equal(
      embedSnippet("https://kaja.example/", "maksu-amet", "veeb", 'Tagasiside "<Maksu>" & Co'),
      '<iframe src="https://kaja.example/w/maksu-amet/veeb?embed=1" title="Tagasiside &quot;&lt;Maksu&gt;&quot; &amp; Co" width="100%" height="720" style="border:0" loading="lazy"></iframe>',
    );
  });
});
