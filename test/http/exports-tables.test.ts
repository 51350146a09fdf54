import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { and, count, eq, gte, lt } from "drizzle-orm";
import ExcelJS from "exceljs";
import { response } from "../../src/db/schema.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, spreadAnswers, type TCommentFixture } from "./comments-fixtures.ts";

type TRow = Record<string, string>;
type TFig = Record<string, unknown> & {
  keys: { id: string | null; label: string | null }[];
  npsInterval: { low: number; high: number } | null;
  satisfaction: {
    answers: number;
    withheld: boolean;
    index: number | null;
    interval: { low: number; high: number } | null;
  };
};

const SUMMARY_QUERY = "from=2026-04-01&to=2026-06-01&groupBy=month,service";

/** The API's figures as the export writes them: withheld figures are empty cells, never 0. */
function expectedCells(g: TFig): Record<string, string> {
  const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const s = g.satisfaction;
  return {
    answers: cell(g.answers),
    withheld: cell(g.withheld),
    lowReliability: cell(g.lowReliability),
    promoters: cell(g.promoters),
    passives: cell(g.passives),
    detractors: cell(g.detractors),
    promoterPct: cell(g.promoterPct),
    passivePct: cell(g.passivePct),
    detractorPct: cell(g.detractorPct),
    nps: cell(g.nps),
    npsLow: cell(g.npsInterval?.low),
    npsHigh: cell(g.npsInterval?.high),
    satisfactionAnswers: cell(s.answers),
    satisfactionWithheld: cell(s.withheld),
    satisfactionIndex: cell(s.index),
    satisfactionLow: cell(s.interval?.low),
    satisfactionHigh: cell(s.interval?.high),
    invitationsSent: cell(g.invitationsSent),
    invitationAnswers: cell(g.invitationAnswers),
    responseRate: cell(g.responseRate),
  };
}

async function xlsxRows(body: Buffer): Promise<TRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: TRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      Object.fromEntries(
        header.map((h, i) => {
          const v = values[i];
          return [h, v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v)];
        }),
      ),
    );
  });
  return rows;
}

const csvRows = (body: string): TRow[] => parse(body, { columns: true, bom: true, skip_empty_lines: true });

describe("exports: answers and report tables as CSV and XLSX", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fa: TCommentFixture;
  let fb: TCommentFixture;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    fa = await seedComments(ctx, a, [...spreadAnswers("2026-04", 70), ...spreadAnswers("2026-05", 45)]);
    fb = await seedComments(ctx, b, spreadAnswers("2026-05", 12));
    // 2,100 answers on one day, 700 of them at the very same instant: the export must page through ties.
    const at = new Date("2026-03-15T08:00:00Z");
    const rows = Array.from({ length: 2100 }, (_, i) => ({
      orgId: a.orgId,
      id: randomUUID(),
      surveyId: fa.surveyId,
      surveyVersion: 1,
      score: i % 11,
      locale: "et",
      serviceId: fa.s1,
      source: "import",
      comment: i === 7 ? '=HYPERLINK("http://evil.test") "quoted", with comma\nand a new line' : null,
      receivedAt: i < 700 ? at : new Date(at.getTime() + i * 1000),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await ctx.deps.db.insert(response).values(rows.slice(i, i + 500));
  });
  after(() => ctx.close());

  const get = (url: string, org: TestOrg = a) => ctx.app.inject({ url, headers: asUser(org.owner) });

  it("the summary CSV holds exactly the figures of the summary API for the same query", async () => {
    const api = await get(`/api/v1/reports/summary?${SUMMARY_QUERY}`);
    assert.equal(api.statusCode, 200, api.body);
    const summary = api.json() as { groups: TFig[]; total: TFig };
    assert.ok(summary.groups.length >= 5, "two months × (two services + no service)");
    assert.ok(
      summary.groups.some((g) => g.withheld),
      "a small group is withheld",
    );
    const res = await get(`/api/v1/exports/summary.csv?${SUMMARY_QUERY}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers["content-disposition"]), /attachment; filename="summary\.csv"/);
    assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), "UTF-8 BOM for Excel");
    const rows = csvRows(res.body);
    assert.equal(rows.length, summary.groups.length + 1, "every group and the total");
    summary.groups.forEach((g, i) => {
      const row = rows[i];
      assert.equal(row.row, "group");
      assert.equal(row.monthId, g.keys[0].id);
      assert.equal(row.serviceId, g.keys[1].id ?? "");
      assert.equal(row.service, g.keys[1].label ?? "");
      for (const [k, v] of Object.entries(expectedCells(g))) assert.equal(row[k], v, `group ${i} ${k}`);
    });
    const total = rows.at(-1) as TRow;
    assert.equal(total.row, "total");
    for (const [k, v] of Object.entries(expectedCells(summary.total as TFig)))
      assert.equal(total[k], v, `total ${k}`);
    const withheld = rows.find((r) => r.withheld === "true") as TRow;
    assert.equal(withheld.nps, "", "a withheld NPS is an empty cell, not 0");
  });

  it("the summary XLSX holds the same figures", async () => {
    const summary = (await get(`/api/v1/reports/summary?${SUMMARY_QUERY}`)).json() as {
      groups: TFig[];
      total: TFig;
    };
    const res = await get(`/api/v1/exports/summary.xlsx?${SUMMARY_QUERY}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(
      res.headers["content-type"],
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const rows = await xlsxRows(res.rawPayload);
    assert.equal(rows.length, summary.groups.length + 1);
    [...summary.groups, summary.total as TFig].forEach((g, i) => {
      for (const [k, v] of Object.entries(expectedCells(g))) assert.equal(rows[i][k], v, `row ${i} ${k}`);
    });
  });

  it("a summary export follows the caller's role: an agent's figures are their own", async () => {
    const agent = await a.as("agent");
    const q = "from=2026-05-01&to=2026-06-01";
    const api = await ctx.app.inject({ url: `/api/v1/reports/summary?${q}`, headers: asUser(agent) });
    const csv = await ctx.app.inject({ url: `/api/v1/exports/summary.csv?${q}`, headers: asUser(agent) });
    const [total] = csvRows(csv.body);
    assert.equal(total.answers, String(api.json().total.answers));
    assert.equal(total.answers, "23", "the agent's 23 of the month's 45 answers");
    assert.equal(total.nps, String(api.json().total.nps));
  });

  it("the answers CSV streams every matching answer, also across ties on the same instant", async () => {
    const res = await get("/api/v1/exports/responses.csv");
    assert.equal(res.statusCode, 200);
    const rows = csvRows(res.body);
    const [{ n }] = await ctx.deps.db
      .select({ n: count() })
      .from(response)
      .where(eq(response.orgId, a.orgId));
    assert.equal(rows.length, Number(n));
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, "no answer twice");
    const tricky = rows.find((r) => r.comment.includes("HYPERLINK")) as TRow;
    assert.equal(tricky.comment, `'=HYPERLINK("http://evil.test") "quoted", with comma\nand a new line`);
    assert.ok(
      res.body.includes('"\'=HYPERLINK(""http://evil.test"") ""quoted"", with comma\nand a new line"'),
    );
    assert.ok(rows.every((r) => ["promoter", "passive", "detractor"].includes(r.group)));
    assert.ok("respondentEmail" in rows[0], "the owner sees the respondent columns");
  });

  it("filters the answers export like GET /responses and keeps an agent to their own", async () => {
    const may = "from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z";
    const rows = csvRows((await get(`/api/v1/exports/responses.csv?${may}&serviceId=${fa.s2}`)).body);
    const [{ n }] = await ctx.deps.db
      .select({ n: count() })
      .from(response)
      .where(
        and(
          eq(response.orgId, a.orgId),
          eq(response.serviceId, fa.s2),
          gte(response.receivedAt, new Date("2026-05-01T00:00:00Z")),
          lt(response.receivedAt, new Date("2026-06-01T00:00:00Z")),
        ),
      );
    assert.equal(rows.length, Number(n));
    assert.ok(rows.every((r) => r.serviceId === fa.s2 && r.service === "Nõustamine"));
    const detractors = csvRows((await get(`/api/v1/exports/responses.csv?${may}&group=detractor`)).body);
    assert.ok(detractors.length > 0 && detractors.every((r) => Number(r.score) <= 6));
    const agent = await a.as("agent");
    const own = csvRows(
      (await ctx.app.inject({ url: "/api/v1/exports/responses.csv", headers: asUser(agent) })).body,
    );
    assert.ok(own.length > 0 && own.every((r) => r.employeeId === fa.agentEmp));
    assert.ok(!("respondentEmail" in own[0]), "an agent never sees respondents' contacts");
  });

  it("the answers XLSX holds the same rows", async () => {
    const q = `serviceId=${fa.s1}&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z`;
    const csv = csvRows((await get(`/api/v1/exports/responses.csv?${q}`)).body);
    const res = await get(`/api/v1/exports/responses.xlsx?${q}`);
    assert.equal(res.statusCode, 200);
    const xlsx = await xlsxRows(res.rawPayload);
    assert.equal(xlsx.length, csv.length);
    assert.deepEqual(
      xlsx.map((r) => [r.id, r.score, r.receivedAt]),
      csv.map((r) => [r.id, r.score, r.receivedAt]),
    );
  });

  it("rejects invalid input naming the field", async () => {
    for (const [url, path] of [
      ["/api/v1/exports/summary.csv?groupBy=month,weather", "querystring.groupBy"],
      ["/api/v1/exports/summary.xlsx?from=2026-02-30", "querystring.from"],
      ["/api/v1/exports/responses.csv?scoreMin=11", "querystring.scoreMin"],
      ["/api/v1/exports/responses.xlsx?serviceId=x", "querystring.serviceId"],
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path || e.path.startsWith(`${path}.`)),
        `${url}: ${JSON.stringify(res.json().errors)}`,
      );
    }
  });

  it("answers 401 and 403", async () => {
    for (const url of [
      "/api/v1/exports/summary.csv",
      "/api/v1/exports/summary.xlsx",
      "/api/v1/exports/responses.csv",
      "/api/v1/exports/responses.xlsx",
    ]) {
      assert.equal((await ctx.app.inject({ url })).statusCode, 401, url);
    }
    const viewer = await a.as("viewer");
    const res = await ctx.app.inject({ url: "/api/v1/exports/responses.csv", headers: asUser(viewer) });
    assert.equal(res.statusCode, 403, "a viewer sees figures, never single answers");
    const key = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "cat", scopes: ["catalog:read"] });
    const byKey = await ctx.app.inject({
      url: "/api/v1/exports/summary.csv",
      headers: { authorization: `Bearer ${key.key}` },
    });
    assert.equal(byKey.statusCode, 403);
  });

  it("answers 404 to filters naming another organisation's records", async () => {
    for (const url of [
      `/api/v1/exports/summary.csv?serviceId=${fa.s1}`,
      `/api/v1/exports/summary.xlsx?employeeId=${fa.agentEmp}`,
      `/api/v1/exports/responses.csv?serviceId=${fa.s1}`,
      `/api/v1/exports/responses.xlsx?departmentId=${fa.deptA}`,
    ]) {
      const res = await get(url, b);
      assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
    }
    const own = csvRows((await get("/api/v1/exports/responses.csv", b)).body);
    assert.equal(own.length, 12);
    assert.ok(own.every((r) => fb.keyOf.has(r.id)));
  });
});
