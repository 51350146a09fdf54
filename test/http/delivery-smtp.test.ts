import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { contact, invitationDelivery, response, surveyInvitation } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { dispatchDue } from "../../src/modules/delivery/dispatch-due.ts";
import { retryDelayMs } from "../../src/modules/delivery/smtp-failure.ts";
import { deliverWebhooks } from "../../src/modules/webhooks/deliver-webhooks.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import {
  invitationState,
  nextWorkingMorning,
  PUBLIC_URL,
  scheduleTestInvitations,
  startAppWith,
} from "../delivery/helpers.ts";
import { type SmtpSink, startSmtpSink } from "../delivery/smtp-sink.ts";
import { startWebhookReceiver } from "../delivery/webhook-receiver.ts";
import { asUser, createTestOrg, type TestContext, type TestOrg, unique } from "../helpers/app.ts";

/** The score links of a message part: token and score of each `${PUBLIC_URL}/s/<token>?score=N`. */
function scoreLinks(text: string) {
  const re = new RegExp(`${PUBLIC_URL}/s/([A-Za-z0-9_-]{43})\\?score=(\\d+)`, "g");
  return [...text.matchAll(re)].map((m) => ({ token: m[1], score: Number(m[2]) }));
}

const header = (mail: ParsedMail, name: string) => {
  const line = mail.headerLines.find((h) => h.key === name);
  return line ? line.line.slice(line.line.indexOf(":") + 1).trim() : undefined;
};

describe("invitation e-mail over SMTP", () => {
  let smtp: SmtpSink;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;
  const orgName = `Amet ${unique()}`;
  const sendTime = nextWorkingMorning();

  before(async () => {
    smtp = await startSmtpSink();
    receiver = await startWebhookReceiver([204]);
    ctx = await startAppWith({
      SMTP_URL: smtp.url,
      MAIL_FROM: "Kaja <kaja@kaja.test>",
      // The webhook receiver listens on 127.0.0.1, which webhooks may reach only when the operator allows it.
      WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
    });
    org = await createTestOrg(ctx, orgName);
    const s = await createSurvey(ctx.deps.db, org.orgId, {
      name: "Teenindus",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et", "ru", "en"] }),
    });
    surveyId = s.id;
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
    await receiver.close();
  });

  it("sends Estonian and Russian invitations with both parts, 11 score links and one-click unsubscribe", async () => {
    const suffix = unique();
    const [etId, ruId] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [
        { email: `mari-${suffix}@example.test`, locale: "et" },
        { email: `ivan-${suffix}@example.test`, locale: "ru" },
      ],
    });
    const counts = await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => sendTime });
    assert.equal(counts.sent, 2);
    assert.equal(counts.failed, 0);

    for (const [id, locale, email] of [
      [etId, "et", `mari-${suffix}@example.test`],
      [ruId, "ru", `ivan-${suffix}@example.test`],
    ]) {
      const got = smtp.received.filter((m) => m.to.includes(email));
      assert.equal(got.length, 1, `one message to ${email}`);
      const mail = got[0].parsed!;
      assert.equal(mail.subject, st(locale, "email.subject", { org: orgName }));
      assert.deepEqual(mail.from?.value, [{ name: orgName, address: "kaja@kaja.test" }]);
      assert.equal(mail.messageId, `<${id}@localhost>`);
      assert.ok(mail.text?.includes(st(locale, "email.greeting")), "text part in the invitation's language");
      assert.ok(String(mail.html).includes(`lang="${locale}"`), "HTML declares the language");
      assert.ok(String(mail.html).includes(st(locale, "email.clickHint")));

      const inHtml = scoreLinks(String(mail.html));
      const inText = scoreLinks(mail.text ?? "");
      for (const links of [inHtml, inText]) {
        assert.deepEqual(
          [...new Set(links.map((l) => l.score))].sort((a, b) => a - b),
          [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        );
        assert.equal(
          new Set(links.map((l) => `${l.token}?${l.score}`)).size,
          11,
          "exactly 11 distinct links",
        );
        assert.equal(new Set(links.map((l) => l.token)).size, 1, "one token per invitation");
      }
      assert.equal(inHtml[0].token, inText[0].token);
      const token = inHtml[0].token;
      const unsubscribe = `${PUBLIC_URL}/unsubscribe/${token}`;
      assert.equal(header(mail, "list-unsubscribe"), `<${unsubscribe}>`);
      assert.equal(header(mail, "list-unsubscribe-post"), "List-Unsubscribe=One-Click");
      assert.ok(String(mail.html).includes(`href="${unsubscribe}"`));
      assert.ok(mail.text?.includes(unsubscribe));
      assert.ok(!/<img[^>]+width="1"|<script|<svg/i.test(String(mail.html)), "no pixel, script or SVG");

      const state = await invitationState(ctx.deps.db, org.orgId, id);
      assert.equal(state.invitation.state, "sent");
      assert.ok(state.invitation.sentAt && state.invitation.expiresAt);
      assert.equal(state.invitation.expiresAt.getTime() - state.invitation.sentAt.getTime(), 7 * 86_400_000);
      assert.equal(state.delivery?.messageId, `<${id}@localhost>`);
      assert.equal(state.delivery?.attempts, 1);
    }

    // Following a score link records the answer.
    const etMail = smtp.received.find((m) => m.to.includes(`mari-${suffix}@example.test`))!.parsed!;
    const token = scoreLinks(etMail.text ?? "")[0].token;
    const res = await ctx.app.inject({ method: "GET", url: `/s/${token}?score=9` });
    assert.equal(res.statusCode, 200);
    const stored = await ctx.deps.db
      .select({ score: response.score })
      .from(response)
      .where(and(eq(response.orgId, org.orgId), eq(response.invitationId, etId)));
    assert.deepEqual(stored, [{ score: 9 }]);
    assert.equal((await invitationState(ctx.deps.db, org.orgId, etId)).invitation.state, "answered");

    // Nothing is due any more: a second run sends nothing.
    const again = await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => sendTime });
    assert.equal(again.sent, 0);
    assert.equal(
      smtp.received.filter((m) => m.to.some((t) => t.endsWith(`${suffix}@example.test`))).length,
      2,
    );
  });

  it("repeats a message the server accepted before a crash with the same Message-ID and the same working link", async () => {
    const email = `crash-${unique()}@example.test`;
    const [id] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [{ email }],
    });
    assert.equal((await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => sendTime })).sent, 1);
    // The process died after the server's "250 OK" and before recording: the claim is still open, and lapses.
    await ctx.deps.db
      .update(surveyInvitation)
      .set({ state: "sending", sentAt: null })
      .where(and(eq(surveyInvitation.orgId, org.orgId), eq(surveyInvitation.id, id)));
    await ctx.deps.db
      .update(invitationDelivery)
      .set({ nextAttemptAt: new Date(sendTime.getTime() + 300_000) })
      .where(and(eq(invitationDelivery.orgId, org.orgId), eq(invitationDelivery.invitationId, id)));
    const later = new Date(sendTime.getTime() + 10 * 60_000);
    assert.equal(
      (await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => sendTime })).sent,
      0,
      "claim still held",
    );
    assert.equal(
      (await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => later })).sent,
      1,
      "lapsed claim taken over",
    );
    const got = smtp.received.filter((m) => m.to.includes(email));
    assert.equal(got.length, 2);
    assert.equal(got[0].messageId, `<${id}@localhost>`);
    assert.equal(got[1].messageId, got[0].messageId);
    const links = got.map((m) => scoreLinks(m.parsed?.text ?? "")[0].token);
    assert.equal(links[1], links[0], "the repeat carries the same link");
    const res = await ctx.app.inject({ method: "GET", url: `/s/${links[0]}?score=4` });
    assert.equal(res.statusCode, 200, "and the link works");
    const { invitation, delivery } = await invitationState(ctx.deps.db, org.orgId, id);
    assert.equal(invitation.state, "answered");
    assert.equal(delivery?.attempts, 2);
  });

  it("puts invitations claimed outside the send window back in the schedule, the claim not counted", async () => {
    // 23:00 in Tallinn the evening before the morning the other tests send in: outside the send window.
    const evening = new Date(sendTime.getTime() - 11 * 3_600_000);
    const ids = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [
        { email: `late-a-${unique()}@example.test` },
        { email: `late-b-${unique()}@example.test` },
      ],
      scheduledAt: new Date(evening.getTime() - 60_000),
    });
    const counts = await dispatchDue(ctx.deps, { clock: () => evening, orgId: org.orgId });
    assert.equal(counts.sent, 0);
    assert.ok(counts.rescheduled >= 2, `rescheduled ${counts.rescheduled}`);
    for (const id of ids) {
      const { invitation, delivery } = await invitationState(ctx.deps.db, org.orgId, id);
      assert.equal(invitation.state, "scheduled");
      assert.ok(invitation.scheduledAt && invitation.scheduledAt > evening, "scheduled for a later time");
      assert.equal(delivery?.attempts, 0, "the claim was no attempt");
      assert.equal(delivery?.nextAttemptAt, null);
    }
    assert.equal((await dispatchDue(ctx.deps, { clock: () => sendTime, orgId: org.orgId })).sent >= 2, true);
    for (const id of ids)
      assert.equal((await invitationState(ctx.deps.db, org.orgId, id)).invitation.state, "sent");
  });

  it("retries a temporary failure with backoff, then gives up as dead with the SMTP error", async () => {
    const email = `tempfail-${unique()}@example.test`;
    const [id] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [{ email }],
    });
    let now = sendTime;
    const clock = () => now;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const counts = await dispatchDue(ctx.deps, { clock, orgId: org.orgId });
      assert.equal(counts.failed, 1, `attempt ${attempt} fails`);
      const { invitation, delivery } = await invitationState(ctx.deps.db, org.orgId, id);
      assert.equal(delivery?.attempts, attempt);
      assert.match(delivery?.lastError ?? "", /451/);
      if (attempt < 5) {
        assert.equal(invitation.state, "failed");
        assert.equal(delivery?.nextAttemptAt?.getTime(), now.getTime() + retryDelayMs(attempt));
        // Not due before the backoff has passed.
        now = new Date(now.getTime() + retryDelayMs(attempt) - 1000);
        assert.equal((await dispatchDue(ctx.deps, { clock, orgId: org.orgId })).failed, 0);
        now = new Date(now.getTime() + 1000);
      } else {
        assert.equal(invitation.state, "dead");
        assert.equal(invitation.reason, "smtp_error");
        assert.equal(delivery?.nextAttemptAt, null);
      }
    }
    now = new Date(now.getTime() + 30 * 86_400_000);
    assert.equal(
      (await dispatchDue(ctx.deps, { clock, orgId: org.orgId })).failed,
      0,
      "a dead invitation is never retried",
    );
  });

  it("marks the address invalid when the server refuses the recipient for good, and emits invitation.failed", async () => {
    const hook = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: asUser(org.owner),
      payload: { url: receiver.url, events: ["invitation.failed"] },
    });
    assert.equal(hook.statusCode, 201);
    const email = `reject550-${unique()}@example.test`;
    const [id] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [{ email }],
    });
    const counts = await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => sendTime });
    assert.equal(counts.failed, 1);
    const { invitation, delivery } = await invitationState(ctx.deps.db, org.orgId, id);
    assert.equal(invitation.state, "dead");
    assert.equal(invitation.reason, "invalid_address");
    assert.match(delivery?.lastError ?? "", /550/);
    const [c] = await ctx.deps.db
      .select({ invalidAt: contact.emailInvalidAt, why: contact.emailInvalidReason })
      .from(contact)
      .where(and(eq(contact.orgId, org.orgId), eq(contact.email, email)));
    assert.ok(c.invalidAt);
    assert.match(c.why ?? "", /550/);
    // The event was queued with the change and is delivered once.
    const delivered = await deliverWebhooks(ctx.deps.db, {
      orgId: org.orgId,
      clock: () => sendTime,
      allowHosts: ctx.deps.config.WEBHOOK_ALLOW_HOSTS,
    });
    assert.deepEqual(delivered, { delivered: 1, failed: 0 });
    assert.equal(receiver.requests.length, 1);
    const event = JSON.parse(receiver.requests[0].body);
    assert.equal(event.event, "invitation.failed");
    assert.equal(event.data.invitationId, id);
    assert.equal(event.data.reason, "invalid_address");
    assert.match(event.data.error, /550/);
  });

  it("skips a contact without an e-mail address", async () => {
    const [id] = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [{ email: null }],
    });
    const counts = await dispatchDue(ctx.deps, { orgId: org.orgId, clock: () => sendTime });
    assert.equal(counts.skipped, 1);
    const { invitation } = await invitationState(ctx.deps.db, org.orgId, id);
    assert.equal(invitation.state, "skipped");
    assert.equal(invitation.reason, "no_address");
  });
});
