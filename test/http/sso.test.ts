import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { assertsMultiFactor, ssoProviderId } from "../../src/auth/org-sso.ts";
import { account, auditLog, member, session, user } from "../../src/db/schema.ts";
import { orgSecurity, orgSso } from "../../src/modules/identity/schema.ts";
import {
  addMember,
  asUser,
  createTestOrg,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";
import { CookieJar, startOidcProvider, type TOidcProvider } from "../helpers/oidc-provider.ts";

const KAJA = "http://localhost:3000";
const SECRET_A = `secret-a-${unique()}`;

describe("single sign-on through an organisation's OpenID Connect provider", () => {
  let ctx: TestContext;
  let orgA: TestOrg;
  let orgB: TestOrg;
  let idp: TOidcProvider;

  const settingsUrl = (orgId: string) => `/api/v1/organizations/${orgId}/sso`;
  const save = (org: TestOrg, body: object) =>
    ctx.app.inject({ method: "PUT", url: settingsUrl(org.orgId), headers: asUser(org.owner), payload: body });

  before(async () => {
    ctx = await startTestApp();
    orgA = await createTestOrg(ctx, "SSO A");
    orgB = await createTestOrg(ctx, "SSO B");
    idp = await startOidcProvider([
      {
        clientId: "kaja-a",
        clientSecret: SECRET_A,
        redirectUri: `${KAJA}/api/auth/callback/${ssoProviderId(orgA.orgId)}`,
      },
      {
        clientId: "kaja-b",
        clientSecret: "secret-b",
        redirectUri: `${KAJA}/api/auth/callback/${ssoProviderId(orgB.orgId)}`,
      },
    ]);
    const a = await save(orgA, {
      enabled: true,
      issuer: idp.issuer,
      clientId: "kaja-a",
      clientSecret: SECRET_A,
      jitEnabled: false,
      jitRole: "viewer",
    });
    assert.equal(a.statusCode, 200, a.body);
    const b = await save(orgB, {
      enabled: true,
      issuer: idp.issuer,
      clientId: "kaja-b",
      clientSecret: "secret-b",
      jitEnabled: true,
      jitRole: "analyst",
    });
    assert.equal(b.statusCode, 200, b.body);
  });
  after(() => idp?.close());

  interface TFlow {
    /** Where Kaja sent the browser at the end (path and query on Kaja). */
    landing: URL;
    /** Kaja's cookies at the end. */
    cookie: string;
    authorizeUrl: URL;
  }

  /**
   * A browser's sign-in through the provider: Kaja's start form, the provider's login and consent forms, the
   * callback to Kaja. Kaja is reached in-process (`inject`), the provider over HTTP; redirects are followed with a
   * cookie jar. `tamper` may change the authorization request or the callback on the way.
   */
  async function ssoSignIn(
    slug: string,
    login: string,
    tamper: { authorize?: (u: URL) => void; callback?: (u: URL) => void } = {},
  ): Promise<TFlow> {
    const jar = new CookieJar();
    const kaja = async (url: URL) => {
      const res = await ctx.app.inject({
        method: "GET",
        url: url.pathname + url.search,
        headers: { cookie: jar.header(url.href) },
      });
      const set = res.headers["set-cookie"];
      jar.store(url.href, Array.isArray(set) ? set : set ? [set] : []);
      return res;
    };
    const start = await kaja(new URL(`${KAJA}/api/sso/start?org=${encodeURIComponent(slug)}`));
    assert.equal(start.statusCode, 303, start.body);
    let url = new URL(String(start.headers.location));
    const authorizeUrl = new URL(url);
    if (!url.href.startsWith(idp.issuer)) return { landing: url, cookie: jar.header(KAJA), authorizeUrl };
    tamper.authorize?.(url);
    for (let hop = 0; hop < 20 && url.origin === idp.issuer; hop++) {
      let res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header(url.href) } });
      jar.store(url.href, res.headers.getSetCookie());
      if (res.status === 200) {
        const html = await res.text();
        const form: Record<string, string> = html.includes('name="login"')
          ? { prompt: "login", login, password: "any" }
          : { prompt: "consent" };
        res = await fetch(url, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(url.href), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form).toString(),
        });
        jar.store(url.href, res.headers.getSetCookie());
      }
      assert.ok(res.status >= 300 && res.status < 400, `provider answered ${res.status} at ${url}`);
      url = new URL(String(res.headers.get("location")), url);
    }
    assert.equal(url.origin, KAJA, "the provider sent the browser back to Kaja");
    tamper.callback?.(url);
    const callback = await kaja(url);
    assert.equal(callback.statusCode, 302, callback.body);
    return { landing: new URL(String(callback.headers.location)), cookie: jar.header(KAJA), authorizeUrl };
  }

  const person = (emailVerified = true) => {
    const login = `p-${unique()}`;
    const email = `${login}@idp.example.test`;
    idp.accounts.set(login, { email, emailVerified, name: "Pat Example" });
    return { login, email };
  };
  const userByEmail = async (email: string) =>
    (await ctx.deps.db.select().from(user).where(eq(user.email, email)))[0];
  const sessionsOf = async (userId: string) =>
    ctx.deps.db.select().from(session).where(eq(session.userId, userId));
  const accountsOf = async (userId: string, orgId: string) =>
    ctx.deps.db
      .select()
      .from(account)
      .where(and(eq(account.userId, userId), eq(account.providerId, ssoProviderId(orgId))));
  const errorOf = (flow: TFlow) => {
    assert.equal(flow.landing.pathname, "/app/sign-in", flow.landing.href);
    return flow.landing.searchParams.get("error");
  };

  it("signs a member in with the code flow and PKCE; the organisation becomes active; audited", async () => {
    const p = person();
    const u = await addMember(ctx, orgA.orgId, p.email, "analyst");
    const flow = await ssoSignIn(orgA.slug, p.login);
    assert.equal(flow.authorizeUrl.searchParams.get("code_challenge_method"), "S256");
    assert.ok(flow.authorizeUrl.searchParams.get("code_challenge"));
    assert.ok(flow.authorizeUrl.searchParams.get("nonce"), "a nonce binds the ID token");
    assert.equal(flow.authorizeUrl.searchParams.get("client_id"), "kaja-a");
    assert.equal(flow.landing.href, `${KAJA}/app/`);
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: flow.cookie } });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.id, u.id);
    assert.equal(me.json().activeOrganizationId, orgA.orgId);
    const [linked] = await accountsOf(u.id, orgA.orgId);
    assert.equal(linked?.accountId, p.login, "the provider's subject is linked to the account");
    const [s] = await sessionsOf(u.id);
    assert.equal(s?.ssoOrgId, orgA.orgId);
    assert.equal(s?.ssoMfa, false, "the development login asserts no second factor");
    const entries = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.orgId, orgA.orgId), eq(auditLog.actorId, u.id), eq(auditLog.action, "auth.sign_in")),
      );
    assert.equal(entries.length, 1);
    assert.match(String((entries[0]?.details as { method?: string } | undefined)?.method), /callback/);

    // A second sign-in finds the account by the linked subject.
    const again = await ssoSignIn(orgA.slug, p.login);
    assert.equal(again.landing.href, `${KAJA}/app/`);
    assert.equal((await accountsOf(u.id, orgA.orgId)).length, 1);
  });

  it("JIT off: a person who is no member is refused and nothing is written", async () => {
    const stranger = person();
    const flow = await ssoSignIn(orgA.slug, stranger.login);
    assert.equal(errorOf(flow), "sso_not_member");
    assert.equal(await userByEmail(stranger.email), undefined, "no user created");

    // A member of another organisation (B) is no member of A either: no account linked, no session.
    const elsewhere = person();
    const u = await addMember(ctx, orgB.orgId, elsewhere.email, "viewer");
    assert.equal(errorOf(await ssoSignIn(orgA.slug, elsewhere.login)), "sso_not_member");
    assert.equal((await accountsOf(u.id, orgA.orgId)).length, 0);
    assert.equal((await sessionsOf(u.id)).length, 0);
  });

  it("JIT on: a new person joins with the default role, audited", async () => {
    const newcomer = person();
    const flow = await ssoSignIn(orgB.slug, newcomer.login);
    assert.equal(flow.landing.href, `${KAJA}/app/`);
    const u = await userByEmail(newcomer.email);
    assert.ok(u, "the user was created");
    const [m] = await ctx.deps.db
      .select()
      .from(member)
      .where(and(eq(member.organizationId, orgB.orgId), eq(member.userId, u.id)));
    assert.equal(m?.role, "analyst");
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: flow.cookie } });
    assert.equal(me.json().activeOrganizationId, orgB.orgId);
    const joined = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgB.orgId), eq(auditLog.actorId, u.id)));
    assert.deepEqual(joined.map((e) => e.action).sort(), ["auth.sign_in", "member.join"]);
  });

  it("an unverified e-mail is refused even with JIT on; nothing is written", async () => {
    const unverified = person(false);
    assert.equal(errorOf(await ssoSignIn(orgB.slug, unverified.login)), "sso_email_unverified");
    assert.equal(await userByEmail(unverified.email), undefined);

    // Nor does an unverified address take over an existing member's account.
    const member2 = person(false);
    const u = await addMember(ctx, orgA.orgId, member2.email, "viewer");
    assert.equal(errorOf(await ssoSignIn(orgA.slug, member2.login)), "sso_email_unverified");
    assert.equal((await accountsOf(u.id, orgA.orgId)).length, 0);
    assert.equal((await sessionsOf(u.id)).length, 0);
  });

  it("a callback with a wrong state is refused; nothing is written", async () => {
    const p = person();
    const u = await addMember(ctx, orgA.orgId, p.email, "viewer");
    const flow = await ssoSignIn(orgA.slug, p.login, {
      callback: (url) => url.searchParams.set("state", "forged-state-value"),
    });
    assert.match(String(errorOf(flow)), /^state_/);
    assert.equal((await sessionsOf(u.id)).length, 0);
    assert.equal((await accountsOf(u.id, orgA.orgId)).length, 0);
  });

  it("an ID token with another nonce than the one sent is refused; nothing is written", async () => {
    const p = person();
    const u = await addMember(ctx, orgA.orgId, p.email, "viewer");
    const flow = await ssoSignIn(orgA.slug, p.login, {
      authorize: (url) => url.searchParams.set("nonce", "a-nonce-kaja-never-sent"),
    });
    assert.equal(errorOf(flow), "unable_to_get_user_info");
    assert.equal((await sessionsOf(u.id)).length, 0);
    assert.equal((await accountsOf(u.id, orgA.orgId)).length, 0);
  });

  it("an issuer that does not answer, or an unknown organisation, ends on the sign-in page", async () => {
    const dead = await createTestOrg(ctx, "SSO dead");
    const closed = await startOidcProvider([]);
    await closed.close();
    const saved = await save(dead, {
      enabled: true,
      issuer: closed.issuer,
      clientId: "x",
      clientSecret: "y",
      jitEnabled: false,
      jitRole: "viewer",
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(errorOf(await ssoSignIn(dead.slug, "nobody")), "sso_issuer_unreachable");
    // A callback to its provider id after the fact goes the same way.
    const cb = await ctx.app.inject({
      url: `/api/auth/callback/${ssoProviderId(dead.orgId)}?code=x&state=y`,
    });
    assert.equal(cb.statusCode, 302);
    assert.match(String(cb.headers.location), /\/app\/sign-in\?error=/);

    assert.equal(errorOf(await ssoSignIn(`no-such-${unique()}`, "nobody")), "sso_unknown_organization");
    // An organisation without single sign-on gives the same answer.
    assert.equal(
      errorOf(await ssoSignIn(dead.slug.replace("test-", "test-x"), "n")),
      "sso_unknown_organization",
    );
  });

  it("an organisation requiring two-factor sign-in refuses an SSO session without an asserted second factor", async () => {
    const org = await createTestOrg(ctx, "SSO 2FA");
    const secret = `s-${unique()}`;
    const local = await startOidcProvider([
      {
        clientId: "kaja-2fa",
        clientSecret: secret,
        redirectUri: `${KAJA}/api/auth/callback/${ssoProviderId(org.orgId)}`,
      },
    ]);
    try {
      await save(org, {
        enabled: true,
        issuer: local.issuer,
        clientId: "kaja-2fa",
        clientSecret: secret,
        jitEnabled: false,
        jitRole: "viewer",
      });
      await ctx.deps.db.insert(orgSecurity).values({ orgId: org.orgId, requireTwoFactor: true });
      const login = `p-${unique()}`;
      const email = `${login}@idp.example.test`;
      local.accounts.set(login, { email, emailVerified: true });
      await addMember(ctx, org.orgId, email, "viewer");
      const saveIdp = idp;
      idp = local;
      const flow = await ssoSignIn(org.slug, login).finally(() => {
        idp = saveIdp;
      });
      const res = await ctx.app.inject({ url: "/api/v1/surveys", headers: { cookie: flow.cookie } });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, "TWO_FACTOR_REQUIRED");
    } finally {
      await local.close();
    }
    assert.equal(assertsMultiFactor({ amr: ["pwd", "otp"] }), true);
    assert.equal(assertsMultiFactor({ amr: ["mfa"] }), true);
    assert.equal(assertsMultiFactor({ acr: "high" }), true);
    assert.equal(assertsMultiFactor({ amr: ["pwd"], acr: "low" }), false);
    assert.equal(assertsMultiFactor(null), false);
  });

  describe("settings API", () => {
    const body = {
      enabled: true,
      issuer: "https://idp.example.test/realms/agency",
      clientId: "kaja",
      clientSecret: "top-secret-value",
      jitEnabled: false,
      jitRole: "viewer",
    };

    it("stores the secret encrypted, never returns it, and audits changes", async () => {
      const org = await createTestOrg(ctx, "SSO settings");
      const empty = await ctx.app.inject({ url: settingsUrl(org.orgId), headers: asUser(org.owner) });
      assert.equal(empty.statusCode, 200);
      assert.equal(empty.json().configured, false);
      assert.equal(empty.json().redirectUri, `${KAJA}/api/auth/callback/${ssoProviderId(org.orgId)}`);

      const first = await save(org, { ...body, clientSecret: undefined });
      assert.equal(first.statusCode, 400);
      assert.equal(first.json().errors[0].path, "body.clientSecret");

      const saved = await save(org, body);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.doesNotMatch(saved.body, /top-secret-value/);
      assert.equal(saved.json().clientSecretSet, true);
      const [row] = await ctx.deps.db.select().from(orgSso).where(eq(orgSso.orgId, org.orgId));
      assert.ok(row && !row.clientSecretEncrypted.includes("top-secret-value"), "stored encrypted");

      const kept = await save(org, { ...body, clientSecret: undefined, jitEnabled: true, jitRole: "agent" });
      assert.equal(kept.statusCode, 200, kept.body);
      assert.equal(kept.json().jitRole, "agent");
      const [after2] = await ctx.deps.db.select().from(orgSso).where(eq(orgSso.orgId, org.orgId));
      assert.equal(
        after2?.clientSecretEncrypted,
        row?.clientSecretEncrypted,
        "the secret stays when omitted",
      );

      const got = await ctx.app.inject({ url: settingsUrl(org.orgId), headers: asUser(org.owner) });
      assert.doesNotMatch(got.body, /top-secret-value/);
      const entries = await ctx.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "settings.change")));
      assert.equal(entries.length, 2);
      assert.equal((entries[0]?.details as { area?: string } | undefined)?.area, "sso");
      assert.doesNotMatch(JSON.stringify(entries), /top-secret-value/);

      const removed = await ctx.app.inject({
        method: "DELETE",
        url: settingsUrl(org.orgId),
        headers: asUser(org.owner),
      });
      assert.equal(removed.statusCode, 204);
      const again = await ctx.app.inject({
        method: "DELETE",
        url: settingsUrl(org.orgId),
        headers: asUser(org.owner),
      });
      assert.equal(again.statusCode, 404);
    });

    it("400 names the field; 401 without sign-in; 403 for an admin; 404 for another organisation", async () => {
      const bad = await save(orgA, { ...body, issuer: "not a url" });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "body.issuer");
      const owner = await save(orgA, { ...body, jitRole: "owner" });
      assert.equal(owner.statusCode, 400);
      assert.equal(owner.json().errors[0].path, "body.jitRole");

      const anonymous = await ctx.app.inject({ url: settingsUrl(orgA.orgId) });
      assert.equal(anonymous.statusCode, 401);
      const admin = await orgA.as("admin");
      const forbidden = await ctx.app.inject({ url: settingsUrl(orgA.orgId), headers: asUser(admin) });
      assert.equal(forbidden.statusCode, 403);
      const put = await ctx.app.inject({
        method: "PUT",
        url: settingsUrl(orgA.orgId),
        headers: asUser(admin),
        payload: body,
      });
      assert.equal(put.statusCode, 403);

      const cross = await ctx.app.inject({ url: settingsUrl(orgA.orgId), headers: asUser(orgB.owner) });
      assert.equal(cross.statusCode, 404);
      const crossPut = await ctx.app.inject({
        method: "PUT",
        url: settingsUrl(orgA.orgId),
        headers: asUser(orgB.owner),
        payload: body,
      });
      assert.equal(crossPut.statusCode, 404);
      const [stillA] = await ctx.deps.db.select().from(orgSso).where(eq(orgSso.orgId, orgA.orgId));
      assert.equal(stillA?.clientId, "kaja-a", "another organisation's owner changed nothing");
    });
  });
});
