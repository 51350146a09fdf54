import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

type Need = "quality:read" | "quality:evaluate" | "quality:manage";
type Row = [method: string, url: string, need: Need, body?: unknown];

const id = randomUUID();
const definition = {
  title: "T",
  sections: [{ key: "a", title: "A", weight: 100, criteria: [{ key: "a.1", text: "t", max: 1 }] }],
};
/** Every quality route with a well-formed input, so that only the caller decides the answer. */
const ROUTES: Row[] = [
  ["GET", "/api/v1/quality/templates", "quality:read"],
  ["GET", "/api/v1/quality/models", "quality:read"],
  ["POST", "/api/v1/quality/models", "quality:manage", { name: "M", templateKey: "ska_phone" }],
  ["GET", `/api/v1/quality/models/${id}`, "quality:read"],
  ["PATCH", `/api/v1/quality/models/${id}`, "quality:manage", { name: "M" }],
  ["POST", `/api/v1/quality/models/${id}/versions`, "quality:manage", {}],
  ["PUT", `/api/v1/quality/models/${id}/versions/1`, "quality:manage", { definition }],
  ["POST", `/api/v1/quality/models/${id}/versions/1/activate`, "quality:manage"],
  ["GET", "/api/v1/quality/settings", "quality:read"],
  [
    "PUT",
    "/api/v1/quality/settings",
    "quality:manage",
    { bands: { veryGoodFrom: 81, goodFrom: 61 }, defaultQuota: 3, quotas: {}, reminderDaysBefore: 3 },
  ],
  ["GET", "/api/v1/quality/evaluations", "quality:read"],
  [
    "POST",
    "/api/v1/quality/evaluations",
    "quality:evaluate",
    {
      employeeId: "e",
      modelVersionId: id,
      contact: { kind: "reference", reference: "K", date: "2026-12-01" },
    },
  ],
  ["GET", `/api/v1/quality/evaluations/${id}`, "quality:read"],
  ["PUT", `/api/v1/quality/evaluations/${id}/scores`, "quality:evaluate", { scores: [] }],
  ["POST", `/api/v1/quality/evaluations/${id}/submit`, "quality:evaluate"],
  ["POST", `/api/v1/quality/evaluations/${id}/finalize`, "quality:evaluate"],
  ["POST", `/api/v1/quality/evaluations/${id}/revisions`, "quality:evaluate"],
  ["POST", `/api/v1/quality/evaluations/${id}/acknowledge`, "quality:read", {}],
  ["POST", `/api/v1/quality/evaluations/${id}/disputes`, "quality:read", { criterionKey: "a.1", text: "t" }],
  [
    "POST",
    `/api/v1/quality/evaluations/${id}/resolutions`,
    "quality:evaluate",
    { criterionKey: "a.1", resolution: "upheld" },
  ],
  [
    "POST",
    `/api/v1/quality/evaluations/${id}/agreements`,
    "quality:evaluate",
    { text: "t", responsibleUserId: "u", deadline: "2026-12-31" },
  ],
  ["GET", "/api/v1/quality/agreements", "quality:read"],
  ["PATCH", `/api/v1/quality/agreements/${id}`, "quality:evaluate", { state: "done" }],
  ["GET", "/api/v1/quality/reports/summary?from=2026-11&to=2026-12", "quality:read"],
  ["GET", "/api/v1/quality/exports/report.csv?from=2026-11&to=2026-12", "quality:read"],
  ["GET", "/api/v1/quality/exports/report.xlsx?from=2026-11&to=2026-12", "quality:read"],
  ["GET", "/api/v1/quality/queue?month=2026-12", "quality:evaluate"],
  ["GET", "/api/v1/quality/calibration/evaluators", "quality:evaluate"],
  ["GET", "/api/v1/quality/calibration/sessions", "quality:evaluate"],
  [
    "POST",
    "/api/v1/quality/calibration/sessions",
    "quality:evaluate",
    { modelVersionId: id, contact: { reference: "K" }, participants: ["u1", "u2"] },
  ],
  ["GET", `/api/v1/quality/calibration/sessions/${id}`, "quality:evaluate"],
  ["PUT", `/api/v1/quality/calibration/sessions/${id}/scores`, "quality:evaluate", { scores: [] }],
  [
    "PUT",
    `/api/v1/quality/calibration/sessions/${id}/reference`,
    "quality:evaluate",
    { scores: [{ criterionKey: "a.1", value: 1 }] },
  ],
  ["GET", "/api/v1/quality/calibration/evaluators/u1/trend", "quality:read"],
  ["GET", `/api/v1/employees/${id}/overview`, "quality:read"],
];

/** The roles without the capability (a viewer holds no quality capability at all). */
const REFUSED: Record<Need, readonly ("viewer" | "agent" | "analyst" | "manager" | "quality_specialist")[]> =
  {
    "quality:read": ["viewer"],
    "quality:evaluate": ["viewer", "agent", "analyst"],
    "quality:manage": ["viewer", "agent", "analyst", "manager", "quality_specialist"],
  };

/** The OpenAPI path of a request URL: ids and versions become the template's parameters. */
const template = (url: string) =>
  url
    .split("?")[0]
    .replace("/api/v1", "")
    .replace(id, "{id}")
    .replace("/versions/1", "/versions/{version}")
    .replace("/evaluators/u1/", "/evaluators/{userId}/")
    .replace(/report\.(csv|xlsx)$/, "report.$1");

describe("quality routes: 401 without a session, 403 to every role without the capability", () => {
  let ctx: TestContext;
  let a: QualityOrg;

  it("lists every quality route of the OpenAPI document in this table", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    const doc = (await ctx.app.inject({ url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .map(([p, ops]) => [p.replace(/^\/api\/v1/, ""), ops] as const)
      .filter(([p]) => p.startsWith("/quality/") || p === "/employees/{id}/overview")
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const tested = [...new Set(ROUTES.map(([m, url]) => `${m} ${template(url)}`))].sort();
    assert.deepEqual(tested, documented);
  });

  it("answers 401 and 403 on every route, before looking at the resource", async () => {
    const sessions = {
      viewer: await a.as("viewer"),
      agent: a.agent,
      analyst: await a.as("analyst"),
      manager: a.manager,
      quality_specialist: a.specialist,
    };
    for (const [method, url, need, body] of ROUTES) {
      const anonymous = await a.call(method, url, undefined, body);
      assert.equal(anonymous.statusCode, 401, `${method} ${url} anonymous: ${anonymous.body}`);
      for (const role of REFUSED[need]) {
        const res = await a.call(method, url, sessions[role], body);
        assert.equal(res.statusCode, 403, `${method} ${url} as ${role}: ${res.body}`);
      }
    }
  });
});
