import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { outbox, response } from "../../src/db/schema.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { notifyCaseOwners } from "../../src/modules/followup/notify-case-owners.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { sendCaseDigests } from "../../src/modules/followup/send-case-digests.ts";
import { asUser, type Session, startTestApp, type TestContext, unique } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

const PATH = "/api/v1/follow-up-preferences/me";

describe("the daily digest of assigned cases", () => {
  let ctx: TestContext;
  let a: FollowUpOrg;
  let b: FollowUpOrg;

  before(async () => {
    ctx = await startTestApp();
    a = await followUpOrg(ctx, `Amet ${unique()}`);
    b = await followUpOrg(ctx, `Teine ${unique()}`);
  });
  after(() => ctx.close());

  const call = (method: "GET" | "PUT", who: Session | null, payload?: unknown) =>
    ctx.app.inject({
      method,
      url: PATH,
      headers: who ? asUser(who) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const caseOf = async (org: FollowUpOrg, invitationId: string) => {
    const [row] = await ctx.deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .innerJoin(
        response,
        and(eq(response.orgId, followUpCase.orgId), eq(response.id, followUpCase.responseId)),
      )
      .where(and(eq(followUpCase.orgId, org.orgId), eq(response.invitationId, invitationId)));
    return row.id;
  };
  const mails = (org: FollowUpOrg, email: string, kind: string) =>
    ctx.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.orgId, org.orgId), eq(outbox.to, email), eq(outbox.kind, kind)));

  it("is a scheduled job", () => {
    assert.ok(jobDefinitions().find((j) => j.name === "send-case-digests")?.cron);
  });

  describe("GET/PUT /follow-up-preferences/me", () => {
    it("reads the default and stores the choice per user and organisation", async () => {
      const got = await call("GET", a.manager);
      assert.equal(got.statusCode, 200, got.body);
      assert.deepEqual(got.json(), { assignmentMail: "each" });
      const put = await call("PUT", a.manager, { assignmentMail: "digest" });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json(), { assignmentMail: "digest" });
      assert.deepEqual((await call("GET", a.manager)).json(), { assignmentMail: "digest" });
      assert.deepEqual(
        (await call("GET", a.agent)).json(),
        { assignmentMail: "each" },
        "another user's stays",
      );
      assert.deepEqual(
        (await call("GET", b.manager)).json(),
        { assignmentMail: "each" },
        "another organisation's",
      );
      await call("PUT", a.manager, { assignmentMail: "each" });
    });
    it("names the field of a bad value", async () => {
      const res = await call("PUT", a.agent, { assignmentMail: "weekly" });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().errors[0].path, "body.assignmentMail");
    });
    it("needs a signed-in case worker", async () => {
      assert.equal((await call("GET", null)).statusCode, 401);
      assert.equal((await call("PUT", null, { assignmentMail: "digest" })).statusCode, 401);
      for (const role of ["viewer", "analyst"] as const) {
        const who = await a.as(role);
        assert.equal((await call("GET", who)).statusCode, 403, role);
        assert.equal((await call("PUT", who, { assignmentMail: "digest" })).statusCode, 403, role);
      }
    });
  });

  it("sends one digest a day from 07:00 in the organisation's time zone, exactly once, listing the new cases", async () => {
    assert.equal((await call("PUT", a.manager, { assignmentMail: "digest" })).statusCode, 200);
    const first = await caseOf(a, (await a.answer(2)).invitationId);
    const second = await caseOf(a, (await a.answer(5)).invitationId);
    // No per-assignment e-mail for a digest reader.
    await notifyCaseOwners(ctx.deps, { orgId: a.orgId });
    const each = await mails(a, a.manager.email, "case.assigned");
    assert.equal(each.filter((m) => m.text.includes(first) || m.text.includes(second)).length, 0);

    // 06:59 in Tallinn (UTC+2 in December): too early.
    const early = new Date("2030-12-09T04:59:00Z");
    assert.equal((await sendCaseDigests(ctx.deps, { orgId: a.orgId, now: early })).sent, 0);
    const seven = new Date("2030-12-09T05:05:00Z");
    const runs = await Promise.all(
      [1, 2, 3].map(() => sendCaseDigests(ctx.deps, { orgId: a.orgId, now: seven })),
    );
    assert.equal(
      runs.reduce((n, r) => n + r.sent, 0),
      1,
    );
    let digests = await mails(a, a.manager.email, "case.digest");
    assert.equal(digests.length, 1);
    assert.match(digests[0].subject, /\(2\)/);
    assert.ok(digests[0].text.includes(`/app/cases/${first}`));
    assert.ok(digests[0].text.includes(`/app/cases/${second}`));
    const firstDigest = digests[0].id;

    // Later the same day: a new case waits for tomorrow's digest.
    const third = await caseOf(a, (await a.answer(1)).invitationId);
    await sendCaseDigests(ctx.deps, { orgId: a.orgId, now: new Date("2030-12-09T15:00:00Z") });
    assert.equal((await mails(a, a.manager.email, "case.digest")).length, 1);
    await sendCaseDigests(ctx.deps, { orgId: a.orgId, now: new Date("2030-12-10T06:00:00Z") });
    digests = await mails(a, a.manager.email, "case.digest");
    assert.equal(digests.length, 2);
    const latest = digests.find((m) => m.id !== firstDigest)!;
    assert.ok(latest.text.includes(`/app/cases/${third}`));
    assert.ok(!latest.text.includes(`/app/cases/${first}`), "only cases since the last digest");

    // A day without new cases sends nothing.
    await sendCaseDigests(ctx.deps, { orgId: a.orgId, now: new Date("2030-12-11T06:00:00Z") });
    assert.equal((await mails(a, a.manager.email, "case.digest")).length, 2);
  });

  it("keeps mailing each assignment to owners who did not choose the digest", async () => {
    const id = await caseOf(b, (await b.answer(3)).invitationId);
    await sendCaseDigests(ctx.deps, { orgId: b.orgId, now: new Date("2030-12-09T06:00:00Z") });
    assert.equal((await mails(b, b.manager.email, "case.digest")).length, 0);
    await notifyCaseOwners(ctx.deps, { orgId: b.orgId });
    const each = await mails(b, b.manager.email, "case.assigned");
    assert.equal(each.filter((m) => m.text.includes(id)).length, 1);
  });
});
