import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { xlsxRows } from "../../src/modules/distribution/read-bulk-file.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { xlsxBytes } from "../helpers/xlsx-bytes.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MB = 1024 * 1024;
/** One mebibyte of shared-string text, compressed to about a kilobyte. */
const megabyte = (() => {
  const one = `<si><t>${"x".repeat(50)}</t></si>`;
  return one.repeat(Math.floor(MB / one.length));
})();

describe("bulk-send files that unpack to far more than they weigh", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    surveyId = await seedSurvey(ctx.deps.db, a.orgId, "relationship");
  });
  after(() => ctx.close());

  const upload = (file: Buffer) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=true`,
      headers: { ...asUser(a.owner), "content-type": XLSX },
      payload: file,
    });

  it("reads a small well-formed workbook (the crafted files below differ from it only in size)", async () => {
    const file = xlsxBytes({ strings: ["email", "isik@example.test"], rows: [[0], [1]], blankRows: 3 });
    const res = await upload(file);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().rows, res.json().scheduled, res.json().skippedRows], [1, 1, []]);
    const read = [];
    for await (const r of xlsxRows(file)) read.push([r.line, r.values.email]);
    assert.deepEqual(read, [[5, "isik@example.test"]], "the row number is the sheet's");
  });

  it("refuses a workbook whose shared strings unpack to 400 MB, from the archive's directory, at once", async () => {
    const file = xlsxBytes({
      strings: ["email", "isik@example.test"],
      padding: { text: megabyte, times: 400 },
      rows: [[0], [1]],
    });
    assert.ok(file.length < 2 * MB, `the test file is small (${file.length} bytes)`);
    const res = await upload(file);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.match(res.json().detail, /xl\/sharedStrings\.xml/);
    assert.match(res.json().detail, /unpack/);
  });

  it("stops inflating a part whose headers understate its size", async () => {
    const file = xlsxBytes({
      strings: ["email", "isik@example.test"],
      padding: { text: megabyte, times: 400 },
      rows: [[0], [1]],
      sharedStringsDeclaredSize: 1000,
    });
    const res = await upload(file);
    assert.ok([400, 413].includes(res.statusCode), `${res.statusCode} ${res.body}`);
    assert.match(res.json().detail, /xl\/sharedStrings\.xml/);
  });

  it("counts blank rows towards the row limit", async () => {
    const file = xlsxBytes({
      strings: ["email", "isik@example.test"],
      rows: [[0], [1]],
      blankRows: 250_000,
    });
    assert.ok(file.length < MB, `the test file is small (${file.length} bytes)`);
    const res = await upload(file);
    assert.equal(res.statusCode, 413, res.body);
    assert.match(res.json().detail, /blank rows included/);
  });
});
