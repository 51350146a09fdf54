import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, organization } from "../../src/db/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { recordAudit } from "../../src/modules/privacy/record-audit.ts";
import {
  asUser,
  createTestOrg,
  randomIp,
  type Session,
  setPassword,
  signIn,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

describe("audit log", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let auditor: Session;

  const entries = (orgId: string, action: string) =>
    ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)));

  const call = (
    s: Session,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: object,
  ) => ctx.app.inject({ method, url: `/api/v1${url}`, headers: asUser(s), ...(payload ? { payload } : {}) });

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Audited");
    b = await createTestOrg(ctx, "Other");
    auditor = await a.as("auditor");
  });

  describe("entries for every kind", () => {
    it("a sign-in", async () => {
      const rows = await entries(a.orgId, "auth.sign_in");
      assert.ok(rows.some((r) => r.actorId === a.owner.userId && r.targetId === a.owner.userId));
      assert.deepEqual(rows.find((r) => r.actorId === a.owner.userId)?.details, { method: "/sign-in/email" });
    });

    it("a failed sign-in of a member, with no password in the entry", async () => {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: randomIp(),
        payload: { email: a.owner.email, password: "wrong password here" },
      });
      assert.equal(res.statusCode, 401);
      const [row] = await entries(a.orgId, "auth.sign_in_failed");
      assert.equal(row.targetId, a.owner.userId);
      assert.doesNotMatch(JSON.stringify(row), /wrong password/);
      assert.equal((await entries(b.orgId, "auth.sign_in_failed")).length, 0);
    });

    it("an invitation, its cancellation and a member joining", async () => {
      const email = `invitee-${unique()}@example.test`;
      const inv = await call(a.owner, "POST", "/invitations", { email, role: "analyst" });
      assert.equal(inv.statusCode, 201);
      const [invited] = await entries(a.orgId, "member.invite");
      assert.equal(invited.targetId, inv.json().id);
      assert.equal(invited.details.role, "analyst");
      assert.doesNotMatch(JSON.stringify(invited), new RegExp(email));

      const cancel = await call(a.owner, "DELETE", `/invitations/${inv.json().id}`);
      assert.equal(cancel.statusCode, 200);
      assert.equal((await entries(a.orgId, "member.invitation_cancel"))[0].targetId, inv.json().id);

      const again = await call(a.owner, "POST", "/invitations", { email, role: "viewer" });
      const invitee = await ctx.deps.db.query.user.findFirst({ where: (u, { eq }) => eq(u.email, email) });
      assert.ok(invitee);
      await setPassword(ctx.deps, invitee.id);
      const s = await signIn(ctx.app, email);
      const accept = await ctx.app.inject({
        method: "POST",
        url: `/api/v1/invitations/${again.json().id}/accept`,
        headers: asUser(s),
      });
      assert.equal(accept.statusCode, 200);
      const [joined] = await entries(a.orgId, "member.join");
      assert.equal(joined.actorId, invitee.id);
      assert.equal(joined.details.role, "viewer");
    });

    it("a role change and a removal", async () => {
      const viewer = await a.as("viewer");
      const members = (await call(a.owner, "GET", "/members")).json() as { id: string; userId: string }[];
      const m = members.find((x) => x.userId === viewer.userId);
      assert.ok(m);
      assert.equal((await call(a.owner, "PATCH", `/members/${m.id}`, { role: "analyst" })).statusCode, 200);
      const [changed] = await entries(a.orgId, "member.role_change");
      assert.deepEqual(
        [changed.actorId, changed.targetId, changed.details],
        [a.owner.userId, viewer.userId, { from: "viewer", to: "analyst" }],
      );
      assert.equal((await call(a.owner, "DELETE", `/members/${m.id}`)).statusCode, 204);
      assert.equal((await entries(a.orgId, "member.remove"))[0].targetId, viewer.userId);
    });

    it("an API key's creation and revocation", async () => {
      const created = await call(a.owner, "POST", "/api-keys", { name: "ERP", scopes: ["events:write"] });
      assert.equal(created.statusCode, 201);
      const [row] = await entries(a.orgId, "api_key.create");
      assert.equal(row.targetId, created.json().id);
      assert.deepEqual(row.details.scopes, ["events:write"]);
      assert.doesNotMatch(JSON.stringify(row), new RegExp(created.json().key));
      assert.equal((await call(a.owner, "DELETE", `/api-keys/${created.json().id}`)).statusCode, 200);
      assert.equal((await entries(a.orgId, "api_key.revoke"))[0].targetId, created.json().id);
    });

    it("an export with what, filters and rows", async () => {
      const res = await call(a.owner, "GET", "/exports/responses.csv?audience=external&from=2026-01-01");
      assert.equal(res.statusCode, 200);
      const [row] = await entries(a.orgId, "export.download");
      assert.deepEqual(row.details, {
        what: "answers",
        format: "csv",
        filters: { audience: "external", from: "2026-01-01T00:00:00.000Z" },
        rows: 0,
        complete: true,
      });
    });

    it("viewing, opting out and erasing a contact", async () => {
      const made = await call(a.owner, "POST", "/contacts", { email: `mari-${unique()}@example.test` });
      assert.equal(made.statusCode, 201);
      const id = made.json().id;
      assert.equal((await call(a.owner, "GET", `/contacts/${id}`)).statusCode, 200);
      assert.equal((await entries(a.orgId, "contact.view"))[0].targetId, id);
      assert.equal((await call(a.owner, "POST", `/contacts/${id}/opt-out`)).statusCode, 200);
      assert.equal((await entries(a.orgId, "contact.opt_out"))[0].targetId, id);
      assert.equal((await call(a.owner, "DELETE", `/contacts/${id}`)).statusCode, 204);
      assert.equal((await entries(a.orgId, "contact.erase"))[0].targetId, id);
    });

    it("a settings change, naming the fields but not the values", async () => {
      const res = await call(a.owner, "PUT", "/contact-rules", { delayWorkingDays: 2 });
      assert.equal(res.statusCode, 200);
      const [row] = await entries(a.orgId, "settings.change");
      assert.deepEqual(row.details, { area: "contact_rules", fields: ["delayWorkingDays"] });
    });

    it("a download of the audit log itself", async () => {
      const res = await call(auditor, "GET", "/audit-events.csv?action=auth.sign_in");
      assert.equal(res.statusCode, 200);
      assert.match(res.headers["content-type"] as string, /^text\/csv/);
      const lines = res.body.trim().split("\r\n");
      assert.equal(
        lines[0].replace(/^\uFEFF/, ""),
        "id,at,action,actorType,actorId,actorName,targetType,targetId,details",
      );
      assert.ok(lines.length >= 2 && lines.slice(1).every((l) => l.includes(",auth.sign_in,")));
      const [row] = await entries(a.orgId, "audit.export");
      assert.equal(row.actorId, auditor.userId);
      assert.deepEqual(row.details, {
        format: "csv",
        filters: { action: "auth.sign_in" },
        rows: lines.length - 1,
        complete: true,
      });
    });
  });

  describe("reading", () => {
    it("filters by action and actor, and pages with a cursor", async () => {
      const all = await call(auditor, "GET", `/audit-events?actor=${a.owner.userId}&limit=200`);
      assert.equal(all.statusCode, 200);
      const items = all.json().items as { id: string; actorId: string; actorName: string }[];
      assert.ok(items.length >= 5);
      assert.ok(items.every((i) => i.actorId === a.owner.userId && i.actorName));
      const first = await call(auditor, "GET", `/audit-events?actor=${a.owner.userId}&limit=2`);
      assert.deepEqual(
        first.json().items.map((i: { id: string }) => i.id),
        items.slice(0, 2).map((i) => i.id),
      );
      const next = await call(
        auditor,
        "GET",
        `/audit-events?actor=${a.owner.userId}&limit=2&cursor=${first.json().nextCursor}`,
      );
      assert.deepEqual(
        next.json().items.map((i: { id: string }) => i.id),
        items.slice(2, 4).map((i) => i.id),
      );
      const byAction = await call(auditor, "GET", "/audit-events?action=api_key.create");
      assert.deepEqual(
        byAction.json().items.map((i: { action: string }) => i.action),
        ["api_key.create"],
      );
    });

    it("filters by period", async () => {
      const future = await call(auditor, "GET", "/audit-events?from=2999-01-01");
      assert.deepEqual(future.json(), { items: [], nextCursor: null });
      const past = await call(auditor, "GET", "/audit-events?to=2000-01-01");
      assert.equal(past.json().items.length, 0);
      const now = await call(auditor, "GET", "/audit-events?from=2000-01-01&to=2999-01-01&limit=1");
      assert.equal(now.json().items.length, 1);
    });

    it("refuses a bad filter naming the field", async () => {
      for (const [query, field] of [
        ["action=contact.delete", "action"],
        ["cursor=abc", "cursor"],
        ["from=2026-02-30", "from"],
        ["limit=0", "limit"],
        ["extra=1", "extra"],
      ]) {
        const res = await call(auditor, "GET", `/audit-events?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.match(res.body, new RegExp(field), query);
      }
    });

    it("needs a session with audit:read: owners and auditors, not admins or analysts", async () => {
      assert.equal((await ctx.app.inject({ url: "/api/v1/audit-events" })).statusCode, 401);
      assert.equal((await call(a.owner, "GET", "/audit-events")).statusCode, 200);
      for (const role of ["admin", "analyst", "manager", "agent", "viewer", "quality_specialist"] as const) {
        const s = await a.as(role);
        assert.equal((await call(s, "GET", "/audit-events")).statusCode, 403, role);
        assert.equal((await call(s, "GET", "/audit-events.csv")).statusCode, 403, role);
      }
    });

    it("the auditor reads but changes nothing", async () => {
      assert.equal((await call(auditor, "GET", "/audit-events")).statusCode, 200);
      assert.equal(
        (await call(auditor, "POST", "/api-keys", { name: "x", scopes: ["events:write"] })).statusCode,
        403,
      );
      assert.equal((await call(auditor, "PUT", "/contact-rules", { delayWorkingDays: 1 })).statusCode, 403);
      assert.equal((await call(auditor, "GET", "/responses")).statusCode, 403);
      assert.equal((await call(auditor, "GET", "/contacts")).statusCode, 403);
    });

    it("shows an organisation only its own entries", async () => {
      const seen = (await call(b.owner, "GET", `/audit-events?actor=${a.owner.userId}`)).json();
      assert.deepEqual(seen.items, []);
      const own = (await call(b.owner, "GET", "/audit-events?limit=200")).json().items as {
        actorId: string;
      }[];
      assert.ok(own.length > 0 && own.every((i) => i.actorId !== a.owner.userId));
      const csv = await call(b.owner, "GET", `/audit-events.csv?actor=${a.owner.userId}`);
      assert.equal(csv.body.trim().split("\r\n").length, 1);
    });
  });

  describe("append-only", () => {
    it("the database refuses to change or delete an entry, or empty the table", async () => {
      const refused = (e: { cause?: { message?: string } }) => /append-only/.test(e.cause?.message ?? "");
      await assert.rejects(
        ctx.deps.db.update(auditLog).set({ action: "x" }).where(eq(auditLog.orgId, a.orgId)),
        refused,
      );
      await assert.rejects(ctx.deps.db.delete(auditLog).where(eq(auditLog.orgId, a.orgId)), refused);
      await assert.rejects(ctx.deps.db.execute(sql`truncate audit_log`), refused);
      assert.ok((await entries(a.orgId, "auth.sign_in")).length > 0);
    });

    it("entries go only with their organisation", async () => {
      const slug = `gone-${unique()}`;
      const { org } = await createOrganization(ctx.deps, {
        name: "Gone",
        slug,
        ownerEmail: `o-${slug}@example.test`,
      });
      await recordAudit(ctx.deps.db, {
        orgId: org.id,
        actor: { type: "system", id: null },
        action: "retention.run",
      });
      await ctx.deps.db.delete(organization).where(eq(organization.id, org.id));
      assert.equal((await ctx.deps.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).length, 0);
    });
  });
});
