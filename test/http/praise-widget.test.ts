import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { organization } from "../../src/db/schema.ts";
import { last12Months } from "../../src/modules/insights/praise/widget-figures.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, type TCommentFixture, type TFixtureAnswer } from "./comments-fixtures.ts";

const DAY = 86_400_000;

/** Answers a few days back from now, so they fall in the widget's last 12 months whatever the date. */
function recentAnswers(scores: number[], prefix: string): TFixtureAnswer[] {
  const now = Date.now();
  return scores.map((score, i) => ({
    key: `${prefix}-${i}`,
    score,
    comment: `Tänan, hea teenindus ${i}`,
    locale: "et",
    employee: i % 2 ? "agent" : "other",
    service: "s1",
    at: new Date(now - (3 + (i % 5)) * DAY),
    respondentName: "Kalle Kundsen",
  }));
}

describe("public widget", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fa: TCommentFixture;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Transpordiamet");
    b = await createTestOrg(ctx, "Org B");
    fa = await seedComments(ctx, a, recentAnswers([10, 9, 9, 8, 7, 10, 3, 6, 9, 10, 5, 8, 0, 9], "a"));
    await seedComments(ctx, b, recentAnswers([10, 2, 9], "b"));
    for (let i = 0; i < 7; i++) {
      const id = fa.ids[`a-${i}`];
      await ctx.app.inject({
        method: "POST",
        url: `/api/v1/comments/${id}/praise`,
        headers: asUser(a.owner),
        payload: { target: i % 2 ? "employee" : "service", text: `Kiitus number ${i}` },
      });
      if (i < 6)
        await ctx.app.inject({
          method: "POST",
          url: `/api/v1/comments/${id}/praise/approve`,
          headers: asUser(a.owner),
        });
    }
  });
  after(() => ctx.close());

  const widget = (org: TestOrg, query = "") => ctx.app.inject({ url: `/widget/${org.slug}${query}` });
  const put = (org: TestOrg, payload: unknown, role: "owner" | "analyst" = "owner") =>
    (role === "owner" ? Promise.resolve(org.owner) : org.as(role)).then((s) =>
      ctx.app.inject({
        method: "PUT",
        url: "/api/v1/public-widget",
        headers: asUser(s),
        payload: payload as object,
      }),
    );

  it("is 404 while the organisation has not enabled it", async () => {
    const res = await widget(a);
    assert.equal(res.statusCode, 404);
    assert.ok(!res.body.includes("Transpordiamet"));
    assert.equal((await ctx.app.inject({ url: "/widget/no-such-org" })).statusCode, 404);
  });

  it("an admin enables it and gets a snippet to paste", async () => {
    const res = await put(a, { enabled: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().enabled, true);
    assert.match(
      res.json().snippet,
      new RegExp(`<iframe src="http://localhost:3000/widget/${a.slug}\\?lang=et"`),
    );
    const get = await ctx.app.inject({ url: "/api/v1/public-widget", headers: asUser(await a.as("admin")) });
    assert.deepEqual(get.json(), res.json());
  });

  it("shows the NPS of the last 12 months (the summary's figure) and up to five approved praise texts", async () => {
    const { from, to } = last12Months(new Date(), "Europe/Tallinn");
    const summary = await ctx.app.inject({
      url: `/api/v1/reports/summary?from=${from}&to=${to}`,
      headers: asUser(a.owner),
    });
    const { nps, answers } = summary.json().total;
    assert.equal(answers, 14);
    const expected = new Intl.NumberFormat("et", {
      signDisplay: "exceptZero",
      maximumFractionDigits: 1,
    }).format(nps);
    const res = await widget(a);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`<strong>${expected}</strong>`), `${expected} in ${res.body}`);
    assert.ok(res.body.includes("vastuseid: 14"));
    const shown = [...res.body.matchAll(/Kiitus number (\d)/g)].map((m) => Number(m[1]));
    assert.equal(shown.length, 5, "at most five");
    assert.ok(!shown.includes(6), "never praise that is not approved");
    assert.ok(!res.body.includes("Kalle") && !res.body.includes("Maasikas"), "no respondent, no surname");
    assert.ok(res.body.includes("Mari"), "an employee by first name");
    assert.ok(!/<script/i.test(res.body));
  });

  it("may be framed by any site, unlike the rest of Kaja", async () => {
    const res = await widget(a);
    assert.equal(res.headers["x-frame-options"], undefined);
    assert.match(String(res.headers["content-security-policy"]), /frame-ancestors \*/);
    const other = await ctx.app.inject({ url: "/wall/nothing-here" });
    assert.ok(other.headers["x-frame-options"], "other public pages keep the framing ban");
    assert.match(String(other.headers["content-security-policy"]), /frame-ancestors 'none'/);
  });

  it("speaks the language asked for", async () => {
    const res = await widget(a, "?lang=ru");
    assert.ok(res.body.includes('<html lang="ru">'));
    assert.ok(res.body.includes("Индекс рекомендации (NPS)"));
  });

  it("withholds the NPS under the minimum sample", async () => {
    await put(b, { enabled: true });
    const res = await widget(b);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes("Indeksi näitamiseks on veel liiga vähe vastuseid."));
    assert.ok(!res.body.includes("<strong>"));
  });

  it("only owners and admins switch it; bad input names the field; 401 without credentials", async () => {
    assert.equal((await put(a, { enabled: false }, "analyst")).statusCode, 403);
    const viewerGet = await ctx.app.inject({
      url: "/api/v1/public-widget",
      headers: asUser(await a.as("viewer")),
    });
    assert.equal(viewerGet.statusCode, 403);
    const bad = await put(a, { enabled: "yes" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "body.enabled");
    assert.equal(
      (await ctx.app.inject({ method: "PUT", url: "/api/v1/public-widget", payload: { enabled: false } }))
        .statusCode,
      401,
    );
    assert.equal((await ctx.app.inject({ url: "/api/v1/public-widget" })).statusCode, 401);
    assert.equal((await widget(a)).statusCode, 200, "nothing changed");
  });

  it("another organisation's switch never touches this one, and disabling gives 404 again", async () => {
    await put(b, { enabled: false });
    assert.equal((await widget(a)).statusCode, 200);
    assert.equal((await widget(b)).statusCode, 404);
    const bSnippet = await ctx.app.inject({ url: "/api/v1/public-widget", headers: asUser(b.owner) });
    assert.ok(bSnippet.json().snippet.includes(`/widget/${b.slug}`));
    assert.ok(!bSnippet.json().snippet.includes(a.slug));
    await put(a, { enabled: false });
    assert.equal((await widget(a)).statusCode, 404);
    const [row] = await ctx.deps.db
      .select({ on: organization.publicWidget })
      .from(organization)
      .where(eq(organization.id, a.orgId));
    assert.equal(row.on, false);
  });
});
