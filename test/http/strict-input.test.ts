import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { contact, department, response } from "../../src/db/schema.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { escapeHtml } from "../../src/views/html.ts";
import {
  asUser,
  createTestOrg,
  randomIp,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

const NUL = "\u0000";
const PROBLEM = "application/problem+json; charset=utf-8";
const form = (fields: [string, string][]) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

describe("strict input: NUL characters, dates out of range, loose numbers, e-mail and encodings", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let surveyId: string;
  let websiteSlug: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    const definition = standardDefinition({ locales: ["et", "en"] });
    ({ id: surveyId } = await createSurvey(ctx.deps.db, a.orgId, {
      name: "Tagasiside",
      kind: "transactional",
      definition,
    }));
    websiteSlug = `veeb-${unique()}`;
    await createSurvey(ctx.deps.db, a.orgId, {
      name: "Veeb",
      slug: websiteSlug,
      kind: "website",
      definition,
    });
  });
  after(() => ctx.close());

  const api = (method: "GET" | "POST", url: string, body?: unknown) =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: asUser(a.owner),
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const problem = (
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
    path: RegExp,
  ) => {
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.headers["content-type"], PROBLEM);
    assert.match(res.body, path);
  };
  const orgAnswers = async () =>
    (await ctx.deps.db.select({ id: response.id }).from(response).where(eq(response.orgId, a.orgId))).length;
  const importCsv = (csv: string | Buffer, type = "text/csv") =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/responses/import?dryRun=true`,
      headers: { ...asUser(a.owner), "content-type": type },
      payload: csv,
    });
  const bulkCsv = (csv: string) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=true`,
      headers: { ...asUser(a.owner), "content-type": "text/csv" },
      payload: csv,
    });
  const reasons = (res: { json: () => { errors: { line: number; reason: string }[] } }) =>
    res.json().errors.map((e) => [e.line, e.reason]);

  describe("a NUL character in any text is a 400 naming the field, never a 500", () => {
    it("in a catalogue name and a contact", async () => {
      problem(await api("POST", "/departments", { name: `Osakond${NUL}` }), /body\.name/);
      problem(
        await api("POST", "/contacts", { email: `${unique()}@example.test`, name: `Mari${NUL}` }),
        /body\.name/,
      );
      const [d] = await ctx.deps.db
        .select({ id: department.id })
        .from(department)
        .where(and(eq(department.orgId, a.orgId), eq(department.name, `Osakond${NUL}`.replace(NUL, ""))));
      assert.equal(d, undefined, "nothing was written");
      assert.equal(
        (await ctx.deps.db.select({ id: contact.id }).from(contact).where(eq(contact.orgId, a.orgId))).length,
        0,
      );
    });

    it("in the comment search query", async () => {
      problem(await api("GET", `/comments?q=${encodeURIComponent(`abc${NUL}`)}`), /querystring\.q/);
    });

    it("in an answer comment on /s/: a problem body for JSON, the form error for the page", async () => {
      const { token } = await issueSentInvitation(ctx.deps.db, { orgId: a.orgId, surveyId, locale: "et" });
      const json = await ctx.app.inject({
        method: "POST",
        url: `/s/${token}`,
        payload: { score: 8, comment: `Hea${NUL}` },
      });
      problem(json, /comment/);
      const page = await ctx.app.inject({
        method: "POST",
        url: `/s/${token}`,
        ...form([
          ["score", "8"],
          ["comment", `Hea${NUL}`],
        ]),
      });
      assert.equal(page.statusCode, 400, page.body);
      assert.match(page.headers["content-type"] as string, /text\/html/);
      assert.ok(page.body.includes(escapeHtml(st("et", "error.invalidText"))), "the page names the problem");
      assert.equal(await orgAnswers(), 0);
    });

    it("in a website answer's name on /w/", async () => {
      const res = await ctx.app.inject({
        method: "POST",
        url: `/w/${a.slug}/${websiteSlug}`,
        remoteAddress: randomIp(),
        ...form([
          ["score", "9"],
          ["name", `Mari${NUL}`],
        ]),
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.body.includes(escapeHtml(st("et", "error.invalidText"))));
      assert.equal(await orgAnswers(), 0);
    });

    it("in a CSV import row and a bulk-send row: a bad row with its line", async () => {
      const imported = await importCsv(
        ["external_id,received_at,score,comment", `n1,2026-01-05,7,Hea${NUL}`, "n2,2026-01-05,7,Hea"].join(
          "\n",
        ),
      );
      assert.equal(imported.statusCode, 200, imported.body);
      assert.deepEqual(reasons(imported), [[2, "comment: must not contain the NUL character (U+0000)"]]);
      assert.equal(imported.json().valid, 1);
      const bulk = await bulkCsv(["email,name", `mari-${unique()}@example.test,Mari${NUL}`].join("\n"));
      assert.equal(bulk.statusCode, 200, bulk.body);
      assert.deepEqual([bulk.json().skipped, bulk.json().skippedRows[0].line], [1, 2]);
      assert.match(bulk.json().skippedRows[0].detail, /name: must not contain the NUL character/);
    });
  });

  describe("dates outside the sensible range are a 400 before any response starts", () => {
    for (const url of [
      "/responses?from=-271821-04-20",
      "/responses?to=0000-01-01",
      "/comments?from=-271821-04-20",
      "/exports/responses.csv?from=-271821-04-20",
      "/exports/responses.xlsx?to=0000-01-01T00:00:00Z",
      "/exports/summary.csv?from=0000-01-01",
      "/reports/summary?to=0000-01-01",
      "/exports/monthly-report.pdf?month=0000-01",
      "/reports/employee-of-the-month?month=0000-01",
      "/survey-invitations/summary?from=-271821-04-20",
    ]) {
      it(url, async () => {
        problem(await api("GET", url), /querystring\.(from|to|month)/);
      });
    }

    it("an import received_at in year 0 and a bulk occurred_at in year 0 are bad rows", async () => {
      const imported = await importCsv(["external_id,received_at,score", "y0,0000-01-01,7"].join("\n"));
      assert.equal(imported.statusCode, 200, imported.body);
      assert.match(String(reasons(imported)[0][1]), /received_at/);
      const bulk = await bulkCsv(["email,occurred_at", `y0-${unique()}@example.test,0000-01-01`].join("\n"));
      assert.equal(bulk.statusCode, 200, bulk.body);
      assert.match(bulk.json().skippedRows[0].detail ?? "", /occurred_at/);
    });
  });

  describe("numbers, dates, e-mail addresses and encodings are read strictly", () => {
    it("a score on /s/ is a whole number 0–10 in plain digits (and a JSON number in JSON)", async () => {
      const { token } = await issueSentInvitation(ctx.deps.db, { orgId: a.orgId, surveyId, locale: "et" });
      for (const score of ["0x7", "1e1", "+7", " 7", "7.0", "07"]) {
        const res = await ctx.app.inject({
          method: "GET",
          url: `/s/${token}?score=${encodeURIComponent(score)}`,
        });
        assert.equal(res.statusCode, 400, `?score=${score}`);
        const posted = await ctx.app.inject({
          method: "POST",
          url: `/s/${token}`,
          ...form([["score", score]]),
        });
        assert.equal(posted.statusCode, 400, `score=${score} in a form`);
      }
      problem(await ctx.app.inject({ method: "POST", url: `/s/${token}`, payload: { score: "7" } }), /score/);
      assert.equal(await orgAnswers(), 0);
      const ok = await ctx.app.inject({ method: "POST", url: `/s/${token}`, payload: { score: 7 } });
      assert.equal(ok.statusCode, 200, ok.body);
      await ctx.deps.db.delete(response).where(eq(response.orgId, a.orgId));
    });

    it("an import score in anything but plain digits and a date that does not exist are bad rows", async () => {
      const res = await importCsv(
        [
          "external_id,received_at,score",
          "s1,2026-01-05,0x7",
          "s2,2026-01-05,1e1",
          "s3,2026-01-05,+7",
          "s4,2026-01-05, 7",
          "s5,2026-02-30,7",
          "s6,2026-01-05T10:00:00Z,10",
        ].join("\n"),
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().errors.map((e: { line: number; reason: string }) => [e.line, e.reason.split(":")[0]]),
        [
          [2, "score"],
          [3, "score"],
          [4, "score"],
          [5, "score"],
          [6, "received_at"],
        ],
      );
      assert.equal(res.json().valid, 1);
    });

    it("a bulk occurred_at that does not exist is a bad row, not the next month", async () => {
      const bulk = await bulkCsv(
        [
          "email,occurred_at",
          `f-${unique()}@example.test,2026-02-30`,
          `g-${unique()}@example.test,30.02.2026`,
        ].join("\n"),
      );
      assert.equal(bulk.statusCode, 200, bulk.body);
      assert.equal(bulk.json().skippedRows.length, 2);
      for (const line of bulk.json().skippedRows) assert.match(line.detail ?? "", /occurred_at/);
    });

    it("a website answer with a malformed e-mail is refused with the form error and not stored", async () => {
      const res = await ctx.app.inject({
        method: "POST",
        url: `/w/${a.slug}/${websiteSlug}`,
        remoteAddress: randomIp(),
        ...form([
          ["score", "9"],
          ["email", "not-an-email"],
        ]),
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.body.includes(escapeHtml(st("et", "error.email"))));
      assert.equal(await orgAnswers(), 0);
    });

    it("a CSV that is not valid UTF-8 is refused; a declared Windows-1257 file is read", async () => {
      const head = Buffer.from("external_id,received_at,score,comment\ne1,2026-01-05,9,");
      const latin = Buffer.concat([
        head,
        Buffer.from([0x56, 0xe4, 0x67, 0x61, 0x20, 0x68, 0xe4, 0x73, 0x74]),
      ]);
      const bad = await importCsv(latin);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.headers["content-type"], PROBLEM);
      assert.match(bad.json().detail, /not valid utf-8/);
      const declared = await ctx.app.inject({
        method: "POST",
        url: `/api/v1/surveys/${surveyId}/responses/import?dryRun=false`,
        headers: { ...asUser(a.owner), "content-type": "text/csv; charset=windows-1257" },
        payload: latin,
      });
      assert.equal(declared.statusCode, 200, declared.body);
      assert.equal(declared.json().imported, 1);
      const [row] = await ctx.deps.db
        .select({ comment: response.comment })
        .from(response)
        .where(and(eq(response.orgId, a.orgId), eq(response.externalId, "e1")));
      assert.equal(row?.comment, "Väga häst");
      const unknown = await importCsv(head, "text/csv; charset=koi8-r");
      assert.equal(unknown.statusCode, 415, unknown.body);
    });
  });
});
