import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { invitation } from "../../src/db/schema.ts";
import {
  asUser,
  createTestOrg,
  lastMail,
  linkIn,
  resetPassword,
  type Session,
  signIn,
  startTestApp,
  type TestContext,
  type TestOrg,
  tokenOf,
  unique,
} from "../helpers/app.ts";

const PASSWORD = "invited and welcome 2026";

describe("invitations", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
  });
  after(() => ctx.close());

  const invite = (headers: Record<string, string>, payload: object) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/invitations", headers, payload });
  const cancel = (id: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: "DELETE", url: `/api/v1/invitations/${id}`, headers });
  const accept = (id: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: "POST", url: `/api/v1/invitations/${id}/accept`, headers });
  const listIds = async (s: Session) => {
    const res = await ctx.app.inject({ url: "/api/v1/invitations", headers: asUser(s) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().map((i: { id: string }) => i.id) as string[];
  };
  /** Invites `email` into A as `role`, follows the set-password link from the e-mail and signs in. */
  const inviteAndSignIn = async (email: string, role = "analyst") => {
    const res = await invite(asUser(a.owner), { email, role });
    assert.equal(res.statusCode, 201, res.body);
    const mail = await lastMail(ctx.deps, email, "invitation");
    const set = await resetPassword(
      ctx.app,
      tokenOf(linkIn(mail.text, /\/app\/reset-password\?token=/)),
      PASSWORD,
    );
    assert.equal(set.statusCode, 200, set.body);
    return { id: res.json().id as string, mail, session: await signIn(ctx.app, email, PASSWORD) };
  };

  it("invites a new person: e-mail with the accept link and a set-password link; they join as analyst", async () => {
    const email = `new-${unique()}@example.test`;
    const res = await invite(asUser(a.owner), { email: email.toUpperCase(), role: "analyst" });
    assert.equal(res.statusCode, 201, res.body);
    const inv = res.json();
    assert.equal(inv.email, email, "stored in lower case");
    assert.equal(inv.role, "analyst");
    assert.equal(inv.status, "pending");
    assert.ok(new Date(inv.expiresAt) > new Date());
    assert.ok((await listIds(a.owner)).includes(inv.id));

    const mail = await lastMail(ctx.deps, email, "invitation");
    assert.equal(mail.orgId, a.orgId);
    assert.equal(
      linkIn(mail.text, /accept-invitation/),
      `http://localhost:3000/app/accept-invitation?id=${inv.id}`,
    );
    const setLink = linkIn(mail.text, /\/app\/reset-password\?token=/);
    assert.ok(setLink.startsWith("http://localhost:3000/app/reset-password?token="));

    const set = await resetPassword(ctx.app, tokenOf(setLink), PASSWORD);
    assert.equal(set.statusCode, 200, set.body);
    const invitee = await signIn(ctx.app, email, PASSWORD);
    const before = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: invitee.cookie } });
    assert.deepEqual(before.json().organizations, [], "not a member before accepting");

    const accepted = await accept(inv.id, asUser(invitee));
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json(), { organizationId: a.orgId, role: "analyst" });
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: invitee.cookie } });
    assert.deepEqual(
      me.json().organizations.map((o: { id: string; role: string }) => [o.id, o.role]),
      [[a.orgId, "analyst"]],
    );
    assert.equal(me.json().activeOrganizationId, a.orgId);
    const members = await ctx.app.inject({ url: "/api/v1/members", headers: asUser(a.owner) });
    const joined = members.json().find((m: { email: string }) => m.email === email);
    assert.equal(joined?.role, "analyst");
    const services = await ctx.app.inject({ url: "/api/v1/services", headers: asUser(invitee) });
    assert.equal(services.statusCode, 200);

    const listed = await ctx.app.inject({ url: "/api/v1/invitations", headers: asUser(a.owner) });
    assert.equal(listed.json().find((i: { id: string }) => i.id === inv.id).status, "accepted");
    assert.equal((await accept(inv.id, asUser(invitee))).statusCode, 404, "accepted once");
    assert.equal((await invite(asUser(a.owner), { email, role: "viewer" })).statusCode, 409, "now a member");
  });

  it("does not let someone else accept the invitation (404), nor anonymously (401) or without CSRF", async () => {
    const { id, session: invitee } = await inviteAndSignIn(`target-${unique()}@example.test`);
    for (const other of [b.owner, a.owner]) {
      const res = await accept(id, asUser(other));
      assert.equal(res.statusCode, 404, other.email);
      assert.equal(res.json().code, "NOT_FOUND");
    }
    assert.equal((await accept(id, {})).statusCode, 401);
    const noCsrf = await accept(id, { cookie: invitee.cookie });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().code, "CSRF");
    const bMembers = await ctx.app.inject({ url: "/api/v1/members", headers: asUser(b.owner) });
    assert.ok(bMembers.json().every((m: { userId: string }) => m.userId !== a.owner.userId));
    assert.equal((await accept(id, asUser(invitee))).statusCode, 200, "still open for its addressee");
  });

  it("cancels an invitation, which then cannot be accepted", async () => {
    const { id, session: invitee } = await inviteAndSignIn(`cancelled-${unique()}@example.test`, "viewer");
    const res = await cancel(id, asUser(await a.as("admin")));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, "canceled");
    const acc = await accept(id, asUser(invitee));
    assert.equal(acc.statusCode, 404);
    const me = await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: invitee.cookie } });
    assert.deepEqual(me.json().organizations, []);
    assert.equal((await cancel(id, asUser(a.owner))).statusCode, 404, "only a pending one can be cancelled");
  });

  it("does not accept an expired invitation", async () => {
    const { id, session: invitee } = await inviteAndSignIn(`late-${unique()}@example.test`);
    await ctx.deps.db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitation.id, id));
    assert.equal((await accept(id, asUser(invitee))).statusCode, 404);
  });

  it("answers 404 to another organisation for its invitations", async () => {
    const res = await invite(asUser(a.owner), { email: `x-${unique()}@example.test`, role: "viewer" });
    const id = res.json().id;
    assert.ok(!(await listIds(b.owner)).includes(id));
    const other = await cancel(id, asUser(b.owner));
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().code, "NOT_FOUND");
    const still = await ctx.app.inject({ url: "/api/v1/invitations", headers: asUser(a.owner) });
    assert.equal(still.json().find((i: { id: string }) => i.id === id).status, "pending");
  });

  it("validates the e-mail, the role and the id, naming the field", async () => {
    for (const [payload, path] of [
      [{ email: "not-an-email", role: "analyst" }, "body.email"],
      [{ email: `v-${unique()}@example.test`, role: "emperor" }, "body.role"],
      [{ role: "analyst" }, "body.email"],
    ] as const) {
      const res = await invite(asUser(a.owner), payload);
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
      assert.equal(res.json().code, "VALIDATION");
      assert.deepEqual(
        res.json().errors.map((e: { path: string }) => e.path),
        [path],
      );
    }
    const badId = await cancel("123", asUser(a.owner));
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, "params.id");
    const badAccept = await accept("123", asUser(a.owner));
    assert.equal(badAccept.json().errors[0].path, "params.id");
  });

  it("lets only owners and admins invite, and only owners invite an owner", async () => {
    const email = `role-${unique()}@example.test`;
    for (const role of ["analyst", "viewer", "manager"] as const) {
      const s = asUser(await a.as(role));
      const res = await invite(s, { email, role: "viewer" });
      assert.equal(res.statusCode, 403, role);
      assert.equal(res.json().code, "FORBIDDEN");
      const list = await ctx.app.inject({ url: "/api/v1/invitations", headers: s });
      assert.equal(list.statusCode, 403, role);
    }
    const byAdmin = await invite(asUser(await a.as("admin")), { email, role: "owner" });
    assert.equal(byAdmin.statusCode, 403, "an admin cannot invite an owner");
    await assert.rejects(lastMail(ctx.deps, email, "invitation"), "no mail was sent");
    const asOwner = await invite(asUser(a.owner), { email, role: "owner" });
    assert.equal(asOwner.statusCode, 201);
  });

  it("answers 401 without credentials and 403 CSRF without the token", async () => {
    assert.equal((await ctx.app.inject({ url: "/api/v1/invitations" })).statusCode, 401);
    const anon = await invite({}, { email: `a-${unique()}@example.test`, role: "viewer" });
    assert.equal(anon.statusCode, 401);
    const noCsrf = await invite(
      { cookie: a.owner.cookie },
      { email: `c-${unique()}@example.test`, role: "viewer" },
    );
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().code, "CSRF");
    const id = (await invite(asUser(a.owner), { email: `d-${unique()}@example.test`, role: "viewer" })).json()
      .id;
    assert.equal((await cancel(id, {})).statusCode, 401);
    assert.equal((await cancel(id, { cookie: a.owner.cookie })).json().code, "CSRF");
  });
});
