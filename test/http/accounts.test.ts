import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { member, organization, session, user } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { bootstrapFirstOrganization } from "../../src/modules/accounts/first-start.ts";
import {
  addMember,
  asUser,
  createTestOrg,
  type Session,
  setPassword,
  signIn,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

const service = (et: string) => ({ names: { et }, type: "e_service", audience: "external" });

describe("CSRF token, /me and the organisation switcher", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let c: TestOrg;
  /** A user who is an analyst in A (first) and an admin in B. */
  let both: Session;
  const names = { a: `A service ${unique()}`, b: `B service ${unique()}` };
  before(async () => {
    ctx = await startTestApp();
    [a, b, c] = [
      await createTestOrg(ctx, "Org A"),
      await createTestOrg(ctx, "Org B"),
      await createTestOrg(ctx),
    ];
    const email = `both-${unique()}@example.test`;
    await addMember(ctx, a.orgId, email, "analyst");
    await addMember(ctx, b.orgId, email, "admin");
    both = await signIn(ctx.app, email);
    for (const [org, et] of [
      [a, names.a],
      [b, names.b],
    ] as const) {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/services",
        headers: asUser(org.owner),
        payload: service(et),
      });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => ctx.close());

  const switchTo = (s: Session, organizationId: unknown, headers: Record<string, string> = asUser(s)) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/v1/me/active-organization",
      headers,
      payload: { organizationId },
    });
  const serviceNames = async (s: Session) => {
    const res = await ctx.app.inject({ url: "/api/v1/services", headers: asUser(s) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().map((x: { names: { et: string } }) => x.names.et) as string[];
  };

  it("GET /csrf hands out a token and sets its secret cookie", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/csrf" });
    assert.equal(res.statusCode, 200);
    assert.equal(typeof res.json().token, "string");
    assert.ok(res.json().token.length > 10);
    assert.match([res.headers["set-cookie"]].flat().join("\n"), /_csrf=.+HttpOnly/i);
  });

  it("a CSRF token only works with the cookie it was issued with", async () => {
    const stranger = await ctx.app.inject({ url: "/api/v1/csrf" });
    const res = await switchTo(both, a.orgId, { cookie: both.cookie, "x-csrf-token": stranger.json().token });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, "CSRF");
  });

  it("GET /me answers 401 without a session", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/me" });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    assert.equal(res.json().code, "UNAUTHENTICATED");
  });

  it("GET /me ignores an API key (it describes a person)", async () => {
    const key = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/api-keys",
      headers: asUser(a.owner),
      payload: { name: "k", scopes: ["catalog:read"] },
    });
    const res = await ctx.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${key.json().key}` },
    });
    assert.equal(res.statusCode, 401);
  });

  it("GET /me names the user and the organisation with the role", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: a.owner.cookie } });
    assert.equal(res.statusCode, 200);
    const me = res.json();
    assert.equal(me.user.email, a.owner.email);
    assert.equal(me.user.id, a.owner.userId);
    assert.deepEqual(
      me.organizations.map((o: { id: string; role: string }) => [o.id, o.role]),
      [[a.orgId, "owner"]],
    );
    assert.equal(me.organizations[0].slug, a.slug);
    assert.equal(me.activeOrganizationId, a.orgId);
  });

  it("lists both organisations of a user in two; the first joined is active", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: both.cookie } });
    assert.deepEqual(
      res.json().organizations.map((o: { id: string; role: string }) => [o.id, o.role]),
      [
        [a.orgId, "analyst"],
        [b.orgId, "admin"],
      ],
    );
    assert.equal(res.json().activeOrganizationId, a.orgId);
    const list = await serviceNames(both);
    assert.ok(list.includes(names.a) && !list.includes(names.b));
  });

  it("switches the active organisation, which decides the catalogue and the role", async () => {
    const res = await switchTo(both, b.orgId);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { activeOrganizationId: b.orgId });
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: both.cookie } });
    assert.equal(me.json().activeOrganizationId, b.orgId);
    const list = await serviceNames(both);
    assert.ok(list.includes(names.b) && !list.includes(names.a), JSON.stringify(list));
    // Admin in B may see the members; analyst in A may not.
    const members = await ctx.app.inject({ url: "/api/v1/members", headers: asUser(both) });
    assert.equal(members.statusCode, 200);
    assert.ok(members.json().every((m: { email: string }) => m.email !== a.owner.email));
    const [row] = await ctx.deps.db
      .select({ active: session.activeOrganizationId })
      .from(session)
      .where(eq(session.userId, both.userId));
    assert.equal(row.active, b.orgId, "the choice is kept on the session");

    assert.equal((await switchTo(both, a.orgId)).statusCode, 200);
    const back = await serviceNames(both);
    assert.ok(back.includes(names.a) && !back.includes(names.b));
    const denied = await ctx.app.inject({ url: "/api/v1/members", headers: asUser(both) });
    assert.equal(denied.statusCode, 403);
  });

  it("refuses to switch to an organisation the user is not in (404)", async () => {
    for (const id of [c.orgId, randomUUID()]) {
      const res = await switchTo(both, id);
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, "NOT_FOUND");
    }
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: both.cookie } });
    assert.notEqual(me.json().activeOrganizationId, c.orgId);
    const list = await serviceNames(both);
    assert.ok(list.includes(names.a), "still in the organisation from before");
  });

  it("validates the switch request", async () => {
    const res = await switchTo(both, "not-a-uuid");
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, "VALIDATION");
    assert.deepEqual(
      res.json().errors.map((e: { path: string }) => e.path),
      ["body.organizationId"],
    );
  });

  it("refuses to switch without a session (401) or without the CSRF token (403)", async () => {
    const anon = await switchTo(both, b.orgId, {});
    assert.equal(anon.statusCode, 401);
    const noCsrf = await switchTo(both, b.orgId, { cookie: both.cookie });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().code, "CSRF");
  });

  it("shows a signed-in user without any organisation no organisations, and no catalogue", async () => {
    const u = await ensureUser(ctx.deps.db, `loner-${unique()}@example.test`);
    await setPassword(ctx.deps, u.id);
    const loner = await signIn(ctx.app, u.email);
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: loner.cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json().organizations, []);
    assert.equal(me.json().activeOrganizationId, null);
    // Signed in, so not 401 (which would send the web app back to the sign-in page).
    const services = await ctx.app.inject({ url: "/api/v1/services", headers: asUser(loner) });
    assert.equal(services.statusCode, 403);
    assert.equal(services.json().code, "FORBIDDEN");
    assert.match(services.json().detail, /member/);
  });
});

describe("first start", () => {
  it("creates one organisation and owner, even when two processes start at once", async () => {
    // Always a fresh embedded database: the shared PostgreSQL one is never empty.
    const deps = await createDeps(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }), { inMemory: true });
    try {
      const results = await Promise.all([bootstrapFirstOrganization(deps), bootstrapFirstOrganization(deps)]);
      const made = results.filter((r) => r !== null);
      assert.equal(made.length, 1, JSON.stringify(results));
      assert.match(made[0].link, /^http:\/\/localhost:3000\/app\/reset-password\?token=/);
      const orgs = await deps.db.select({ slug: organization.slug }).from(organization);
      assert.deepEqual(orgs, [{ slug: "minu-asutus" }]);
      const owners = await deps.db
        .select({ email: user.email, role: member.role })
        .from(member)
        .innerJoin(user, eq(user.id, member.userId));
      assert.deepEqual(owners, [{ email: made[0].email, role: "owner" }]);
      assert.equal(await bootstrapFirstOrganization(deps), null, "a later start creates nothing");
    } finally {
      await deps.database.close();
    }
  });
});
