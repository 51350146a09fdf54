import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { department, employee, response } from "../../src/db/schema.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

describe("answers API", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  const ids = {
    parent: randomUUID(),
    child: randomUUID(),
    other: randomUUID(),
    agentEmp: randomUUID(),
    managerEmp: randomUUID(),
    colleague: randomUUID(),
  };
  let surveyId: string;
  let bAnswerId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    const db = ctx.deps.db;
    const agent = await a.as("agent");
    const manager = await a.as("manager");
    await db.insert(department).values([
      { orgId: a.orgId, id: ids.parent, name: "Teenindus" },
      { orgId: a.orgId, id: ids.child, name: "Tartu", parentId: ids.parent },
      { orgId: a.orgId, id: ids.other, name: "IT" },
    ]);
    await db.insert(employee).values([
      { orgId: a.orgId, id: ids.agentEmp, name: "Agent", departmentId: ids.child, userId: agent.userId },
      {
        orgId: a.orgId,
        id: ids.managerEmp,
        name: "Manager",
        departmentId: ids.parent,
        userId: manager.userId,
      },
      { orgId: a.orgId, id: ids.colleague, name: "Colleague", departmentId: ids.other },
    ]);
    const s = await createSurvey(db, a.orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    surveyId = s.id;
    // 30 answers: 10 by the agent (child dept), 10 by the manager (parent dept), 10 by a colleague (other dept).
    const rows = Array.from({ length: 30 }, (_, i) => ({
      orgId: a.orgId,
      id: randomUUID(),
      surveyId,
      surveyVersion: 1,
      score: i % 11,
      comment: i % 3 === 0 ? `kommentaar ${i}` : null,
      locale: "et",
      employeeId: [ids.agentEmp, ids.managerEmp, ids.colleague][i % 3],
      departmentId: [ids.child, ids.parent, ids.other][i % 3],
      source: "api",
      receivedAt: new Date(Date.UTC(2026, 0, 1 + i)),
    }));
    await db.insert(response).values(rows);
    const sb = await createSurvey(db, b.orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    bAnswerId = randomUUID();
    await db.insert(response).values({
      orgId: b.orgId,
      id: bAnswerId,
      surveyId: sb.id,
      surveyVersion: 1,
      score: 10,
      locale: "et",
      source: "api",
    });
  });
  after(() => ctx.close());

  const list = async (headers: Record<string, string>, query = "") => {
    const res = await ctx.app.inject({ url: `/api/v1/responses${query}`, headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as {
      items: { id: string; score: number; group: string; employeeId: string; comment: string | null }[];
      nextCursor: string | null;
    };
  };

  it("pages through every answer with a cursor, newest first, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(asUser(a.owner), `?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 30);
    assert.equal(new Set(seen).size, 30);
  });

  it("filters by group, comment, employee and date range", async () => {
    const promoters = await list(asUser(a.owner), "?group=promoter&limit=200");
    // scores i % 11 for i < 30: 9 and 10 occur at i = 9, 10, 20, 21 → 4 answers
    assert.equal(promoters.items.length, 4);
    assert.ok(promoters.items.every((i) => i.group === "promoter" && i.score >= 9));
    const commented = await list(asUser(a.owner), "?hasComment=true&limit=200");
    assert.equal(commented.items.length, 10);
    const byEmp = await list(asUser(a.owner), `?employeeId=${ids.colleague}&limit=200`);
    assert.equal(byEmp.items.length, 10);
    const january = await list(asUser(a.owner), "?from=2026-01-01&to=2026-01-11&limit=200");
    assert.equal(january.items.length, 10);
  });

  it("shows an agent only their own answers and a manager their department tree", async () => {
    const agent = await list(asUser(await a.as("agent")), "?limit=200");
    assert.equal(agent.items.length, 10);
    assert.ok(agent.items.every((i) => i.employeeId === ids.agentEmp));
    const manager = await list(asUser(await a.as("manager")), "?limit=200");
    assert.equal(manager.items.length, 20, "parent and child departments, not IT");
    const analyst = await list(asUser(await a.as("analyst")), "?limit=200");
    assert.equal(analyst.items.length, 30);
    const colleagueAnswer = analyst.items.find((i) => i.employeeId === ids.colleague)!;
    const denied = await ctx.app.inject({
      url: `/api/v1/responses/${colleagueAnswer.id}`,
      headers: asUser(await a.as("agent")),
    });
    assert.equal(denied.statusCode, 404);
  });

  it("answers 401, 403 for a viewer, 400 for bad filters, and 404 across organisations", async () => {
    assert.equal((await ctx.app.inject({ url: "/api/v1/responses" })).statusCode, 401);
    assert.equal(
      (await ctx.app.inject({ url: "/api/v1/responses", headers: asUser(await a.as("viewer")) })).statusCode,
      403,
    );
    const bad = await ctx.app.inject({
      url: "/api/v1/responses?group=fans&limit=0",
      headers: asUser(a.owner),
    });
    assert.equal(bad.statusCode, 400);
    const paths = bad
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    assert.deepEqual(paths, ["querystring.group", "querystring.limit"]);
    const badCursor = await ctx.app.inject({
      url: "/api/v1/responses?cursor=nonsense",
      headers: asUser(a.owner),
    });
    assert.equal(badCursor.statusCode, 400);
    const cross = await ctx.app.inject({ url: `/api/v1/responses/${bAnswerId}`, headers: asUser(a.owner) });
    assert.equal(cross.statusCode, 404);
    const { key } = await createApiKey(ctx.deps.db, {
      orgId: a.orgId,
      name: "k",
      scopes: ["responses:read"],
    });
    const viaKey = await list({ authorization: `Bearer ${key}` }, "?limit=200");
    assert.equal(viaKey.items.length, 30);
    assert.ok(!viaKey.items.some((i) => i.id === bAnswerId));
  });
});
