import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { hashApiKey } from "../../src/auth/api-keys.ts";
import { apiKey, contact, survey } from "../../src/db/schema.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import {
  bearer,
  contactByEmail,
  countRows,
  email,
  invitationRow,
  seedCatalog,
  seedSurvey,
  type TCatalog,
} from "../fixtures/distribution/setup.ts";

describe("service events API (POST /api/v1/service-events)", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let surveyId: string;
  let otherSurveyId: string;
  let archivedSurveyId: string;
  let websiteSurveyId: string;
  let foreignSurveyId: string;
  let cat: TCatalog;
  let foreign: TCatalog;
  let key: { authorization: string };
  /** Contact instants a little in the past, distinct per test so events never collide by accident. */
  let minutes = 0;
  const past = () => new Date(Date.now() - 3_600_000 - ++minutes * 60_000).toISOString();

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    const db = ctx.deps.db;
    cat = await seedCatalog(db, a.orgId);
    foreign = await seedCatalog(db, b.orgId);
    surveyId = await seedSurvey(db, a.orgId);
    otherSurveyId = await seedSurvey(db, a.orgId);
    archivedSurveyId = await seedSurvey(db, a.orgId);
    await db
      .update(survey)
      .set({ archivedAt: new Date() })
      .where(and(eq(survey.orgId, a.orgId), eq(survey.id, archivedSurveyId)));
    websiteSurveyId = await seedSurvey(db, a.orgId, "website");
    foreignSurveyId = await seedSurvey(db, b.orgId);
    key = await bearer(db, a.orgId, ["events:write"]);
  });
  after(() => ctx.close());

  const post = (payload: object, headers: Record<string, string> = key) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/service-events", headers, payload });

  it("schedules an invitation: 202 with the send time; contact, invitation and delivery are stored", async () => {
    const address = email("Mari");
    const res = await post({
      surveyId,
      contact: {
        email: `  ${address.toUpperCase()} `,
        name: "Mari Maasikas",
        locale: "en-GB",
        externalId: randomUUID(),
      },
      occurredAt: past(),
      tags: { ...cat, audience: "external" },
    });
    assert.equal(res.statusCode, 202, res.body);
    const body = res.json();
    assert.equal(body.state, "scheduled");
    assert.ok(Date.parse(body.sendAt) > Date.now() - 60_000, "sent after the contact, not in the past");
    assert.equal(body.reason, undefined);
    const stored = await contactByEmail(ctx.deps.db, a.orgId, address.toLowerCase());
    assert.ok(stored, "e-mail stored in lower case");
    assert.equal(stored.name, "Mari Maasikas");
    assert.equal(stored.locale, "en");
    assert.equal(stored.lastSurveyedAt?.toISOString(), body.sendAt);
    const row = await invitationRow(ctx.deps.db, a.orgId, body.invitationId);
    assert.equal(row.invitation.state, "scheduled");
    assert.equal(row.invitation.scheduledAt?.toISOString(), body.sendAt);
    assert.equal(row.invitation.contactId, stored.id);
    assert.equal(row.invitation.locale, "en", "the person's language, which the survey has");
    assert.equal(row.invitation.serviceId, cat.serviceId);
    assert.equal(row.invitation.channelId, cat.channelId);
    assert.equal(row.invitation.audience, "external");
    assert.match(row.invitation.tokenHash, /^[0-9a-f]{64}$/);
    assert.equal(row.delivery?.source, "api");
  });

  it("the same event posted twice with one Idempotency-Key creates one invitation and answers the same", async () => {
    const payload = {
      surveyId,
      contact: { email: email() },
      occurredAt: past(),
      tags: { serviceId: cat.serviceId },
    };
    const headers = { ...key, "idempotency-key": `evt-${randomUUID()}` };
    const before = await countRows(ctx.deps.db, a.orgId);
    const first = await post(payload, headers);
    const second = await post(payload, headers);
    assert.equal(first.statusCode, 202, first.body);
    assert.equal(second.statusCode, 202, second.body);
    assert.deepEqual(second.json(), first.json());
    const afterBoth = await countRows(ctx.deps.db, a.orgId);
    assert.equal(afterBoth.invitations, before.invitations + 1);
    assert.equal(afterBoth.deliveries, before.deliveries + 1);
    assert.equal(afterBoth.contacts, before.contacts + 1);
    const row = await invitationRow(ctx.deps.db, a.orgId, first.json().invitationId);
    assert.equal(row.delivery?.idempotencyKey, headers["idempotency-key"]);
  });

  it("the same Idempotency-Key with a different body is a 409 and creates nothing", async () => {
    const headers = { ...key, "idempotency-key": `evt-${randomUUID()}` };
    const payload = { surveyId, contact: { email: email() }, occurredAt: past() };
    assert.equal((await post(payload, headers)).statusCode, 202);
    const before = await countRows(ctx.deps.db, a.orgId);
    const res = await post({ ...payload, occurredAt: past() }, headers);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, "CONFLICT");
    assert.match(res.json().detail, /occurredAt/);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
  });

  it("the same event without a key is recorded once more, skipped as a duplicate", async () => {
    const payload = { surveyId, contact: { email: email() }, occurredAt: past() };
    const first = await post(payload);
    const second = await post(payload);
    assert.equal(first.json().state, "scheduled");
    assert.equal(second.statusCode, 202);
    assert.deepEqual(second.json(), {
      invitationId: second.json().invitationId,
      state: "skipped",
      reason: "duplicate_event",
    });
    assert.notEqual(second.json().invitationId, first.json().invitationId);
  });

  it("skips with the reason: no address, opted out, invalid address, quarantine", async () => {
    const noAddress = await post({
      surveyId,
      contact: { externalId: `ext-${randomUUID()}` },
      occurredAt: past(),
    });
    assert.deepEqual(
      [noAddress.statusCode, noAddress.json().state, noAddress.json().reason],
      [202, "skipped", "no_address"],
    );

    const optedOut = email();
    const invalid = email();
    await ctx.deps.db.insert(contact).values([
      { orgId: a.orgId, id: randomUUID(), email: optedOut, optedOutAt: new Date() },
      {
        orgId: a.orgId,
        id: randomUUID(),
        email: invalid,
        emailInvalidAt: new Date(),
        emailInvalidReason: "bounce",
      },
    ]);
    assert.equal(
      (await post({ surveyId, contact: { email: optedOut }, occurredAt: past() })).json().reason,
      "opted_out",
    );
    assert.equal(
      (await post({ surveyId, contact: { email: invalid }, occurredAt: past() })).json().reason,
      "invalid_address",
    );

    // Two contacts of one person on one day, in two surveys: the second falls in the quarantine.
    const person = email();
    const one = await post({ surveyId, contact: { email: person }, occurredAt: past() });
    const two = await post({ surveyId: otherSurveyId, contact: { email: person }, occurredAt: past() });
    assert.equal(one.json().state, "scheduled");
    assert.deepEqual([two.json().state, two.json().reason], ["skipped", "quarantine"]);
  });

  it("simultaneous events for one new person: one invitation is scheduled, the others fall in the quarantine", async () => {
    const person = email();
    const results = await Promise.all(
      [surveyId, otherSurveyId, surveyId, otherSurveyId].map((id) =>
        post({ surveyId: id, contact: { email: person }, occurredAt: past() }),
      ),
    );
    for (const r of results) assert.equal(r.statusCode, 202, r.body);
    const states = results.map((r) => r.json().reason ?? r.json().state).sort();
    assert.deepEqual(states, ["quarantine", "quarantine", "quarantine", "scheduled"]);
    const [row] = await ctx.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contact)
      .where(and(eq(contact.orgId, a.orgId), eq(contact.email, person)));
    assert.equal(Number(row.n), 1, "one contact");
  });

  it("simultaneous events for one stored person: one is scheduled, the others fall in the quarantine or are duplicates", async () => {
    const person = email();
    const id = randomUUID();
    await ctx.deps.db.insert(contact).values({ orgId: a.orgId, id, email: person, name: "Stored" });
    const before = await countRows(ctx.deps.db, a.orgId);
    const at = past();
    const results = await Promise.all([
      post({ surveyId, contact: { email: person }, occurredAt: at }),
      post({ surveyId, contact: { email: person }, occurredAt: at }),
      post({ surveyId: otherSurveyId, contact: { email: person, name: "Renamed" }, occurredAt: past() }),
      post({ surveyId, contact: { email: person }, occurredAt: past() }),
    ]);
    for (const r of results) assert.equal(r.statusCode, 202, r.body);
    const scheduled = results.filter((r) => r.json().state === "scheduled");
    assert.equal(scheduled.length, 1, results.map((r) => r.body).join("\n"));
    const reasons = results.map((r) => r.json().reason).filter(Boolean);
    assert.ok(
      reasons.every((r) => r === "quarantine" || r === "duplicate_event"),
      reasons.join(", "),
    );
    const after = await countRows(ctx.deps.db, a.orgId);
    assert.deepEqual(after, {
      ...before,
      invitations: before.invitations + 4,
      deliveries: before.deliveries + 4,
    });
    const stored = await contactByEmail(ctx.deps.db, a.orgId, person);
    assert.equal(stored?.id, id, "the stored contact, not a new one");
    assert.equal(stored?.name, "Renamed");
    assert.equal(stored?.lastSurveyedAt?.toISOString(), scheduled[0].json().sendAt);
  });

  it("a key revoked or expired elsewhere is refused at its next event, though this process took it before", async () => {
    const payload = () => ({ surveyId, contact: { email: email() }, occurredAt: past() });
    const revoked = await bearer(ctx.deps.db, a.orgId, ["events:write"]);
    const expired = await bearer(ctx.deps.db, a.orgId, ["events:write"]);
    const viaApi = await bearer(ctx.deps.db, a.orgId, ["events:write"]);
    for (const h of [revoked, expired, viaApi]) assert.equal((await post(payload(), h)).statusCode, 202);
    // As another process would: straight in the database, so this process is not told.
    const idOf = async (h: { authorization: string }) => {
      const [row] = await ctx.deps.db
        .select({ id: apiKey.id })
        .from(apiKey)
        .where(eq(apiKey.keyHash, hashApiKey(h.authorization.slice(7))));
      return row.id;
    };
    await ctx.deps.db
      .update(apiKey)
      .set({ revokedAt: new Date() })
      .where(eq(apiKey.id, await idOf(revoked)));
    await ctx.deps.db
      .update(apiKey)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKey.id, await idOf(expired)));
    const del = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/api-keys/${await idOf(viaApi)}`,
      headers: asUser(a.owner),
    });
    assert.equal(del.statusCode, 200, del.body);
    const before = await countRows(ctx.deps.db, a.orgId);
    for (const h of [revoked, expired, viaApi]) {
      const res = await post(payload(), h);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, "UNAUTHENTICATED");
      // Replaying an earlier key's event reads nothing for a refused key either.
      assert.equal((await post(payload(), { ...h, "idempotency-key": "k" })).statusCode, 401);
    }
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before, "nothing written");
    assert.equal((await post(payload())).statusCode, 202, "other keys still work");
  });

  describe("invalid events get a 4xx problem body naming the field and create nothing", () => {
    const cases: [string, () => object, number, string][] = [
      ["unknown survey", () => ({ surveyId: randomUUID() }), 400, "body.surveyId"],
      ["another organisation's survey", () => ({ surveyId: foreignSurveyId }), 400, "body.surveyId"],
      ["archived survey", () => ({ surveyId: archivedSurveyId }), 400, "body.surveyId"],
      ["website survey", () => ({ surveyId: websiteSurveyId }), 400, "body.surveyId"],
      ["survey id not a UUID", () => ({ surveyId: "pension" }), 400, "body.surveyId"],
      ["malformed e-mail", () => ({ contact: { email: "mari@@example" } }), 400, "body.contact.email"],
      ["unknown service id", () => ({ tags: { serviceId: randomUUID() } }), 400, "body.tags.serviceId"],
      [
        "another organisation's employee",
        () => ({ tags: { employeeId: foreign.employeeId } }),
        400,
        "body.tags.employeeId",
      ],
      [
        "another organisation's department",
        () => ({ tags: { departmentId: foreign.departmentId } }),
        400,
        "body.tags.departmentId",
      ],
      ["unknown channel", () => ({ tags: { channelId: randomUUID() } }), 400, "body.tags.channelId"],
      ["unknown audience", () => ({ tags: { audience: "alien" } }), 400, "body.tags.audience"],
      ["unknown tag name", () => ({ tags: { serviceID: cat.serviceId } }), 400, "body.tags"],
      ["unparseable occurredAt", () => ({ occurredAt: "yesterday" }), 400, "body.occurredAt"],
      ["occurredAt without a zone", () => ({ occurredAt: "2026-06-19T16:00:00" }), 400, "body.occurredAt"],
      [
        "occurredAt more than a day ahead",
        () => ({ occurredAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
        400,
        "body.occurredAt",
      ],
    ];
    for (const [name, change, status, path] of cases) {
      it(name, async () => {
        const before = await countRows(ctx.deps.db, a.orgId);
        const res = await post({
          surveyId,
          contact: { email: email(), externalId: randomUUID() },
          occurredAt: past(),
          tags: { serviceId: cat.serviceId },
          ...change(),
        });
        assert.equal(res.statusCode, status, res.body);
        assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
        const problem = res.json();
        assert.equal(problem.code, "VALIDATION");
        assert.ok(
          problem.errors.some((e: { path: string }) => e.path === path || e.path.startsWith(`${path}.`)),
          `${path} in ${JSON.stringify(problem.errors)}`,
        );
        assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before, "nothing created");
      });
    }
  });

  it("a survey archived or restored after its events is decided as it is now, not as this process read it", async () => {
    const db = ctx.deps.db;
    const id = await seedSurvey(db, a.orgId);
    const archive = (at: Date | null) =>
      db
        .update(survey)
        .set({ archivedAt: at })
        .where(and(eq(survey.orgId, a.orgId), eq(survey.id, id)));
    const event = () => post({ surveyId: id, contact: { email: email("Kaur") }, occurredAt: past() });
    // Two events read the survey and then run as one statement each.
    for (let i = 0; i < 2; i++) assert.equal((await event()).statusCode, 202);
    const before = await countRows(db, a.orgId);
    await archive(new Date());
    const refused = await event();
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(String(refused.headers["content-type"]), /application\/problem\+json/);
    assert.deepEqual(
      refused.json().errors.map((e: { path: string }) => e.path),
      ["body.surveyId"],
    );
    assert.deepEqual(await countRows(db, a.orgId), before, "nothing written for an archived survey");
    await archive(null);
    const restored = await event();
    assert.equal(restored.statusCode, 202, restored.body);
    assert.equal(restored.json().state, "scheduled");
  });

  it("401 without credentials, 403 for a key without events:write and for a viewer", async () => {
    const payload = { surveyId, contact: { email: email() }, occurredAt: past() };
    const before = await countRows(ctx.deps.db, a.orgId);
    assert.equal((await post(payload, {})).statusCode, 401);
    const readOnly = await bearer(ctx.deps.db, a.orgId, [
      "responses:read",
      "surveys:write",
      "contacts:write",
    ]);
    const forbidden = await post(payload, readOnly);
    assert.equal(forbidden.statusCode, 403, forbidden.body);
    assert.equal(forbidden.json().code, "FORBIDDEN");
    assert.equal((await post(payload, asUser(await a.as("viewer")))).statusCode, 403);
    assert.equal((await post(payload, asUser(await a.as("analyst")))).statusCode, 403);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
  });

  it("a signed-in admin may post events (with the CSRF token)", async () => {
    const res = await post(
      { surveyId, contact: { email: email() }, occurredAt: past() },
      asUser(await a.as("admin")),
    );
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().state, "scheduled");
  });

  it("another organisation's key cannot address this organisation's survey or tags", async () => {
    const keyB = await bearer(ctx.deps.db, b.orgId, ["events:write"]);
    const beforeA = await countRows(ctx.deps.db, a.orgId);
    const beforeB = await countRows(ctx.deps.db, b.orgId);
    const res = await post({ surveyId, contact: { email: email() }, occurredAt: past() }, keyB);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "body.surveyId");
    const tags = await post(
      {
        surveyId: foreignSurveyId,
        contact: { email: email() },
        occurredAt: past(),
        tags: { serviceId: cat.serviceId },
      },
      keyB,
    );
    assert.equal(tags.statusCode, 400);
    assert.equal(tags.json().errors[0].path, "body.tags.serviceId");
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), beforeA);
    assert.deepEqual(await countRows(ctx.deps.db, b.orgId), beforeB);
  });
});
