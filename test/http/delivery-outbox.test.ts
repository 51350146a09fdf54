import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { outbox } from "../../src/db/schema.ts";
import { dispatchDue } from "../../src/modules/delivery/dispatch-due.ts";
import { standardDefinition } from "../../src/modules/surveys/definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { invitationState, nextWorkingMorning, scheduleTestInvitations } from "../delivery/helpers.ts";
import {
  asUser,
  createTestOrg,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

describe("outbox mode (no SMTP server)", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let email: string;
  let invitationId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    const { id: surveyId } = await createSurvey(ctx.deps.db, a.orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et", "en"] }),
    });
    email = `outbox-${unique()}@example.test`;
    [invitationId] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      recipients: [{ email, locale: "en" }],
    });
    const sendTime = nextWorkingMorning();
    const counts = await dispatchDue(ctx.deps, { clock: () => sendTime, orgId: a.orgId });
    assert.equal(counts.sent, 1);
  });
  after(() => ctx.close());

  it("takes invitations through the whole state machine into the local outbox", async () => {
    assert.equal(ctx.deps.mailer.mode, "outbox");
    const { invitation, delivery } = await invitationState(ctx.deps.db, a.orgId, invitationId);
    assert.equal(invitation.state, "sent");
    assert.ok(invitation.sentAt);
    assert.equal(delivery?.messageId, `<${invitationId}@localhost>`);
    const kept = await ctx.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.orgId, a.orgId), eq(outbox.to, email)));
    assert.equal(kept.length, 1);
    assert.equal(kept[0].kind, "survey_invitation");
    assert.match(kept[0].subject, /would like your feedback/);
    assert.equal((kept[0].text.match(/\/s\/[A-Za-z0-9_-]{43}\?score=\d+/g) ?? []).length, 11);
    assert.match(kept[0].html ?? "", /<table/);
  });

  it("lists the organisation's outbox with the mode, for owners and admins", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/v1/outbox", headers: asUser(a.owner) });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.mode, "outbox");
    const item = body.items.find((m: { to: string }) => m.to === email);
    assert.ok(item);
    assert.equal(item.kind, "survey_invitation");
    const one = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/outbox/${item.id}`,
      headers: asUser(a.owner),
    });
    assert.equal(one.statusCode, 200);
    assert.match(one.json().html, /score=10/);
    const admin = await a.as("admin");
    const asAdmin = await ctx.app.inject({ method: "GET", url: "/api/v1/outbox", headers: asUser(admin) });
    assert.equal(asAdmin.statusCode, 200);
  });

  it("refuses anonymous callers, other roles and bad input", async () => {
    assert.equal((await ctx.app.inject({ method: "GET", url: "/api/v1/outbox" })).statusCode, 401);
    const analyst = await a.as("analyst");
    const res = await ctx.app.inject({ method: "GET", url: "/api/v1/outbox", headers: asUser(analyst) });
    assert.equal(res.statusCode, 403);
    const bad = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/outbox?limit=0",
      headers: asUser(a.owner),
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.limit");
  });

  it("shows nothing of another organisation's outbox", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/v1/outbox", headers: asUser(b.owner) });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.json().items.some((m: { to: string }) => m.to === email));
    const [mine] = await ctx.deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.to, email));
    const one = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/outbox/${mine.id}`,
      headers: asUser(b.owner),
    });
    assert.equal(one.statusCode, 404);
  });
});
