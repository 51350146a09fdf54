import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { npsChangeSignificant } from "../../src/domain/nps-statistics.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { monthlyReportData } from "../../src/modules/insights/exports/monthly-report-data.ts";
import { renderMonthlyReportPdf } from "../../src/modules/insights/exports/render-monthly-report.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, spreadAnswers, type TCommentFixture } from "./comments-fixtures.ts";
import { saveQueue } from "../../src/modules/kpi/queues.ts";
import { takeInContactRecords } from "../../src/modules/kpi/take-in-contact-records.ts";
import { assertPdfStructure, pdfText } from "./exports-pdf-text.ts";

const ORG_NAME = "Põllumajandus- ja Toiduamet";
const PRAISE = "Õunapuu-teemaline nõustamine oli äärmiselt üllatav ja väga hea!";

/** A figure as the report writes it, built here independently: sign, then the decimal with the language's separator. */
function written(value: number, lang: "et" | "en"): string {
  const sign = value > 0 ? "+" : value < 0 ? (lang === "et" ? "\u2212" : "-") : "";
  const digits = String(Math.abs(value));
  return sign + (lang === "et" ? digits.replace(".", ",") : digits);
}

type TTotal = {
  answers: number;
  nps: number | null;
  npsInterval: { low: number; high: number } | null;
  scores: number[] | null;
  satisfaction: { index: number | null; interval: { low: number; high: number } | null };
};

describe("monthly PDF report", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fa: TCommentFixture;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, ORG_NAME);
    b = await createTestOrg(ctx, "Org B");
    fa = await seedComments(ctx, a, [
      ...spreadAnswers("2026-04", 70, { scores: [6, 9, 3, 8, 10, 5, 7] }),
      ...spreadAnswers("2026-05", 45),
      ...spreadAnswers("2026-02", 3),
    ]);
    await seedComments(ctx, b, spreadAnswers("2026-05", 12, { scores: [0, 1, 2] }));
    const id = fa.ids["2026-05-4"];
    const marked = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/comments/${id}/praise`,
      headers: asUser(a.owner),
      payload: { target: "service", text: PRAISE },
    });
    assert.equal(marked.statusCode, 200, marked.body);
    await ctx.app.inject({
      method: "POST",
      url: `/api/v1/comments/${id}/praise/approve`,
      headers: asUser(a.owner),
    });
  });
  after(() => ctx.close());

  it("has a KPI section with each figure against its target when the organisation has KPI data", async () => {
    await saveQueue(ctx.deps.db, a.orgId, { id: "q1", name: "Infoliin", kind: "call" });
    await takeInContactRecords(ctx.deps.db, a.orgId, [
      {
        sourceId: "m1",
        kind: "call",
        queueId: "q1",
        arrivedAt: "2026-05-12T09:00:00+03:00",
        answeredAt: "2026-05-12T09:00:10+03:00",
      },
      {
        sourceId: "m2",
        kind: "call",
        queueId: "q1",
        arrivedAt: "2026-05-12T10:00:00+03:00",
        answeredAt: "2026-05-12T10:00:40+03:00",
      },
    ]);
    const lines = await report("month=2026-05&lang=et");
    assert.ok(lines.includes("Teeninduse KPI-d"), lines.join("\n"));
    assert.ok(lines.includes("Teenindustase: 50 % (eesmärk 80 %, täitmata)"), lines.join("\n"));
    assert.ok(lines.includes("Vastamise määr: 100 % (eesmärk 90 %, täidetud)"));
    assert.ok(!(await report("month=2026-05&lang=et", b)).includes("Teeninduse KPI-d"));
  });

  async function summary(query: string, org: TestOrg = a, role?: "agent") {
    const s = role ? await org.as(role) : org.owner;
    const res = await ctx.app.inject({ url: `/api/v1/reports/summary?${query}`, headers: asUser(s) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as {
      total: TTotal;
      groups: (TTotal & { keys: { label: string | null }[]; withheld: boolean })[];
    };
  }

  async function report(query: string, org: TestOrg = a, role?: "agent") {
    const s = role ? await org.as(role) : org.owner;
    const res = await ctx.app.inject({
      url: `/api/v1/exports/monthly-report.pdf?${query}`,
      headers: asUser(s),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["content-type"], "application/pdf");
    assertPdfStructure(res.rawPayload);
    return pdfText(res.rawPayload).split("\n");
  }

  it("is a valid PDF whose headline NPS and satisfaction index are the summary API's figures", async () => {
    const { total } = await summary("from=2026-05-01&to=2026-06-01");
    assert.ok(total.nps !== null && total.npsInterval && total.satisfaction.index !== null);
    const lines = await report("month=2026-05&lang=et");
    const npsAt = lines.indexOf("Soovitusindeks (NPS)");
    assert.ok(npsAt >= 0, lines.join("\n"));
    assert.equal(lines[npsAt + 1], written(total.nps, "et"), "the headline figure");
    assert.equal(
      lines[npsAt + 2],
      `95% usaldusvahemik: ${written(total.npsInterval.low, "et")} kuni ${written(total.npsInterval.high, "et")}`,
    );
    assert.equal(lines[npsAt + 3], `Vastuseid: ${total.answers}`);
    const satAt = lines.indexOf("Rahuloluindeks");
    assert.equal(lines[satAt + 1], written(total.satisfaction.index, "et"));
    const en = await report("month=2026-05&lang=en");
    assert.equal(en[en.indexOf("Recommendation index (NPS)") + 1], written(total.nps, "en"));
  });

  it("labels the change against the previous month by the significance test, as the summary API does", async () => {
    const now = (await summary("from=2026-05-01&to=2026-06-01")).total;
    const before = (await summary("from=2026-04-01&to=2026-05-01")).total;
    assert.ok(now.scores && before.scores);
    const test = npsChangeSignificant(before.scores, now.scores);
    assert.ok(test);
    const api = await ctx.app.inject({
      url: "/api/v1/reports/summary?from=2026-05-01&to=2026-06-01&compare=previous",
      headers: asUser(a.owner),
    });
    const cmp = api.json().comparison;
    assert.equal(cmp.npsChangeSignificant, test.significant, "the API's label is the domain test's");
    // A long line wraps: compare with runs of white space collapsed.
    const text = (await report("month=2026-05&lang=en")).join(" ").replace(/\s+/g, " ");
    const label = (significant: boolean) =>
      significant ? "statistically significant" : "not statistically significant";
    const line = (diff: number, significant: boolean) =>
      `Change from the previous month (points): ${written(diff, "en")} – ${label(significant)}`;
    assert.ok(text.includes(line(cmp.npsChange, cmp.npsChangeSignificant)), text);
    assert.ok(text.includes(line(cmp.satisfactionChange, cmp.satisfactionChangeSignificant)), text);
  });

  it("keeps Estonian and Russian letters, names top services and puts approved praise first", async () => {
    const lines = await report("month=2026-05&lang=et");
    const text = lines.join("\n");
    assert.ok(text.includes(`${ORG_NAME} · mai 2026`), "õ survives in the organisation's name");
    assert.ok(text.includes("Kõrgeima NPS-iga teenused"));
    const comments = lines.indexOf("Valik kommentaare");
    assert.equal(lines[comments + 1], "Hinne 7 · Kiitus", "the praised answer's score (fixture: 7)");
    assert.equal(lines[comments + 2], `“${PRAISE}”`, "õäöü survive in the extracted text");
    const byService = await summary("from=2026-05-01&to=2026-06-01&groupBy=service");
    const best = byService.groups
      .filter((g) => !g.withheld && g.keys[0].label)
      .sort((x, y) => (y.nps ?? 0) - (x.nps ?? 0))[0];
    const top = lines.indexOf("Kõrgeima NPS-iga teenused");
    assert.deepEqual(lines.slice(top + 4, top + 6), [best.keys[0].label, written(best.nps as number, "et")]);
    assert.ok(lines.includes("05.26") && lines.includes("06.25"), "12 months on the trend axis");
    const ru = (await report("month=2026-05&lang=ru")).join("\n");
    assert.ok(ru.includes("Ежемесячный отчёт по отзывам клиентов"));
    assert.ok(ru.includes("Индекс удовлетворённости"));
  });

  it("withholds a month under the minimum sample and says when there were no answers", async () => {
    const feb = (await report("month=2026-02&lang=et")).join("\n");
    assert.ok(feb.includes("Ei näidata: vastuseid on vähem kui 5."));
    assert.ok(feb.includes("Vastuseid: 3"));
    const march = (await report("month=2026-03&lang=et")).join("\n");
    assert.ok(march.includes("Sel kuul vastuseid ei olnud."));
  });

  it("shows an agent the figures of their own answers", async () => {
    const { total } = await summary("from=2026-05-01&to=2026-06-01", a, "agent");
    assert.equal(total.answers, 23);
    const lines = await report("month=2026-05&lang=et", a, "agent");
    assert.equal(lines[lines.indexOf("Soovitusindeks (NPS)") + 1], written(total.nps as number, "et"));
  });

  it("without a Unicode font, Helvetica still carries the Estonian letters", async () => {
    const data = await monthlyReportData(
      ctx.deps.db,
      { kind: "user", userId: a.owner.userId, orgId: a.orgId, role: "owner", sessionId: "" },
      { month: "2026-05", locale: "et" },
    );
    const pdf = await renderMonthlyReportPdf(data, {
      fonts: { regular: "Helvetica", bold: "Helvetica-Bold", unicode: false },
    });
    assertPdfStructure(pdf);
    const text = pdfText(pdf);
    assert.ok(text.includes(`${ORG_NAME} · mai 2026`));
    assert.ok(text.includes(PRAISE));
  });

  it("gives each organisation its own report", async () => {
    const { total } = await summary("from=2026-05-01&to=2026-06-01", b);
    const lines = await report("month=2026-05&lang=et", b);
    assert.ok(!lines.join("\n").includes(ORG_NAME));
    assert.equal(lines[lines.indexOf("Soovitusindeks (NPS)") + 1], written(total.nps as number, "et"));
  });

  it("rejects invalid input naming the field, and answers 401 and 403", async () => {
    for (const [query, path] of [
      ["month=2026-13", "querystring.month"],
      ["month=May", "querystring.month"],
      ["", "querystring.month"],
      ["month=2026-05&lang=xx", "querystring.lang"],
    ]) {
      const res = await ctx.app.inject({
        url: `/api/v1/exports/monthly-report.pdf?${query}`,
        headers: asUser(a.owner),
      });
      assert.equal(res.statusCode, 400, query);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        JSON.stringify(res.json()),
      );
    }
    const anon = await ctx.app.inject({ url: "/api/v1/exports/monthly-report.pdf?month=2026-05" });
    assert.equal(anon.statusCode, 401);
    const key = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "cat", scopes: ["catalog:read"] });
    const forbidden = await ctx.app.inject({
      url: "/api/v1/exports/monthly-report.pdf?month=2026-05",
      headers: { authorization: `Bearer ${key.key}` },
    });
    assert.equal(forbidden.statusCode, 403);
  });
});
