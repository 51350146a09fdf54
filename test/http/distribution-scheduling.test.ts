import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { contact, organization, survey, surveyInvitation } from "../../src/db/schema.ts";
import { civilDate, zonedTimeToInstant } from "../../src/domain/time-zone.ts";
import { recheckBeforeSend } from "../../src/modules/distribution/recheck-before-send.ts";
import {
  type ScheduleInvitationOptions,
  scheduleInvitation,
} from "../../src/modules/distribution/schedule-invitation.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { contactByEmail, email, invitationRow, seedSurvey } from "../fixtures/distribution/setup.ts";

const DAY = 86_400_000;
/** Friday 19 June 2026, 16:00 in Tallinn (EEST, UTC+3). */
const FRIDAY_16 = new Date("2026-06-19T13:00:00Z");
/** Monday 22 June 2026, 09:00 EEST. */
const MONDAY_09 = "2026-06-22T06:00:00.000Z";

describe("scheduling invitations (contact rules, fixed clock)", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let surveyId: string;
  let otherSurveyId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    surveyId = await seedSurvey(ctx.deps.db, a.orgId);
    otherSurveyId = await seedSurvey(ctx.deps.db, a.orgId);
  });
  after(() => ctx.close());

  const schedule = (o: Partial<ScheduleInvitationOptions> & { address?: string }) =>
    scheduleInvitation(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      contact: { email: o.address ?? email() },
      occurredAt: FRIDAY_16,
      source: "api",
      now: FRIDAY_16,
      ...o,
    });
  const setRules = (target: "org" | "survey", rules: object | null, id = surveyId) =>
    target === "org"
      ? ctx.deps.db.update(organization).set({ contactRules: rules }).where(eq(organization.id, a.orgId))
      : ctx.deps.db
          .update(survey)
          .set({ contactRules: rules })
          .where(and(eq(survey.orgId, a.orgId), eq(survey.id, id)));

  it("a contact on Friday 16:00 in Tallinn is surveyed on Monday 22 June at 09:00 EEST (06:00Z)", async () => {
    const r = await schedule({});
    assert.equal(r.state, "scheduled");
    assert.equal(r.sendAt?.toISOString(), MONDAY_09);
  });

  it("quarantine: surveyed 69 days before the new send day → skipped; 70 days before → scheduled", async () => {
    const day69 = email();
    const day70 = email();
    await ctx.deps.db.insert(contact).values([
      {
        orgId: a.orgId,
        id: randomUUID(),
        email: day69,
        lastSurveyedAt: new Date(Date.parse(MONDAY_09) - 69 * DAY),
      },
      {
        orgId: a.orgId,
        id: randomUUID(),
        email: day70,
        lastSurveyedAt: new Date(Date.parse(MONDAY_09) - 70 * DAY),
      },
    ]);
    assert.deepEqual(await schedule({ address: day69 }).then((r) => [r.state, r.reason]), [
      "skipped",
      "quarantine",
    ]);
    const ok = await schedule({ address: day70 });
    assert.equal(ok.state, "scheduled");
    assert.equal(ok.sendAt?.toISOString(), MONDAY_09);
  });

  it("quarantine counts invitations still waiting, across the organisation's surveys", async () => {
    const person = email();
    const first = await schedule({ address: person, surveyId: otherSurveyId });
    assert.equal(first.state, "scheduled");
    const stored = await contactByEmail(ctx.deps.db, a.orgId, person);
    assert.equal(
      stored?.lastSurveyedAt?.toISOString(),
      MONDAY_09,
      "the planned send counts as the last survey",
    );
    const second = await schedule({ address: person, occurredAt: new Date(FRIDAY_16.getTime() - 3_600_000) });
    assert.deepEqual([second.state, second.reason], ["skipped", "quarantine"]);
    // 70 days after the planned send, the same person can be asked again.
    const later = new Date(Date.parse(MONDAY_09) + 70 * DAY);
    const third = await schedule({ address: person, occurredAt: later, now: later });
    assert.equal(third.state, "scheduled");
  });

  it("survey rules override the organisation's; blackouts and expiry skip with their reasons", async () => {
    await setRules("org", { delayWorkingDays: 2 });
    const org = await schedule({});
    // Fri 19 June + 2 working days: Mon 22 (1), Tue 23 and Wed 24 are holidays, Thu 25 (2).
    assert.equal(org.sendAt?.toISOString(), "2026-06-25T06:00:00.000Z");
    await setRules("survey", {
      delayWorkingDays: 0,
      window: { start: "08:00", end: "20:00", days: [1, 2, 3, 4, 5] },
    });
    const own = await schedule({});
    assert.equal(
      own.sendAt?.toISOString(),
      FRIDAY_16.toISOString(),
      "same day, inside the survey's own window",
    );
    await setRules("survey", null);
    await setRules("org", { blackouts: [{ from: "2026-06-20", to: "2026-08-16", name: "Suvi" }] });
    const blackout = await schedule({});
    assert.deepEqual([blackout.state, blackout.reason], ["skipped", "blackout"]);
    await setRules("org", null);
    const old = await schedule({ occurredAt: new Date(FRIDAY_16.getTime() - 20 * DAY) });
    assert.deepEqual([old.state, old.reason], ["skipped", "expired"]);
  });

  it("uses the person's language when the survey has it, else the survey's default", async () => {
    const ru = await schedule({ contact: { email: email(), locale: "ru" } });
    const fi = await schedule({ contact: { email: email(), locale: "fi" } });
    const asked = await schedule({ contact: { email: email(), locale: "ru" }, locale: "en" });
    const locale = async (id: string) => (await invitationRow(ctx.deps.db, a.orgId, id)).invitation.locale;
    assert.equal(await locale(ru.invitationId), "ru");
    assert.equal(await locale(fi.invitationId), "et");
    assert.equal(await locale(asked.invitationId), "en");
  });

  it("a new address for a known external id replaces the old one and forgets its bounce", async () => {
    const ext = `ext-${randomUUID()}`;
    const old = email();
    await ctx.deps.db.insert(contact).values({
      orgId: a.orgId,
      id: randomUUID(),
      email: old,
      externalId: ext,
      emailInvalidAt: FRIDAY_16,
      emailInvalidReason: "550",
    });
    const bounced = await schedule({ contact: { externalId: ext } });
    assert.equal(bounced.reason, "invalid_address");
    const fresh = email();
    const ok = await schedule({
      contact: { externalId: ext, email: fresh },
      occurredAt: new Date(FRIDAY_16.getTime() - 60_000),
    });
    assert.equal(ok.state, "scheduled");
    const stored = await contactByEmail(ctx.deps.db, a.orgId, fresh);
    assert.equal(stored?.externalId, ext);
    assert.equal(stored?.emailInvalidAt, null);
  });

  it("quarantine day 69 vs 70 through the API", async () => {
    // A survey that sends on the contact's own day at any hour, so the send day is the day of occurredAt.
    const anyDay = await seedSurvey(ctx.deps.db, a.orgId);
    await setRules(
      "survey",
      { delayWorkingDays: 0, window: { start: "00:00", end: "23:59", days: [1, 2, 3, 4, 5, 6, 7] } },
      anyDay,
    );
    const occurredAt = new Date(Date.now() + 12 * 3_600_000);
    const sendDay = civilDate(occurredAt, "Europe/Tallinn");
    const noon = zonedTimeToInstant(sendDay, "12:00", "Europe/Tallinn").getTime();
    const day69 = email();
    const day70 = email();
    await ctx.deps.db.insert(contact).values([
      { orgId: a.orgId, id: randomUUID(), email: day69, lastSurveyedAt: new Date(noon - 69 * DAY) },
      { orgId: a.orgId, id: randomUUID(), email: day70, lastSurveyedAt: new Date(noon - 70 * DAY) },
    ]);
    const post = (address: string) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/service-events",
        headers: asUser(a.owner),
        payload: { surveyId: anyDay, contact: { email: address }, occurredAt: occurredAt.toISOString() },
      });
    const skipped = await post(day69);
    assert.equal(skipped.statusCode, 202, skipped.body);
    assert.deepEqual([skipped.json().state, skipped.json().reason], ["skipped", "quarantine"]);
    const scheduled = await post(day70);
    assert.equal(scheduled.json().state, "scheduled", scheduled.body);
    assert.equal(civilDate(new Date(scheduled.json().sendAt), "Europe/Tallinn"), sendDay);
  });

  describe("recheckBeforeSend (what the dispatcher calls just before sending)", () => {
    const load = async (id: string) => (await invitationRow(ctx.deps.db, a.orgId, id)).invitation;
    const recheck = async (id: string, now: Date) => {
      const inv = await load(id);
      return ctx.deps.db.transaction((tx) => recheckBeforeSend(tx, inv, now));
    };

    it("ok at the planned time; outside the window → the next allowed instant", async () => {
      const r = await schedule({});
      assert.deepEqual(await recheck(r.invitationId, new Date(MONDAY_09)), { ok: true });
      assert.deepEqual(
        await recheck(r.invitationId, new Date("2026-06-22T10:00:00Z")),
        { ok: true },
        "13:00 EEST",
      );
      assert.deepEqual(
        await recheck(r.invitationId, new Date("2026-06-22T16:00:00Z")),
        {
          ok: false,
          rescheduleAt: new Date("2026-06-25T06:00:00Z"),
        },
        "19:00 Monday → Thursday 09:00 (23 and 24 June are holidays)",
      );
      assert.deepEqual(
        await recheck(r.invitationId, new Date("2026-06-22T05:00:00Z")),
        {
          ok: false,
          rescheduleAt: new Date(MONDAY_09),
        },
        "too early: wait for the planned time",
      );
    });

    it("a blackout set since → the first day after it, or blackout when it runs past the expiry", async () => {
      const r = await schedule({});
      await setRules("org", { blackouts: [{ from: "2026-06-22", to: "2026-06-22" }] });
      assert.deepEqual(await recheck(r.invitationId, new Date(MONDAY_09)), {
        ok: false,
        rescheduleAt: new Date("2026-06-25T06:00:00Z"),
      });
      await setRules("org", { blackouts: [{ from: "2026-06-22", to: "2026-07-31" }] });
      assert.deepEqual(await recheck(r.invitationId, new Date(MONDAY_09)), { ok: false, reason: "blackout" });
      await setRules("org", null);
      assert.deepEqual(await recheck(r.invitationId, new Date(Date.parse(MONDAY_09) + 10 * DAY)), {
        ok: false,
        reason: "expired",
      });
    });

    it("opted out, address invalid or person erased since scheduling → skip with the reason", async () => {
      const person = email();
      const r = await schedule({ address: person });
      const c = await contactByEmail(ctx.deps.db, a.orgId, person);
      assert.ok(c);
      const where = and(eq(contact.orgId, a.orgId), eq(contact.id, c.id));
      await ctx.deps.db.update(contact).set({ emailInvalidAt: FRIDAY_16 }).where(where);
      assert.deepEqual(await recheck(r.invitationId, new Date(MONDAY_09)), {
        ok: false,
        reason: "invalid_address",
      });
      await ctx.deps.db.update(contact).set({ optedOutAt: FRIDAY_16 }).where(where);
      assert.deepEqual(await recheck(r.invitationId, new Date(MONDAY_09)), {
        ok: false,
        reason: "opted_out",
      });
      await ctx.deps.db
        .update(surveyInvitation)
        .set({ contactId: null })
        .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.id, r.invitationId)));
      assert.deepEqual(await recheck(r.invitationId, new Date(MONDAY_09)), {
        ok: false,
        reason: "no_address",
      });
    });
  });
});
