import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";

const DEFAULTS = {
  delayWorkingDays: 1,
  window: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] },
  timeZone: "Europe/Tallinn",
  blackouts: [],
  quarantineDays: 70,
  expiryDays: 7,
  reminderAfterDays: null,
};

describe("contact rules API", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let surveyId: string;
  let owner: ReturnType<typeof asUser>;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    owner = asUser(a.owner);
    surveyId = await seedSurvey(ctx.deps.db, a.orgId);
  });
  after(() => ctx.close());

  const call = (method: "GET" | "PUT", url: string, headers: object, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: headers as Record<string, string>, payload });

  it("starts from the defaults: 1 working day, 09–18 Mon–Fri Tallinn time, 70 days, 7 days, no reminder", async () => {
    const res = await call("GET", "/contact-rules", owner);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { rules: {}, effective: DEFAULTS });
  });

  it("sets the organisation's rules and a survey's overrides; the survey inherits the rest", async () => {
    const org = {
      delayWorkingDays: 2,
      window: { start: "10:00", end: "16:00", days: [1, 2, 3, 4] },
      blackouts: [{ from: "2026-07-01", to: "2026-07-31", name: "Suvepuhkus" }],
      quarantineDays: 90,
      reminderAfterDays: 3,
    };
    const put = await call("PUT", "/contact-rules", owner, org);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json().rules, org);
    assert.deepEqual(put.json().effective, { ...DEFAULTS, ...org });
    const survey = await call("PUT", `/surveys/${surveyId}/contact-rules`, owner, {
      delayWorkingDays: 0,
      reminderAfterDays: null,
    });
    assert.equal(survey.statusCode, 200, survey.body);
    assert.deepEqual(survey.json().effective, {
      ...DEFAULTS,
      ...org,
      delayWorkingDays: 0,
      reminderAfterDays: null,
    });
    const read = await call("GET", `/surveys/${surveyId}/contact-rules`, asUser(await a.as("viewer")));
    assert.deepEqual(read.json(), survey.json());
    // A change at organisation level reaches the survey where it sets nothing of its own.
    await call("PUT", "/contact-rules", owner, { ...org, quarantineDays: 60 });
    const again = await call("GET", `/surveys/${surveyId}/contact-rules`, owner);
    assert.equal(again.json().effective.quarantineDays, 60);
    assert.equal(again.json().effective.delayWorkingDays, 0);
    // An empty body clears the overrides.
    const cleared = await call("PUT", `/surveys/${surveyId}/contact-rules`, owner, {});
    assert.deepEqual(cleared.json().rules, {});
    assert.equal(cleared.json().effective.delayWorkingDays, 2);
    await call("PUT", "/contact-rules", owner, {});
  });

  describe("rejects invalid rules naming the field", () => {
    const cases: [string, object, string][] = [
      ["window time not HH:MM", { window: { start: "9:00", end: "18:00", days: [1] } }, "body.window.start"],
      [
        "window time out of range",
        { window: { start: "09:00", end: "24:00", days: [1] } },
        "body.window.end",
      ],
      [
        "window ends before it starts",
        { window: { start: "18:00", end: "09:00", days: [1] } },
        "body.window.end",
      ],
      ["weekday 0", { window: { start: "09:00", end: "18:00", days: [0, 1] } }, "body.window.days.0"],
      ["weekday 8", { window: { start: "09:00", end: "18:00", days: [8] } }, "body.window.days.0"],
      ["a weekday twice", { window: { start: "09:00", end: "18:00", days: [1, 1] } }, "body.window.days"],
      ["no weekdays", { window: { start: "09:00", end: "18:00", days: [] } }, "body.window.days"],
      [
        "blackout ends before it starts",
        { blackouts: [{ from: "2026-08-01", to: "2026-07-01" }] },
        "body.blackouts.0.to",
      ],
      [
        "blackout not a date",
        { blackouts: [{ from: "2026-02-30", to: "2026-03-01" }] },
        "body.blackouts.0.from",
      ],
      ["quarantine over a year", { quarantineDays: 366 }, "body.quarantineDays"],
      ["negative quarantine", { quarantineDays: -1 }, "body.quarantineDays"],
      ["delay over 30 working days", { delayWorkingDays: 31 }, "body.delayWorkingDays"],
      ["fractional delay", { delayWorkingDays: 1.5 }, "body.delayWorkingDays"],
      ["expiry over 90 days", { expiryDays: 91 }, "body.expiryDays"],
      ["reminder after 0 days", { reminderAfterDays: 0 }, "body.reminderAfterDays"],
      ["reminder after 15 days", { reminderAfterDays: 15 }, "body.reminderAfterDays"],
      ["unknown rule", { quarantine: 70 }, "body"],
      ["time zone is the organisation's, not a rule", { timeZone: "Europe/Riga" }, "body"],
    ];
    for (const [name, payload, path] of cases) {
      it(name, async () => {
        const res = await call("PUT", "/contact-rules", owner, payload);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().code, "VALIDATION");
        assert.ok(
          res.json().errors.some((e: { path: string }) => e.path === path),
          `${path} in ${JSON.stringify(res.json().errors)}`,
        );
        const survey = await call("PUT", `/surveys/${surveyId}/contact-rules`, owner, payload);
        assert.equal(survey.statusCode, 400);
      });
    }
    it("and stores nothing", async () => {
      assert.deepEqual((await call("GET", "/contact-rules", owner)).json().rules, {});
    });
  });

  it("401 without credentials; 403 for an analyst changing rules (reading is fine)", async () => {
    assert.equal((await call("GET", "/contact-rules", {})).statusCode, 401);
    assert.equal((await call("PUT", "/contact-rules", {}, { quarantineDays: 1 })).statusCode, 401);
    const analyst = asUser(await a.as("analyst"));
    assert.equal((await call("GET", "/contact-rules", analyst)).statusCode, 200);
    assert.equal((await call("PUT", "/contact-rules", analyst, { quarantineDays: 1 })).statusCode, 403);
    assert.equal(
      (await call("PUT", `/surveys/${surveyId}/contact-rules`, analyst, { quarantineDays: 1 })).statusCode,
      403,
    );
    const admin = asUser(await a.as("admin"));
    assert.equal((await call("PUT", "/contact-rules", admin, {})).statusCode, 200);
  });

  it("another organisation's survey is a 404 and keeps its rules; each organisation has its own", async () => {
    const other = asUser(b.owner);
    assert.equal((await call("GET", `/surveys/${surveyId}/contact-rules`, other)).statusCode, 404);
    assert.equal(
      (await call("PUT", `/surveys/${surveyId}/contact-rules`, other, { quarantineDays: 1 })).statusCode,
      404,
    );
    assert.equal((await call("PUT", `/surveys/${randomUUID()}/contact-rules`, owner, {})).statusCode, 404);
    await call("PUT", "/contact-rules", other, { quarantineDays: 5 });
    assert.equal((await call("GET", "/contact-rules", owner)).json().effective.quarantineDays, 70);
    assert.deepEqual((await call("GET", `/surveys/${surveyId}/contact-rules`, owner)).json().rules, {});
  });
});
