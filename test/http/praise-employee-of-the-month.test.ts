import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { employee, organization, praise, response } from "../../src/db/schema.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

/**
 * Hand-checked May 2026 (minimum sample 5, so at least 10 answers count):
 *   Anu   12 answers: 9 × 10, 2 × 8, 1 × 3  → (9 − 1) / 12 = +66.7
 *   Berit 10 answers: 8 × 9, 2 × 0          → (8 − 2) / 10 = +60
 *   Carl  20 answers: 15 × 10, 2 × 7, 3 × 5 → (15 − 3) / 20 = +60, more answers than Berit → above her
 *   Dina   9 answers: 9 × 10                → +100 but too few answers
 *   Eero  11 answers in April only          → not in May
 */
const PEOPLE = {
  anu: { name: "Anu Allikas", may: [...Array(9).fill(10), 8, 8, 3] },
  berit: { name: "Berit Birk", may: [...Array(8).fill(9), 0, 0] },
  carl: { name: "Carl Cedar", may: [...Array(15).fill(10), 7, 7, 5, 5, 5] },
  dina: { name: "Dina Dove", may: Array(9).fill(10) },
  eero: { name: "Eero Elk", may: [] as number[] },
};
type TPerson = keyof typeof PEOPLE;

describe("employee of the month", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  const ids = {} as Record<TPerson, string>;
  const answerOf: Record<string, string> = {};

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    const db = ctx.deps.db;
    const agent = await a.as("agent");
    for (const key of Object.keys(PEOPLE) as TPerson[]) {
      ids[key] = randomUUID();
      await db.insert(employee).values({
        orgId: a.orgId,
        id: ids[key],
        name: PEOPLE[key].name,
        userId: key === "berit" ? agent.userId : null,
      });
    }
    const s = await createSurvey(db, a.orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const row = (key: TPerson, score: number, at: string) => {
      const id = randomUUID();
      answerOf[`${key}-${at}-${score}`] = id;
      return {
        orgId: a.orgId,
        id,
        surveyId: s.id,
        surveyVersion: 1,
        score,
        comment: "Aitäh!",
        locale: "et",
        employeeId: ids[key],
        source: "api",
        receivedAt: new Date(`${at}T09:00:00Z`),
      };
    };
    const rows = (Object.keys(PEOPLE) as TPerson[]).flatMap((key) =>
      PEOPLE[key].may.map((score, i) => row(key, score, `2026-05-${String(1 + i).padStart(2, "0")}`)),
    );
    rows.push(
      ...Array.from({ length: 11 }, (_, i) => row("eero", 10, `2026-04-${String(1 + i).padStart(2, "0")}`)),
    );
    rows.push(row("anu", 10, "2026-04-20"));
    await db.insert(response).values(rows);
    // Anu: approved praise in May, unapproved praise in May, approved praise on an April answer.
    await db.insert(praise).values([
      {
        orgId: a.orgId,
        responseId: answerOf["anu-2026-05-01-10"],
        target: "employee",
        employeeId: ids.anu,
        text: "Anu aitas kiiresti.",
        approvedAt: new Date("2026-06-01T08:00:00Z"),
      },
      {
        orgId: a.orgId,
        responseId: answerOf["anu-2026-05-02-10"],
        target: "employee",
        employeeId: ids.anu,
        text: "Pole veel kinnitatud.",
      },
      {
        orgId: a.orgId,
        responseId: answerOf["anu-2026-04-20-10"],
        target: "employee",
        employeeId: ids.anu,
        text: "Aprilli kiitus.",
        approvedAt: new Date("2026-05-01T08:00:00Z"),
      },
    ]);
  });
  after(() => ctx.close());

  const get = (query: string, headers: Record<string, string>) =>
    ctx.app.inject({ url: `/api/v1/reports/employee-of-the-month?${query}`, headers });

  it("ranks by NPS among employees with at least 10 answers, ties broken by answer count", async () => {
    const res = await get("month=2026-05", asUser(a.owner));
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.minAnswers, 10);
    assert.deepEqual(
      body.employees.map((e: { rank: number; name: string; nps: number; answers: number }) => [
        e.rank,
        e.name,
        e.nps,
        e.answers,
      ]),
      [
        [1, "Anu Allikas", 66.7, 12],
        [2, "Carl Cedar", 60, 20],
        [3, "Berit Birk", 60, 10],
      ],
    );
    const anu = body.employees[0];
    assert.deepEqual(
      anu.praise.map((p: { text: string }) => p.text),
      ["Anu aitas kiiresti."],
      "only the month's approved praise",
    );
    assert.deepEqual(body.employees[1].praise, []);
  });

  it("raises the bar to the organisation's minimum sample when it is higher", async () => {
    await ctx.deps.db.update(organization).set({ minSample: 12 }).where(eq(organization.id, a.orgId));
    const body = (await get("month=2026-05", asUser(a.owner))).json();
    assert.equal(body.minAnswers, 12);
    assert.deepEqual(
      body.employees.map((e: { name: string }) => e.name),
      ["Anu Allikas", "Carl Cedar"],
    );
    await ctx.deps.db.update(organization).set({ minSample: 5 }).where(eq(organization.id, a.orgId));
  });

  it("shows an agent only themselves", async () => {
    const body = (await get("month=2026-05", asUser(await a.as("agent")))).json();
    assert.deepEqual(
      body.employees.map((e: { rank: number; name: string }) => [e.rank, e.name]),
      [[1, "Berit Birk"]],
    );
  });

  it("April ranks Eero alone", async () => {
    const body = (await get("month=2026-04", asUser(a.owner))).json();
    assert.deepEqual(
      body.employees.map((e: { name: string; nps: number }) => [e.name, e.nps]),
      [["Eero Elk", 100]],
    );
  });

  it("never shows another organisation's employees", async () => {
    const body = (await get("month=2026-05", asUser(b.owner))).json();
    assert.deepEqual(body.employees, []);
  });

  it("rejects a bad month naming the field, answers 401 and 403", async () => {
    for (const q of ["month=2026-5", "month=2026-00", ""]) {
      const res = await get(q, asUser(a.owner));
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().errors[0].path, "querystring.month");
    }
    assert.equal((await get("month=2026-05", {})).statusCode, 401);
    const key = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "c", scopes: ["catalog:read"] });
    assert.equal((await get("month=2026-05", { authorization: `Bearer ${key.key}` })).statusCode, 403);
  });
});
