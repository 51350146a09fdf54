import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { krippendorffAlpha } from "../../src/domain/krippendorff.ts";
import { type Session, startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

const phone = {
  title: "Kõne",
  sections: [
    { key: "a", title: "Suhtlus", weight: 60, criteria: [{ key: "a.1", text: "Tervitab", max: 1 }] },
    { key: "b", title: "Asjatundlikkus", weight: 40, criteria: [{ key: "b.1", text: "Vastab", max: 5 }] },
  ],
};
const base = "/api/v1/quality/calibration";

/** A model with the two-criterion definition above, activated; returns its version id. */
async function activeVersion(org: QualityOrg, definition = phone): Promise<string> {
  const res = await org.call("POST", "/api/v1/quality/models", org.owner, {
    name: `Kalibreerimine ${Math.random()}`,
    channel: "phone",
    definition,
  });
  assert.equal(res.statusCode, 201, res.body);
  const act = await org.call(
    "POST",
    `/api/v1/quality/models/${res.json().id}/versions/1/activate`,
    org.owner,
  );
  assert.equal(act.statusCode, 200, act.body);
  return act.json().versions[0].id;
}

const scores = (a1: number, b1: number) => [
  { criterionKey: "a.1", value: a1 },
  { criterionKey: "b.1", value: b1 },
];

describe("quality calibration API", () => {
  let ctx: TestContext;
  let a: QualityOrg;
  let b: QualityOrg;
  let admin: Session;
  let viewer: Session;
  let versionId: string;
  let sessionId: string;
  const url = () => `${base}/sessions/${sessionId}`;
  const badRequest = (
    res: { statusCode: number; body: string; json(): { errors: { path: string }[] } },
    path: string,
  ) => {
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().errors[0].path, path, res.body);
  };

  it("sets up two organisations and a model version", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    b = await qualityOrg(ctx, "Amet B");
    admin = await a.as("admin");
    viewer = await a.as("viewer");
    versionId = await activeVersion(a);
  });

  it("opens a session with its evaluators", async () => {
    const res = await a.call("POST", `${base}/sessions`, a.owner, {
      modelVersionId: versionId,
      title: "Märtsi kalibreerimine",
      contact: { reference: "CALL-1" },
      date: "2026-03-02",
      participants: [a.owner.userId, a.manager.userId, a.specialist.userId],
    });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    sessionId = s.id;
    assert.equal(s.state, "open");
    assert.equal(s.date, "2026-03-02");
    assert.deepEqual(s.contact, { responseId: null, reference: "CALL-1" });
    assert.equal(s.participants.length, 3);
    assert.deepEqual(s.myScores, []);
    assert.equal(s.results, null);
  });

  it("rejects a bad session naming the field", async () => {
    const ok = { modelVersionId: versionId, contact: { reference: "X" } };
    const post = (body: object) => a.call("POST", `${base}/sessions`, a.owner, body);
    badRequest(
      await post({ ...ok, participants: [a.manager.userId, a.agent.userId] }),
      "body.participants[1]",
    );
    badRequest(
      await post({ ...ok, participants: [a.manager.userId, a.manager.userId] }),
      "body.participants[1]",
    );
    badRequest(
      await post({ ...ok, participants: [a.manager.userId, b.manager.userId] }),
      "body.participants[1]",
    );
    const other = await activeVersion(b);
    badRequest(
      await post({ ...ok, modelVersionId: other, participants: [a.manager.userId, a.specialist.userId] }),
      "body.modelVersionId",
    );
    badRequest(
      await post({ ...ok, contact: {}, participants: [a.manager.userId, a.specialist.userId] }),
      "body.contact.reference",
    );
    badRequest(await post({ ...ok, participants: [a.manager.userId] }), "body.participants");
  });

  it("answers 401 without a session and 403 to roles that do not evaluate", async () => {
    assert.equal((await a.call("GET", `${base}/sessions`)).statusCode, 401);
    assert.equal((await a.call("GET", url())).statusCode, 401);
    assert.equal((await a.call("PUT", `${url()}/scores`, undefined, { scores: [] })).statusCode, 401);
    assert.equal((await a.call("GET", `${base}/evaluators/${a.manager.userId}/trend`)).statusCode, 401);
    for (const who of [a.agent, viewer]) {
      assert.equal((await a.call("GET", `${base}/sessions`, who)).statusCode, 403);
      assert.equal((await a.call("GET", url(), who)).statusCode, 403);
      const post = await a.call("POST", `${base}/sessions`, who, {
        modelVersionId: versionId,
        contact: { reference: "X" },
        participants: [a.manager.userId, a.specialist.userId],
      });
      assert.equal(post.statusCode, 403);
      assert.equal((await a.call("PUT", `${url()}/scores`, who, { scores: scores(1, 1) })).statusCode, 403);
    }
    assert.equal(
      (await a.call("GET", `${base}/evaluators/${a.manager.userId}/trend`, viewer)).statusCode,
      403,
    );
  });

  it("rejects bad scores naming the field", async () => {
    const put = (body: object) => a.call("PUT", `${url()}/scores`, a.manager, body);
    badRequest(await put({ scores: scores(1, 6) }), "body.scores[1].value");
    badRequest(await put({ scores: [{ criterionKey: "z.9", value: 1 }] }), "body.scores[0].criterionKey");
    // The schema itself rejects a negative score (its path in zod's dotted form).
    badRequest(await put({ scores: [{ criterionKey: "a.1", value: -1 }] }), "body.scores.0.value");
    badRequest(await put({ scores: [{ criterionKey: "a.1", value: 1 }], submit: true }), "body.scores");
  });

  it("rejects a criterion of another model version", async () => {
    const otherVersion = await activeVersion(a, {
      ...phone,
      sections: [{ ...phone.sections[0], weight: 100, criteria: [{ key: "c.1", text: "Muu", max: 1 }] }],
    });
    assert.ok(otherVersion);
    const res = await a.call("PUT", `${url()}/scores`, a.manager, {
      scores: [{ criterionKey: "c.1", value: 1 }],
    });
    badRequest(res, "body.scores[0].criterionKey");
  });

  it("shows a participant only their own scores until they submit", async () => {
    const draft = await a.call("PUT", `${url()}/scores`, a.manager, { scores: scores(0.5, 2) });
    assert.equal(draft.statusCode, 200, draft.body);
    assert.deepEqual(draft.json().myScores, scores(0.5, 2));
    assert.equal(draft.json().results, null);
    const submitted = await a.call("PUT", `${url()}/scores`, a.specialist, {
      scores: scores(1, 5),
      submit: true,
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    // The specialist sees the submitted scores only: the manager's draft stays hidden.
    assert.deepEqual(submitted.json().results.criteria[1].values, { [a.specialist.userId]: 5 });
    const owner = (await a.call("GET", url(), a.owner)).json();
    assert.deepEqual(owner.myScores, []);
    assert.equal(owner.results, null);
    assert.equal(JSON.stringify(owner).includes('"value":5'), false);
    const manager = (await a.call("GET", url(), a.manager)).json();
    assert.deepEqual(manager.myScores, scores(0.5, 2));
    assert.equal(manager.results, null);
  });

  it("refuses submitting twice", async () => {
    badRequest(
      await a.call("PUT", `${url()}/scores`, a.specialist, { scores: scores(1, 4), submit: true }),
      "body.submit",
    );
    badRequest(await a.call("PUT", `${url()}/scores`, a.specialist, { scores: scores(1, 4) }), "body.scores");
  });

  it("shows spread, deviations from the median and alpha once everyone has submitted", async () => {
    assert.equal(
      (await a.call("PUT", `${url()}/scores`, a.manager, { scores: scores(0.5, 2), submit: true }))
        .statusCode,
      200,
    );
    const res = await a.call("PUT", `${url()}/scores`, a.owner, { scores: scores(1, 4), submit: true });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json().results;
    const [o, m, s] = [a.owner.userId, a.manager.userId, a.specialist.userId];
    const content = r.criteria[1];
    assert.equal(content.key, "b.1");
    assert.equal(content.maxScore, 5);
    assert.deepEqual([content.min, content.max, content.spread, content.median], [2, 5, 3, 4]);
    assert.deepEqual(content.deviations, { [o]: 0, [m]: -2, [s]: 1 });
    assert.deepEqual([r.criteria[0].spread, r.criteria[0].median], [0.5, 1]);
    // Mean |score − median| / max: manager (0.5/1 + 2/5) / 2 = 0.45, specialist (0 + 1/5) / 2 = 0.1.
    assert.equal(r.meanAbsDeviationFromMedian[m], 0.45);
    assert.equal(r.meanAbsDeviationFromMedian[s], 0.1);
    assert.equal(r.meanAbsDeviationFromMedian[o], 0);
    // Alpha over score / max: greeting (1, 0.5, 1), content (0.8, 0.4, 1) for owner, manager, specialist.
    const expected = krippendorffAlpha([
      [1, 0.5, 1],
      [0.8, 0.4, 1],
    ]);
    assert.ok(expected !== null && Math.abs(r.alpha - expected) < 1e-12, `${r.alpha} vs ${expected}`);
    assert.equal(r.meanAbsDeviationFromReference, null);
  });

  it("lets a quality manager outside the panel see the results but not score", async () => {
    const res = await a.call("GET", url(), admin);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().myScores, null);
    assert.equal(Object.keys(res.json().results.criteria[0].values).length, 3);
    assert.equal((await a.call("PUT", `${url()}/scores`, admin, { scores: scores(1, 1) })).statusCode, 403);
    const list = await a.call("GET", `${base}/sessions`, admin);
    assert.ok(list.json().items.some((x: { id: string }) => x.id === sessionId));
  });

  it("hides the session from other organisations (404)", async () => {
    assert.equal((await b.call("GET", url(), b.owner)).statusCode, 404);
    assert.equal((await b.call("PUT", `${url()}/scores`, b.owner, { scores: scores(1, 1) })).statusCode, 404);
    assert.equal(
      (await b.call("PUT", `${url()}/reference`, b.owner, { scores: scores(1, 3) })).statusCode,
      404,
    );
    assert.equal(
      (await b.call("GET", `${base}/evaluators/${a.manager.userId}/trend`, b.owner)).statusCode,
      404,
    );
    const list = await b.call("GET", `${base}/sessions`, b.owner);
    assert.equal(
      list.json().items.some((x: { id: string }) => x.id === sessionId),
      false,
    );
  });

  it("closes the session with the agreed reference scores (its owner only)", async () => {
    assert.equal(
      (await a.call("PUT", `${url()}/reference`, a.manager, { scores: scores(1, 3) })).statusCode,
      403,
    );
    badRequest(
      await a.call("PUT", `${url()}/reference`, a.owner, { scores: [{ criterionKey: "a.1", value: 1 }] }),
      "body.scores",
    );
    badRequest(
      await a.call("PUT", `${url()}/reference`, a.owner, { scores: scores(2, 3) }),
      "body.scores[0].value",
    );
    const res = await a.call("PUT", `${url()}/reference`, a.owner, { scores: scores(1, 3) });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.state, "closed");
    assert.deepEqual(s.reference, scores(1, 3));
    assert.equal(s.results.criteria[1].reference, 3);
    // Reference (1, 3): owner (0 + 1/5)/2 = 0.1, manager (0.5 + 1/5)/2 = 0.35, specialist (0 + 2/5)/2 = 0.2.
    assert.deepEqual(s.results.meanAbsDeviationFromReference, {
      [a.owner.userId]: 0.1,
      [a.manager.userId]: 0.35,
      [a.specialist.userId]: 0.2,
    });
    assert.equal(
      (await a.call("PUT", `${url()}/reference`, a.owner, { scores: scores(1, 3) })).statusCode,
      409,
    );
    assert.equal((await a.call("PUT", `${url()}/scores`, a.owner, { scores: scores(1, 3) })).statusCode, 409);
  });

  it("gives each evaluator's deviation from the reference over sessions", async () => {
    const second = await a.call("POST", `${base}/sessions`, a.specialist, {
      modelVersionId: versionId,
      contact: { reference: "CALL-0" },
      date: "2026-01-10",
      participants: [a.manager.userId, a.specialist.userId],
    });
    assert.equal(second.statusCode, 201, second.body);
    const id = second.json().id;
    for (const who of [a.manager, a.specialist]) {
      const put = await a.call("PUT", `${base}/sessions/${id}/scores`, who, {
        scores: scores(1, 1),
        submit: true,
      });
      assert.equal(put.statusCode, 200, put.body);
    }
    const ref = await a.call("PUT", `${base}/sessions/${id}/reference`, a.specialist, {
      scores: scores(1, 2),
    });
    assert.equal(ref.statusCode, 200, ref.body);
    const trend = await a.call("GET", `${base}/evaluators/${a.manager.userId}/trend`, a.specialist);
    assert.equal(trend.statusCode, 200, trend.body);
    // 2026-01-10: (0 + 1/5)/2 = 0.1; 2026-03-02: 0.35.
    assert.deepEqual(trend.json(), {
      userId: a.manager.userId,
      points: [
        { sessionId: id, sessionDate: "2026-01-10", meanAbsDeviationFromReference: 0.1 },
        { sessionId, sessionDate: "2026-03-02", meanAbsDeviationFromReference: 0.35 },
      ],
    });
    const own = await a.call("GET", `${base}/evaluators/${a.manager.userId}/trend`, a.manager);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().points.length, 2);
    assert.equal(
      (await a.call("GET", `${base}/evaluators/${a.manager.userId}/trend`, a.agent)).statusCode,
      403,
    );
    const agentOwn = await a.call("GET", `${base}/evaluators/${a.agent.userId}/trend`, a.agent);
    assert.deepEqual(agentOwn.json(), { userId: a.agent.userId, points: [] });
    assert.equal((await a.call("GET", `${base}/evaluators/nobody/trend`, a.owner)).statusCode, 404);
  });
});

describe("quality calibration evaluators API", () => {
  it("lists the members who may evaluate, only of the caller's organisation; 401 and 403", async () => {
    const ctx = await startTestApp();
    const a = await qualityOrg(ctx, "Amet A");
    const b = await qualityOrg(ctx, "Amet B");
    const analyst = await a.as("analyst");
    const res = await a.call("GET", `${base}/evaluators`, a.manager);
    assert.equal(res.statusCode, 200, res.body);
    const ids = res.json().items.map((m: { userId: string }) => m.userId);
    for (const s of [a.owner, a.manager, a.specialist]) assert.ok(ids.includes(s.userId), s.userId);
    for (const s of [a.agent, analyst, b.owner, b.manager, b.specialist])
      assert.ok(!ids.includes(s.userId), s.userId);
    assert.ok(res.json().items.every((m: { name: string }) => typeof m.name === "string"));
    assert.equal((await a.call("GET", `${base}/evaluators`)).statusCode, 401);
    for (const role of ["agent", "analyst", "viewer"] as const)
      assert.equal((await a.call("GET", `${base}/evaluators`, await a.as(role))).statusCode, 403, role);
  });
});
