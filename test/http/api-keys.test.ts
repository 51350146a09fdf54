import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { apiKey } from "../../src/db/schema.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("API keys", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let bServiceId: string;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/services",
      headers: asUser(b.owner),
      payload: { names: { et: "B teenus" }, type: "e_service", audience: "external" },
    });
    bServiceId = res.json().id;
  });
  after(() => ctx.close());

  const create = (
    headers: Record<string, string>,
    payload: object = { name: "Website", scopes: ["catalog:read"] },
  ) => ctx.app.inject({ method: "POST", url: "/api/v1/api-keys", headers, payload });
  const revoke = (id: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: "DELETE", url: `/api/v1/api-keys/${id}`, headers });
  const services = (key: string) => ctx.app.inject({ url: "/api/v1/services", headers: bearer(key) });

  it("creates a key, shows it once, stores only its hash, and the key works as a Bearer token", async () => {
    const res = await create(asUser(a.owner), { name: "Website", scopes: ["catalog:read", "catalog:read"] });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.match(created.key, /^kaja_[A-Za-z0-9_-]{40,}$/);
    assert.ok(created.key.startsWith(created.prefix));
    assert.deepEqual(created.scopes, ["catalog:read"], "duplicates dropped");
    assert.equal(created.revokedAt, null);

    const list = await ctx.app.inject({ url: "/api/v1/api-keys", headers: asUser(a.owner) });
    assert.equal(list.statusCode, 200);
    const listed = list.json().find((k: { id: string }) => k.id === created.id);
    assert.equal(listed.name, "Website");
    assert.equal(listed.prefix, created.prefix);
    assert.ok(
      list.json().every((k: object) => !("key" in k)),
      "the list never contains a key",
    );
    assert.ok(!list.body.includes(created.key));

    const [row] = await ctx.deps.db.select().from(apiKey).where(eq(apiKey.id, created.id));
    assert.equal(row.orgId, a.orgId);
    assert.match(row.keyHash, /^[0-9a-f]{64}$/);
    assert.notEqual(row.keyHash, created.key);
    assert.ok(!JSON.stringify(row).includes(created.key.slice(12)), "the secret part is stored nowhere");

    const used = await services(created.key);
    assert.equal(used.statusCode, 200, used.body);
    assert.ok(Array.isArray(used.json()));
    const [touched] = await ctx.deps.db
      .select({ lastUsedAt: apiKey.lastUsedAt })
      .from(apiKey)
      .where(eq(apiKey.id, created.id));
    assert.ok(touched.lastUsedAt, "use is recorded");
  });

  it("keeps a key inside its organisation: another's service is 404 and absent from lists", async () => {
    const { key } = (await create(asUser(a.owner))).json();
    const one = await ctx.app.inject({ url: `/api/v1/services/${bServiceId}`, headers: bearer(key) });
    assert.equal(one.statusCode, 404);
    assert.equal(one.json().code, "NOT_FOUND");
    assert.ok((await services(key)).json().every((s: { id: string }) => s.id !== bServiceId));
    const bKey = (await create(asUser(b.owner))).json().key;
    const own = await ctx.app.inject({ url: `/api/v1/services/${bServiceId}`, headers: bearer(bKey) });
    assert.equal(own.statusCode, 200, "while B's own key sees it");
  });

  it("revokes a key: it stops working at once and cannot be revoked twice", async () => {
    const created = (await create(asUser(a.owner))).json();
    assert.equal((await services(created.key)).statusCode, 200);
    const res = await revoke(created.id, asUser(await a.as("admin")));
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.json().revokedAt);
    assert.ok(!("key" in res.json()));
    const after = await services(created.key);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().code, "UNAUTHENTICATED");
    assert.equal((await revoke(created.id, asUser(a.owner))).statusCode, 404);
  });

  it("honours the expiry date; an expired key and an unknown key get 401", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const res = await create(asUser(a.owner), { name: "Temp", scopes: ["catalog:read"], expiresAt });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(new Date(created.expiresAt).getTime(), expiresAt.getTime());
    assert.equal((await services(created.key)).statusCode, 200);
    await ctx.deps.db
      .update(apiKey)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKey.id, created.id));
    assert.equal((await services(created.key)).statusCode, 401);
    assert.equal((await services(`kaja_${"x".repeat(43)}`)).statusCode, 401);
  });

  it("answers 404 to another organisation for its keys", async () => {
    const created = (await create(asUser(a.owner))).json();
    const other = await revoke(created.id, asUser(b.owner));
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().code, "NOT_FOUND");
    const bList = await ctx.app.inject({ url: "/api/v1/api-keys", headers: asUser(b.owner) });
    assert.ok(bList.json().every((k: { id: string }) => k.id !== created.id));
    assert.equal((await services(created.key)).statusCode, 200, "the key still works");
  });

  it("validates name, scopes and id, naming the field", async () => {
    for (const [payload, path] of [
      [{ name: "", scopes: ["catalog:read"] }, "body.name"],
      [{ name: "k", scopes: [] }, "body.scopes"],
      [{ name: "k", scopes: ["members:manage"] }, "body.scopes.0"],
      [{ name: "k" }, "body.scopes"],
      [{ name: "k", scopes: ["catalog:read"], expiresAt: "2001-01-01T00:00:00Z" }, "body.expiresAt"],
      [{ name: "k", scopes: ["catalog:read"], expiresAt: "someday" }, "body.expiresAt"],
    ] as const) {
      const res = await create(asUser(a.owner), payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().code, "VALIDATION");
      assert.deepEqual(
        res.json().errors.map((e: { path: string }) => e.path),
        [path],
      );
    }
    const badId = await revoke("nope", asUser(a.owner));
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, "params.id");
  });

  it("lets only owners and admins manage keys (403 for other roles and for keys themselves)", async () => {
    const created = (await create(asUser(await a.as("admin")))).json();
    assert.ok(created.key);
    for (const role of ["analyst", "viewer", "manager", "agent"] as const) {
      const s = asUser(await a.as(role));
      const list = await ctx.app.inject({ url: "/api/v1/api-keys", headers: s });
      assert.equal(list.statusCode, 403, role);
      assert.equal(list.json().code, "FORBIDDEN");
      assert.equal((await create(s)).statusCode, 403, role);
      assert.equal((await revoke(created.id, s)).statusCode, 403, role);
    }
    const writer = (await create(asUser(a.owner), { name: "w", scopes: ["catalog:write"] })).json();
    assert.equal((await create(bearer(writer.key))).statusCode, 403, "a key cannot make keys");
    assert.equal((await revoke(created.id, bearer(writer.key))).statusCode, 403);
    assert.equal((await services(created.key)).statusCode, 200, "nothing was revoked");
  });

  it("answers 401 without credentials and 403 CSRF without the token", async () => {
    assert.equal((await ctx.app.inject({ url: "/api/v1/api-keys" })).statusCode, 401);
    assert.equal((await create({})).statusCode, 401);
    const noCsrf = await create({ cookie: a.owner.cookie });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().code, "CSRF");
    const created = (await create(asUser(a.owner))).json();
    assert.equal((await revoke(created.id, {})).statusCode, 401);
    assert.equal((await revoke(created.id, { cookie: a.owner.cookie })).json().code, "CSRF");
    assert.equal((await services(created.key)).statusCode, 200);
  });
});
