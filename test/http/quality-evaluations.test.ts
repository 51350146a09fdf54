import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { count, eq } from "drizzle-orm";
import {
  qualityAgreement,
  qualityEvaluation,
  qualityEvaluationScore,
} from "../../src/modules/quality/schema.ts";
import { type Session, startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

/** SKA phone model: communication 30 % (5 × 1), structure 20 % (1,1,1,0.5,0.5,1), expertise 50 % (5,1,1,1,1,1). */
const maxima: Record<string, number> = {
  "communication.1": 1,
  "communication.2": 1,
  "communication.3": 1,
  "communication.4": 1,
  "communication.5": 1,
  "structure.1": 1,
  "structure.2": 1,
  "structure.3": 1,
  "structure.4": 0.5,
  "structure.5": 0.5,
  "structure.6": 1,
  "expertise.1": 5,
  "expertise.2": 1,
  "expertise.3": 1,
  "expertise.4": 1,
  "expertise.5": 1,
  "expertise.6": 1,
};
const allScores = (over: Record<string, number> = {}) =>
  Object.entries(maxima).map(([criterionKey, max]) => ({ criterionKey, value: over[criterionKey] ?? max }));

describe("quality evaluations API", () => {
  let ctx: TestContext;
  let a: QualityOrg;
  let b: QualityOrg;
  let versionA: string;
  let versionB: string;
  let evaluationB: string;

  const rows = async (table: typeof qualityEvaluation | typeof qualityAgreement, orgId: string) =>
    (await ctx.deps.db.select({ n: count() }).from(table).where(eq(table.orgId, orgId)))[0].n;
  const start = async (org: QualityOrg, s: Session, versionId: string, employeeId = org.agentEmployee) => {
    const res = await org.call("POST", "/api/v1/quality/evaluations", s, {
      employeeId,
      modelVersionId: versionId,
      contact: { kind: "reference", reference: "KÕNE-1", durationSec: 240, date: "2026-11-10" },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };

  it("sets up two organisations with an active phone model", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    b = await qualityOrg(ctx, "Amet B");
    versionA = (await a.activeModel()).versionId;
    versionB = (await b.activeModel()).versionId;
    evaluationB = await start(b, b.manager, versionB);
  });

  it("walks the lifecycle: draft, scores, submit, seen, dispute, resolve, final, revision", async () => {
    const id = await start(a, a.manager, versionA);
    const draft = await a.call("GET", `/api/v1/quality/evaluations/${id}`, a.manager);
    assert.equal(draft.json().state, "draft");
    // The agent does not see a draft about them.
    assert.equal((await a.call("GET", `/api/v1/quality/evaluations/${id}`, a.agent)).statusCode, 404);
    // expertise.1 = 3 of 5: expertise 8/10 × 50 = 40; structure.4 = 0: 4.5/5 × 20 = 18; total 30 + 18 + 40 = 88
    const saved = await a.call("PUT", `/api/v1/quality/evaluations/${id}/scores`, a.manager, {
      scores: allScores({ "expertise.1": 3, "structure.4": 0 }),
      sectionComments: { expertise: "Täpsusta seadust." },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const s = saved.json();
    assert.deepEqual([s.totalPct, s.totalRounded, s.band], [88, 88, "very_good"]);
    assert.deepEqual(
      s.sections.map((x: { key: string; pct: number; comment: string | null }) => [x.key, x.pct, x.comment]),
      [
        ["communication", 100, null],
        ["structure", 90, null],
        ["expertise", 80, "Täpsusta seadust."],
      ],
    );
    const submitted = await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.manager);
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().state, "submitted");
    const twice = await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.manager);
    assert.equal(twice.statusCode, 409);
    // The agent sees it now, acknowledges and disputes one criterion.
    const seen = await a.call("POST", `/api/v1/quality/evaluations/${id}/acknowledge`, a.agent, {
      comment: "Selge.",
    });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual([seen.json().state, seen.json().employeeComment], ["seen", "Selge."]);
    const disputed = await a.call("POST", `/api/v1/quality/evaluations/${id}/disputes`, a.agent, {
      criterionKey: "expertise.1",
      text: "Vastasin õigesti.",
    });
    assert.equal(disputed.statusCode, 200, disputed.body);
    assert.equal(disputed.json().state, "disputed");
    // The agent cannot resolve or finalise (no quality:evaluate); the manager cannot dispute for the agent.
    assert.equal(
      (await a.call("POST", `/api/v1/quality/evaluations/${id}/finalize`, a.agent)).statusCode,
      403,
    );
    assert.equal(
      (
        await a.call("POST", `/api/v1/quality/evaluations/${id}/disputes`, a.manager, {
          criterionKey: "expertise.1",
          text: "x",
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await a.call("POST", `/api/v1/quality/evaluations/${id}/finalize`, a.manager)).statusCode,
      409,
    );
    const badValue = await a.call("POST", `/api/v1/quality/evaluations/${id}/resolutions`, a.manager, {
      criterionKey: "expertise.1",
      resolution: "changed",
      value: 6,
    });
    assert.equal(badValue.statusCode, 400);
    assert.equal(badValue.json().errors[0].path, "body.value");
    const resolved = await a.call("POST", `/api/v1/quality/evaluations/${id}/resolutions`, a.manager, {
      criterionKey: "expertise.1",
      resolution: "changed",
      value: 5,
      note: "Kuulasin uuesti.",
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    // expertise 10/10 × 50 = 50 → 30 + 18 + 50 = 98
    assert.deepEqual([resolved.json().state, resolved.json().totalPct], ["seen", 98]);
    const score = resolved
      .json()
      .scores.find((x: { criterionKey: string }) => x.criterionKey === "expertise.1");
    assert.deepEqual([score.value, score.disputed, score.resolution], [5, true, "changed"]);
    const final = await a.call("POST", `/api/v1/quality/evaluations/${id}/finalize`, a.manager);
    assert.equal(final.json().state, "final");
    const revised = await a.call("POST", `/api/v1/quality/evaluations/${id}/revisions`, a.specialist);
    assert.equal(revised.statusCode, 201, revised.body);
    const r = revised.json();
    assert.deepEqual([r.state, r.revision, r.previousId, r.totalPct], ["draft", 2, id, 98]);
    const old = await a.call("GET", `/api/v1/quality/evaluations/${id}`, a.manager);
    assert.deepEqual([old.json().state, old.json().superseded], ["final", true]);
    const list = await a.call("GET", "/api/v1/quality/evaluations?month=2026-11", a.manager);
    const ids = list.json().items.map((x: { id: string }) => x.id);
    assert.ok(ids.includes(r.id) && !ids.includes(id), "the list shows the current revision only");
    // The version used is frozen.
    const model = await a.call("GET", `/api/v1/quality/models/${r.modelId}`, a.owner);
    assert.equal(model.json().versions[0].frozen, true);
  });

  it("refuses bad input naming the field, writing nothing", async () => {
    const before = await rows(qualityEvaluation, a.orgId);
    const base = {
      employeeId: a.agentEmployee,
      modelVersionId: versionA,
      contact: { kind: "reference", reference: "X", date: "2026-11-10" },
    };
    const cases: [unknown, string, number][] = [
      [{ ...base, employeeId: a.archivedEmployee }, "body.employeeId", 400],
      [{ ...base, employeeId: "nobody" }, "body.employeeId", 400],
      [{ ...base, modelVersionId: versionB }, "body.modelVersionId", 400],
      [{ ...base, contact: { kind: "reference", date: "2026-11-10" } }, "body.contact.reference", 400],
      [
        { ...base, contact: { kind: "response", responseId: "nope", date: "2026-11-10" } },
        "body.contact.responseId",
        400,
      ],
      [
        { ...base, contact: { kind: "reference", reference: "X", date: "10.11.2026" } },
        "body.contact.date",
        400,
      ],
    ];
    for (const [body, path, status] of cases) {
      const res = await a.call("POST", "/api/v1/quality/evaluations", a.manager, body);
      assert.equal(res.statusCode, status, `${path}: ${res.body}`);
      assert.ok(
        res.json().errors?.some((e: { path: string }) => e.path === path),
        `${path}: ${res.body}`,
      );
    }
    assert.equal(await rows(qualityEvaluation, a.orgId), before);
    const id = await start(a, a.specialist, versionA);
    const scoreCases: [unknown, string][] = [
      [{ scores: [{ criterionKey: "expertise.1", value: 5.5 }] }, "body.scores[0].value"],
      [
        {
          scores: [
            { criterionKey: "structure.1", value: 1 },
            { criterionKey: "expertise.2", value: -1 },
          ],
        },
        "body.scores[1].value",
      ],
      [{ scores: [{ criterionKey: "opening.1", value: 1 }] }, "body.scores[0].criterionKey"],
      [
        { scores: [{ criterionKey: "expertise.2", value: null, notApplicable: true }] },
        "body.scores[0].value",
      ],
      [{ scores: [], sectionComments: { nope: "x" } }, "body.sectionComments.nope"],
    ];
    for (const [body, path] of scoreCases) {
      const res = await a.call("PUT", `/api/v1/quality/evaluations/${id}/scores`, a.specialist, body);
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        `${path}: ${res.body}`,
      );
    }
    const stored = await ctx.deps.db
      .select({ n: count() })
      .from(qualityEvaluationScore)
      .where(eq(qualityEvaluationScore.evaluationId, id));
    assert.equal(stored[0].n, 0);
    const early = await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.specialist);
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().errors[0].path, "scores.communication.1");
  });

  it("allows evaluating by role and department: 401, 403", async () => {
    const body = {
      employeeId: a.otherEmployee,
      modelVersionId: versionA,
      contact: { kind: "reference", reference: "X", date: "2026-11-10" },
    };
    // The manager leads department A only; the other employee works in B.
    assert.equal((await a.call("POST", "/api/v1/quality/evaluations", a.manager, body)).statusCode, 403);
    assert.equal((await a.call("POST", "/api/v1/quality/evaluations", a.specialist, body)).statusCode, 201);
    for (const role of ["analyst", "agent", "viewer"] as const)
      assert.equal(
        (await a.call("POST", "/api/v1/quality/evaluations", await a.as(role), body)).statusCode,
        403,
        role,
      );
    assert.equal((await a.call("POST", "/api/v1/quality/evaluations", undefined, body)).statusCode, 401);
    assert.equal((await a.call("GET", "/api/v1/quality/evaluations")).statusCode, 401);
    assert.equal((await a.call("GET", "/api/v1/quality/evaluations", await a.as("viewer"))).statusCode, 403);
    // The manager does not see the specialist's evaluation of someone outside their departments; the analyst does.
    const managerList = await a.call(
      "GET",
      `/api/v1/quality/evaluations?employeeId=${a.otherEmployee}`,
      a.manager,
    );
    assert.deepEqual(managerList.json().items, []);
    const analystList = await a.call(
      "GET",
      `/api/v1/quality/evaluations?employeeId=${a.otherEmployee}`,
      await a.as("analyst"),
    );
    assert.equal(analystList.json().items.length, 1);
    const bad = await a.call("GET", "/api/v1/quality/evaluations?month=2026-13", a.manager);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.month");
  });

  it("pages the list with a cursor", async () => {
    for (let i = 0; i < 3; i++) await start(a, a.specialist, versionA, a.otherEmployee);
    const first = await a.call(
      "GET",
      `/api/v1/quality/evaluations?employeeId=${a.otherEmployee}&limit=2`,
      a.specialist,
    );
    assert.equal(first.json().items.length, 2);
    const next = first.json().nextCursor;
    assert.ok(next);
    const second = await a.call(
      "GET",
      `/api/v1/quality/evaluations?employeeId=${a.otherEmployee}&limit=2&cursor=${next}`,
      a.specialist,
    );
    const all = [...first.json().items, ...second.json().items].map((x: { id: string }) => x.id);
    assert.equal(new Set(all).size, 4);
    assert.equal(second.json().nextCursor, null);
    const broken = await a.call("GET", "/api/v1/quality/evaluations?cursor=xyz", a.specialist);
    assert.equal(broken.statusCode, 400);
  });

  it("keeps agreements: numbered, a responsible person and a deadline required", async () => {
    const id = await start(a, a.manager, versionA);
    await a.call("PUT", `/api/v1/quality/evaluations/${id}/scores`, a.manager, { scores: allScores() });
    const early = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
      text: "x",
      responsibleEmployeeId: a.agentEmployee,
      deadline: "2026-12-31",
    });
    assert.equal(early.statusCode, 409);
    await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.manager);
    const before = await rows(qualityAgreement, a.orgId);
    const noDeadline = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
      text: "Tervita nimega",
      responsibleEmployeeId: a.agentEmployee,
    });
    assert.equal(noDeadline.statusCode, 400);
    assert.equal(noDeadline.json().errors[0].path, "body.deadline");
    const noOne = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
      text: "Tervita nimega",
      deadline: "2026-12-31",
    });
    assert.equal(noOne.statusCode, 400);
    assert.equal(noOne.json().errors[0].path, "body.responsibleUserId");
    assert.equal(await rows(qualityAgreement, a.orgId), before);
    const first = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
      text: "Tervita nimega",
      responsibleEmployeeId: a.agentEmployee,
      deadline: "2026-12-31",
    });
    assert.equal(first.statusCode, 201, first.body);
    const second = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
      text: "Kuula küsimus lõpuni",
      responsibleUserId: a.manager.userId,
      deadline: "2026-12-15",
    });
    assert.deepEqual([first.json().number, second.json().number], [1, 2]);
    assert.equal(first.json().state, "open");
    const agentView = await a.call(
      "GET",
      `/api/v1/quality/agreements?employeeId=${a.agentEmployee}`,
      a.agent,
    );
    assert.ok(agentView.json().items.some((x: { id: string }) => x.id === first.json().id));
    const followUp = await start(a, a.manager, versionA);
    const done = await a.call("PATCH", `/api/v1/quality/agreements/${first.json().id}`, a.manager, {
      state: "done",
      followUpEvaluationId: followUp,
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual([done.json().state, done.json().followUpEvaluationId], ["done", followUp]);
    const wrongLink = await a.call("PATCH", `/api/v1/quality/agreements/${first.json().id}`, a.manager, {
      followUpEvaluationId: evaluationB,
    });
    assert.equal(wrongLink.statusCode, 400);
    assert.equal(wrongLink.json().errors[0].path, "body.followUpEvaluationId");
    assert.equal(
      (await a.call("PATCH", `/api/v1/quality/agreements/${first.json().id}`, a.agent, { state: "done" }))
        .statusCode,
      403,
    );
    assert.equal((await a.call("GET", "/api/v1/quality/agreements")).statusCode, 401);
    const detail = await a.call("GET", `/api/v1/quality/evaluations/${id}`, a.agent);
    assert.deepEqual(
      detail.json().agreements.map((x: { number: number }) => x.number),
      [1, 2],
    );
  });

  it("keeps evaluations and agreements apart between organisations (404)", async () => {
    const paths: [string, string, unknown?][] = [
      ["GET", `/api/v1/quality/evaluations/${evaluationB}`],
      ["PUT", `/api/v1/quality/evaluations/${evaluationB}/scores`, { scores: allScores() }],
      ["POST", `/api/v1/quality/evaluations/${evaluationB}/submit`],
      ["POST", `/api/v1/quality/evaluations/${evaluationB}/finalize`],
      ["POST", `/api/v1/quality/evaluations/${evaluationB}/revisions`],
      ["POST", `/api/v1/quality/evaluations/${evaluationB}/acknowledge`, {}],
      [
        "POST",
        `/api/v1/quality/evaluations/${evaluationB}/disputes`,
        { criterionKey: "expertise.1", text: "x" },
      ],
      [
        "POST",
        `/api/v1/quality/evaluations/${evaluationB}/resolutions`,
        { criterionKey: "expertise.1", resolution: "upheld" },
      ],
      [
        "POST",
        `/api/v1/quality/evaluations/${evaluationB}/agreements`,
        { text: "x", responsibleEmployeeId: "x", deadline: "2026-12-31" },
      ],
    ];
    for (const [method, url, body] of paths) {
      const res = await a.call(method, url, a.owner, body);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
    await b.call("PUT", `/api/v1/quality/evaluations/${evaluationB}/scores`, b.manager, {
      scores: allScores(),
    });
    await b.call("POST", `/api/v1/quality/evaluations/${evaluationB}/submit`, b.manager);
    const agreement = await b.call(
      "POST",
      `/api/v1/quality/evaluations/${evaluationB}/agreements`,
      b.manager,
      {
        text: "x",
        responsibleEmployeeId: b.agentEmployee,
        deadline: "2026-12-31",
      },
    );
    assert.equal(agreement.statusCode, 201, agreement.body);
    assert.equal(
      (await a.call("PATCH", `/api/v1/quality/agreements/${agreement.json().id}`, a.owner, { state: "done" }))
        .statusCode,
      404,
    );
    const list = await a.call("GET", "/api/v1/quality/agreements", a.owner);
    assert.ok(!list.json().items.some((x: { id: string }) => x.id === agreement.json().id));
  });
});
