import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { response } from "../../src/db/schema.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { followUpCase, followUpEvent } from "../../src/modules/followup/schema.ts";
import { sendRecoveryQuestions } from "../../src/modules/followup/send-recovery-questions.ts";
import { type SmtpSink, startSmtpSink } from "../delivery/smtp-sink.ts";
import { asUser, startOwnTestApp, type TestContext, unique } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

const DAY = 86_400_000;
const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const PUBLIC_URL = "http://localhost:3000";

/** The three answer links of a recovery mail: token and answer of each `${PUBLIC_URL}/r/<token>?answer=…`. */
function recoveryLinks(text: string) {
  const re = new RegExp(`${PUBLIC_URL}/r/([A-Za-z0-9_-]{43})\\?answer=(yes|partly|no)`, "g");
  return [...text.matchAll(re)].map((m) => ({
    token: m[1],
    answer: m[2],
    path: m[0].slice(PUBLIC_URL.length),
  }));
}

describe("the recovery question (Did our call help?)", () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let a: FollowUpOrg;

  before(async () => {
    smtp = await startSmtpSink();
    ctx = await startOwnTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Kaja <kaja@kaja.test>" } });
    a = await followUpOrg(ctx, `Amet ${unique()}`);
    await setRule(a, { recoveryQuestion: true });
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });

  async function setRule(org: FollowUpOrg, o: Record<string, unknown>) {
    const res = await ctx.app.inject({
      method: "PUT",
      url: "/api/v1/follow-up-rules",
      headers: asUser(org.owner),
      payload: {
        enabled: true,
        npsMax: 6,
        satisfactionMax: 6,
        surveys: {},
        deadlineWorkingDays: 2,
        unreachableAfter: 3,
        defaultOwnerId: null,
        departmentManagers: {},
        recoveryQuestion: false,
        ...o,
      },
    });
    assert.equal(res.statusCode, 200, res.body);
  }

  /** Answers 3 with an invited address, gives `contact` consent, and resolves the case; returns its id. */
  async function resolvedCase(org: FollowUpOrg, email: string, contact: "email" | "phone" | "no" | null) {
    const { token, invitationId } = await org.answer(3, { email });
    if (contact) {
      const res = await ctx.app.inject({
        method: "POST",
        url: `/s/${token}`,
        ...form({ score: "3", contact, phone: "5123 4567", lang: "et" }),
      });
      assert.equal(res.statusCode, 303, res.body);
    }
    const [c] = await ctx.deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .innerJoin(
        response,
        and(eq(response.orgId, followUpCase.orgId), eq(response.id, followUpCase.responseId)),
      )
      .where(and(eq(followUpCase.orgId, org.orgId), eq(response.invitationId, invitationId)));
    const post = (body: Record<string, unknown>) =>
      ctx.app.inject({
        method: "POST",
        url: `/api/v1/cases/${c.id}/events`,
        headers: asUser(org.owner),
        payload: body,
      });
    // Without consent nobody calls: the case is resolved as it is.
    if (contact !== "no") assert.equal((await post({ kind: "call_attempt", reached: true })).statusCode, 201);
    const res = await post({ kind: "state", state: "resolved", resolution: "explained" });
    assert.equal(res.statusCode, 201, res.body);
    return c.id;
  }
  const received = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const later = (days: number) => new Date(Date.now() + days * DAY);
  const caseRow = async (org: FollowUpOrg, id: string) =>
    (
      await ctx.deps.db
        .select()
        .from(followUpCase)
        .where(and(eq(followUpCase.orgId, org.orgId), eq(followUpCase.id, id)))
    )[0];

  it("is a scheduled job", () => {
    const job = jobDefinitions().find((j) => j.name === "send-recovery-questions");
    assert.ok(job?.cron);
  });

  it("sends one e-mail after the delay, exactly once even when runs overlap, and records the answer", async () => {
    const email = `vastaja-${unique()}@example.test`;
    const id = await resolvedCase(a, email, "email");
    // Not before the delay (3 days by default).
    assert.equal((await sendRecoveryQuestions(ctx.deps, { orgId: a.orgId, now: later(2) })).sent, 0);
    assert.equal(received(email).length, 0);
    const runs = await Promise.all(
      [1, 2, 3].map(() => sendRecoveryQuestions(ctx.deps, { orgId: a.orgId, now: later(3.1) })),
    );
    assert.equal(
      runs.reduce((n, r) => n + r.sent, 0),
      1,
    );
    await sendRecoveryQuestions(ctx.deps, { orgId: a.orgId, now: later(4) });
    const mails = received(email);
    assert.equal(mails.length, 1);
    const mail = mails[0].parsed!;
    assert.match(mail.subject ?? "", /kas meie kõne aitas/);
    const links = recoveryLinks(mail.text ?? "");
    assert.deepEqual(
      links.map((l) => l.answer),
      ["yes", "partly", "no"],
    );
    assert.equal(new Set(links.map((l) => l.token)).size, 1);
    let row = await caseRow(a, id);
    assert.ok(row.recoverySentAt);
    assert.notEqual(row.recoveryTokenHash, links[0].token, "the token is stored hashed");

    // The link shows the choice preselected and records nothing by itself.
    const page = await ctx.app.inject({ method: "GET", url: links[1].path });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="et"/);
    assert.match(page.body, /value="partly" checked/);
    assert.equal(page.headers["referrer-policy"], "no-referrer");
    assert.equal((await caseRow(a, id)).recovery, null);

    const action = `/r/${links[0].token}`;
    const missing = await ctx.app.inject({ method: "POST", url: action, ...form({}) });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Valige üks vastustest/);
    const saved = await ctx.app.inject({ method: "POST", url: action, ...form({ answer: "partly" }) });
    assert.equal(saved.statusCode, 303);
    row = await caseRow(a, id);
    assert.equal(row.recovery, "partly");
    const again = await ctx.app.inject({ method: "GET", url: action });
    assert.match(again.body, /Teie vastus on salvestatud/);
    // Changed within the window.
    await ctx.app.inject({ method: "POST", url: action, ...form({ answer: "yes" }) });
    assert.equal((await caseRow(a, id)).recovery, "yes");
    const events = await ctx.deps.db
      .select({ kind: followUpEvent.kind, data: followUpEvent.data })
      .from(followUpEvent)
      .where(and(eq(followUpEvent.orgId, a.orgId), eq(followUpEvent.caseId, id)));
    assert.equal(events.filter((e) => e.kind === "recovery_sent").length, 1);
    assert.deepEqual(
      events.filter((e) => e.kind === "recovery").map((e) => e.data.answer),
      ["partly", "yes"],
    );

    // The summary's recovery rate counts the answer; the case shows it.
    const summary = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/cases/summary",
      headers: asUser(a.owner),
    });
    assert.equal(summary.json().recoveryAnswers, 1);
    assert.equal(summary.json().recoveryRatePct, 100);
    const got = await ctx.app.inject({ method: "GET", url: `/api/v1/cases/${id}`, headers: asUser(a.owner) });
    assert.equal(got.json().recovery, "yes");
  });

  it("gives unknown and tampered tokens the survey links' 404 page, and closes after 7 days", async () => {
    const email = `vastaja-${unique()}@example.test`;
    const id = await resolvedCase(a, email, "email");
    await sendRecoveryQuestions(ctx.deps, { orgId: a.orgId, now: later(3.5) });
    const [link] = recoveryLinks(received(email)[0].parsed!.text ?? "");
    const tampered = `${link.token.slice(0, -1)}${link.token.endsWith("A") ? "B" : "A"}`;
    const unknown = await ctx.app.inject({ method: "GET", url: `/r/${tampered}?answer=yes` });
    const malformed = await ctx.app.inject({ method: "GET", url: "/r/abc" });
    const survey404 = await ctx.app.inject({ method: "GET", url: `/s/${tampered}` });
    assert.equal(unknown.statusCode, 404);
    assert.equal(malformed.statusCode, 404);
    assert.equal(unknown.body, survey404.body);
    assert.equal(
      (await ctx.app.inject({ method: "POST", url: `/r/${tampered}`, ...form({ answer: "no" }) })).statusCode,
      404,
    );
    await ctx.deps.db
      .update(followUpCase)
      .set({ recoverySentAt: new Date(Date.now() - 8 * DAY) })
      .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.id, id)));
    const closed = await ctx.app.inject({
      method: "POST",
      url: `/r/${link.token}`,
      ...form({ answer: "no" }),
    });
    assert.equal(closed.statusCode, 410);
    assert.equal((await caseRow(a, id)).recovery, null);
  });

  it("sends nothing without consent to e-mail contact", async () => {
    const phone = `tel-${unique()}@example.test`;
    const no = `ei-${unique()}@example.test`;
    const unasked = `kusimata-${unique()}@example.test`;
    await resolvedCase(a, phone, "phone");
    await resolvedCase(a, no, "no");
    await resolvedCase(a, unasked, null);
    await sendRecoveryQuestions(ctx.deps, { orgId: a.orgId, now: later(4) });
    assert.equal(received(phone).length + received(no).length + received(unasked).length, 0);
  });

  it("sends nothing when the rule's switch is off (or the survey's override turns it off)", async () => {
    const b = await followUpOrg(ctx, `Amet ${unique()}`);
    const off = `off-${unique()}@example.test`;
    await resolvedCase(b, off, "email");
    await sendRecoveryQuestions(ctx.deps, { orgId: b.orgId, now: later(4) });
    assert.equal(received(off).length, 0, "the default rule has the switch off");
    await setRule(b, { recoveryQuestion: true, surveys: { [b.surveyId]: { recoveryQuestion: false } } });
    await sendRecoveryQuestions(ctx.deps, { orgId: b.orgId, now: later(4) });
    assert.equal(received(off).length, 0, "the survey's override wins");
    await setRule(b, { recoveryQuestion: true, recoveryDelayDays: 5 });
    await sendRecoveryQuestions(ctx.deps, { orgId: b.orgId, now: later(4) });
    assert.equal(received(off).length, 0, "a longer delay is kept");
    await sendRecoveryQuestions(ctx.deps, { orgId: b.orgId, now: later(5.1) });
    assert.equal(received(off).length, 1);
  });

  it("names the field of a bad delay or switch in the rule", async () => {
    const put = (o: Record<string, unknown>) =>
      ctx.app.inject({
        method: "PUT",
        url: "/api/v1/follow-up-rules",
        headers: asUser(a.owner),
        payload: {
          enabled: true,
          npsMax: 6,
          satisfactionMax: 6,
          surveys: {},
          deadlineWorkingDays: 2,
          unreachableAfter: 3,
          defaultOwnerId: null,
          departmentManagers: {},
          recoveryQuestion: true,
          ...o,
        },
      });
    const zero = await put({ recoveryDelayDays: 0 });
    assert.equal(zero.statusCode, 400);
    assert.equal(zero.json().errors[0].path, "body.recoveryDelayDays");
    const bad = await put({ surveys: { [a.surveyId]: { recoveryQuestion: "ja" } } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, `body.surveys.${a.surveyId}.recoveryQuestion`);
    const got = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/follow-up-rules",
      headers: asUser(a.owner),
    });
    assert.equal(got.json().recoveryDelayDays, 3, "nothing written");
  });
});
