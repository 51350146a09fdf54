import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, type TCommentFixture } from "./comments-fixtures.ts";

type TItem = {
  id: string;
  comment: string;
  score: number;
  group: string;
  rank: number | null;
  praise: unknown;
};

describe("comments API", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fa: TCommentFixture;
  let fb: TCommentFixture;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    fa = await seedComments(ctx, a);
    fb = await seedComments(ctx, b);
  });
  after(() => ctx.close());

  /** Fixture keys of the comments a query returns, in order (the test fails on a comment of another org). */
  async function keys(query: string, org: TestOrg = a, role: "owner" | "agent" | "manager" = "owner") {
    const s = role === "owner" ? org.owner : await org.as(role);
    const res = await ctx.app.inject({ url: `/api/v1/comments?${query}`, headers: asUser(s) });
    assert.equal(res.statusCode, 200, res.body);
    const f = org === a ? fa : fb;
    return (res.json().items as TItem[]).map((i) => {
      const key = f.keyOf.get(i.id);
      assert.ok(key, `comment ${i.id} is not one of this organisation's`);
      return key;
    });
  }

  it("lists only answers with a comment, newest first", async () => {
    assert.deepEqual(await keys(""), [
      "en-passive",
      "ru-queue",
      "ru-inflected",
      "ru-exact",
      "et-waiting",
      "et-inflected",
      "et-praise",
    ]);
  });

  it("finds an Estonian word, and its inflected form through trigram similarity", async () => {
    const found = await keys("q=teenindus");
    assert.deepEqual(found, ["et-praise", "et-inflected"], "the exact word ranks above the inflected form");
  });

  it("finds an Estonian word with a typo", async () => {
    assert.deepEqual(await keys(`q=${encodeURIComponent("teenidus")}`), ["et-praise", "et-inflected"]);
    assert.deepEqual(await keys(`q=${encodeURIComponent("järjekorda")}`), ["et-waiting"]);
  });

  it("finds a Russian word and its inflected form", async () => {
    const found = await keys(`q=${encodeURIComponent("обслуживание")}`);
    assert.deepEqual(found, ["ru-exact", "ru-inflected"]);
    assert.deepEqual(await keys(`q=${encodeURIComponent("очередь")}`), ["ru-queue"]);
  });

  it("ranks by relevance and returns the rank", async () => {
    const res = await ctx.app.inject({
      url: `/api/v1/comments?q=${encodeURIComponent("обслуживание")}`,
      headers: asUser(a.owner),
    });
    const [first, second] = res.json().items as TItem[];
    assert.ok(first.rank !== null && second.rank !== null && first.rank > second.rank);
    const plain = await ctx.app.inject({ url: "/api/v1/comments", headers: asUser(a.owner) });
    assert.ok((plain.json().items as TItem[]).every((i) => i.rank === null));
  });

  it("filters by group, score range, tag and date", async () => {
    assert.deepEqual(await keys("group=detractor"), ["ru-queue", "et-waiting"]);
    assert.deepEqual(await keys("group=passive"), ["en-passive", "ru-inflected"]);
    assert.deepEqual(await keys("scoreMin=7&scoreMax=9"), ["en-passive", "ru-inflected", "et-inflected"]);
    assert.deepEqual(await keys(`serviceId=${fa.s2}`), ["ru-queue", "ru-exact", "et-waiting"]);
    assert.deepEqual(await keys(`employeeId=${fa.otherEmp}`), ["ru-inflected", "et-waiting", "et-inflected"]);
    assert.deepEqual(await keys(`departmentId=${fa.deptA}`), ["ru-queue", "ru-exact", "et-praise"]);
    assert.deepEqual(await keys(`channelId=${fa.channelId}&surveyId=${fa.surveyId}`), await keys(""));
    assert.deepEqual(await keys("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z"), [
      "ru-inflected",
      "ru-exact",
      "et-waiting",
    ]);
    assert.deepEqual(await keys(`q=teenindus&serviceId=${fa.s1}&group=promoter`), [
      "et-praise",
      "et-inflected",
    ]);
  });

  it("shows an agent only the comments on their own answers", async () => {
    assert.deepEqual(await keys("", a, "agent"), ["ru-queue", "ru-exact", "et-praise"]);
    assert.deepEqual(await keys("q=teenindus", a, "agent"), ["et-praise"]);
    assert.deepEqual(await keys(`employeeId=${fa.otherEmp}`, a, "agent"), []);
  });

  it("shows a manager without an employee record nothing", async () => {
    assert.deepEqual(await keys("", a, "manager"), []);
  });

  it("pages with a cursor, with and without a search, without repeats or gaps", async () => {
    for (const q of ["", "q=teenindus", `q=${encodeURIComponent("обслуживание")}`]) {
      const all = await keys(q);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/comments?limit=1&${q}${cursor ? `&cursor=${cursor}` : ""}`;
        const res = await ctx.app.inject({ url, headers: asUser(a.owner) });
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json() as { items: TItem[]; nextCursor: string | null };
        seen.push(...page.items.map((i) => fa.keyOf.get(i.id) ?? "?"));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, all, `pages of "${q}"`);
    }
  });

  it("never shows another organisation's comments", async () => {
    // Org B has the same texts; searching from B returns only B's answers (keys() fails on a foreign id).
    assert.equal((await keys("q=teenindus", b)).length, 2);
    for (const filter of [`employeeId=${fa.agentEmp}`, `serviceId=${fa.s1}`, `surveyId=${fa.surveyId}`]) {
      const res = await ctx.app.inject({ url: `/api/v1/comments?${filter}`, headers: asUser(b.owner) });
      assert.equal(res.statusCode, 404, `${filter} of another organisation`);
    }
    const key = await createApiKey(ctx.deps.db, { orgId: b.orgId, name: "k", scopes: ["responses:read"] });
    const res = await ctx.app.inject({
      url: "/api/v1/comments",
      headers: { authorization: `Bearer ${key.key}` },
    });
    assert.equal(res.statusCode, 200);
    const ids = (res.json().items as TItem[]).map((i) => i.id);
    assert.equal(ids.length, 7);
    assert.ok(ids.every((id) => fb.keyOf.has(id)));
  });

  it("rejects invalid input naming the field", async () => {
    for (const [query, path] of [
      ["scoreMin=11", "querystring.scoreMin"],
      ["scoreMin=8&scoreMax=3", "querystring.scoreMax"],
      ["group=happy", "querystring.group"],
      ["serviceId=nope", "querystring.serviceId"],
      ["from=yesterday", "querystring.from"],
      ["limit=0", "querystring.limit"],
      ["cursor=garbage", "querystring.cursor"],
      [`q=${"x".repeat(201)}`, "querystring.q"],
    ]) {
      const res = await ctx.app.inject({ url: `/api/v1/comments?${query}`, headers: asUser(a.owner) });
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        `${query}: ${JSON.stringify(res.json().errors)}`,
      );
    }
  });

  it("answers 401 without credentials and 403 to a role without answers", async () => {
    const anon = await ctx.app.inject({ url: "/api/v1/comments" });
    assert.equal(anon.statusCode, 401);
    const viewer = await ctx.app.inject({ url: "/api/v1/comments", headers: asUser(await a.as("viewer")) });
    assert.equal(viewer.statusCode, 403);
  });
});
