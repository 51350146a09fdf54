import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { startTestApp, type TestContext } from "../helpers/app.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface TOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses: Record<string, { $ref?: string }>;
}
interface TDoc {
  servers?: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, Partial<Record<(typeof METHODS)[number], TOperation>>>;
  components: { responses: Record<string, unknown>; schemas: Record<string, unknown> };
}

/** Every operation of the document with its method and path. */
function operations(doc: TDoc) {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    METHODS.flatMap((m) => (item[m] ? [{ method: m, path: p, op: item[m] }] : [])),
  );
}

/** Type-checks files with the installed compiler; returns the diagnostics as text. */
function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
    // The generated files live in a temporary folder: the client library comes from this project.
    baseUrl: root,
    paths: { "openapi-fetch": ["node_modules/openapi-fetch/dist/index.d.mts"] },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

describe("OpenAPI document", () => {
  let ctx: TestContext;
  let body: string;
  let doc: TDoc;
  let dir: string;

  before(async () => {
    ctx = await startTestApp();
    const res = await ctx.app.inject({ url: "/api/openapi.json" });
    assert.equal(res.statusCode, 200);
    body = res.body;
    doc = res.json();
    dir = await mkdtemp(path.join(tmpdir(), "kaja-openapi-"));
  });
  after(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("every operation has a unique camelCase operationId, a summary, a declared tag and its errors", () => {
    const ops = operations(doc);
    assert.ok(ops.length > 90, `only ${ops.length} operations`);
    const declaredTags = new Set(doc.tags?.map((t) => t.name));
    const seen = new Map<string, string>();
    for (const { method, path: p, op } of ops) {
      const where = `${method.toUpperCase()} ${p}`;
      assert.match(op.operationId ?? "", /^[a-z][a-zA-Z0-9]+$/, `${where}: operationId`);
      const id = op.operationId as string;
      assert.equal(seen.get(id), undefined, `${where}: operationId ${id} also used by ${seen.get(id)}`);
      seen.set(id, where);
      assert.ok(op.summary?.trim(), `${where}: summary`);
      assert.ok(op.tags?.length && op.tags.every((t) => declaredTags.has(t)), `${where}: declared tags`);
      if (!p.startsWith("/api/")) continue;
      assert.equal(op.responses["429"]?.$ref, "#/components/responses/TooManyRequests", `${where}: 429`);
      if (p.includes("{")) assert.ok(op.responses["404"]?.$ref, `${where}: 404`);
    }
    // Spot checks of the mapping from access kind and input to error responses.
    const byId = new Map(ops.map((o) => [o.op.operationId, o.op]));
    assert.deepEqual(Object.keys(byId.get("createService")?.responses ?? {}).sort(), [
      "201",
      "400",
      "401",
      "403",
      "409",
      "413",
      "415",
      "429",
    ]);
    assert.deepEqual(Object.keys(byId.get("getCsrfToken")?.responses ?? {}).sort(), ["200", "429"]);
    assert.deepEqual(Object.keys(byId.get("getMe")?.responses ?? {}).sort(), ["200", "401", "429"]);
    assert.ok(byId.get("getReadiness")?.responses["503"]);
  });

  test("problem responses share one RFC 9457 schema served as application/problem+json", () => {
    assert.ok(doc.components.schemas.Problem);
    const notFound = doc.components.responses.NotFound as { content: Record<string, { schema: unknown }> };
    assert.deepEqual(notFound.content["application/problem+json"].schema, {
      $ref: "#/components/schemas/Problem",
    });
    assert.deepEqual(doc.servers, [{ url: "http://localhost:3000", description: "This Kaja installation" }]);
  });

  test("the document an error actually answers with matches the Problem schema's required fields", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/surveys/not-a-uuid" });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    const problem = doc.components.schemas.Problem as { required: string[] };
    for (const key of problem.required) assert.ok(key in res.json(), `problem body lacks ${key}`);
  });

  test("Redocly's recommended rules find no errors", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: body, absoluteRef: "openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error");
    const warnings = problems.filter((p) => p.severity === "warn");
    const show = (list: typeof problems) =>
      list.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`).join("\n");
    assert.deepEqual(show(errors), "");
    // Known and accepted: no license, a localhost server in tests, probes that have no 4xx answers.
    assert.ok(warnings.length <= 4, show(warnings));
  });

  test("a client generated with openapi-typescript type-checks real calls, and rejects a wrong one", async () => {
    const schema = astToString(await openapiTS(body));
    await writeFile(path.join(dir, "kaja-api.d.ts"), schema);
    await writeFile(
      path.join(dir, "client.ts"),
      `import createClient from "openapi-fetch";
import type { components, operations, paths } from "./kaja-api";

const client = createClient<paths>({ baseUrl: "http://localhost:3000" });

export async function surveyNames(id: string): Promise<string> {
  const { data, error } = await client.GET("/api/v1/surveys/{id}", { params: { path: { id } } });
  if (error) return error.requestId + error.code + error.detail;
  return data.name + data.currentVersion.toFixed(0);
}

export async function newService(): Promise<string | undefined> {
  const { data } = await client.POST("/api/v1/services", {
    body: { names: { et: "Teenus", en: "Service" }, type: "e_service", audience: "external" },
  });
  return data?.id;
}

export async function sendEvent(surveyId: string) {
  const { data, response } = await client.POST("/api/v1/service-events", {
    params: { header: { "idempotency-key": "k-1" } },
    body: { surveyId, contact: { email: "a@example.ee" }, occurredAt: "2026-01-05T10:00:00Z" },
  });
  if (response.status === 202 && data) return data.invitationId;
  return null;
}

type TProblem = components["schemas"]["Problem"];
export const forbidden: TProblem["status"] = 403;
export type TListSurveys = operations["listSurveys"]["responses"][200]["content"]["application/json"];
`,
    );
    assert.deepEqual(typeCheck([path.join(dir, "client.ts")]), []);

    await writeFile(
      path.join(dir, "wrong.ts"),
      `import createClient from "openapi-fetch";
import type { paths } from "./kaja-api";
const client = createClient<paths>({ baseUrl: "http://localhost:3000" });
export async function wrong() {
  const { data } = await client.GET("/api/v1/surveys/{id}", { params: { path: { surveyId: "x" } } });
  return data?.title;
}
`,
    );
    const diagnostics = typeCheck([path.join(dir, "wrong.ts")]);
    assert.ok(
      diagnostics.some((d) => d.includes("surveyId")),
      `expected an error about the wrong parameter:\n${diagnostics.join("\n")}`,
    );
    assert.ok(
      diagnostics.some((d) => d.includes("title")),
      `expected an error about the missing field:\n${diagnostics.join("\n")}`,
    );
  });
});
