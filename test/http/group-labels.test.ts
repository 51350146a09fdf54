import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, spreadAnswers } from "./comments-fixtures.ts";
import { pdfText } from "./exports-pdf-text.ts";

const PRESET = {
  promoter: { et: "Positiivne", en: "Positive", ru: "Позитивные", lv: "Pozitīvie", lt: "Teigiami" },
  passive: { et: "Neutraalne", en: "Neutral", ru: "Нейтральные", lv: "Neitrālie", lt: "Neutralūs" },
  detractor: { et: "Arenev", en: "Developing", ru: "Развивающие", lv: "Attīstāmie", lt: "Tobulintini" },
};

describe("group labels", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    await seedComments(ctx, a, spreadAnswers("2026-05", 40));
  });
  after(() => ctx.close());

  const put = async (
    org: TestOrg,
    payload: unknown,
    role?: "admin" | "analyst" | "manager" | "agent" | "viewer",
  ) =>
    ctx.app.inject({
      method: "PUT",
      url: "/api/v1/group-labels",
      headers: asUser(role ? await org.as(role) : org.owner),
      payload: payload as object,
    });
  const get = async (org: TestOrg, url: string) => ctx.app.inject({ url, headers: asUser(org.owner) });

  it("shows the standard names and the directive's preset before any change", async () => {
    const res = await get(a, "/api/v1/group-labels");
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.custom, false);
    assert.equal(body.own, null);
    assert.equal(body.byLocale.et.promoter, "Soovitajad");
    assert.deepEqual(body.preset, PRESET);
  });

  it("the owner applies the preset; every report, export and the PDF use it", async () => {
    const res = await put(a, { labels: PRESET });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().custom, true);
    assert.deepEqual(res.json().byLocale.en, {
      promoter: "Positive",
      passive: "Neutral",
      detractor: "Developing",
    });

    const summary = await get(a, "/api/v1/reports/summary?from=2026-05-01&to=2026-06-01&locale=et");
    assert.deepEqual(summary.json().meta.groupLabels, {
      promoter: "Positiivne",
      passive: "Neutraalne",
      detractor: "Arenev",
    });

    const csv = await get(a, "/api/v1/exports/responses.csv?locale=et");
    assert.equal(csv.statusCode, 200);
    const rows: Record<string, string>[] = parse(csv.body, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
    });
    assert.ok(rows.length > 0);
    const expected = { promoter: "Positiivne", passive: "Neutraalne", detractor: "Arenev" } as const;
    for (const r of rows)
      assert.equal(r.groupLabel, expected[r.group as keyof typeof expected], JSON.stringify(r));

    const xlsx = await get(a, "/api/v1/exports/responses.xlsx?locale=en");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = header.indexOf("groupLabel") + 1;
    assert.ok(col > 0, header.join(","));
    const values = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) values.add(String(row.getCell(col).value));
    });
    assert.deepEqual([...values].sort(), ["Developing", "Neutral", "Positive"]);

    const pdf = await get(a, "/api/v1/exports/monthly-report.pdf?month=2026-05&lang=et");
    assert.equal(pdf.statusCode, 200, pdf.body);
    const text = pdfText(pdf.rawPayload);
    for (const label of ["Positiivne", "Neutraalne", "Arenev"]) assert.ok(text.includes(label), text);
    assert.ok(!text.includes("Soovitajad"), "not the standard name");
  });

  it("another organisation keeps the standard names", async () => {
    const res = await get(b, "/api/v1/group-labels");
    assert.equal(res.json().custom, false);
    assert.equal(res.json().byLocale.et.promoter, "Soovitajad");
  });

  it("a language without a name of its own shows the Estonian one; null restores the standard names", async () => {
    const own = await put(b, {
      labels: { promoter: { et: "Fännid" }, passive: { et: "Kõhklejad" }, detractor: { et: "Kriitikud" } },
    });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().byLocale.ru.promoter, "Fännid");
    const reset = await put(b, { labels: null });
    assert.equal(reset.json().custom, false);
    assert.equal(reset.json().byLocale.et.promoter, "Soovitajad");
    assert.equal((await get(a, "/api/v1/group-labels")).json().byLocale.et.promoter, "Positiivne");
  });

  it("refuses bad input naming the field", async () => {
    for (const [payload, path] of [
      [{ labels: { ...PRESET, promoter: { en: "Positive" } } }, "body.labels.promoter.et"],
      [{ labels: { ...PRESET, passive: { et: "" } } }, "body.labels.passive.et"],
      [{ labels: { ...PRESET, detractor: { et: "x".repeat(41) } } }, "body.labels.detractor.et"],
      [{ labels: { ...PRESET, detractor: { et: "Arenev", xx: "?" } } }, "body.labels.detractor"],
      [{ labels: { ...PRESET, extra: { et: "x" } } }, "body.labels"],
      [{}, "body.labels"],
    ] as const) {
      const res = await put(a, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      assert.ok(
        paths.some((p: string) => p === path || p.startsWith(`${path}.`)),
        `${path} in ${paths.join(", ")}`,
      );
    }
  });

  it("needs a session, and only the owner renames", async () => {
    assert.equal((await ctx.app.inject({ url: "/api/v1/group-labels" })).statusCode, 401);
    assert.equal(
      (await ctx.app.inject({ method: "PUT", url: "/api/v1/group-labels", payload: { labels: null } }))
        .statusCode,
      401,
    );
    for (const role of ["admin", "analyst", "manager", "agent", "viewer"] as const) {
      const res = await put(a, { labels: null }, role);
      assert.equal(res.statusCode, 403, `${role}: ${res.body}`);
      const read = await ctx.app.inject({ url: "/api/v1/group-labels", headers: asUser(await a.as(role)) });
      assert.equal(read.statusCode, 200, `${role} reads them`);
    }
    assert.equal((await get(a, "/api/v1/group-labels")).json().custom, true, "nothing changed");
  });
});
