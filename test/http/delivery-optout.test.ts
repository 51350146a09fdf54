import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { contact, outbox } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { dispatchDue } from "../../src/modules/delivery/dispatch-due.ts";
import { scheduleInvitation } from "../../src/modules/distribution/schedule-invitation.ts";
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

const form = { "content-type": "application/x-www-form-urlencoded" };

describe("unsubscribe links and bounce reports", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let surveyId: string;
  const sendTime = nextWorkingMorning();

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Maksuamet");
    b = await createTestOrg(ctx, "Org B");
    surveyId = (
      await createSurvey(ctx.deps.db, a.orgId, {
        name: "S",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et", "ru"] }),
      })
    ).id;
  });
  after(() => ctx.close());

  const contactOf = async (orgId: string, email: string) =>
    (
      await ctx.deps.db
        .select()
        .from(contact)
        .where(and(eq(contact.orgId, orgId), eq(contact.email, email)))
    )[0];

  /** Sends one invitation to `email` (outbox mode) and returns its link token. */
  async function sendTo(email: string, locale = "et") {
    const [id] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      recipients: [{ email, locale }],
    });
    const counts = await dispatchDue(ctx.deps, { clock: () => sendTime, orgId: a.orgId });
    assert.equal(counts.sent, 1);
    const [mail] = await ctx.deps.db.select({ text: outbox.text }).from(outbox).where(eq(outbox.to, email));
    const token = /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    assert.ok(token);
    return { id, token };
  }

  it("confirms on GET (changing nothing), opts out on POST for good and skips pending invitations", async () => {
    const email = `ru-${unique()}@example.test`;
    const { token } = await sendTo(email, "ru");
    const c = await contactOf(a.orgId, email);
    // A second invitation for the same person, still waiting.
    const [waiting] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      recipients: [{ email, contactId: c.id }],
      scheduledAt: new Date(sendTime.getTime() + 86_400_000),
    });

    const page = await ctx.app.inject({ method: "GET", url: `/unsubscribe/${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers["content-type"] as string, /text\/html/);
    assert.match(page.body, /<html lang="ru">/);
    assert.match(page.body, new RegExp(`<form method="post" action="/unsubscribe/${token}">`));
    assert.ok(page.body.includes(st("ru", "unsubscribe.confirm", { org: "Maksuamet" })));
    assert.equal(
      (await contactOf(a.orgId, email)).optedOutAt,
      null,
      "a GET (link preview) unsubscribes nobody",
    );

    const done = await ctx.app.inject({
      method: "POST",
      url: `/unsubscribe/${token}`,
      headers: form,
      payload: "List-Unsubscribe=One-Click",
    });
    assert.equal(done.statusCode, 200);
    assert.ok(done.body.includes(st("ru", "unsubscribe.title")));
    assert.ok(done.body.includes(st("ru", "unsubscribe.body", { org: "Maksuamet" })));
    const first = (await contactOf(a.orgId, email)).optedOutAt;
    assert.ok(first);
    const w = await invitationState(ctx.deps.db, a.orgId, waiting);
    assert.equal(w.invitation.state, "skipped");
    assert.equal(w.invitation.reason, "opted_out");

    // Again (a second click, or a provider's multipart one-click POST): same page, the first time is kept.
    const again = await ctx.app.inject({
      method: "POST",
      url: `/unsubscribe/${token}`,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    assert.equal(again.statusCode, 200);
    assert.equal((await contactOf(a.orgId, email)).optedOutAt?.getTime(), first.getTime());

    // Later events for the person are skipped when scheduled.
    const later = await scheduleInvitation(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      contact: { email },
      occurredAt: new Date(),
      source: "api",
      now: new Date(),
    });
    assert.equal(later.state, "skipped");
    assert.equal(later.reason, "opted_out");
  });

  it("answers unknown and malformed tokens with a friendly 404 page", async () => {
    for (const token of ["A".repeat(43), "short", "%3Cscript%3E"]) {
      for (const method of ["GET", "POST"] as const) {
        const res = await ctx.app.inject({
          method,
          url: `/unsubscribe/${token}`,
          headers: form,
          payload: "",
        });
        assert.equal(res.statusCode, 404, `${method} ${token}`);
        assert.match(res.headers["content-type"] as string, /text\/html/);
        assert.ok(res.body.includes(st("et", "notFound.title")));
      }
    }
  });

  describe("POST /api/v1/bounces", () => {
    let keyA: string;
    let keyB: string;
    let readOnly: string;

    before(async () => {
      keyA = (await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "mail", scopes: ["events:write"] }))
        .key;
      keyB = (await createApiKey(ctx.deps.db, { orgId: b.orgId, name: "mail", scopes: ["events:write"] }))
        .key;
      readOnly = (await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "ro", scopes: ["surveys:read"] }))
        .key;
    });
    const bounce = (key: string | null, payload: unknown) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/bounces",
        headers: key ? { authorization: `Bearer ${key}` } : {},
        payload: payload as Record<string, unknown>,
      });

    it("marks the address invalid on a permanent bounce and skips the person's waiting invitations", async () => {
      const email = `bounce-${unique()}@example.test`;
      const [waiting] = await scheduleTestInvitations(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        recipients: [{ email }],
        scheduledAt: new Date(sendTime.getTime() + 86_400_000),
      });
      const res = await bounce(keyA, {
        email: email.toUpperCase(),
        reason: "550 5.1.1 user unknown",
        permanent: true,
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { contacts: 1, invitationsSkipped: 1 });
      const c = await contactOf(a.orgId, email);
      assert.ok(c.emailInvalidAt);
      assert.equal(c.emailInvalidReason, "550 5.1.1 user unknown");
      const w = await invitationState(ctx.deps.db, a.orgId, waiting);
      assert.equal(w.invitation.state, "skipped");
      assert.equal(w.invitation.reason, "invalid_address");
      const later = await scheduleInvitation(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        contact: { email },
        occurredAt: new Date(),
        source: "api",
        now: new Date(),
      });
      assert.equal(later.reason, "invalid_address");
    });

    it("changes nothing on a temporary bounce", async () => {
      const email = `soft-${unique()}@example.test`;
      await scheduleTestInvitations(ctx.deps.db, { orgId: a.orgId, surveyId, recipients: [{ email }] });
      const res = await bounce(keyA, { email, reason: "452 mailbox full", permanent: false });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { contacts: 0, invitationsSkipped: 0 });
      assert.equal((await contactOf(a.orgId, email)).emailInvalidAt, null);
    });

    it("validates input, requires a key with events:write, and never touches another organisation", async () => {
      const bad = await bounce(keyA, { email: "not-an-address", reason: "x", permanent: true });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "body.email");
      const missing = await bounce(keyA, { email: "x@example.test", reason: "x" });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().errors[0].path, "body.permanent");
      assert.equal(
        (await bounce(null, { email: "x@example.test", reason: "x", permanent: true })).statusCode,
        401,
      );
      assert.equal(
        (await bounce(readOnly, { email: "x@example.test", reason: "x", permanent: true })).statusCode,
        403,
      );
      const viewer = await a.as("viewer");
      const asViewer = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/bounces",
        headers: asUser(viewer),
        payload: { email: "x@example.test", reason: "x", permanent: true },
      });
      assert.equal(asViewer.statusCode, 403);

      const email = `cross-${unique()}@example.test`;
      await scheduleTestInvitations(ctx.deps.db, { orgId: a.orgId, surveyId, recipients: [{ email }] });
      const cross = await bounce(keyB, { email, reason: "550", permanent: true });
      assert.equal(cross.statusCode, 200);
      assert.deepEqual(cross.json(), { contacts: 0, invitationsSkipped: 0 });
      assert.equal((await contactOf(a.orgId, email)).emailInvalidAt, null);
    });
  });
});
