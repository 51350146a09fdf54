import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TRole } from "../../src/auth/permissions.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import {
  asUser,
  createTestOrg,
  type Session,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

interface TMember {
  id: string;
  userId: string;
  email: string;
  role: TRole;
}

describe("members", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
  });
  after(() => ctx.close());

  const list = async (s: Session) => {
    const res = await ctx.app.inject({ url: "/api/v1/members", headers: asUser(s) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as TMember[];
  };
  const idOf = async (org: TestOrg, s: Session) => {
    const found = (await list(org.owner)).find((m) => m.userId === s.userId);
    assert.ok(found, `${s.email} is a member`);
    return found.id;
  };
  const patch = (id: string, role: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: "PATCH", url: `/api/v1/members/${id}`, headers, payload: { role } });
  const remove = (id: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: "DELETE", url: `/api/v1/members/${id}`, headers });

  it("lists members with their roles to an owner and an admin", async () => {
    const analyst = await a.as("analyst");
    for (const s of [a.owner, await a.as("admin")]) {
      const members = await list(s);
      assert.deepEqual(
        members
          .filter((m) => [a.owner.userId, analyst.userId].includes(m.userId))
          .map((m) => [m.email, m.role])
          .sort(),
        [
          [analyst.email, "analyst"],
          [a.owner.email, "owner"],
        ].sort(),
      );
      assert.ok(
        members.every((m) => m.email !== b.owner.email),
        "no one from another organisation",
      );
    }
  });

  it("does not list members to an analyst or a viewer (403) or anonymously (401)", async () => {
    for (const role of ["analyst", "viewer", "agent"] as const) {
      const res = await ctx.app.inject({ url: "/api/v1/members", headers: asUser(await a.as(role)) });
      assert.equal(res.statusCode, 403, role);
      assert.equal(res.json().code, "FORBIDDEN");
    }
    const anon = await ctx.app.inject({ url: "/api/v1/members" });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().code, "UNAUTHENTICATED");
  });

  it("changes a member's role", async () => {
    const agent = await a.as("agent");
    const id = await idOf(a, agent);
    const res = await patch(id, "manager", asUser(await a.as("admin")));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().role, "manager");
    assert.equal(res.json().id, id);
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: agent.cookie } });
    assert.equal(me.json().organizations[0].role, "manager");
    assert.equal((await patch(id, "agent", asUser(a.owner))).statusCode, 200);
  });

  it("validates the role and the id, naming the field", async () => {
    const id = await idOf(a, await a.as("viewer"));
    const bad = await patch(id, "boss", asUser(a.owner));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, "VALIDATION");
    assert.deepEqual(
      bad.json().errors.map((e: { path: string }) => e.path),
      ["body.role"],
    );
    const badId = await patch("not-a-uuid", "viewer", asUser(a.owner));
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, "params.id");
  });

  it("lets neither an analyst nor a viewer nor an API key change or remove members (403)", async () => {
    const id = await idOf(a, await a.as("agent"));
    for (const role of ["analyst", "viewer"] as const) {
      const s = asUser(await a.as(role));
      assert.equal((await patch(id, "viewer", s)).statusCode, 403, role);
      assert.equal((await remove(id, s)).statusCode, 403, role);
    }
    const { key } = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "k", scopes: ["catalog:write"] });
    const byKey = await patch(id, "viewer", { authorization: `Bearer ${key}` });
    assert.equal(byKey.statusCode, 403);
    const members = await list(a.owner);
    assert.equal(members.find((m) => m.id === id)?.role, "agent", "nothing changed");
  });

  it("answers 401 without credentials and 403 CSRF without the token", async () => {
    const id = await idOf(a, await a.as("agent"));
    assert.equal((await patch(id, "viewer", {})).statusCode, 401);
    assert.equal((await remove(id, {})).statusCode, 401);
    for (const res of [
      await patch(id, "viewer", { cookie: a.owner.cookie }),
      await remove(id, { cookie: a.owner.cookie }),
    ]) {
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, "CSRF");
    }
  });

  it("answers 404 to another organisation's owner, for change and removal", async () => {
    const id = await idOf(a, await a.as("agent"));
    const other = asUser(b.owner);
    for (const res of [await patch(id, "viewer", other), await remove(id, other)]) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, "NOT_FOUND");
    }
    assert.equal((await list(a.owner)).find((m) => m.id === id)?.role, "agent");
  });

  it("lets only an owner give, change or take away the owner role", async () => {
    const org = await createTestOrg(ctx);
    const admin = asUser(await org.as("admin"));
    const viewerId = await idOf(org, await org.as("viewer"));
    const ownerId = await idOf(org, org.owner);
    for (const res of [
      await patch(viewerId, "owner", admin),
      await patch(ownerId, "viewer", admin),
      await remove(ownerId, admin),
    ]) {
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, "FORBIDDEN");
    }
    const promoted = await patch(viewerId, "owner", asUser(org.owner));
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.equal(promoted.json().role, "owner");
    const roles = (await list(org.owner)).map((m) => m.role).sort();
    assert.deepEqual(roles, ["admin", "owner", "owner"]);
  });

  it("keeps the last owner: no demotion, no removal (409); with a second owner both work", async () => {
    const org = await createTestOrg(ctx);
    const ownerId = await idOf(org, org.owner);
    const me = asUser(org.owner);
    for (const res of [await patch(ownerId, "admin", me), await remove(ownerId, me)]) {
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, "CONFLICT");
    }
    assert.equal((await list(org.owner)).find((m) => m.id === ownerId)?.role, "owner");
    assert.equal((await patch(ownerId, "owner", me)).statusCode, 200, "owner to owner is no demotion");

    const second = await org.as("admin");
    const secondId = await idOf(org, second);
    assert.equal((await patch(secondId, "owner", me)).statusCode, 200);
    const demoted = await patch(ownerId, "admin", asUser(second));
    assert.equal(demoted.statusCode, 200, demoted.body);
    const lastAgain = await remove(secondId, asUser(second));
    assert.equal(lastAgain.statusCode, 409, "now the second one is the last owner");
  });

  it("removes a member, who then loses access to the organisation", async () => {
    const org = await createTestOrg(ctx);
    const viewer = await org.as("viewer");
    const id = await idOf(org, viewer);
    const before = await ctx.app.inject({ url: "/api/v1/services", headers: asUser(viewer) });
    assert.equal(before.statusCode, 200);
    const res = await remove(id, asUser(org.owner));
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, "");
    assert.ok(!(await list(org.owner)).some((m) => m.id === id));
    const afterwards = await ctx.app.inject({ url: "/api/v1/services", headers: asUser(viewer) });
    assert.equal(afterwards.statusCode, 403);
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: viewer.cookie } });
    assert.deepEqual(me.json().organizations, []);
    assert.equal((await remove(id, asUser(org.owner))).statusCode, 404, "gone means gone");
  });
});
