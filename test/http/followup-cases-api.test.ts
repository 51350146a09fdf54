import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { auditLog, response } from "../../src/db/schema.ts";
import { followUpCase, followUpEvent } from "../../src/modules/followup/schema.ts";
import { asUser, type Session, startTestApp, type TestContext } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

describe("follow-up cases API", () => {
  let ctx: TestContext;
  let a: FollowUpOrg;
  let b: FollowUpOrg;
  /** Case in department A (assigned to A's manager), with contact allowed by e-mail. */
  let caseA: string;
  /** Case in department B (no manager: unassigned). */
  let caseB: string;
  let caseOfB: string;

  const call = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, s?: Session, payload?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: s ? asUser(s) : {},
      ...(payload ? { payload: payload as object } : {}),
    });

  async function caseOf(org: FollowUpOrg, invitationId: string) {
    const [row] = await ctx.deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .innerJoin(
        response,
        and(eq(response.orgId, followUpCase.orgId), eq(response.id, followUpCase.responseId)),
      )
      .where(and(eq(followUpCase.orgId, org.orgId), eq(response.invitationId, invitationId)));
    return row.id;
  }
  const timelineLength = async (org: FollowUpOrg, id: string) =>
    (
      await ctx.deps.db
        .select({ n: count() })
        .from(followUpEvent)
        .where(and(eq(followUpEvent.orgId, org.orgId), eq(followUpEvent.caseId, id)))
    )[0].n;

  before(async () => {
    ctx = await startTestApp();
    a = await followUpOrg(ctx, "Amet A");
    b = await followUpOrg(ctx, "Amet B");
    caseA = await caseOf(a, (await a.answer(3, { email: "klient@example.test" })).invitationId);
    await ctx.deps.db
      .update(followUpCase)
      .set({ contactAllowed: true, contactChannel: "email" })
      .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.id, caseA)));
    caseB = await caseOf(a, (await a.answer(2, { departmentId: a.deptB })).invitationId);
    caseOfB = await caseOf(b, (await b.answer(1)).invitationId);
  });
  after(() => ctx.close());

  describe("GET /cases", () => {
    it("assigns to the department's manager and lists by role: all, the manager's departments, the agent's own", async () => {
      const ids = async (s: Session, q = "") => {
        const res = await call("GET", `/api/v1/cases${q}`, s);
        assert.equal(res.statusCode, 200, res.body);
        return res.json().items.map((c: { id: string }) => c.id);
      };
      const all = await ids(a.owner);
      assert.ok(all.includes(caseA) && all.includes(caseB) && !all.includes(caseOfB));
      assert.deepEqual((await ids(await a.as("analyst"))).sort(), all.sort());
      assert.deepEqual(await ids(a.manager), [caseA]);
      assert.deepEqual(await ids(a.manager, "?view=mine"), [caseA]);
      assert.deepEqual(await ids(a.agent), []);
      const list = (await call("GET", "/api/v1/cases", a.owner)).json().items;
      const c = list.find((x: { id: string }) => x.id === caseA);
      assert.equal(c.ownerId, a.manager.userId);
      assert.equal(c.state, "open");
      assert.equal(c.score, 3);
      assert.equal(list.find((x: { id: string }) => x.id === caseB).ownerId, null);
      const byAnswer = await call("GET", `/api/v1/cases?responseId=${c.responseId}`, a.owner);
      assert.deepEqual(
        byAnswer.json().items.map((x: { id: string }) => x.id),
        [caseA],
      );
      const bad = await call("GET", "/api/v1/cases?responseId=nope", a.owner);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "querystring.responseId");
    });
    it("400 names the field, 401 without sign-in, 403 for viewers", async () => {
      const bad = await call("GET", "/api/v1/cases?view=everything", a.owner);
      assert.equal(bad.statusCode, 400);
      assert.match(JSON.stringify(bad.json().errors), /view/);
      assert.equal((await call("GET", "/api/v1/cases")).statusCode, 401);
      assert.equal((await call("GET", "/api/v1/cases", await a.as("viewer"))).statusCode, 403);
    });
  });

  describe("GET /cases/:id", () => {
    it("shows the answer and timeline; contact details only to roles with cases:contact, audited", async () => {
      const audits = async () =>
        (
          await ctx.deps.db
            .select({ n: count() })
            .from(auditLog)
            .where(
              and(
                eq(auditLog.orgId, a.orgId),
                eq(auditLog.action, "case.contact_view"),
                eq(auditLog.targetId, caseA),
              ),
            )
        )[0].n;
      const before = await audits();
      const res = await call("GET", `/api/v1/cases/${caseA}`, a.manager);
      assert.equal(res.statusCode, 200);
      const c = res.json();
      assert.deepEqual(c.contact, { email: "klient@example.test", phone: null });
      assert.deepEqual(
        c.timeline.map((e: { kind: string }) => e.kind),
        ["opened"],
      );
      assert.equal(await audits(), before + 1, "showing contact details is audited");
      const analyst = (await call("GET", `/api/v1/cases/${caseA}`, await a.as("analyst"))).json();
      assert.equal(analyst.contact, null);
      assert.equal(analyst.score, 3);
      assert.ok(!JSON.stringify(analyst).includes("klient@example.test"));
      assert.equal(await audits(), before + 1);
    });
    it("400 for a malformed id, 401, 403 for viewers, 404 out of scope and across organisations", async () => {
      const bad = await call("GET", "/api/v1/cases/not-a-uuid", a.owner);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "params.id");
      assert.equal((await call("GET", `/api/v1/cases/${caseA}`)).statusCode, 401);
      assert.equal((await call("GET", `/api/v1/cases/${caseA}`, await a.as("viewer"))).statusCode, 403);
      assert.equal((await call("GET", `/api/v1/cases/${caseA}`, a.agent)).statusCode, 404);
      assert.equal((await call("GET", `/api/v1/cases/${caseOfB}`, a.owner)).statusCode, 404);
      assert.equal((await call("GET", `/api/v1/cases/${caseA}`, b.owner)).statusCode, 404);
    });
  });

  describe("PATCH /cases/:id", () => {
    it("a manager reassigns to an agent, who then sees and works it", async () => {
      const res = await call("PATCH", `/api/v1/cases/${caseB}`, a.owner, { ownerId: a.agent.userId });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().ownerId, a.agent.userId);
      assert.equal(res.json().timeline.at(-1).kind, "assigned");
      const mine = (await call("GET", "/api/v1/cases?view=mine", a.agent)).json().items;
      assert.deepEqual(
        mine.map((c: { id: string }) => c.id),
        [caseB],
      );
    });
    it("rejects a deadline in the past and unknown owners naming the field, writing nothing", async () => {
      const n = await timelineLength(a, caseA);
      const past = await call("PATCH", `/api/v1/cases/${caseA}`, a.manager, { dueDate: "2020-01-01" });
      assert.equal(past.statusCode, 400);
      assert.equal(past.json().errors[0].path, "body.dueDate");
      const unknown = await call("PATCH", `/api/v1/cases/${caseA}`, a.manager, { ownerId: "nobody" });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().errors[0].path, "body.ownerId");
      const other = await call("PATCH", `/api/v1/cases/${caseA}`, a.manager, { ownerId: b.manager.userId });
      assert.equal(other.statusCode, 400, "a member of another organisation is no owner here");
      const malformed = await call("PATCH", `/api/v1/cases/${caseA}`, a.manager, { dueDate: "31.12.2099" });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().errors[0].path, "body.dueDate");
      assert.equal(await timelineLength(a, caseA), n);
    });
    it("401, 403 (agents cannot reassign, analysts cannot write), 404 across organisations", async () => {
      assert.equal(
        (await call("PATCH", `/api/v1/cases/${caseA}`, undefined, { dueDate: "2099-01-01" })).statusCode,
        401,
      );
      assert.equal(
        (await call("PATCH", `/api/v1/cases/${caseB}`, a.agent, { ownerId: a.manager.userId })).statusCode,
        403,
      );
      assert.equal(
        (await call("PATCH", `/api/v1/cases/${caseA}`, await a.as("analyst"), { dueDate: "2099-01-01" }))
          .statusCode,
        403,
      );
      assert.equal(
        (await call("PATCH", `/api/v1/cases/${caseA}`, b.owner, { dueDate: "2099-01-01" })).statusCode,
        404,
      );
      const moved = await call("PATCH", `/api/v1/cases/${caseA}`, a.manager, { dueDate: "2099-01-01" });
      assert.equal(moved.statusCode, 200);
      assert.equal(moved.json().dueDate, "2099-01-01");
    });
  });

  describe("POST /cases/:id/events", () => {
    it("records notes and calls, resolves once with a category, reopens", async () => {
      const { invitationId } = await a.answer(4);
      const id = await caseOf(a, invitationId);
      const post = (body: unknown) => call("POST", `/api/v1/cases/${id}/events`, a.manager, body);
      assert.equal((await post({ kind: "note", note: "Helistan homme." })).statusCode, 201);
      let res = await post({ kind: "call_attempt", reached: false });
      assert.equal(res.json().state, "in_progress");
      assert.equal(res.json().attempts, 1);
      res = await post({ kind: "call_attempt", reached: true, note: "Selgitasin otsust." });
      assert.equal(res.json().state, "contacted");
      assert.ok(res.json().firstContactAt);
      const noCategory = await post({ kind: "state", state: "resolved" });
      assert.equal(noCategory.statusCode, 400);
      assert.equal(noCategory.json().errors[0].path, "body.resolution");
      res = await post({ kind: "state", state: "resolved", resolution: "explained", note: "Klient rahul." });
      assert.equal(res.statusCode, 201);
      assert.equal(res.json().resolution, "explained");
      const n = await timelineLength(a, id);
      const twice = await post({ kind: "state", state: "resolved", resolution: "explained" });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().errors[0].path, "body.state");
      assert.equal(await timelineLength(a, id), n, "nothing written");
      res = await post({ kind: "state", state: "open", note: "Klient helistas tagasi." });
      assert.equal(res.json().state, "open");
      assert.equal(res.json().resolution, null);
      assert.deepEqual(
        res.json().timeline.map((e: { kind: string }) => e.kind),
        ["opened", "note", "call_attempt", "call_attempt", "state", "state"],
      );
      assert.ok(
        res
          .json()
          .timeline.every(
            (e: { actorId: string | null; kind: string }) =>
              e.kind === "opened" || e.actorId === a.manager.userId,
          ),
      );
    });
    it("three failed calls make a case unreachable; no calls without consent", async () => {
      const id = await caseOf(a, (await a.answer(5)).invitationId);
      for (let i = 0; i < 3; i++)
        await call("POST", `/api/v1/cases/${id}/events`, a.owner, { kind: "call_attempt", reached: false });
      const c = (await call("GET", `/api/v1/cases/${id}`, a.owner)).json();
      assert.equal(c.state, "unreachable");
      await ctx.deps.db
        .update(followUpCase)
        .set({ contactAllowed: false })
        .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.id, id)));
      const refused = await call("POST", `/api/v1/cases/${id}/events`, a.owner, {
        kind: "call_attempt",
        reached: true,
      });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().errors[0].path, "body.kind");
    });
    it("400 for oversized notes and unknown kinds, 401, 403, 404 across organisations and out of scope", async () => {
      const long = await call("POST", `/api/v1/cases/${caseA}/events`, a.owner, {
        kind: "note",
        note: "x".repeat(4001),
      });
      assert.equal(long.statusCode, 400);
      assert.equal(long.json().errors[0].path, "body.note");
      const kind = await call("POST", `/api/v1/cases/${caseA}/events`, a.owner, { kind: "email" });
      assert.equal(kind.statusCode, 400);
      assert.match(kind.json().errors[0].path, /^body\.kind/);
      const note = { kind: "note", note: "Proov" };
      assert.equal((await call("POST", `/api/v1/cases/${caseA}/events`, undefined, note)).statusCode, 401);
      assert.equal(
        (await call("POST", `/api/v1/cases/${caseA}/events`, await a.as("viewer"), note)).statusCode,
        403,
      );
      assert.equal(
        (await call("POST", `/api/v1/cases/${caseA}/events`, await a.as("analyst"), note)).statusCode,
        403,
      );
      assert.equal((await call("POST", `/api/v1/cases/${caseA}/events`, b.owner, note)).statusCode, 404);
      assert.equal((await call("POST", `/api/v1/cases/${caseA}/events`, a.agent, note)).statusCode, 404);
    });
  });

  describe("POST /cases", () => {
    it("opens a case by hand for any answer, once", async () => {
      const { invitationId } = await a.answer(9);
      const [r] = await ctx.deps.db
        .select({ id: response.id })
        .from(response)
        .where(and(eq(response.orgId, a.orgId), eq(response.invitationId, invitationId)));
      const res = await call("POST", "/api/v1/cases", a.manager, {
        responseId: r.id,
        ownerId: a.agent.userId,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().ownerId, a.agent.userId);
      assert.equal(res.json().score, 9);
      const again = await call("POST", "/api/v1/cases", a.manager, { responseId: r.id });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().errors[0].path, "body.responseId");
    });
    it("400 naming the field, 401, 403, 404 for unknown and other organisations' answers", async () => {
      const bad = await call("POST", "/api/v1/cases", a.owner, { responseId: "x" });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "body.responseId");
      const [other] = await ctx.deps.db
        .select({ id: response.id })
        .from(response)
        .where(eq(response.orgId, b.orgId));
      const body = { responseId: other.id };
      assert.equal((await call("POST", "/api/v1/cases", undefined, body)).statusCode, 401);
      assert.equal((await call("POST", "/api/v1/cases", await a.as("analyst"), body)).statusCode, 403);
      const cross = await call("POST", "/api/v1/cases", a.owner, body);
      assert.equal(cross.statusCode, 404);
      assert.equal(cross.json().errors[0].path, "body.responseId");
      assert.equal(
        (await call("POST", "/api/v1/cases", a.owner, { responseId: crypto.randomUUID() })).statusCode,
        404,
      );
    });
  });

  describe("GET /cases/summary", () => {
    it("counts open and overdue cases and contact figures within the caller's scope", async () => {
      const res = await call("GET", "/api/v1/cases/summary", b.owner);
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json();
      assert.equal(s.open, 1);
      assert.equal(s.byState.open, 1);
      assert.equal(s.overdue, 0);
      assert.equal(s.medianHoursToFirstContact, null);
      const past = new Date(Date.now() - 86_400_000);
      await ctx.deps.db
        .update(followUpCase)
        .set({ dueAt: past })
        .where(and(eq(followUpCase.orgId, b.orgId), eq(followUpCase.id, caseOfB)));
      await call("POST", `/api/v1/cases/${caseOfB}/events`, b.owner, { kind: "call_attempt", reached: true });
      const after = (await call("GET", "/api/v1/cases/summary", b.owner)).json();
      assert.equal(after.overdue, 1);
      assert.equal(after.byState.contacted, 1);
      assert.equal(after.contactedWithinDeadlinePct, 0, "contacted after the deadline");
      assert.equal(typeof after.medianHoursToFirstContact, "number");
      const agent = (await call("GET", "/api/v1/cases/summary", b.agent)).json();
      assert.equal(agent.open, 0, "an agent's figures cover their own cases");
    });
    it("401 and 403", async () => {
      assert.equal((await call("GET", "/api/v1/cases/summary")).statusCode, 401);
      assert.equal((await call("GET", "/api/v1/cases/summary", await a.as("viewer"))).statusCode, 403);
    });
  });

  describe("GET/PUT /follow-up-rules", () => {
    const rule = (o: Record<string, unknown> = {}) => ({
      enabled: true,
      npsMax: 6,
      satisfactionMax: 6,
      surveys: {},
      deadlineWorkingDays: 3,
      unreachableAfter: 2,
      defaultOwnerId: null,
      departmentManagers: {},
      recoveryQuestion: false,
      ...o,
    });
    it("reads the defaults and replaces the rule", async () => {
      const got = await call("GET", "/api/v1/follow-up-rules", b.owner);
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().deadlineWorkingDays, 2);
      const put = await call(
        "PUT",
        "/api/v1/follow-up-rules",
        b.owner,
        rule({ surveys: { [b.surveyId]: { npsMax: 3 } }, defaultOwnerId: b.agent.userId }),
      );
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().surveys[b.surveyId].npsMax, 3);
      const { invitationId } = await b.answer(5, { departmentId: b.deptB });
      const cases = await ctx.deps.db
        .select({ id: followUpCase.id })
        .from(followUpCase)
        .innerJoin(
          response,
          and(eq(response.orgId, followUpCase.orgId), eq(response.id, followUpCase.responseId)),
        )
        .where(and(eq(followUpCase.orgId, b.orgId), eq(response.invitationId, invitationId)));
      assert.equal(cases.length, 0, "5 is above the survey's threshold of 3");
      assert.equal(
        (await call("GET", "/api/v1/follow-up-rules", a.owner)).json().surveys[b.surveyId],
        undefined,
      );
    });
    it("400 naming the field (also for another organisation's ids), 401, 403", async () => {
      const high = await call("PUT", "/api/v1/follow-up-rules", a.owner, rule({ npsMax: 11 }));
      assert.equal(high.statusCode, 400);
      assert.equal(high.json().errors[0].path, "body.npsMax");
      const foreign = await call(
        "PUT",
        "/api/v1/follow-up-rules",
        a.owner,
        rule({ surveys: { [b.surveyId]: { enabled: false } } }),
      );
      assert.equal(foreign.statusCode, 400);
      assert.equal(foreign.json().errors[0].path, `body.surveys.${b.surveyId}`);
      const owner = await call(
        "PUT",
        "/api/v1/follow-up-rules",
        a.owner,
        rule({ defaultOwnerId: b.owner.userId }),
      );
      assert.equal(owner.statusCode, 400);
      assert.equal(owner.json().errors[0].path, "body.defaultOwnerId");
      assert.equal((await call("PUT", "/api/v1/follow-up-rules", undefined, rule())).statusCode, 401);
      assert.equal((await call("GET", "/api/v1/follow-up-rules")).statusCode, 401);
      assert.equal((await call("PUT", "/api/v1/follow-up-rules", a.manager, rule())).statusCode, 403);
      assert.equal((await call("GET", "/api/v1/follow-up-rules", await a.as("viewer"))).statusCode, 403);
    });
  });
});
