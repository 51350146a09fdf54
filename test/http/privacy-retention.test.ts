import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, contact, outbox, response, surveyInvitation } from "../../src/db/schema.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { verifyRollups } from "../../src/modules/insights/verify-rollups.ts";
import { runRetention } from "../../src/modules/privacy/retention.ts";
import {
  asUser,
  createTestOrg,
  type Session,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";
import { seedComments } from "./comments-fixtures.ts";

const OLD = new Date("2024-01-10T10:00:00Z");
const RECENT = new Date("2026-01-10T10:00:00Z");
/** The test's clock: OLD is 28 months back, RECENT 5 months. */
const NOW = new Date("2026-06-01T03:10:00Z");

/** Per kind, one record past the default 24 months and one within it. */
async function seed(ctx: TestContext, org: TestOrg) {
  const db = ctx.deps.db;
  const fx = await seedComments(ctx, org, [
    {
      key: "old",
      score: 3,
      comment: "Helistage 5123 4567",
      locale: "et",
      employee: null,
      service: null,
      at: OLD,
      respondentName: "Mari Maasikas",
      respondentEmail: "mari@example.test",
    },
    {
      key: "recent",
      score: 9,
      comment: "Helistage 5234 5678",
      locale: "et",
      employee: null,
      service: null,
      at: RECENT,
      respondentName: "Jaan Tamm",
      respondentEmail: "jaan@example.test",
    },
  ]);
  const oldContact = randomUUID();
  const recentContact = randomUUID();
  await db.insert(contact).values([
    {
      orgId: org.orgId,
      id: oldContact,
      email: `old-${org.orgId}@example.test`,
      lastSurveyedAt: OLD,
      updatedAt: OLD,
    },
    { orgId: org.orgId, id: recentContact, email: `new-${org.orgId}@example.test`, lastSurveyedAt: RECENT },
  ]);
  const invitation = (sentAt: Date) => ({
    orgId: org.orgId,
    id: randomUUID(),
    surveyId: fx.surveyId,
    tokenHash: randomUUID(),
    locale: "et",
    contactId: recentContact,
    state: "sent",
    sentAt,
  });
  await db.insert(surveyInvitation).values([invitation(OLD), invitation(RECENT)]);
  const kase = (key: string, openedAt: Date) => ({
    orgId: org.orgId,
    id: randomUUID(),
    responseId: fx.ids[key],
    surveyId: fx.surveyId,
    state: "open",
    contactAllowed: true,
    contactChannel: "phone",
    contactPhone: "+37251234567",
    dueDate: "2026-02-05",
    dueAt: new Date("2026-02-05T22:00:00Z"),
    openedAt,
  });
  await db.insert(followUpCase).values([kase("old", OLD), kase("recent", RECENT)]);
  const message = (createdAt: Date) => ({
    id: randomUUID(),
    orgId: org.orgId,
    to: "someone@example.test",
    subject: "Kuidas läks?",
    text: "…",
    kind: "invitation",
    sentVia: "outbox",
    createdAt,
  });
  await db.insert(outbox).values([message(OLD), message(RECENT)]);
  return fx;
}

const ONE_EACH = { contacts: 1, invitations: 1, messages: 1, respondents: 1, callbacks: 1, comments: 1 };
const NONE = { contacts: 0, invitations: 0, messages: 0, respondents: 0, callbacks: 0, comments: 0 };

describe("retention of personal data", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fxA: Awaited<ReturnType<typeof seed>>;

  const call = (s: Session | null, method: "GET" | "PUT", url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url: `/api/v1/privacy/${url}`,
      headers: s ? asUser(s) : {},
      ...(payload ? { payload } : {}),
    });
  const snapshot = async (orgId: string) => ({
    contacts: await ctx.deps.db.select().from(contact).where(eq(contact.orgId, orgId)),
    answers: await ctx.deps.db.select().from(response).where(eq(response.orgId, orgId)),
    cases: await ctx.deps.db.select().from(followUpCase).where(eq(followUpCase.orgId, orgId)),
    invitations: await ctx.deps.db.select().from(surveyInvitation).where(eq(surveyInvitation.orgId, orgId)),
    messages: await ctx.deps.db.select().from(outbox).where(eq(outbox.orgId, orgId)),
  });

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Retention A");
    b = await createTestOrg(ctx, "Retention B");
    fxA = await seed(ctx, a);
    await seed(ctx, b);
  });

  it("shows the documented defaults and previews what the saved or proposed periods would anonymise", async () => {
    const res = await call(a.owner, "GET", "retention");
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      contactMonths: 24,
      invitationMonths: 24,
      respondentMonths: 24,
      callbackMonths: 24,
      commentMonths: 24,
    });
    const preview = await call(a.owner, "GET", "retention/preview");
    assert.equal(preview.statusCode, 200, preview.body);
    assert.deepEqual(preview.json().counts, ONE_EACH);
    const longer = await call(a.owner, "GET", "retention/preview?commentMonths=120&callbackMonths=120");
    assert.deepEqual(longer.json().counts, { ...ONE_EACH, comments: 0, callbacks: 0 });
    assert.equal(longer.json().periods.commentMonths, 120);
    assert.equal((await call(a.owner, "GET", "retention/preview?commentMonths=0")).statusCode, 400);
  });

  it("saves periods, refuses bad ones naming the field, and only privacy managers may", async () => {
    for (const [body, field] of [
      [{ contactMonths: 0 }, "contactMonths"],
      [{ commentMonths: 121 }, "commentMonths"],
      [{ respondentMonths: 1.5 }, "respondentMonths"],
      [{ extra: 1 }, "extra"],
    ] as const) {
      const full = {
        contactMonths: 24,
        invitationMonths: 24,
        respondentMonths: 24,
        callbackMonths: 24,
        commentMonths: 24,
      };
      const res = await call(a.owner, "PUT", "retention", { ...full, ...body });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(res.body, new RegExp(field));
    }
    const periods = {
      contactMonths: 36,
      invitationMonths: 12,
      respondentMonths: 24,
      callbackMonths: 6,
      commentMonths: 24,
    };
    const saved = await call(a.owner, "PUT", "retention", periods);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual((await call(a.owner, "GET", "retention")).json(), periods);
    assert.equal(
      (await call(b.owner, "GET", "retention")).json().contactMonths,
      24,
      "other organisation untouched",
    );
    const [entry] = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "settings.change")));
    assert.equal((entry.details as { area: string }).area, "retention");
    for (const role of ["analyst", "auditor", "manager"] as const) {
      const s = await a.as(role);
      assert.equal((await call(s, "GET", "retention")).statusCode, 403, role);
      assert.equal((await call(s, "PUT", "retention", periods)).statusCode, 403, role);
      assert.equal((await call(s, "GET", "retention/preview")).statusCode, 403, role);
    }
    assert.equal((await call(null, "GET", "retention")).statusCode, 401);
    assert.equal((await call(null, "PUT", "retention", periods)).statusCode, 401);
    // Back to the defaults for the run below.
    const defaults = {
      contactMonths: 24,
      invitationMonths: 24,
      respondentMonths: 24,
      callbackMonths: 24,
      commentMonths: 24,
    };
    assert.equal((await call(a.owner, "PUT", "retention", defaults)).statusCode, 200);
  });

  it("the daily job anonymises exactly what expired; figures and rollups stay; a second run changes nothing", async () => {
    const job = jobDefinitions({ clock: () => NOW, orgId: a.orgId }).find(
      (j) => j.name === "anonymise-expired",
    );
    assert.equal(job?.cron, "10 3 * * *");
    const summary = () =>
      ctx.app.inject({
        url: "/api/v1/reports/summary?from=2024-01-01&to=2026-03-01",
        headers: asUser(a.owner),
      });
    const figuresBefore = (await summary()).json();
    const rollupsBefore = await verifyRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(rollupsBefore.differences, []);
    const otherBefore = await snapshot(b.orgId);
    const before = await snapshot(a.orgId);

    await job?.handler(ctx.deps, {});

    assert.deepEqual(await verifyRollups(ctx.deps.db, a.orgId), rollupsBefore, "rollups unchanged");
    assert.deepEqual((await summary()).json(), figuresBefore, "report figures unchanged");
    const after = await snapshot(a.orgId);
    assert.deepEqual(
      after.contacts.map((c) => c.lastSurveyedAt),
      [before.contacts.find((c) => c.lastSurveyedAt?.getTime() === RECENT.getTime())?.lastSurveyedAt],
      "only the contact last reached within the period is left",
    );
    const old = after.answers.find((r) => r.id === fxA.ids.old);
    const recent = after.answers.find((r) => r.id === fxA.ids.recent);
    assert.deepEqual(
      [old?.respondentName, old?.respondentEmail, old?.comment, old?.score],
      [null, null, "Helistage […]", 3],
    );
    assert.deepEqual(
      [recent?.respondentName, recent?.respondentEmail, recent?.comment, recent?.score],
      ["Jaan Tamm", "jaan@example.test", "Helistage 5234 5678", 9],
    );
    assert.deepEqual(after.invitations.map((i) => [i.sentAt?.getFullYear(), i.contactId === null]).sort(), [
      [2024, true],
      [2026, false],
    ]);
    assert.deepEqual(
      after.cases.map((c) => [c.openedAt.getFullYear(), c.contactPhone, c.contactAllowed]).sort(),
      [
        [2024, null, false],
        [2026, "+37251234567", true],
      ],
    );
    assert.deepEqual(
      after.messages.map((m) => m.createdAt.getFullYear()),
      [2026],
    );
    const runs = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "retention.run")));
    assert.equal(runs.length, 1);
    assert.deepEqual((runs[0].details as { counts: object }).counts, ONE_EACH);
    assert.equal(runs[0].actorType, "system");

    assert.deepEqual(await runRetention(ctx.deps.db, a.orgId, NOW), NONE, "a second run finds nothing");
    assert.deepEqual(await snapshot(a.orgId), after, "and changes nothing");
    const runsAgain = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "retention.run")));
    assert.equal(runsAgain.length, 1, "an empty run is not logged");
    assert.deepEqual(await snapshot(b.orgId), otherBefore, "the other organisation is untouched");
  });
});

describe("a survey's own retention periods", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fxA: Awaited<ReturnType<typeof seed>>;
  let fxB: Awaited<ReturnType<typeof seed>>;

  const call = (s: Session | null, method: "GET" | "PUT" | "DELETE", url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url: `/api/v1/privacy/retention/${url}`,
      headers: s ? asUser(s) : {},
      ...(payload ? { payload } : {}),
    });
  const own = { invitationMonths: null, respondentMonths: 120, callbackMonths: null, commentMonths: 3 };

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Survey retention A");
    b = await createTestOrg(ctx, "Survey retention B");
    fxA = await seed(ctx, a);
    fxB = await seed(ctx, b);
  });

  it("sets, lists and removes a survey's periods; refuses bad input; other organisations' surveys are 404", async () => {
    assert.deepEqual((await call(a.owner, "GET", "surveys")).json(), { items: [] });
    const bad = await call(a.owner, "PUT", `surveys/${fxA.surveyId}`, { ...own, commentMonths: 0 });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /commentMonths/);
    const extra = await call(a.owner, "PUT", `surveys/${fxA.surveyId}`, { ...own, contactMonths: 3 });
    assert.equal(extra.statusCode, 400);
    assert.match(extra.body, /contactMonths/);
    assert.equal((await call(a.owner, "PUT", `surveys/${fxB.surveyId}`, own)).statusCode, 404);
    assert.equal((await call(a.owner, "PUT", `surveys/${randomUUID()}`, own)).statusCode, 404);
    assert.equal((await call(a.owner, "PUT", "surveys/not-a-uuid", own)).statusCode, 400);
    for (const role of ["analyst", "auditor", "manager"] as const) {
      const s = await a.as(role);
      assert.equal((await call(s, "GET", "surveys")).statusCode, 403, role);
      assert.equal((await call(s, "PUT", `surveys/${fxA.surveyId}`, own)).statusCode, 403, role);
      assert.equal((await call(s, "DELETE", `surveys/${fxA.surveyId}`)).statusCode, 403, role);
    }
    assert.equal((await call(null, "GET", "surveys")).statusCode, 401);
    assert.equal((await call(null, "PUT", `surveys/${fxA.surveyId}`, own)).statusCode, 401);

    const saved = await call(a.owner, "PUT", `surveys/${fxA.surveyId}`, own);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json().items, [
      { surveyId: fxA.surveyId, surveyName: saved.json().items[0].surveyName, ...own },
    ]);
    assert.deepEqual(
      (await call(b.owner, "GET", "surveys")).json(),
      { items: [] },
      "not seen by another organisation",
    );
    assert.equal((await call(b.owner, "DELETE", `surveys/${fxA.surveyId}`)).statusCode, 404);
    const logged = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "settings.change")));
    assert.deepEqual(
      logged.map((l) => [(l.details as { area: string }).area, l.targetId]),
      [["survey_retention", fxA.surveyId]],
    );

    assert.equal((await call(a.owner, "DELETE", `surveys/${fxA.surveyId}`)).statusCode, 204);
    assert.equal((await call(a.owner, "DELETE", `surveys/${fxA.surveyId}`)).statusCode, 404);
    assert.deepEqual((await call(a.owner, "GET", "surveys")).json(), { items: [] });
  });

  it("the run uses the survey's periods where set and the organisation's elsewhere; figures stay", async () => {
    assert.equal((await call(a.owner, "PUT", `surveys/${fxA.surveyId}`, own)).statusCode, 200);
    // Comments after 3 months: the recent one (5 months old) goes too; names kept 120 months: the old one stays.
    const preview = await call(a.owner, "GET", "preview");
    assert.deepEqual(preview.json().counts, { ...ONE_EACH, respondents: 0, comments: 2 });
    await ctx.deps.db
      .update(response)
      .set({ answers: { note: "kirjutage mari@example.test", stars: 4 } })
      .where(eq(response.id, fxA.ids.recent));
    const rollupsBefore = await verifyRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(await runRetention(ctx.deps.db, a.orgId, NOW), {
      ...ONE_EACH,
      respondents: 0,
      comments: 2,
    });
    assert.deepEqual(await verifyRollups(ctx.deps.db, a.orgId), rollupsBefore);
    const answers = await ctx.deps.db.select().from(response).where(eq(response.orgId, a.orgId));
    const byId = Object.fromEntries(answers.map((r) => [r.id, r]));
    assert.deepEqual(
      [byId[fxA.ids.old].respondentName, byId[fxA.ids.old].comment],
      ["Mari Maasikas", "Helistage […]"],
    );
    assert.deepEqual(
      [byId[fxA.ids.recent].respondentName, byId[fxA.ids.recent].comment],
      ["Jaan Tamm", "Helistage […]"],
    );
    assert.deepEqual(byId[fxA.ids.recent].answers, { note: "kirjutage […]", stars: 4 }, "text answers too");
    assert.deepEqual(
      await runRetention(ctx.deps.db, b.orgId, NOW),
      ONE_EACH,
      "the other organisation: its own periods",
    );
  });
});
