import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestApp, type TestContext } from "../helpers/app.ts";

describe("health and errors", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await startTestApp();
  });
  after(() => ctx.close());

  it("answers /healthz and /readyz", async () => {
    const h = await ctx.app.inject({ url: "/healthz" });
    assert.equal(h.statusCode, 200);
    assert.deepEqual(h.json(), { status: "ok" });
    const r = await ctx.app.inject({ url: "/readyz" });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().database, process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("serves the OpenAPI 3.1 document and the docs page", async () => {
    const doc = await ctx.app.inject({ url: "/api/openapi.json" });
    assert.equal(doc.statusCode, 200);
    assert.equal(doc.json().openapi, "3.1.0");
    assert.ok(doc.json().paths["/api/v1/services"]);
    const ui = await ctx.app.inject({ url: "/api/docs/" });
    assert.equal(ui.statusCode, 200);
    assert.match(ui.body, /swagger/i);
  });

  it("answers unknown API paths with a 404 problem body carrying the request id", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/nothing-here" });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    assert.equal(res.json().status, 404);
    assert.equal(res.json().requestId, res.headers["x-request-id"]);
  });

  it("sets security headers", async () => {
    const res = await ctx.app.inject({ url: "/healthz" });
    assert.ok(res.headers["content-security-policy"]);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  });
});
