import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { employee, outbox } from "../../src/db/schema.ts";
import { inOrg } from "../../src/db/scope.ts";
import { remindWrittenRequests } from "../../src/modules/kpi/remind-written-requests.ts";
import { findWrittenRequests, reminderDay } from "../../src/modules/kpi/written-requests.ts";
import { startTestApp, type TestContext, unique } from "../helpers/app.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

describe("written requests", () => {
  let ctx: TestContext;
  let a: KpiOrg;
  let b: KpiOrg;
  const email = `eve-${unique()}@example.test`;

  it("sets up two organisations", async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx, "Amet A");
    b = await kpiOrg(ctx, "Amet B");
    await ctx.deps.db
      .update(employee)
      .set({ email })
      .where(inOrg(employee, a.orgId, eq(employee.id, "e1")));
  });

  it("computes deadlines with the Estonian calendar: 30 days, 5 working days over Christmas and Independence Day", async () => {
    const letter = await a.call("POST", "/api/v1/written-requests", a.owner, {
      reference: "1-1/1",
      kind: "letter",
      receivedAt: "2026-03-02T09:00:00+02:00",
      employeeId: "e1",
    });
    assert.equal(letter.statusCode, 201, letter.body);
    assert.equal(letter.json().deadline, "2026-04-01");
    // Received Tue 22 Dec 2026: 23 Dec, (24–26 Dec holidays, 27 Sun) 28, 29, 30, 31 Dec → due 31 Dec.
    const christmas = await a.call("POST", "/api/v1/written-requests", a.owner, {
      reference: "1-1/2",
      kind: "information_request",
      receivedAt: "2026-12-22T10:00:00+02:00",
      employeeId: "e1",
    });
    assert.equal(christmas.json().deadline, "2026-12-31");
    // Received Thu 19 Feb 2026: 20 Feb, (21 Sat, 22 Sun, 24 Feb Independence Day) 23, 25, 26, 27 → due 27 Feb.
    const february = await a.call("POST", "/api/v1/written-requests", a.owner, {
      reference: "1-1/3",
      kind: "information_request",
      receivedAt: "2026-02-19T10:00:00+02:00",
      employeeId: "e1",
    });
    assert.equal(february.json().deadline, "2026-02-27");
    assert.equal(february.json().remindOn, "2026-02-26");
    const custom = await a.call("POST", "/api/v1/written-requests", a.owner, {
      reference: "1-1/4",
      kind: "custom",
      deadlineDays: 10,
      receivedAt: "2026-02-19T10:00:00+02:00",
    });
    assert.equal(custom.json().deadline, "2026-03-01");
    assert.equal(reminderDay("2026-02-25", "Europe/Tallinn"), "2026-02-23");
  });

  it("refuses bad input naming the field; 401, 403, cross-tenant 404", async () => {
    const noDays = await a.call("POST", "/api/v1/written-requests", a.owner, {
      reference: "x",
      kind: "custom",
      receivedAt: "2026-02-19T10:00:00+02:00",
    });
    assert.equal(noDays.statusCode, 400);
    assert.equal(noDays.json().errors[0].path, "body.deadlineDays");
    const ghost = await a.call("POST", "/api/v1/written-requests", a.owner, {
      reference: "x",
      kind: "letter",
      receivedAt: "2026-02-19T10:00:00+02:00",
      employeeId: "ghost",
    });
    assert.equal(ghost.json().errors[0].path, "body.employeeId");
    assert.equal((await a.call("GET", "/api/v1/written-requests")).statusCode, 401);
    assert.equal((await a.call("GET", "/api/v1/written-requests", await a.as("agent"))).statusCode, 403);
    const viewerPost = await a.call("POST", "/api/v1/written-requests", await a.as("viewer"), {
      reference: "x",
      kind: "letter",
      receivedAt: "2026-02-19T10:00:00+02:00",
    });
    assert.equal(viewerPost.statusCode, 403);
    const [first] = (await a.call("GET", "/api/v1/written-requests", a.owner)).json().items;
    assert.equal((await b.call("GET", `/api/v1/written-requests/${first.id}`, b.owner)).statusCode, 404);
    assert.equal(
      (await b.call("PATCH", `/api/v1/written-requests/${first.id}`, b.owner, { repliedAt: null }))
        .statusCode,
      404,
    );
  });

  it("lists due today, this week and overdue in the organisation's time zone", async () => {
    const refs = async (due: "today" | "week" | "overdue", now: string) =>
      (await findWrittenRequests(ctx.deps.db, a.orgId, { due, now: new Date(now) })).map((r) => r.reference);
    assert.deepEqual(await refs("today", "2026-02-27T08:00:00Z"), ["1-1/3"]);
    // The week of Monday 23 February runs to Sunday 1 March, the custom request's deadline.
    assert.deepEqual(await refs("week", "2026-02-23T08:00:00Z"), ["1-1/3", "1-1/4"]);
    assert.deepEqual(await refs("week", "2026-03-02T08:00:00Z"), []);
    assert.deepEqual(await refs("overdue", "2026-03-02T08:00:00Z"), ["1-1/3", "1-1/4"]);
    const res = await a.call("GET", "/api/v1/written-requests?due=overdue", a.owner);
    assert.equal(res.statusCode, 200);
  });

  it("reminds the employee the working day before the deadline, exactly once with two runs at once", async () => {
    const mails = async () =>
      (
        await ctx.deps.db
          .select({ n: count() })
          .from(outbox)
          .where(and(eq(outbox.to, email), eq(outbox.kind, "kpi.replyReminder")))
      )[0].n;
    const early = await remindWrittenRequests(ctx.deps, {
      now: new Date("2026-02-25T08:00:00Z"),
      orgId: a.orgId,
    });
    assert.equal(early.reminded, 0);
    const now = new Date("2026-02-26T08:00:00Z");
    const [x, y] = await Promise.all([
      remindWrittenRequests(ctx.deps, { now, orgId: a.orgId }),
      remindWrittenRequests(ctx.deps, { now, orgId: a.orgId }),
    ]);
    assert.equal(x.reminded + y.reminded, 1);
    assert.equal(await mails(), 1);
    await remindWrittenRequests(ctx.deps, { now: new Date("2026-02-27T08:00:00Z"), orgId: a.orgId });
    assert.equal(await mails(), 1);
  });

  it("records replies and reports replies on time against the target", async () => {
    const items = (await a.call("GET", "/api/v1/written-requests", a.owner)).json().items as {
      id: string;
      reference: string;
    }[];
    const feb = items.find((i) => i.reference === "1-1/3");
    const patched = await a.call("PATCH", `/api/v1/written-requests/${feb?.id}`, a.owner, {
      repliedAt: "2026-02-27T15:00:00+02:00",
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const early = await a.call("PATCH", `/api/v1/written-requests/${feb?.id}`, a.owner, {
      repliedAt: "2026-02-18T15:00:00+02:00",
    });
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().errors[0].path, "body.repliedAt");
    const res = await a.call(
      "GET",
      "/api/v1/written-requests/compliance?from=2026-02-01&to=2026-02-28",
      a.owner,
    );
    // 1-1/3 on time; 1-1/4 (custom, due 1 March) open and overdue by now → 1 of 2.
    assert.deepEqual(res.json().kpi, { value: 50, target: 100, meetsTarget: false });
  });
});
