import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { toAppError } from "../../src/http/error-handler.ts";
import en from "../../src/i18n/messages/en.json" with { type: "json" };
import et from "../../src/i18n/messages/et.json" with { type: "json" };
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

const PROBLEM = "application/problem+json; charset=utf-8";

/** Requests Fastify refuses before a route sees them, and the catalogue message each is answered with. */
const CASES = [
  {
    name: "a body that is not JSON",
    headers: { "content-type": "application/json" },
    payload: '{"name": "Osakond",',
    status: 400,
    key: "problem.request.invalidJson",
  },
  {
    name: "an empty JSON body",
    headers: { "content-type": "application/json" },
    payload: "",
    status: 400,
    key: "problem.request.emptyJson",
  },
  {
    name: "a content type the route does not take",
    headers: { "content-type": "application/xml" },
    payload: "<department><name>Osakond</name></department>",
    status: 415,
    key: "problem.request.mediaType",
  },
  {
    name: "a body over the limit",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ name: "x".repeat(1_100_000) }),
    status: 413,
    key: "problem.request.tooLarge",
  },
] as const;

describe("requests Fastify refuses are answered in the caller's language", () => {
  let ctx: TestContext;
  let a: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Keeled");
  });
  after(() => ctx.close());

  for (const c of CASES) {
    for (const lang of ["et", undefined] as const) {
      it(`${c.name}: ${c.status}, problem+json, said ${lang ? `in ${lang}` : "in English without Accept-Language"}`, async () => {
        const res = await ctx.app.inject({
          method: "POST",
          url: "/api/v1/departments",
          headers: { ...asUser(a.owner), ...c.headers, ...(lang ? { "accept-language": lang } : {}) },
          payload: c.payload,
        });
        assert.equal(res.statusCode, c.status, res.body);
        assert.equal(res.headers["content-type"], PROBLEM);
        const body = res.json();
        assert.equal(body.status, c.status);
        assert.match(body.type, /^https:\/\/kaja\.ee\/problems\//);
        assert.equal(body.requestId, res.headers["x-request-id"]);
        const catalogue: Record<string, string> = lang === "et" ? et : en;
        assert.equal(body.detail, catalogue[c.key]);
        assert.equal(body.title, catalogue[`problem.title.${body.code}`]);
        if (lang === "et") assert.notEqual(body.detail, (en as Record<string, string>)[c.key]);
      });
    }
  }

  it("nothing was written by the refused requests", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/departments", headers: asUser(a.owner) });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(!res.body.includes("Osakond"), res.body);
  });

  it("a 4xx of a code it does not know keeps its status and gets the generic catalogue detail, never a 5xx", () => {
    const odd = Object.assign(new Error("Some library text"), {
      statusCode: 409,
      code: "FST_ERR_SOMETHING_NEW",
    });
    const err = toAppError(odd);
    assert.equal(err.status, 409);
    assert.equal(err.detailMessage?.key, "problem.request.refused");
    assert.equal(err.detail, en["problem.request.refused"]);
    const teapot = toAppError(Object.assign(new Error("I'm a teapot"), { statusCode: 418 }));
    assert.equal(teapot.status, 400);
    assert.equal(teapot.detailMessage?.key, "problem.request.refused");
  });
});
