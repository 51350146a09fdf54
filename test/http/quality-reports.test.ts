import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleContacts } from "../../src/domain/quality-sampling.ts";
import { and, eq } from "drizzle-orm";
import { surveyInvitation } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { qualityEvaluation, qualityEvaluationScore } from "../../src/modules/quality/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { pdfText } from "./exports-pdf-text.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

interface TDef {
  sections: { key: string; weight: number; criteria: { key: string; max: number }[] }[];
}

describe("quality reports, exports and the sampling queue", () => {
  let ctx: TestContext;
  let a: QualityOrg;
  let b: QualityOrg;
  let modelId: string;
  let versionId: string;
  let definition: TDef;

  const evaluate = async (
    employeeId: string,
    date: string,
    lower: Record<string, number>,
    contact?: object,
  ) => {
    const res = await a.call("POST", "/api/v1/quality/evaluations", a.specialist, {
      employeeId,
      modelVersionId: versionId,
      contact: contact ?? { kind: "reference", reference: `R-${date}`, date },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    definition = res.json().definition;
    const scores = definition.sections.flatMap((s) =>
      s.criteria.map((c) => ({ criterionKey: c.key, value: lower[c.key] ?? c.max })),
    );
    const saved = await a.call("PUT", `/api/v1/quality/evaluations/${id}/scores`, a.specialist, { scores });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(
      (await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.specialist)).statusCode,
      200,
    );
    return id;
  };

  it("sets up evaluations in two months", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    b = await qualityOrg(ctx, "Amet B");
    ({ modelId, versionId } = await a.activeModel());
    await evaluate(a.agentEmployee, "2026-10-05", {});
    await evaluate(a.agentEmployee, "2026-10-20", { "expertise.1": 0, "structure.4": 0 });
    await evaluate(a.otherEmployee, "2026-11-03", {
      "expertise.1": 1,
      "communication.1": 0,
      "communication.2": 0,
    });
    await evaluate(a.otherEmployee, "2026-11-04", { "expertise.1": 2, "structure.1": 0 });
    // A draft is not reported.
    await a.call("POST", "/api/v1/quality/evaluations", a.specialist, {
      employeeId: a.agentEmployee,
      modelVersionId: versionId,
      contact: { kind: "reference", reference: "draft", date: "2026-11-05" },
    });
  });

  it("reports figures equal to an independent computation from the stored scores", async () => {
    const res = await a.call(
      "GET",
      "/api/v1/quality/reports/summary?from=2026-10&to=2026-11",
      await a.as("analyst"),
    );
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    // Independent: from the score rows and the model definition, section % = sum(given) / sum(max) × 100.
    const evaluations = await ctx.deps.db
      .select({
        id: qualityEvaluation.id,
        state: qualityEvaluation.state,
        date: qualityEvaluation.contactDate,
      })
      .from(qualityEvaluation)
      .where(eq(qualityEvaluation.orgId, a.orgId));
    const submitted = evaluations.filter((e) => e.state !== "draft");
    assert.equal(report.evaluations, submitted.length);
    assert.equal(submitted.length, 4);
    const scores = await ctx.deps.db
      .select()
      .from(qualityEvaluationScore)
      .where(eq(qualityEvaluationScore.orgId, a.orgId));
    const totals: number[] = [];
    const sectionPcts = new Map<string, number[]>();
    for (const e of submitted) {
      let total = 0;
      for (const s of definition.sections) {
        const rows = scores.filter((x) => x.evaluationId === e.id && x.sectionKey === s.key);
        const given = rows.reduce((sum, x) => sum + Number(x.value), 0);
        const max = s.criteria.reduce((sum, c) => sum + c.max, 0);
        const pct = (given / max) * 100;
        sectionPcts.set(s.key, [...(sectionPcts.get(s.key) ?? []), pct]);
        total += (pct * s.weight) / 100;
      }
      totals.push(total);
    }
    const bandOf = (t: number) => {
      const r = Math.floor(t + 0.5 + 1e-9);
      return r >= 81 ? "very_good" : r >= 61 ? "good" : "modest";
    };
    const expectedBands = { very_good: 0, good: 0, modest: 0 };
    for (const t of totals) expectedBands[bandOf(t)]++;
    assert.deepEqual(report.bands, expectedBands);
    const mean = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100;
    assert.equal(report.averagePct, mean(totals));
    for (const s of report.sections)
      assert.equal(s.averagePct, mean(sectionPcts.get(s.sectionKey) ?? []), s.sectionKey);
    // Hand check of one: totals are 100; 30 + 18 + 25 = 73; 18 + 20 + 30 = 68; 30 + 16 + 35 = 81.
    assert.deepEqual(
      totals.map((t) => Math.round(t * 100) / 100).sort((x, y) => x - y),
      [68, 73, 81, 100],
    );
    assert.deepEqual(report.bands, { very_good: 2, good: 2, modest: 0 });
    assert.deepEqual(
      report.byMonth.map((m: { key: string; evaluations: number; averagePct: number }) => [
        m.key,
        m.evaluations,
        m.averagePct,
      ]),
      [
        ["2026-10", 2, 86.5],
        ["2026-11", 2, 74.5],
      ],
    );
    // expertise.1 scored below its maximum in three of four evaluations: the most failing criterion.
    assert.deepEqual(
      [report.criteria[0].criterionKey, report.criteria[0].failed, report.criteria[0].failedPct],
      ["expertise.1", 3, 75],
    );
    assert.equal(report.byDepartment.length, 2);
    assert.ok(report.sections.every((s: { modelId: string }) => s.modelId === modelId));
  });

  it("exports the report as CSV and XLSX", async () => {
    const csv = await a.call(
      "GET",
      "/api/v1/quality/exports/report.csv?from=2026-10&to=2026-11",
      a.specialist,
    );
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    assert.match(csv.body, /month,2026-10,2026-10,2,86.5,1,1,0,/);
    assert.match(csv.body, /criterion,[^,]+\/expertise\.1,/);
    const xlsx = await a.call(
      "GET",
      "/api/v1/quality/exports/report.xlsx?from=2026-10&to=2026-11",
      a.specialist,
    );
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), "PK");
  });

  it("adds a quality page to the monthly PDF when there are evaluations, and none otherwise", async () => {
    const res = await a.call("GET", "/api/v1/exports/monthly-report.pdf?month=2026-10", a.owner);
    assert.equal(res.statusCode, 200, res.body);
    const text = pdfText(res.rawPayload);
    assert.match(text, /Teeninduse kvaliteedi hindamised/);
    // October: 100 and 73 → 2 evaluations, average 86.5, one very good and one good.
    assert.match(text, /2 hindamist, keskmine 86,5 %/);
    assert.match(text, /Väga hea 1 · hea 1 · tagasihoidlik 0/);
    const empty = await a.call("GET", "/api/v1/exports/monthly-report.pdf?month=2026-09", a.owner);
    assert.doesNotMatch(pdfText(empty.rawPayload), /Teeninduse kvaliteedi hindamised/);
  });

  it("scopes reports: an agent counts only their own, another organisation nothing; 400, 401, 403", async () => {
    const agent = await a.call("GET", "/api/v1/quality/reports/summary?from=2026-10&to=2026-11", a.agent);
    assert.equal(agent.json().evaluations, 2);
    // The manager leads department A: the agent's two, not the other employee's (department B).
    const manager = await a.call("GET", "/api/v1/quality/reports/summary?from=2026-10&to=2026-11", a.manager);
    assert.deepEqual(
      manager.json().byDepartment.map((d: { key: string; evaluations: number }) => [d.key, d.evaluations]),
      [[a.deptA, 2]],
    );
    const other = await b.call("GET", "/api/v1/quality/reports/summary?from=2026-10&to=2026-11", b.owner);
    assert.equal(other.json().evaluations, 0);
    const bad = await a.call("GET", "/api/v1/quality/reports/summary?from=2026-11&to=2026-10", a.owner);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.from");
    const badMonth = await a.call("GET", "/api/v1/quality/reports/summary?from=2026-1&to=2026-10", a.owner);
    assert.equal(badMonth.json().errors[0].path, "querystring.from");
    assert.equal(
      (await a.call("GET", "/api/v1/quality/reports/summary?from=2026-10&to=2026-11")).statusCode,
      401,
    );
    const viewer = await a.as("viewer");
    assert.equal(
      (await a.call("GET", "/api/v1/quality/reports/summary?from=2026-10&to=2026-11", viewer)).statusCode,
      403,
    );
    assert.equal(
      (await a.call("GET", "/api/v1/quality/exports/report.csv?from=2026-10&to=2026-11", viewer)).statusCode,
      403,
    );
  });

  it("proposes a reproducible sample per employee up to the quota, skipping evaluated contacts", async () => {
    const { id: surveyId } = await createSurvey(ctx.deps.db, a.orgId, {
      name: "Tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const invitations: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const { id } = await issueSentInvitation(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        locale: "et",
        employeeId: a.agentEmployee,
        departmentId: a.deptA,
      });
      await ctx.deps.db
        .update(surveyInvitation)
        .set({ occurredAt: new Date(`2026-12-0${day}T09:00:00Z`) })
        .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.id, id)));
      invitations.push(id);
    }
    const first = await a.call("GET", "/api/v1/quality/queue?month=2026-12", a.manager);
    assert.equal(first.statusCode, 200, first.body);
    const mine = first.json().employees.find((e: { employeeId: string }) => e.employeeId === a.agentEmployee);
    assert.ok(mine, "the manager's queue has their department's agent");
    assert.ok(
      !first.json().employees.some((e: { employeeId: string }) => e.employeeId === a.otherEmployee),
      "not employees outside the manager's departments",
    );
    const slot = mine.models.find((m: { modelId: string }) => m.modelId === modelId);
    assert.deepEqual([slot.quota, slot.done, slot.proposals.length], [3, 0, 3]);
    assert.ok(slot.proposals.every((p: { id: string }) => invitations.includes(p.id)));
    // The draw is the domain's seeded sample over the month's contacts; no length is recorded, so no strata.
    const drawn = sampleContacts(
      invitations.map((id) => ({ id, durationSeconds: null })),
      { seed: `${a.orgId}:${a.agentEmployee}:${modelId}:2026-12`, quota: 3 },
    );
    assert.deepEqual(
      slot.proposals.map((p: { id: string; stratum: string | null }) => [p.id, p.stratum]),
      drawn.map((p) => [p.id, null]),
    );
    const again = await a.call("GET", "/api/v1/quality/queue?month=2026-12", a.specialist);
    const slot2 = again
      .json()
      .employees.find((e: { employeeId: string }) => e.employeeId === a.agentEmployee)
      .models.find((m: { modelId: string }) => m.modelId === modelId);
    assert.deepEqual(slot2.proposals, slot.proposals, "the same sample for the same month");
    const picked = slot.proposals[0].id;
    await evaluate(
      a.agentEmployee,
      "2026-12-01",
      {},
      { kind: "invitation", invitationId: picked, date: "2026-12-01" },
    );
    const after = await a.call("GET", "/api/v1/quality/queue?month=2026-12", a.specialist);
    const slot3 = after
      .json()
      .employees.find((e: { employeeId: string }) => e.employeeId === a.agentEmployee)
      .models.find((m: { modelId: string }) => m.modelId === modelId);
    assert.equal(slot3.done, 1);
    assert.equal(slot3.proposals.length, 2);
    assert.ok(!slot3.proposals.some((p: { id: string }) => p.id === picked));
    assert.deepEqual(
      after.json().evaluators.map((x: { userId: string; evaluations: number }) => [x.userId, x.evaluations]),
      [[a.specialist.userId, 1]],
    );
    // The quota is set per model: 4 for this one leaves 3 to propose after the one done.
    const settings = await a.call("PUT", "/api/v1/quality/settings", a.owner, {
      bands: { veryGoodFrom: 81, goodFrom: 61 },
      defaultQuota: 3,
      quotas: { [modelId]: 4 },
      reminderDaysBefore: 3,
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const more = await a.call("GET", "/api/v1/quality/queue?month=2026-12", a.manager);
    const slot4 = more
      .json()
      .employees.find((e: { employeeId: string }) => e.employeeId === a.agentEmployee)
      .models.find((m: { modelId: string }) => m.modelId === modelId);
    assert.deepEqual([slot4.quota, slot4.done, slot4.proposals.length], [4, 1, 3]);
    const bad = await a.call("GET", "/api/v1/quality/queue?month=12-2026", a.manager);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.month");
    assert.equal((await a.call("GET", "/api/v1/quality/queue?month=2026-12")).statusCode, 401);
    assert.equal((await a.call("GET", "/api/v1/quality/queue?month=2026-12", a.agent)).statusCode, 403);
    assert.equal(
      (await a.call("GET", "/api/v1/quality/queue?month=2026-12", await a.as("analyst"))).statusCode,
      403,
    );
    const otherOrg = await b.call("GET", "/api/v1/quality/queue?month=2026-12", b.owner);
    assert.ok(
      !otherOrg.json().employees.some((e: { employeeId: string }) => e.employeeId === a.agentEmployee),
    );
  });
});
