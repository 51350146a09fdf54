import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { member } from "../../src/db/schema.ts";
import {
  addMember,
  asUser,
  createTestOrg,
  signIn,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

describe("active sessions", () => {
  let ctx: TestContext;
  let org: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx);
  });

  const me = (cookie: string) => ctx.app.inject({ url: "/api/v1/me", headers: { cookie } });
  const memberIdOf = async (orgId: string, userId: string) =>
    (
      await ctx.deps.db
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)))
    )[0].id;

  it("lists the user's own sessions with their browser, and ends one or all the others", async () => {
    const email = `sessions-${unique()}@example.test`;
    await addMember(ctx, org.orgId, email, "analyst");
    const laptop = await signIn(ctx.app, email);
    const phone = await signIn(ctx.app, email);
    const tablet = await signIn(ctx.app, email);

    const list = await ctx.app.inject({
      url: "/api/v1/me/sessions",
      headers: { cookie: laptop.cookie },
    });
    assert.equal(list.statusCode, 200, list.body);
    const sessions = list.json() as { id: string; current: boolean; createdAt: string; lastUsedAt: string }[];
    assert.equal(sessions.length, 3);
    assert.equal(sessions.filter((s) => s.current).length, 1);
    assert.ok(sessions.every((s) => s.createdAt && s.lastUsedAt));
    assert.ok(
      sessions.every((s) => (s as { userAgent?: string }).userAgent === "lightMyRequest"),
      "the browser that signed in is recorded",
    );
    const phoneSession = (
      await ctx.app.inject({ url: "/api/v1/me/sessions", headers: { cookie: phone.cookie } })
    )
      .json()
      .find((s: { current: boolean }) => s.current);

    const noCsrf = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/me/sessions/${phoneSession.id}`,
      headers: { cookie: laptop.cookie },
    });
    assert.equal(noCsrf.statusCode, 403, "a change needs the CSRF token");
    const ended = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/me/sessions/${phoneSession.id}`,
      headers: asUser(laptop),
    });
    assert.equal(ended.statusCode, 204, ended.body);
    assert.equal((await me(phone.cookie)).statusCode, 401, "the phone is signed out");
    assert.equal((await me(tablet.cookie)).statusCode, 200);

    const others = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/me/sessions/end-others",
      headers: asUser(laptop),
    });
    assert.deepEqual(others.json(), { ended: 1 });
    assert.equal((await me(tablet.cookie)).statusCode, 401);
    assert.equal((await me(laptop.cookie)).statusCode, 200, "the current session stays");
  });

  it("does not end another user's session (404) and refuses bad ids and anonymous calls", async () => {
    const other = await signIn(ctx.app, org.owner.email);
    const otherId = (await ctx.app.inject({ url: "/api/v1/me/sessions", headers: { cookie: other.cookie } }))
      .json()
      .find((s: { current: boolean }) => s.current).id;
    const analyst = await org.as("analyst");
    const res = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/me/sessions/${otherId}`,
      headers: asUser(analyst),
    });
    assert.equal(res.statusCode, 404);
    assert.equal((await me(other.cookie)).statusCode, 200);
    const bad = await ctx.app.inject({
      method: "DELETE",
      url: "/api/v1/me/sessions/not-a-uuid",
      headers: asUser(analyst),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(JSON.stringify(bad.json().errors), /id/);
    assert.equal((await ctx.app.inject({ url: "/api/v1/me/sessions" })).statusCode, 401);
  });

  it("lets an owner sign a member out everywhere, but not a member of another organisation", async () => {
    const email = `lost-laptop-${unique()}@example.test`;
    const u = await addMember(ctx, org.orgId, email, "agent");
    const s1 = await signIn(ctx.app, email);
    const s2 = await signIn(ctx.app, email);
    const memberId = await memberIdOf(org.orgId, u.id);

    for (const role of ["admin", "analyst", "manager", "agent", "viewer"] as const) {
      const res = await ctx.app.inject({
        method: "DELETE",
        url: `/api/v1/members/${memberId}/sessions`,
        headers: asUser(await org.as(role)),
      });
      assert.equal(res.statusCode, 403, role);
    }
    const other = await createTestOrg(ctx, "Other Org");
    const cross = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/members/${memberId}/sessions`,
      headers: asUser(other.owner),
    });
    assert.equal(cross.statusCode, 404, "another organisation's owner cannot reach this member");
    assert.equal((await me(s1.cookie)).statusCode, 200, "nothing was ended");

    const res = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/members/${memberId}/sessions`,
      headers: asUser(org.owner),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { ended: 2 });
    assert.equal((await me(s1.cookie)).statusCode, 401);
    assert.equal((await me(s2.cookie)).statusCode, 401);
    assert.equal((await me(org.owner.cookie)).statusCode, 200);
    const anon = await ctx.app.inject({ method: "DELETE", url: `/api/v1/members/${memberId}/sessions` });
    assert.equal(anon.statusCode, 401);
  });
});
