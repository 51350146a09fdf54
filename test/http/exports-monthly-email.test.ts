import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { reportSubscription } from "../../src/db/schema.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { sendMonthlyReports } from "../../src/modules/insights/exports/send-monthly-reports.ts";
import { type SmtpSink, startSmtpSink } from "../delivery/smtp-sink.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import {
  asUser,
  createTestOrg,
  lastMail,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";
import { seedComments, spreadAnswers } from "./comments-fixtures.ts";
import { pdfText } from "./exports-pdf-text.ts";

describe("monthly report e-mail: subscriptions and the job", () => {
  let ctx: TestContext;
  let smtp: SmtpSink;
  let a: TestOrg;
  let b: TestOrg;
  const orgName = "Keskkonnaamet";

  before(async () => {
    smtp = await startSmtpSink();
    ctx = await startTestApp();
    a = await createTestOrg(ctx, orgName);
    b = await createTestOrg(ctx, "Org B");
    await seedComments(ctx, a, [...spreadAnswers("2026-05", 45), ...spreadAnswers("2026-06", 20)]);
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });

  const post = (org: TestOrg, payload: object, as = org.owner) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/report-subscriptions", headers: asUser(as), payload });
  const subscriptions = (orgId: string) =>
    ctx.deps.db.select().from(reportSubscription).where(eq(reportSubscription.orgId, orgId));

  it("a member subscribes themselves; a repeat only changes the language", async () => {
    const res = await post(a, {});
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().userId, a.owner.userId);
    assert.equal(res.json().locale, "et");
    const again = await post(a, { locale: "en" });
    assert.equal(again.json().locale, "en");
    assert.equal((await subscriptions(a.orgId)).length, 1);
    const viewer = await a.as("viewer");
    assert.equal((await post(a, {}, viewer)).statusCode, 201, "a viewer reads reports too");
  });

  it("owners and admins subscribe other members; others may not", async () => {
    const analyst = await a.as("analyst");
    const admin = await a.as("admin");
    const res = await post(a, { userId: analyst.userId, locale: "ru" }, admin);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().email, analyst.email);
    assert.equal((await post(a, { userId: a.owner.userId }, analyst)).statusCode, 403);
    const list = await ctx.app.inject({ url: "/api/v1/report-subscriptions", headers: asUser(analyst) });
    assert.deepEqual(
      list.json().map((s: { userId: string }) => s.userId),
      [analyst.userId],
      "a member sees their own subscription",
    );
    const all = await ctx.app.inject({ url: "/api/v1/report-subscriptions", headers: asUser(admin) });
    assert.equal(all.json().length, 3);
  });

  it("rejects bad input naming the field, and answers 401 and 403", async () => {
    const bad = await post(a, { locale: "xx" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "body.locale");
    const empty = await post(a, { userId: "" });
    assert.equal(empty.json().errors[0].path, "body.userId");
    assert.equal((await ctx.app.inject({ url: "/api/v1/report-subscriptions" })).statusCode, 401);
    const anon = await ctx.app.inject({ method: "POST", url: "/api/v1/report-subscriptions", payload: {} });
    assert.equal(anon.statusCode, 401);
    const anonDelete = await ctx.app.inject({ method: "DELETE", url: "/api/v1/report-subscriptions/me" });
    assert.equal(anonDelete.statusCode, 401);
    const key = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "r", scopes: ["responses:read"] });
    const byKey = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/report-subscriptions",
      headers: { authorization: `Bearer ${key.key}` },
      payload: {},
    });
    assert.equal(byKey.statusCode, 403, "an API key is not a person who reads mail");
  });

  it("another organisation cannot subscribe or unsubscribe this one's members (404)", async () => {
    const analyst = await a.as("analyst");
    assert.equal((await post(b, { userId: analyst.userId })).statusCode, 404);
    const del = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/report-subscriptions/${analyst.userId}`,
      headers: asUser(b.owner),
    });
    assert.equal(del.statusCode, 404);
    assert.equal((await subscriptions(a.orgId)).length, 3);
    assert.equal((await subscriptions(b.orgId)).length, 0);
  });

  it("the job mails last month's PDF to each subscriber once, with the summary's headline figure", async () => {
    const mailer = createMailer({ db: ctx.deps.db, smtpUrl: smtp.url, from: "Kaja <kaja@kaja.test>" });
    const deps = { db: ctx.deps.db, mailer, config: ctx.deps.config };
    const now = new Date("2026-06-03T07:00:00Z");
    const run = await sendMonthlyReports(deps, now);
    const mine = smtp.received.filter((m) => m.parsed?.subject?.startsWith(`${orgName}:`));
    assert.equal(mine.length, 3, JSON.stringify(run.failed));
    const owner = mine.find((m) => m.to.includes(a.owner.email));
    assert.ok(owner?.parsed);
    assert.equal(owner.parsed.subject, `${orgName}: customer feedback report – May 2026`);
    assert.match(owner.messageId, /^<monthly-report\.2026-05\./);
    const [pdf] = owner.parsed.attachments;
    assert.equal(pdf.contentType, "application/pdf");
    assert.match(pdf.filename ?? "", /^kaja-test-.*-2026-05\.pdf$/);
    const summary = await ctx.app.inject({
      url: "/api/v1/reports/summary?from=2026-05-01&to=2026-06-01",
      headers: asUser(a.owner),
    });
    const nps = summary.json().total.nps as number;
    const lines = pdfText(pdf.content).split("\n");
    assert.equal(lines[lines.indexOf("Recommendation index (NPS)") + 1], `${nps > 0 ? "+" : ""}${nps}`);
    const analyst = await a.as("analyst");
    const ru = mine.find((m) => m.to.includes(analyst.email));
    assert.match(ru?.parsed?.subject ?? "", /отчёт по отзывам клиентов – май 2026/);
    const rows = await subscriptions(a.orgId);
    assert.ok(rows.every((r) => r.lastSentMonth === "2026-05"));

    const second = await sendMonthlyReports(deps, new Date("2026-06-20T07:00:00Z"));
    assert.equal(smtp.received.filter((m) => m.parsed?.subject?.startsWith(`${orgName}:`)).length, 3);
    assert.ok(second.skipped >= 3, "nothing twice in the same month");
    await sendMonthlyReports(deps, new Date("2026-07-01T06:00:00Z"));
    const july = smtp.received.filter(
      (m) => m.parsed?.subject === `${orgName}: customer feedback report – June 2026`,
    );
    assert.equal(july.length, 1, "the next month's report, to the English-speaking owner");
    await mailer.close();
  });

  it("is a scheduled job: the registered handler mails the month's report to the outbox", async () => {
    const job = jobDefinitions({ orgId: a.orgId, clock: () => new Date("2026-08-01T06:00:00Z") }).find(
      (j) => j.name === "send-monthly-reports",
    );
    assert.ok(job?.cron, "send-monthly-reports is registered with a schedule");
    await job.handler(ctx.deps, {});
    const mail = await lastMail(ctx.deps, a.owner.email, "monthly-report");
    assert.equal(mail.subject, `${orgName}: customer feedback report – July 2026`);
    const rows = await subscriptions(a.orgId);
    assert.ok(rows.every((r) => r.lastSentMonth === "2026-07"));
  });

  it("a member ends their subscription; a second time is 404", async () => {
    const analyst = await a.as("analyst");
    const url = "/api/v1/report-subscriptions/me";
    const res = await ctx.app.inject({ method: "DELETE", url, headers: asUser(analyst) });
    assert.equal(res.statusCode, 204);
    const rows = await ctx.deps.db
      .select()
      .from(reportSubscription)
      .where(and(eq(reportSubscription.orgId, a.orgId), eq(reportSubscription.userId, analyst.userId)));
    assert.equal(rows.length, 0);
    assert.equal((await ctx.app.inject({ method: "DELETE", url, headers: asUser(analyst) })).statusCode, 404);
    const other = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/report-subscriptions/${a.owner.userId}`,
      headers: asUser(analyst),
    });
    assert.equal(other.statusCode, 403);
  });
});
