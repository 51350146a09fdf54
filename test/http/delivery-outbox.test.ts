import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { invitationDelivery, organization, outbox, surveyInvitation } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { dispatchDue } from "../../src/modules/delivery/dispatch-due.ts";
import { unsafeExpireInvitations } from "../../src/modules/delivery/expire-invitations.ts";
import { sendReminders } from "../../src/modules/delivery/send-reminders.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
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
  let surveyId: string;
  const sendTime = nextWorkingMorning();

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    ({ id: surveyId } = await createSurvey(ctx.deps.db, a.orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et", "en"] }),
    }));
    email = `outbox-${unique()}@example.test`;
    [invitationId] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      recipients: [{ email, locale: "en" }],
    });
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

  it("sends one reminder after the organisation's reminder days, only while unanswered, with the same link", async () => {
    await ctx.deps.db
      .update(organization)
      .set({ contactRules: { reminderAfterDays: 3 } })
      .where(eq(organization.id, a.orgId));
    const [quiet, answering] = [`quiet-${unique()}@example.test`, `answering-${unique()}@example.test`];
    const ids = await scheduleTestInvitations(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      recipients: [{ email: quiet }, { email: answering }],
    });
    assert.equal((await dispatchDue(ctx.deps, { clock: () => sendTime, orgId: a.orgId })).sent, 2);
    const [d] = await ctx.deps.db
      .select({ due: invitationDelivery.reminderDueAt })
      .from(invitationDelivery)
      .where(and(eq(invitationDelivery.orgId, a.orgId), eq(invitationDelivery.invitationId, ids[0])));
    assert.ok(d.due, "a reminder is planned");
    assert.ok(d.due.getTime() >= sendTime.getTime() + 3 * 86_400_000);

    // The second person answers before the reminder is due.
    const [first] = await ctx.deps.db
      .select({ text: outbox.text })
      .from(outbox)
      .where(eq(outbox.to, answering));
    const token = /\/s\/([A-Za-z0-9_-]{43})\?score=/.exec(first.text)?.[1];
    assert.equal((await ctx.app.inject({ method: "GET", url: `/s/${token}?score=8` })).statusCode, 200);

    assert.equal(await sendReminders(ctx.deps, { now: new Date(d.due.getTime() - 1000), orgId: a.orgId }), 0);
    assert.equal(await sendReminders(ctx.deps, { now: d.due, orgId: a.orgId }), 1);
    assert.equal(await sendReminders(ctx.deps, { now: d.due, orgId: a.orgId }), 0, "never twice");
    const toQuiet = await ctx.deps.db.select().from(outbox).where(eq(outbox.to, quiet));
    assert.deepEqual(toQuiet.map((m) => m.kind).sort(), ["survey_invitation", "survey_reminder"]);
    const reminder = toQuiet.find((m) => m.kind === "survey_reminder")!;
    const invitation = toQuiet.find((m) => m.kind === "survey_invitation")!;
    assert.equal(reminder.subject, st("et", "email.reminderSubject", { org: "Org A" }));
    const link = (text: string) => /\/s\/[A-Za-z0-9_-]{43}\?score=0/.exec(text)?.[0];
    assert.equal(link(reminder.text), link(invitation.text), "the reminder carries the same working link");
    const toAnswering = await ctx.deps.db
      .select({ kind: outbox.kind })
      .from(outbox)
      .where(eq(outbox.to, answering));
    assert.deepEqual(toAnswering, [{ kind: "survey_invitation" }]);
  });

  it("expires unanswered invitations after the answer window, and scheduled ones past their expiry", async () => {
    const [late, waiting] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      recipients: [{ email: `late-${unique()}@example.test` }, { email: `waiting-${unique()}@example.test` }],
    });
    await ctx.deps.db
      .update(surveyInvitation)
      .set({
        scheduledAt: new Date(sendTime.getTime() + 3_600_000),
        expiresAt: new Date(sendTime.getTime() + 86_400_000),
      })
      .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.id, waiting)));
    await dispatchDue(ctx.deps, { clock: () => sendTime, orgId: a.orgId });
    const sent = await invitationState(ctx.deps.db, a.orgId, late);
    assert.equal(sent.invitation.state, "sent");
    const before = await unsafeExpireInvitations(ctx.deps.db, {
      now: new Date(sent.invitation.expiresAt!.getTime() - 1000),
      orgId: a.orgId,
    });
    assert.equal(before.sent, 0);
    await unsafeExpireInvitations(ctx.deps.db, { now: sent.invitation.expiresAt!, orgId: a.orgId });
    assert.equal((await invitationState(ctx.deps.db, a.orgId, late)).invitation.state, "expired");
    const w = await invitationState(ctx.deps.db, a.orgId, waiting);
    assert.equal(w.invitation.state, "expired");
    assert.equal(w.invitation.reason, "expired");
    // Answered invitations stay answered.
    const answered = await ctx.deps.db
      .select({ state: surveyInvitation.state })
      .from(surveyInvitation)
      .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.state, "answered")));
    assert.equal(answered.length, 1);
  });
});
