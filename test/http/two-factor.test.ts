import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { totpStep } from "../../src/auth/totp.ts";
import { session, twoFactor, user } from "../../src/db/schema.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import {
  addMember,
  asUser,
  cookiesFrom,
  createTestOrg,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";
import { authPost, codeFor, enrolTwoFactor, withCookies } from "../helpers/two-factor.ts";

describe("two-factor sign-in (authenticator app and recovery codes)", () => {
  let ctx: TestContext;
  let org: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx);
  });

  const twoFactorOf = async (userId: string) =>
    (await ctx.deps.db.select({ on: user.twoFactorEnabled }).from(user).where(eq(user.id, userId)))[0]?.on;
  const sessionsOf = async (userId: string) =>
    (await ctx.deps.db.select({ id: session.id }).from(session).where(eq(session.userId, userId))).length;

  /** Password step of a sign-in: for a user with 2FA, no session yet, only the challenge cookie. */
  async function firstStep(email: string) {
    const res = await authPost(ctx.app, "/sign-in/email", { email, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().twoFactorRedirect, true, res.body);
    assert.deepEqual(res.json().twoFactorMethods, ["totp"]);
    const cookie = cookiesFrom(res.headers["set-cookie"])
      .filter((c) => !/=$/.test(c))
      .join("; ");
    assert.doesNotMatch(cookie, /session_token=/, "no session before the second step");
    assert.match(cookie, /kaja\.two_factor=/);
    return cookie;
  }

  it("enrols with a code from the secret, refuses a wrong and a replayed code, signs in with the next", async () => {
    const email = `totp-${unique()}@example.test`;
    const u = await addMember(ctx, org.orgId, email, "analyst");
    const s = await signIn(ctx.app, email);

    const enabled = await authPost(ctx.app, "/two-factor/enable", { password: "not my password" }, s.cookie);
    assert.equal(enabled.statusCode, 400, "the password confirms enrolment");
    assert.equal(await twoFactorOf(u.id), false);

    const enrolment = await enrolTwoFactor(ctx.app, s);
    assert.equal(enrolment.backupCodes.length, 10);
    assert.equal(await twoFactorOf(u.id), true);
    const [stored] = await ctx.deps.db.select().from(twoFactor).where(eq(twoFactor.userId, u.id));
    assert.ok(
      stored && !stored.secret.includes(enrolment.secret.toString("utf8")),
      "the secret is stored encrypted",
    );
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: enrolment.session.cookie } });
    assert.equal(me.json().user.twoFactorEnabled, true);

    const before = await sessionsOf(u.id);
    const challenge = await firstStep(email);
    const wrongCode = String((Number(codeFor(enrolment.secret)) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await authPost(ctx.app, "/two-factor/verify-totp", { code: wrongCode }, challenge);
    assert.equal(wrong.statusCode, 401, wrong.body);
    assert.equal(wrong.json().code, "UNAUTHENTICATED");
    assert.equal(wrong.json().reason, "INVALID_CODE", "a wrong code says so in the machine-readable reason");
    // Without a challenge (expired or never started) the refusal is a 401 too, told apart by its reason.
    const noChallenge = await authPost(ctx.app, "/two-factor/verify-totp", { code: wrongCode }, "");
    assert.equal(noChallenge.statusCode, 401, noChallenge.body);
    assert.equal(noChallenge.json().reason, "INVALID_TWO_FACTOR_COOKIE");

    const replayed = await authPost(
      ctx.app,
      "/two-factor/verify-totp",
      { code: codeFor(enrolment.secret, enrolment.usedStep) },
      challenge,
    );
    assert.equal(replayed.statusCode, 401, "the code that confirmed enrolment is not accepted again");
    assert.match(replayed.json().detail, /already been used/);
    assert.equal(await sessionsOf(u.id), before, "no session was created by a refused code");

    // The next step's code (or the current one, if the clock has moved on since enrolment).
    const next = codeFor(enrolment.secret, Math.max(totpStep(), enrolment.usedStep + 1));
    const ok = await authPost(ctx.app, "/two-factor/verify-totp", { code: next }, challenge);
    assert.equal(ok.statusCode, 200, ok.body);
    const signedIn = cookiesFrom(ok.headers["set-cookie"]).join("; ");
    const services = await ctx.app.inject({ url: "/api/v1/services", headers: { cookie: signedIn } });
    assert.equal(services.statusCode, 200);

    const again = await authPost(ctx.app, "/two-factor/verify-totp", { code: next }, await firstStep(email));
    assert.equal(again.statusCode, 401, "the same code is refused on a second sign-in");
  });

  it("signs in with a recovery code once, and switches two-factor sign-in off with the password", async () => {
    const email = `backup-${unique()}@example.test`;
    const u = await addMember(ctx, org.orgId, email, "viewer");
    const enrolment = await enrolTwoFactor(ctx.app, await signIn(ctx.app, email));
    const [code] = enrolment.backupCodes;

    const used = await authPost(ctx.app, "/two-factor/verify-backup-code", { code }, await firstStep(email));
    assert.equal(used.statusCode, 200, used.body);
    assert.match(cookiesFrom(used.headers["set-cookie"]).join("; "), /session_token=./);
    const reused = await authPost(
      ctx.app,
      "/two-factor/verify-backup-code",
      { code },
      await firstStep(email),
    );
    assert.equal(reused.statusCode, 401, "a recovery code works once");

    const s = withCookies(enrolment.session, used.headers["set-cookie"]);
    const refused = await authPost(
      ctx.app,
      "/two-factor/disable",
      { password: "wrong password 1" },
      s.cookie,
    );
    assert.equal(refused.statusCode, 400);
    assert.equal(await twoFactorOf(u.id), true);
    const off = await authPost(ctx.app, "/two-factor/disable", { password: TEST_PASSWORD }, s.cookie);
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(await twoFactorOf(u.id), false);
    const plain = await authPost(ctx.app, "/sign-in/email", { email, password: TEST_PASSWORD });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.json().twoFactorRedirect, undefined, "the password alone signs in again");
  });

  describe("an organisation that requires two-factor sign-in", () => {
    it("is switched on only by an owner who has it, and refuses members without it until they enrol", async () => {
      const own = await createTestOrg(ctx);
      const put = (cookie: ReturnType<typeof asUser>, body: object) =>
        ctx.app.inject({ method: "PUT", url: "/api/v1/security-settings", headers: cookie, payload: body });

      const early = await put(asUser(own.owner), { requireTwoFactor: true });
      assert.equal(early.statusCode, 409, "the owner without a second factor would shut themself out");
      const owner = (await enrolTwoFactor(ctx.app, own.owner)).session;
      const on = await put(asUser(owner), { requireTwoFactor: true });
      assert.equal(on.statusCode, 200, on.body);
      assert.deepEqual(on.json(), { requireTwoFactor: true, membersWithoutTwoFactor: 0 });

      const analystEmail = `required-${unique()}@example.test`;
      await addMember(ctx, own.orgId, analystEmail, "analyst");
      await ctx.deps.db.update(user).set({ locale: "en" }).where(eq(user.email, analystEmail));
      const analyst = await signIn(ctx.app, analystEmail);
      const refused = await ctx.app.inject({ url: "/api/v1/services", headers: { cookie: analyst.cookie } });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, "TWO_FACTOR_REQUIRED");
      assert.match(refused.json().detail, /requires two-factor sign-in/, "in the user's language");
      const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: analyst.cookie } });
      assert.equal(me.statusCode, 200, "the user still reaches their own account to enrol");
      assert.equal(me.json().organizations[0].requiresTwoFactor, true);
      assert.equal(me.json().user.twoFactorEnabled, false);
      const settings = await ctx.app.inject({ url: "/api/v1/security-settings", headers: asUser(owner) });
      assert.equal(settings.json().membersWithoutTwoFactor, 1);

      const enrolled = (await enrolTwoFactor(ctx.app, analyst)).session;
      const allowed = await ctx.app.inject({ url: "/api/v1/services", headers: { cookie: enrolled.cookie } });
      assert.equal(allowed.statusCode, 200, allowed.body);

      const { key } = await createApiKey(ctx.deps.db, {
        orgId: own.orgId,
        name: "integration",
        scopes: ["catalog:read"],
        createdBy: null,
      });
      const byKey = await ctx.app.inject({
        url: "/api/v1/services",
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(byKey.statusCode, 200, "API keys are not people: the rule does not apply to them");

      const other = await ctx.app.inject({ url: "/api/v1/services", headers: { cookie: org.owner.cookie } });
      assert.equal(other.statusCode, 200, "another organisation's members are not affected");
    });

    it("answers 400 naming the field, 401 signed out, 403 to every role but the owner", async () => {
      const bad = await ctx.app.inject({
        method: "PUT",
        url: "/api/v1/security-settings",
        headers: asUser(org.owner),
        payload: { requireTwoFactor: "yes" },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(JSON.stringify(bad.json().errors), /requireTwoFactor/);
      const extra = await ctx.app.inject({
        method: "PUT",
        url: "/api/v1/security-settings",
        headers: asUser(org.owner),
        payload: { requireTwoFactor: false, other: 1 },
      });
      assert.equal(extra.statusCode, 400, "unknown fields are refused");
      const anon = await ctx.app.inject({ url: "/api/v1/security-settings" });
      assert.equal(anon.statusCode, 401);
      for (const role of ["admin", "analyst", "manager", "agent", "viewer"] as const) {
        const s = await org.as(role);
        const get = await ctx.app.inject({ url: "/api/v1/security-settings", headers: asUser(s) });
        assert.equal(get.statusCode, 403, role);
        const put = await ctx.app.inject({
          method: "PUT",
          url: "/api/v1/security-settings",
          headers: asUser(s),
          payload: { requireTwoFactor: false },
        });
        assert.equal(put.statusCode, 403, role);
      }
    });
  });
});
