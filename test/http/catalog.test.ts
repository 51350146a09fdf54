import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

const resources = [
  {
    path: "services",
    create: {
      names: { et: "Pensioni taotlemine", en: "Pension application" },
      type: "e_service",
      audience: "external",
    },
    change: { type: "customer_service" },
  },
  {
    path: "departments",
    create: { name: "Klienditeenindus" },
    change: { name: "Klienditeeninduse osakond" },
  },
  {
    path: "employees",
    create: { name: "Mari Maasikas", email: "mari@example.test" },
    change: { name: "Mari Mustikas" },
  },
  {
    path: "channels",
    create: { names: { et: "Videokõne", en: "Video call" } },
    change: { names: { et: "Videokonsultatsioon" } },
  },
] as const;

describe("catalogue API", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
  });
  after(() => ctx.close());

  for (const r of resources) {
    describe(r.path, () => {
      let id: string;
      it("creates, lists, gets, changes, archives and restores (admin)", async () => {
        const admin = asUser(await a.as("admin"));
        const created = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/${r.path}`,
          headers: admin,
          payload: r.create,
        });
        assert.equal(created.statusCode, 201, created.body);
        id = created.json().id;
        const list = await ctx.app.inject({ url: `/api/v1/${r.path}`, headers: admin });
        assert.equal(list.statusCode, 200);
        assert.ok(list.json().some((x: { id: string }) => x.id === id));
        const changed = await ctx.app.inject({
          method: "PATCH",
          url: `/api/v1/${r.path}/${id}`,
          headers: admin,
          payload: r.change,
        });
        assert.equal(changed.statusCode, 200, changed.body);
        for (const [k, v] of Object.entries(r.change)) assert.deepEqual(changed.json()[k], v);
        const archived = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/${r.path}/${id}/archive`,
          headers: admin,
        });
        assert.equal(archived.statusCode, 200);
        assert.ok(archived.json().archivedAt);
        const active = await ctx.app.inject({ url: `/api/v1/${r.path}`, headers: admin });
        assert.ok(
          !active.json().some((x: { id: string }) => x.id === id),
          "archived rows are hidden by default",
        );
        const all = await ctx.app.inject({ url: `/api/v1/${r.path}?includeArchived=true`, headers: admin });
        assert.ok(
          all.json().some((x: { id: string }) => x.id === id),
          "and listed on request",
        );
        const restored = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/${r.path}/${id}/restore`,
          headers: admin,
        });
        assert.equal(restored.json().archivedAt, null);
      });

      it("rejects invalid input with a problem body naming the field", async () => {
        const res = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/${r.path}`,
          headers: asUser(a.owner),
          payload: { bogus: 1 },
        });
        assert.equal(res.statusCode, 400);
        assert.match(String(res.headers["content-type"]), /problem\+json/);
        const body = res.json();
        assert.equal(body.code, "VALIDATION");
        assert.ok(body.errors.length > 0);
        assert.ok(
          body.errors.every((e: { path: string }) => e.path.startsWith("body")),
          JSON.stringify(body.errors),
        );
      });

      it("answers 401 without credentials", async () => {
        const res = await ctx.app.inject({ url: `/api/v1/${r.path}` });
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().code, "UNAUTHENTICATED");
      });

      it("answers 403 to a role that may only read", async () => {
        const viewer = asUser(await a.as("viewer"));
        const read = await ctx.app.inject({ url: `/api/v1/${r.path}/${id}`, headers: viewer });
        assert.equal(read.statusCode, 200);
        const write = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/${r.path}`,
          headers: viewer,
          payload: r.create,
        });
        assert.equal(write.statusCode, 403);
        assert.equal(write.json().code, "FORBIDDEN");
      });

      it("answers 404 to another organisation, for every verb", async () => {
        const other = asUser(b.owner);
        for (const [method, url, payload] of [
          ["GET", `/api/v1/${r.path}/${id}`],
          ["PATCH", `/api/v1/${r.path}/${id}`, r.change],
          ["POST", `/api/v1/${r.path}/${id}/archive`],
          ["POST", `/api/v1/${r.path}/${id}/restore`],
        ] as const) {
          const res = await ctx.app.inject({ method, url, headers: other, payload });
          assert.equal(res.statusCode, 404, `${method} ${url}`);
        }
        const list = await ctx.app.inject({ url: `/api/v1/${r.path}?includeArchived=true`, headers: other });
        assert.ok(!list.json().some((x: { id: string }) => x.id === id));
      });
    });
  }

  it("rejects a cookie-authenticated change without the CSRF token", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/departments",
      headers: { cookie: a.owner.cookie },
      payload: { name: "X" },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, "CSRF");
  });

  it("refuses a reference to another organisation's department", async () => {
    const dep = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/departments",
      headers: asUser(b.owner),
      payload: { name: "B dep" },
    });
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/employees",
      headers: asUser(a.owner),
      payload: { name: "Jaan", departmentId: dep.json().id },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "body.departmentId");
  });

  it("lets an API key read its own organisation's services and nothing of another's", async () => {
    const { key } = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "t", scopes: ["catalog:read"] });
    const bService = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/services",
      headers: asUser(b.owner),
      payload: resources[0].create,
    });
    const list = await ctx.app.inject({
      url: "/api/v1/services",
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().length >= 1);
    assert.ok(!list.json().some((s: { id: string }) => s.id === bService.json().id));
    const one = await ctx.app.inject({
      url: `/api/v1/services/${bService.json().id}`,
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(one.statusCode, 404);
    const write = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/services",
      headers: { authorization: `Bearer ${key}` },
      payload: resources[0].create,
    });
    assert.equal(write.statusCode, 403, "a read-scoped key cannot write");
  });

  it("seeds the six built-in channels for a new organisation", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/channels", headers: asUser(a.owner) });
    const kinds = res
      .json()
      .map((c: { kind: string | null }) => c.kind)
      .filter(Boolean)
      .sort();
    assert.deepEqual(kinds, ["email", "face_to_face", "other", "phone", "self_service", "web"]);
  });
});
