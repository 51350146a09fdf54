import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, contact, outbox, response, surveyInvitation } from "../../src/db/schema.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { verifyRollups } from "../../src/modules/insights/verify-rollups.ts";
import {
  asUser,
  createTestOrg,
  type Session,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";
import { seedComments } from "./comments-fixtures.ts";
import { assertPdfStructure, pdfText } from "./exports-pdf-text.ts";

const EMAIL = "mari.maasikas@example.test";
const at = new Date("2026-02-01T10:00:00Z");

/** A person in `org`: a contact with an opt-out, an invitation answered, a website answer, a case, a message. */
async function seedPerson(ctx: TestContext, org: TestOrg) {
  const db = ctx.deps.db;
  const fx = await seedComments(ctx, org, [
    {
      key: "invited",
      score: 3,
      comment: "Helistage 5123 4567",
      locale: "et",
      employee: null,
      service: null,
      at,
    },
    {
      key: "website",
      score: 9,
      comment: "Hea teenindus",
      locale: "et",
      employee: null,
      service: null,
      at,
      respondentName: "Mari Maasikas",
      respondentEmail: "Mari.Maasikas@example.test",
    },
    { key: "stranger", score: 10, comment: "Tore", locale: "et", employee: null, service: null, at },
  ]);
  const contactId = randomUUID();
  const invitationId = randomUUID();
  await db.insert(contact).values({
    orgId: org.orgId,
    id: contactId,
    email: EMAIL,
    phone: "5123 4567",
    name: "Mari Maasikas",
    locale: "et",
    optedOutAt: at,
  });
  await db.insert(surveyInvitation).values({
    orgId: org.orgId,
    id: invitationId,
    surveyId: fx.surveyId,
    tokenHash: randomUUID(),
    locale: "et",
    contactId,
    state: "answered",
  });
  await db
    .update(response)
    .set({ invitationId })
    .where(and(eq(response.orgId, org.orgId), eq(response.id, fx.ids.invited)));
  await db.insert(followUpCase).values({
    orgId: org.orgId,
    id: randomUUID(),
    responseId: fx.ids.invited,
    surveyId: fx.surveyId,
    state: "open",
    contactAllowed: true,
    contactChannel: "phone",
    contactPhone: "+37251234567",
    dueDate: "2026-02-05",
    dueAt: new Date("2026-02-05T22:00:00Z"),
  });
  await db.insert(outbox).values({
    id: randomUUID(),
    orgId: org.orgId,
    to: EMAIL,
    subject: "Kuidas läks?",
    text: "…",
    kind: "invitation",
    sentVia: "outbox",
  });
  return fx;
}

describe("a person's data", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fxA: Awaited<ReturnType<typeof seedPerson>>;
  let fxB: Awaited<ReturnType<typeof seedPerson>>;

  const post = (s: Session, path: string, payload: object) =>
    ctx.app.inject({ method: "POST", url: `/api/v1/privacy/${path}`, headers: asUser(s), payload });
  const ALL = { contacts: 1, invitations: 1, answers: 2, cases: 1, unsubscribes: 1, messages: 1 };

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Person A");
    b = await createTestOrg(ctx, "Person B");
    fxA = await seedPerson(ctx, a);
    fxB = await seedPerson(ctx, b);
  });

  it("finds every record by e-mail or by phone, only in the caller's organisation", async () => {
    const byEmail = await post(a.owner, "person-search", { email: "MARI.maasikas@example.test" });
    assert.equal(byEmail.statusCode, 200);
    assert.deepEqual(byEmail.json().counts, ALL);
    const byPhone = await post(a.owner, "person-search", { phone: "+372 5123 4567" });
    assert.deepEqual(byPhone.json().counts, { ...ALL, answers: 1 });
    const nobody = await post(a.owner, "person-search", { email: "nobody@example.test" });
    assert.deepEqual(Object.values(nobody.json().counts), [0, 0, 0, 0, 0, 0]);
  });

  it("exports everything as JSON, with nothing of the other organisation", async () => {
    const res = await post(a.owner, "person-export", { email: EMAIL });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-disposition"] as string, /attachment/);
    const file = res.json();
    assert.deepEqual(file.counts, ALL);
    assert.deepEqual(
      file.answers.map((x: { id: string }) => x.id).sort(),
      [fxA.ids.invited, fxA.ids.website].sort(),
    );
    assert.equal(file.contacts[0].phone, "5123 4567");
    assert.equal(file.cases[0].contactPhone, "+37251234567");
    assert.equal(file.messages[0].subject, "Kuidas läks?");
    const text = JSON.stringify(file);
    for (const id of Object.values(fxB.ids)) assert.doesNotMatch(text, new RegExp(id));
    const [entry] = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "person.export")));
    assert.deepEqual(entry.details, { by: "email", found: ALL });
  });

  it("exports everything as a readable PDF in the person's language, logged, nothing of the other organisation", async () => {
    const res = await post(a.owner, "person-export.pdf", { email: EMAIL });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["content-type"], "application/pdf");
    assert.match(res.headers["content-disposition"] as string, /personal-data\.pdf/);
    assertPdfStructure(res.rawPayload);
    const text = pdfText(res.rawPayload).replace(/\s+/g, " ");
    for (const expected of [
      "Teie andmed",
      "Person A",
      `E-post: ${EMAIL}`,
      "Telefon: 5123 4567",
      "Vastused (2)",
      "Kommentaar: Helistage 5123 4567",
      "Kommentaar: Hea teenindus",
      "Telefon tagasihelistamiseks: +37251234567",
      "Teema: Kuidas läks?",
    ])
      assert.ok(text.includes(expected), `the PDF shows "${expected}"`);
    assert.doesNotMatch(text, /Person B|Tore/);
    const entries = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "person.export")));
    assert.ok(entries.some((e) => (e.details as { format?: string }).format === "pdf"));
    assert.equal((await post(await a.as("analyst"), "person-export.pdf", { email: EMAIL })).statusCode, 403);
    const bad = await post(a.owner, "person-export.pdf", { email: "not-an-address" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /email/);
  });

  it("refuses bad input naming the field, other roles, and no session", async () => {
    for (const [body, field] of [
      [{ email: "not-an-address" }, "email"],
      [{ phone: "call me" }, "phone"],
      [{}, "email"],
      [{ email: EMAIL, phone: "5123 4567" }, "email"],
      [{ email: EMAIL, extra: 1 }, "extra"],
    ] as const) {
      const res = await post(a.owner, "person-search", body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(res.body, new RegExp(field));
    }
    for (const role of ["analyst", "auditor", "manager"] as const) {
      const s = await a.as(role);
      assert.equal((await post(s, "person-erase", { email: EMAIL })).statusCode, 403, role);
      assert.equal((await post(s, "person-export", { email: EMAIL })).statusCode, 403, role);
    }
    const anon = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/privacy/person-search",
      payload: { email: EMAIL },
    });
    assert.equal(anon.statusCode, 401);
  });

  it("erases everything in one go with a receipt, keeps the scores, leaves the other organisation alone", async () => {
    const before = await ctx.deps.db
      .select({ id: response.id, score: response.score })
      .from(response)
      .where(eq(response.orgId, a.orgId));
    const rollupsBefore = await verifyRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(rollupsBefore.differences, []);
    const summary = () =>
      ctx.app.inject({
        url: "/api/v1/reports/summary?from=2026-01-01&to=2026-03-01",
        headers: asUser(a.owner),
      });
    const first = await summary();
    assert.equal(first.statusCode, 200, first.body);
    const figuresBefore = first.json();
    assert.ok(rollupsBefore.cells.rollup_month > 0, "the fixture's answers are in the rollups");
    const res = await post(a.owner, "person-erase", { email: EMAIL });
    assert.equal(res.statusCode, 200);
    const rollupsAfter = await verifyRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(rollupsAfter, rollupsBefore, "verify-rollups finds the same cells and no difference");
    assert.deepEqual((await summary()).json(), figuresBefore, "the report's figures do not change");
    const receipt = res.json();
    assert.deepEqual(receipt.removed, ALL);
    assert.deepEqual(receipt.erasedBy, { type: "user", id: a.owner.userId });
    assert.ok(receipt.erasedAt);

    const afterRows = await ctx.deps.db.select().from(response).where(eq(response.orgId, a.orgId));
    assert.deepEqual(
      afterRows.map((r) => ({ id: r.id, score: r.score })).sort((x, y) => x.id.localeCompare(y.id)),
      before.sort((x, y) => x.id.localeCompare(y.id)),
    );
    const website = afterRows.find((r) => r.id === fxA.ids.website);
    assert.equal(website?.respondentEmail, null);
    assert.equal(website?.respondentName, null);
    assert.equal(afterRows.find((r) => r.id === fxA.ids.invited)?.comment, "Helistage […]");
    assert.equal((await ctx.deps.db.select().from(contact).where(eq(contact.orgId, a.orgId))).length, 0);
    const [c] = await ctx.deps.db.select().from(followUpCase).where(eq(followUpCase.orgId, a.orgId));
    assert.deepEqual([c.contactPhone, c.contactAllowed], [null, false]);
    assert.equal((await ctx.deps.db.select().from(outbox).where(eq(outbox.orgId, a.orgId))).length, 0);
    const [entry] = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "person.erase")));
    assert.deepEqual(entry.details, { by: "email", removed: ALL });

    const inB = await post(b.owner, "person-search", { email: EMAIL });
    assert.deepEqual(inB.json().counts, ALL);
  });

  it("a second erasure changes nothing and says so; a person of another organisation is not found", async () => {
    const again = await post(a.owner, "person-erase", { email: EMAIL });
    assert.equal(again.statusCode, 404);
    assert.match(again.json().detail, /nothing was erased/);
    const byPhone = await post(a.owner, "person-erase", { phone: "5123 4567" });
    assert.equal(byPhone.statusCode, 404);
    const stranger = await post(a.owner, "person-erase", { email: "someone-in-b-only@example.test" });
    assert.equal(stranger.statusCode, 404);
    const entries = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "person.erase")));
    assert.equal(entries.length, 1);
    assert.deepEqual((await post(b.owner, "person-search", { email: EMAIL })).json().counts, ALL);
  });
});
