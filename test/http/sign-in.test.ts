import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { session, user, verification } from "../../src/db/schema.ts";
import { t } from "../../src/i18n/account-mail.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { sendPasswordResets } from "../../src/modules/accounts/send-password-resets.ts";
import {
  addMember,
  cookiesFrom,
  createTestOrg,
  lastMail,
  linkIn,
  randomIp,
  resetPassword,
  setPassword,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

const NEW_PASSWORD = "a brand new passphrase 42";

describe("sign-in, sign-out and password reset (better-auth over HTTP)", () => {
  let ctx: TestContext;
  let org: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx);
  });
  after(() => ctx.close());

  const askReset = (email: string, redirectTo = "http://localhost:3000/app/reset-password") =>
    ctx.app.inject({
      method: "POST",
      url: "/api/auth/request-password-reset",
      remoteAddress: randomIp(),
      payload: { email, redirectTo },
    });

  const attempt = (email: string, password: string, remoteAddress = randomIp()) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      remoteAddress,
      payload: { email, password },
    });

  for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
    it(`signs in from the local address ${origin} the server is reached at`, async () => {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: randomIp(),
        headers: { origin, cookie: "kaja.other=1" },
        payload: { email: org.owner.email, password: TEST_PASSWORD },
      });
      assert.equal(res.statusCode, 200, res.body);
    });
  }

  it("refuses a sign-in from an address that is not the server's", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      remoteAddress: randomIp(),
      headers: { origin: "http://evil.example:3000", cookie: "kaja.other=1" },
      payload: { email: org.owner.email, password: TEST_PASSWORD },
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, "FORBIDDEN", res.body);
    assert.equal(res.json().detail, "The request did not come from an address this server trusts.", res.body);
  });

  it("signs in with the right password into a session stored in the database", async () => {
    const res = await attempt(org.owner.email, TEST_PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    const setCookie = [res.headers["set-cookie"]].flat().join("\n");
    assert.match(setCookie, /kaja\.session_token=/);
    assert.match(setCookie, /HttpOnly/i);
    const rows = await ctx.deps.db
      .select({ id: session.id, token: session.token })
      .from(session)
      .where(eq(session.userId, res.json().user.id));
    const token = res.json().token as string;
    assert.ok(
      rows.some((r) => r.token === token),
      "the returned session is a row of the session table",
    );
    const me = await ctx.app.inject({
      url: "/api/v1/me",
      headers: { cookie: cookiesFrom(res.headers["set-cookie"]).join("; ") },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.email, org.owner.email);
  });

  it("refuses a wrong password with a 401 problem body and no session", async () => {
    const res = await attempt(org.owner.email, "not the password at all");
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    assert.equal(res.json().code, "UNAUTHENTICATED");
    assert.equal(res.json().status, 401);
    assert.doesNotMatch([res.headers["set-cookie"]].flat().join("\n"), /kaja\.session_token=[^;]/);
  });

  it("says a wrong password in the caller's language from the server catalogue", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      remoteAddress: randomIp(),
      headers: { "accept-language": "et" },
      payload: { email: org.owner.email, password: "not the password at all" },
    });
    assert.equal(res.statusCode, 401, res.body);
    assert.equal(res.json().code, "UNAUTHENTICATED");
    assert.equal(res.json().title, t("et", "problem.title.UNAUTHENTICATED"));
    assert.equal(res.json().detail, t("et", "problem.auth.wrongCredentials"));
    assert.equal(res.json().detail, "E-posti aadress või parool on vale.");
    const english = await attempt(org.owner.email, "not the password at all");
    assert.equal(english.json().detail, "The e-mail address or password is wrong.");
  });

  it("applies the configured sign-in limit (high in tests) instead of better-auth's default of 3", async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i++)
      assert.equal((await attempt(org.owner.email, "wrong password!", ip)).statusCode, 401);
  });

  it("refuses an unknown e-mail the same way", async () => {
    const res = await attempt(`nobody-${unique()}@example.test`, TEST_PASSWORD);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, "UNAUTHENTICATED");
  });

  it("signs out: the session row is deleted and /me answers 401", async () => {
    const s = await signIn(ctx.app, org.owner.email);
    const before = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: s.cookie } });
    assert.equal(before.statusCode, 200);
    const out = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: s.cookie, origin: "http://localhost:3000" },
    });
    assert.equal(out.statusCode, 200, out.body);
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: s.cookie } });
    assert.equal(me.statusCode, 401);
    assert.equal(me.json().code, "UNAUTHENTICATED");
    const services = await ctx.app.inject({ url: "/api/v1/services", headers: { cookie: s.cookie } });
    assert.equal(services.statusCode, 401);
    // The owner's other session (from createTestOrg) is untouched.
    const other = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: org.owner.cookie } });
    assert.equal(other.statusCode, 200);
  });

  it("refuses open sign-up (accounts come by invitation only)", async () => {
    const email = `signup-${unique()}@example.test`;
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-up/email",
      remoteAddress: randomIp(),
      payload: { email, password: TEST_PASSWORD, name: "Mallory" },
    });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    const rows = await ctx.deps.db.select({ id: user.id }).from(user).where(eq(user.email, email));
    assert.equal(rows.length, 0, "no user was created");
  });

  it("resets a forgotten password through the e-mailed link, once", async () => {
    const email = `forgetful-${unique()}@example.test`;
    await addMember(ctx, org.orgId, email, "analyst");
    const oldSession = await signIn(ctx.app, email);
    const asked = await askReset(email);
    assert.equal(asked.statusCode, 200, asked.body);
    await sendPasswordResets(ctx.deps);

    const mail = await lastMail(ctx.deps, email, "password_reset");
    const link = new URL(linkIn(mail.text, /\/api\/auth\/reset-password\//));
    const opened = await ctx.app.inject({ url: link.pathname + link.search });
    assert.equal(opened.statusCode, 302);
    const target = new URL(String(opened.headers.location));
    assert.equal(target.origin + target.pathname, "http://localhost:3000/app/reset-password");
    const token = target.searchParams.get("token");
    assert.ok(token);

    const reset = await resetPassword(ctx.app, token, NEW_PASSWORD);
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await attempt(email, NEW_PASSWORD)).statusCode, 200, "the new password works");
    assert.equal((await attempt(email, TEST_PASSWORD)).statusCode, 401, "the old one does not");
    const stale = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: oldSession.cookie } });
    assert.equal(stale.statusCode, 401, "sessions from before the reset are revoked");

    const again = await resetPassword(ctx.app, token, "yet another passphrase 7");
    assert.equal(again.statusCode, 400, "the token works once");
    assert.match(String(again.headers["content-type"]), /application\/problem\+json/);
    assert.equal((await attempt(email, "yet another passphrase 7")).statusCode, 401);
    const reopened = await ctx.app.inject({ url: link.pathname + link.search });
    assert.equal(new URL(String(reopened.headers.location)).searchParams.get("error"), "INVALID_TOKEN");
  });

  it("does not reveal whether an e-mail has an account when asked for a reset", async () => {
    const email = `ghost-${unique()}@example.test`;
    const res = await askReset(email);
    assert.equal(res.statusCode, 200);
    await sendPasswordResets(ctx.deps);
    await assert.rejects(lastMail(ctx.deps, email, "password_reset"));
  });

  it("answers a reset request for a known and an unknown address alike, before any mail is made", async () => {
    const known = `known-${unique()}@example.test`;
    const { id: knownId } = await addMember(ctx, org.orgId, known, "analyst");
    const unknown = `unknown-${unique()}@example.test`;
    const a = await askReset(known);
    const b = await askReset(unknown);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, a.statusCode);
    assert.equal(b.body, a.body, "the same body");
    // Every header but the per-request ones is the same, name and value (no cookie, no rate-limit tell).
    const comparable = (h: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(h).filter(([k]) => !["date", "x-request-id"].includes(k)));
    assert.deepEqual(comparable(b.headers), comparable(a.headers));
    assert.equal(a.headers["set-cookie"], undefined);
    // The request path only queued the work: no token and no mail exist yet for the known address.
    await assert.rejects(lastMail(ctx.deps, known, "password_reset"), "no mail before the job runs");
    const tokens = await ctx.deps.db
      .select({ id: verification.id })
      .from(verification)
      .where(eq(verification.value, knownId));
    assert.equal(tokens.length, 0, "no token before the job runs");

    await sendPasswordResets(ctx.deps);
    const mail = await lastMail(ctx.deps, known, "password_reset");
    assert.match(mail.text, /\/api\/auth\/reset-password\//);
    await assert.rejects(lastMail(ctx.deps, unknown, "password_reset"), "nothing goes to an unknown address");
    await sendPasswordResets(ctx.deps);
    const again = await ctx.deps.db
      .select({ id: verification.id })
      .from(verification)
      .where(eq(verification.value, knownId));
    assert.equal(again.length, 1, "a second run sends nothing twice");
  });

  it("refuses a reset request with a malformed address, naming the field", async () => {
    const res = await askReset("not-an-address");
    assert.equal(res.statusCode, 400, res.body);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    assert.match(res.json().detail, /email/);
  });

  it("refuses a reset link that redirects to a foreign site", async () => {
    const res = await askReset(org.owner.email, "https://evil.example/steal");
    assert.equal(res.statusCode, 403, res.body);
  });

  it("refuses a too short new password", async () => {
    const res = await resetPassword(ctx.app, "whatever-token", "short");
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    assert.match(res.json().detail, /short/i);
  });
});

describe("sign-in rate limit", () => {
  let ctx: TestContext;
  let email: string;
  before(async () => {
    ctx = await startTestApp({ signInPerMinute: 3 });
    // No sign-in here: every attempt counts against the limit.
    email = `limited-${unique()}@example.test`;
    const { owner } = await createOrganization(ctx.deps, {
      name: "Limited",
      slug: `limited-${unique()}`,
      ownerEmail: email,
    });
    await setPassword(ctx.deps, owner.id);
  });
  after(() => ctx.close());

  it("answers the 4th attempt within a minute from one address with 429, even with the right password", async () => {
    const ip = randomIp();
    const signInFrom = (remoteAddress: string, password: string) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress,
        payload: { email, password },
      });
    for (let i = 0; i < 3; i++) assert.equal((await signInFrom(ip, "wrong password!")).statusCode, 401);
    const fourth = await signInFrom(ip, TEST_PASSWORD);
    assert.equal(fourth.statusCode, 429);
    assert.match(String(fourth.headers["content-type"]), /application\/problem\+json/);
    assert.equal(fourth.json().code, "RATE_LIMITED");
    assert.equal(fourth.json().detail, "Too many requests; try again in a minute.");
    const elsewhere = await signInFrom(randomIp(), TEST_PASSWORD);
    assert.equal(elsewhere.statusCode, 200, "another address is not affected");
  });

  it("says the rate limit in the caller's language", async () => {
    const ip = randomIp();
    let res: Awaited<ReturnType<typeof ctx.app.inject>> | undefined;
    for (let i = 0; i < 4; i++)
      res = await ctx.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: ip,
        headers: { "accept-language": "lt" },
        payload: { email, password: "wrong password!" },
      });
    assert.equal(res?.statusCode, 429, res?.body);
    assert.equal(res?.json().code, "RATE_LIMITED");
    assert.equal(res?.json().detail, t("lt", "problem.rateLimited.minute"));
    assert.equal(res?.json().detail, "Per daug užklausų; bandykite dar kartą po minutės.");
  });

  it("ignores a client-supplied address header", async () => {
    const ip = randomIp();
    for (let i = 0; i < 4; i++) {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: ip,
        headers: { "x-kaja-client-ip": randomIp(), "x-forwarded-for": randomIp() },
        payload: { email, password: "wrong password!" },
      });
      assert.equal(res.statusCode, i < 3 ? 401 : 429, `attempt ${i + 1}`);
    }
  });
});
