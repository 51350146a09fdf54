import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { kpiQueue } from "../../src/modules/kpi/schema.ts";
import { takeInContactRecords } from "../../src/modules/kpi/take-in-contact-records.ts";
import { createWrittenRequest } from "../../src/modules/kpi/written-requests.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

describe("employee overview", () => {
  let ctx: TestContext;
  let a: QualityOrg;
  let b: QualityOrg;
  const today = new Date().toISOString().slice(0, 10);
  const url = (_org: QualityOrg, id: string) => `/api/v1/employees/${id}/overview`;

  it("sets up answers and an evaluation of the agent", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    b = await qualityOrg(ctx, "Amet B");
    const { id: surveyId } = await createSurvey(ctx.deps.db, a.orgId, {
      name: "Tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    for (const score of [10, 10, 9, 7, 3]) {
      const { token } = await issueSentInvitation(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        locale: "et",
        employeeId: a.agentEmployee,
        departmentId: a.deptA,
      });
      const res = await ctx.app.inject({ method: "GET", url: `/s/${token}?score=${score}` });
      assert.equal(res.statusCode, 200);
    }
    const { versionId } = await a.activeModel();
    const created = await a.call("POST", "/api/v1/quality/evaluations", a.manager, {
      employeeId: a.agentEmployee,
      modelVersionId: versionId,
      contact: { kind: "reference", reference: "K-1", date: today },
    });
    const id = created.json().id;
    // expertise.1 = 0 of 5: expertise 5/10 × 50 = 25 → 30 + 20 + 25 = 75 (good)
    const scores = created
      .json()
      .definition.sections.flatMap((s: { criteria: { key: string; max: number }[] }) =>
        s.criteria.map((c) => ({ criterionKey: c.key, value: c.key === "expertise.1" ? 0 : c.max })),
      );
    await a.call("PUT", `/api/v1/quality/evaluations/${id}/scores`, a.manager, { scores });
    assert.equal(
      (await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.manager)).statusCode,
      200,
    );
    const agreement = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
      text: "Selgita seadust",
      responsibleEmployeeId: a.agentEmployee,
      deadline: "2099-01-31",
    });
    assert.equal(agreement.statusCode, 201, agreement.body);
    // Two calls answered by the agent today (10 s and 30 s) and one letter assigned to them, replied at once.
    await ctx.deps.db.insert(kpiQueue).values({ orgId: a.orgId, id: "q1", name: "Infoliin", kind: "call" });
    const at = (s: number) => new Date(Date.now() - 3_600_000 + s * 1000).toISOString();
    await takeInContactRecords(ctx.deps.db, a.orgId, [
      {
        sourceId: "k1",
        kind: "call",
        queueId: "q1",
        arrivedAt: at(0),
        answeredAt: at(10),
        employeeId: a.agentEmployee,
      },
      {
        sourceId: "k2",
        kind: "call",
        queueId: "q1",
        arrivedAt: at(60),
        answeredAt: at(90),
        employeeId: a.agentEmployee,
      },
    ]);
    await createWrittenRequest(ctx.deps.db, a.orgId, {
      reference: "1-2/3",
      kind: "letter",
      receivedAt: at(0),
      repliedAt: at(100),
      employeeId: a.agentEmployee,
    });
  });

  it("shows the employee their own page: NPS with interval, QA trend with band, agreements, team median", async () => {
    const res = await a.call("GET", url(a, a.agentEmployee), a.agent);
    assert.equal(res.statusCode, 200, res.body);
    const o = res.json();
    // 3 promoters, 1 passive, 1 detractor of 5: NPS (3 − 1) / 5 = 40
    assert.equal(o.figures.answers, 5);
    assert.equal(o.figures.nps, 40);
    assert.ok(o.figures.npsInterval.low < 40 && o.figures.npsInterval.high > 40);
    assert.equal(o.quality.evaluations, 1);
    assert.equal(o.kpi.calls.offered, 2);
    assert.deepEqual(o.kpi.calls.serviceLevel, { value: 50, target: 80, meetsTarget: false });
    assert.deepEqual(o.kpi.calls.answerRate, { value: 100, target: 90, meetsTarget: true });
    assert.deepEqual(o.kpi.writtenReplies.kpi, { value: 100, target: 100, meetsTarget: true });
    assert.deepEqual(
      o.quality.trend.map((t: { channel: string; averagePct: number; band: string }) => [
        t.channel,
        t.averagePct,
        t.band,
      ]),
      [["phone", 75, "good"]],
    );
    assert.deepEqual(
      o.quality.trend[0].sections.map((s: { key: string; averagePct: number }) => [s.key, s.averagePct]),
      [
        ["communication", 100],
        ["structure", 100],
        ["expertise", 50],
      ],
    );
    assert.deepEqual(
      o.agreements.map((x: { number: number; state: string }) => [x.number, x.state]),
      [[1, "open"]],
    );
    // The team is department A: the manager (no answers: withheld) and the agent.
    assert.deepEqual(o.team, { departmentId: a.deptA, employees: 2, npsMedian: 40, qualityMedianPct: 75 });
    assert.ok(!JSON.stringify(o.team).includes("Mari"), "no colleague named");
  });

  it("withholds NPS under the minimum sample", async () => {
    const res = await a.call("GET", url(a, a.otherEmployee), a.owner);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().figures.withheld, res.json().figures.nps], [true, null]);
  });

  it("lets the manager of the department, the specialist and the analyst in; others 404, 403, 401", async () => {
    assert.equal((await a.call("GET", url(a, a.agentEmployee), a.manager)).statusCode, 200);
    assert.equal((await a.call("GET", url(a, a.agentEmployee), a.specialist)).statusCode, 200);
    assert.equal((await a.call("GET", url(a, a.agentEmployee), await a.as("analyst"))).statusCode, 200);
    assert.equal((await a.call("GET", url(a, a.otherEmployee), a.manager)).statusCode, 404);
    assert.equal((await a.call("GET", url(a, a.otherEmployee), a.agent)).statusCode, 404);
    assert.equal((await a.call("GET", url(a, a.agentEmployee), await a.as("viewer"))).statusCode, 403);
    assert.equal((await a.call("GET", url(a, a.agentEmployee))).statusCode, 401);
    assert.equal((await b.call("GET", url(a, a.agentEmployee), b.owner)).statusCode, 404);
    const bad = await a.call("GET", `${url(a, a.agentEmployee)}?to=2026-13`, a.owner);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.to");
    const reversed = await a.call("GET", `${url(a, a.agentEmployee)}?from=2026-10&to=2026-09`, a.owner);
    assert.equal(reversed.json().errors[0].path, "querystring.from");
  });
});
