import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { response } from "../../src/db/schema.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

describe("surveys API", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let surveyId: string;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
  });
  after(() => ctx.close());

  it("creates a survey from the standard wordings in the chosen languages", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/surveys",
      headers: asUser(a.owner),
      payload: {
        name: "Teenuse tagasiside",
        kind: "transactional",
        locales: ["et", "en", "ru"],
        recommendObject: "service",
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    surveyId = s.id;
    assert.equal(s.slug, "teenuse-tagasiside");
    assert.equal(s.currentVersion, 1);
    assert.deepEqual(s.definition.locales, ["et", "en", "ru"]);
    assert.equal(s.definition.defaultLocale, "et");
    assert.equal(s.definition.recommend.object, "service");
    assert.match(s.definition.recommend.text.en, /recommend/i);
    assert.ok(s.definition.satisfaction.text.et);
  });

  it("edits in place while a version has no answers, and makes version 2 once it has", async () => {
    const get = await ctx.app.inject({ url: `/api/v1/surveys/${surveyId}`, headers: asUser(a.owner) });
    const def = get.json().definition;
    const edit1 = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/surveys/${surveyId}`,
      headers: asUser(a.owner),
      payload: { definition: { ...def, cover: { et: "Uus kaaskiri" } } },
    });
    assert.equal(edit1.statusCode, 200, edit1.body);
    assert.equal(edit1.json().currentVersion, 1, "no answers yet: same version");
    await ctx.deps.db.insert(response).values({
      orgId: a.orgId,
      id: crypto.randomUUID(),
      surveyId,
      surveyVersion: 1,
      score: 9,
      locale: "et",
      source: "api",
    });
    const edit2 = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/surveys/${surveyId}`,
      headers: asUser(a.owner),
      payload: { definition: { ...def, cover: { et: "Veel uuem kaaskiri" } } },
    });
    assert.equal(edit2.json().currentVersion, 2);
    const v1 = await ctx.app.inject({
      url: `/api/v1/surveys/${surveyId}/versions/1`,
      headers: asUser(a.owner),
    });
    assert.equal(v1.json().definition.cover.et, "Uus kaaskiri", "version 1 is kept as it was answered");
    const answers = await ctx.app.inject({
      url: `/api/v1/responses?surveyId=${surveyId}`,
      headers: asUser(a.owner),
    });
    assert.equal(answers.json().items.length, 1, "the version-1 answer is still listed");
    assert.equal(answers.json().items[0].surveyVersion, 1);
  });

  it("rejects invalid definitions with the field named", async () => {
    const cases: [unknown, string][] = [
      [{ name: "", kind: "transactional" }, "body.name"],
      [{ name: "X", kind: "weekly" }, "body.kind"],
      [{ name: "X", kind: "transactional", locales: ["xx"] }, "body.locales.0"],
    ];
    for (const [payload, path] of cases) {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/surveys",
        headers: asUser(a.owner),
        payload: payload as object,
      });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        `${path} in ${res.body}`,
      );
    }
    const get = await ctx.app.inject({ url: `/api/v1/surveys/${surveyId}`, headers: asUser(a.owner) });
    const def = get.json().definition;
    const tooMany = Array.from({ length: 11 }, (_, i) => ({
      id: `q${i}`,
      type: "text",
      required: false,
      text: { et: "Küsimus" },
    }));
    const bad = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/surveys/${surveyId}`,
      headers: asUser(a.owner),
      payload: { definition: { ...def, questions: tooMany } },
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().errors.some((e: { path: string }) => e.path === "body.definition.questions"));
    const noDefault = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/surveys/${surveyId}`,
      headers: asUser(a.owner),
      payload: {
        definition: {
          ...def,
          questions: [
            {
              id: "q1",
              type: "single",
              text: { en: "Only English" },
              options: [
                { id: "a", text: { et: "A" } },
                { id: "b", text: { et: "B" } },
              ],
            },
          ],
        },
      },
    });
    assert.equal(noDefault.statusCode, 400);
    assert.ok(
      noDefault.json().errors.some((e: { path: string }) => e.path === "body.definition.questions.0.text.et"),
      noDefault.body,
    );
  });

  it("answers 401, 403 and cross-tenant 404", async () => {
    assert.equal((await ctx.app.inject({ url: "/api/v1/surveys" })).statusCode, 401);
    const viewer = asUser(await a.as("viewer"));
    assert.equal(
      (await ctx.app.inject({ url: `/api/v1/surveys/${surveyId}`, headers: viewer })).statusCode,
      200,
    );
    const write = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/surveys",
      headers: viewer,
      payload: { name: "X", kind: "website" },
    });
    assert.equal(write.statusCode, 403);
    const other = asUser(b.owner);
    for (const [method, url] of [
      ["GET", `/api/v1/surveys/${surveyId}`],
      ["GET", `/api/v1/surveys/${surveyId}/versions/1`],
      ["PATCH", `/api/v1/surveys/${surveyId}`],
      ["POST", `/api/v1/surveys/${surveyId}/archive`],
      ["POST", `/api/v1/surveys/${surveyId}/restore`],
    ] as const) {
      const res = await ctx.app.inject({
        method,
        url,
        headers: other,
        payload: method === "PATCH" ? { name: "stolen" } : undefined,
      });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
    }
    const list = await ctx.app.inject({ url: "/api/v1/surveys", headers: other });
    assert.ok(!list.json().some((s: { id: string }) => s.id === surveyId));
  });

  it("archives and restores", async () => {
    const arch = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/archive`,
      headers: asUser(a.owner),
    });
    assert.ok(arch.json().archivedAt);
    const list = await ctx.app.inject({ url: "/api/v1/surveys", headers: asUser(a.owner) });
    assert.ok(!list.json().some((s: { id: string }) => s.id === surveyId));
    const rest = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/restore`,
      headers: asUser(a.owner),
    });
    assert.equal(rest.json().archivedAt, null);
  });
});
