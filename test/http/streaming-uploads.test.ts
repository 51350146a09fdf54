import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { count } from "drizzle-orm";
import { inOrg } from "../../src/db/scope.ts";
import { withUpload } from "../../src/http/tabular-file.ts";
import { contactRecord } from "../../src/modules/kpi/schema.ts";
import { asUser, startTestApp, type TestContext } from "../helpers/app.ts";
import { countRows, seedSurvey } from "../fixtures/distribution/setup.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

const HEADER = "sourceId,kind,queueId,arrivedAt,answeredAt,abandonedAt,endedAt,employeeId,serviceId";

/** A contact-record file of `rows` rows (lines 2…rows+1); `bad(i)` makes row i name an unknown queue. */
function kpiFile(tag: string, rows: number, bad: (i: number) => boolean = () => false): string {
  const lines = [HEADER];
  const start = Date.UTC(2026, 2, 2, 8);
  for (let i = 0; i < rows; i++) {
    const at = start + (i % 600) * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    lines.push(
      `${tag}-${i},call,${bad(i) ? "nope" : i % 2 ? "q1" : "q2"},${iso(at)},${iso(at + 20_000)},,${iso(at + 200_000)},${i % 3 ? "e1" : ""},s1`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("streamed uploads: counts and bad rows only, large files, nothing written on rejection", () => {
  let ctx: TestContext;
  let a: KpiOrg;
  let surveyId: string;
  before(async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx, "Amet A");
    surveyId = await seedSurvey(ctx.deps.db, a.orgId, "relationship");
  });
  after(() => ctx.close());

  const post = (url: string, payload: string | Buffer, type = "text/csv") =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1${url}`,
      headers: { ...asUser(a.owner), "content-type": type },
      payload,
    });
  const records = async () =>
    (await ctx.deps.db.select({ n: count() }).from(contactRecord).where(inOrg(contactRecord, a.orgId)))[0].n;

  it("a bulk file answers with counts and the skipped rows only (the first 1,000), never the good rows", async () => {
    const tag = randomUUID().slice(0, 8);
    const lines = ["email,name"];
    // 1,200 malformed addresses among 2,400 rows: lines 2, 4, 6, … are bad.
    for (let i = 0; i < 2400; i++)
      lines.push(i % 2 ? `p${i}-${tag}@example.test,P ${i}` : `p${i}-${tag}@,P ${i}`);
    const before = await countRows(ctx.deps.db, a.orgId);
    const res = await post(`/surveys/${surveyId}/bulk-sends?dryRun=true`, lines.join("\n"));
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      "bulkId",
      "byReason",
      "bySendDay",
      "dryRun",
      "matches",
      "rows",
      "scheduled",
      "skipped",
      "skippedRows",
    ]);
    assert.deepEqual([body.rows, body.scheduled, body.skipped], [2400, 1200, 1200]);
    assert.deepEqual(body.byReason, { invalid_address: 1200 });
    assert.equal(body.skippedRows.length, 1000, "the list is capped; the count is not");
    assert.deepEqual(
      body.skippedRows.slice(0, 2).map((r: { line: number; reason: string }) => [r.line, r.reason]),
      [
        [2, "invalid_address"],
        [4, "invalid_address"],
      ],
    );
    assert.equal(body.skippedRows.at(-1).line, 2000);
    assert.match(body.skippedRows[0].detail, /is not an e-mail address/);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before, "a dry run writes nothing");
  });

  it("a bulk file that turns unreadable after its first batch is refused and nothing of it is written", async () => {
    const tag = randomUUID().slice(0, 8);
    const lines = ["email"];
    for (let i = 0; i < 5200; i++) lines.push(`q${i}-${tag}@example.test`);
    lines.push('"unclosed@example.test');
    const before = await countRows(ctx.deps.db, a.orgId);
    const res = await post(`/surveys/${surveyId}/bulk-sends?dryRun=false`, lines.join("\n"));
    assert.equal(res.statusCode, 400, res.body.slice(0, 500));
    assert.match(res.json().detail, /not valid CSV/);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
  });

  it("a bulk CSV in a declared Windows-1257 encoding is read; bytes invalid in UTF-8 are refused", async () => {
    const tag = randomUUID().slice(0, 8);
    const file = Buffer.concat([
      Buffer.from(`email,name\nv-${tag}@example.test,`),
      Buffer.from([0x56, 0xe4, 0x67, 0x61]), // "Väga" in Windows-1257
    ]);
    const bad = await post(`/surveys/${surveyId}/bulk-sends?dryRun=true`, file);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.json().detail, /not valid utf-8/);
    const good = await post(
      `/surveys/${surveyId}/bulk-sends?dryRun=true`,
      file,
      "text/csv; charset=windows-1257",
    );
    assert.equal(good.statusCode, 200, good.body);
    assert.equal(good.json().scheduled, 1);
  });

  it("20,000 contact records stream through in batches: counted, written once, rollups updated", async () => {
    const tag = randomUUID().slice(0, 8);
    const file = kpiFile(tag, 20_000);
    const dry = await post("/contact-records/upload", file);
    assert.equal(dry.statusCode, 200, dry.body.slice(0, 500));
    assert.deepEqual(dry.json(), {
      dryRun: true,
      rows: 20_000,
      created: 20_000,
      unchanged: 0,
      errorCount: 0,
      errors: [],
    });
    assert.equal(await records(), 0, "the dry run writes nothing");
    const real = await post("/contact-records/upload?dryRun=false", file);
    assert.equal(real.statusCode, 200, real.body.slice(0, 500));
    assert.equal(real.json().created, 20_000);
    assert.equal(await records(), 20_000);
    const kpi = await a.call("GET", "/api/v1/kpi?from=2026-03-01&to=2026-03-31&period=month", a.owner);
    assert.equal(kpi.statusCode, 200, kpi.body);
    assert.equal(kpi.json().rows[0].offered, 20_000, "every batch reached the rollups");
    const again = await post("/contact-records/upload?dryRun=false", file);
    assert.deepEqual([again.json().created, again.json().unchanged], [0, 20_000]);
    assert.equal(await records(), 20_000);
  });

  it("a contact-record file with 1,500 bad rows: all counted, the first 1,000 listed, nothing written", async () => {
    const before = await records();
    const tag = randomUUID().slice(0, 8);
    const file = kpiFile(tag, 12_000, (i) => i >= 10_500);
    const dry = await post("/contact-records/upload", file);
    assert.equal(dry.statusCode, 200, dry.body.slice(0, 500));
    const body = dry.json();
    assert.deepEqual([body.rows, body.created, body.errorCount, body.errors.length], [12_000, 0, 1500, 1000]);
    assert.deepEqual(body.errors[0], {
      line: 10_502,
      field: "queueId",
      code: "unknown_queue",
      message: body.errors[0].message,
    });
    const real = await post("/contact-records/upload?dryRun=false", file);
    assert.equal(real.statusCode, 400, real.body.slice(0, 500));
    assert.match(
      real.json().detail,
      /^Nothing was saved: problems in the file: 1500; the first on line 10502/,
    );
    assert.equal(real.json().errors.length, 1000);
    assert.equal(await records(), before, "the first batch, already good, was rolled back with the rest");
  });

  it("a source id repeated in a later batch with other content is a file error naming the first line", async () => {
    const before = await records();
    const tag = randomUUID().slice(0, 8);
    const lines = kpiFile(tag, 10_001).trimEnd().split("\n");
    // Line 10,002 (the second batch) repeats line 2's source id with another queue.
    lines[10_001] = lines[1].replace(",q2,", ",q1,");
    const real = await post("/contact-records/upload?dryRun=false", lines.join("\n"));
    assert.equal(real.statusCode, 400, real.body.slice(0, 500));
    assert.deepEqual(real.json().errors, [
      {
        path: "line 10002.sourceId",
        message: "differs from line 2 with the same sourceId",
        code: "repeated_source_id",
      },
    ]);
    assert.equal(await records(), before);
  });

  it("a CSV body over the byte limit is refused with 413 while it streams", async () => {
    const limits = { maxBytes: 1000, maxXlsxBytes: 1000 };
    await assert.rejects(
      withUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), "text/csv", limits, async () => 1),
      (err: { code?: string }) => err.code === "PAYLOAD_TOO_LARGE",
    );
    assert.equal(
      await withUpload(Readable.from([Buffer.alloc(600)]), "text/csv", limits, async (u) => u.bytes),
      600,
    );
  });
});
