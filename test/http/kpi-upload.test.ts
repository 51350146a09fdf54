import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { count } from "drizzle-orm";
import { inOrg } from "../../src/db/scope.ts";
import { contactRecord, kpiQueue } from "../../src/modules/kpi/schema.ts";
import { unsafeVerifyKpiRollups } from "../../src/modules/kpi/verify-kpi-rollups.ts";
import { addMember, asUser, signIn, startTestApp, type TestContext } from "../helpers/app.ts";
import { xlsxBytes } from "../helpers/xlsx-bytes.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MB = 1024 * 1024;
const HEADER =
  "sourceId,kind,queueId,arrivedAt,answeredAt,abandonedAt,endedAt,employeeId,serviceId,resolvedAtFirstContact";
const GOOD = [
  HEADER,
  "u1,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:00:15Z,,2026-03-02T08:05:00Z,e1,s1,true",
  "u2,call,q1,2026-03-02T09:00:00Z,,2026-03-02T09:00:40Z,,,,",
  "u3,call,q2,2026-03-02T10:00:00Z,2026-03-02T10:01:00Z,,2026-03-02T10:03:00Z,e2,s2,no",
].join("\n");

describe("contact-record file upload", () => {
  let ctx: TestContext;
  let a: KpiOrg;
  let b: KpiOrg;
  const stored = async (org: KpiOrg) =>
    (await ctx.deps.db.select({ n: count() }).from(contactRecord).where(inOrg(contactRecord, org.orgId)))[0]
      .n;
  const upload = (
    org: KpiOrg,
    payload: string | Buffer,
    query = "",
    type = "text/csv",
    session: Parameters<typeof asUser>[0] = org.owner,
  ) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/contact-records/upload${query}`,
      headers: { ...asUser(session), "content-type": type },
      payload,
    });

  it("sets up two organisations", async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx, "Amet A");
    b = await kpiOrg(ctx, "Amet B");
    await ctx.deps.db.insert(kpiQueue).values({ orgId: b.orgId, id: "b-only", name: "B liin", kind: "call" });
  });

  it("dry run (the default) reports each bad line with its reason and writes nothing", async () => {
    const file = [
      HEADER,
      "x1,call,q1,2026-03-02T08:00:00Z,2026-03-02T07:59:00Z,,,,,", // answer before arrival
      "x2,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:01:00Z,,2026-03-02T08:00:30Z,,,", // end before answer
      "x3,call,nope,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,", // unknown queue
      "x4,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,ghost,,", // unknown employee
      "x5,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,ghost,", // unknown service
      "x6,call,q1,not-a-date,,2026-03-02T08:00:20Z,,,,", // bad date
      "x7,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:00:05Z,,,,,maybe", // bad boolean
      "x8,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:01:00Z,,2026-03-03T09:00:00Z,,,", // over 24 h
      "x9,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,",
      "x9,call,q1,2026-03-02T08:10:00Z,,2026-03-02T08:10:20Z,,,,", // duplicate: reported once the other rows are right
      "ok1,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:00:10Z,,2026-03-02T08:02:00Z,,,",
    ].join("\n");
    const res = await upload(a, file);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.dryRun, true);
    assert.equal(body.rows, 11);
    assert.equal(body.created, 0);
    const lines = [...new Set(body.errors.map((e: { line: number }) => e.line))].sort(
      (x, y) => Number(x) - Number(y),
    );
    assert.deepEqual(lines, [2, 3, 4, 5, 6, 7, 8, 9], body.errors);
    const on = (line: number) => body.errors.filter((e: { line: number }) => e.line === line);
    assert.equal(on(4)[0].field, "queueId");
    assert.equal(on(7)[0].field, "arrivedAt");
    assert.equal(on(8)[0].field, "resolvedAtFirstContact");
    assert.equal(await stored(a), 0);
  });

  it("once the rows are right, the dry run reports a source id repeated with different content", async () => {
    const file = [
      HEADER,
      "d1,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,",
      "d1,call,q1,2026-03-02T08:10:00Z,,2026-03-02T08:10:20Z,,,,",
    ].join("\n");
    const res = await upload(a, file);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { line: number; field: string }) => [e.line, e.field]),
      [[3, "sourceId"]],
    );
    assert.equal(await stored(a), 0);
  });

  it("dry run of a good file counts what would be created, still writing nothing", async () => {
    const res = await upload(a, GOOD, "?dryRun=true");
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      dryRun: true,
      rows: 3,
      created: 3,
      unchanged: 0,
      errorCount: 0,
      errors: [],
    });
    assert.equal(await stored(a), 0);
  });

  it("a real run with one bad line writes nothing and names the line", async () => {
    const res = await upload(
      a,
      `${GOOD}\nbad,call,nope,2026-03-02T08:00:00Z,,2026-03-02T08:00:30Z,,,,`,
      "?dryRun=false",
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { path: string }) => e.path === "line 5.queueId"),
      res.body,
    );
    assert.equal(await stored(a), 0);
  });

  it("a real run with a source id repeated with other content writes nothing and names the later line", async () => {
    const file = [
      GOOD,
      "r1,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,",
      "r1,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,", // the same record again: not a problem
      "r1,call,q1,2026-03-02T08:10:00Z,,2026-03-02T08:10:20Z,,,,",
    ].join("\n");
    const res = await upload(a, file, "?dryRun=false");
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [["line 7.sourceId", "repeated_source_id"]],
    );
    assert.equal(await stored(a), 0);
    const verified = await unsafeVerifyKpiRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(verified.differences, []);
    assert.equal(verified.cells.kpi_rollup_day, 0);
  });

  it("a real run writes every row, the KPI report shows them, and the same file again changes nothing", async () => {
    const res = await upload(a, GOOD, "?dryRun=false");
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      dryRun: false,
      rows: 3,
      created: 3,
      unchanged: 0,
      errorCount: 0,
      errors: [],
    });
    assert.equal(await stored(a), 3);
    const kpi = await a.call("GET", "/api/v1/kpi?from=2026-03-01&to=2026-03-31&period=month", a.owner);
    assert.equal(kpi.statusCode, 200, kpi.body);
    assert.equal(kpi.json().rows[0].offered, 3);
    assert.equal(kpi.json().rows[0].answered, 2);
    const again = await upload(a, GOOD, "?dryRun=false");
    assert.deepEqual(again.json(), {
      dryRun: false,
      rows: 3,
      created: 0,
      unchanged: 3,
      errorCount: 0,
      errors: [],
    });
    assert.equal(await stored(a), 3);
    const changed = GOOD.replace("2026-03-02T10:03:00Z", "2026-03-02T10:04:00Z");
    const conflict = await upload(a, changed, "?dryRun=false");
    assert.equal(conflict.statusCode, 409, conflict.body);
    assert.match(conflict.json().errors[0].path, /^line 4\.sourceId$/);
  });

  it("reads a semicolon-separated CSV and an XLSX workbook with the same columns", async () => {
    const semi =
      "sourceId;kind;queueId;arrivedAt;abandonedAt\nsemi1;call;q1;2026-03-03T08:00:00Z;2026-03-03T08:00:09Z";
    const res = await upload(a, semi);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().created, 1);
    const file = xlsxBytes({
      strings: [
        "sourceId",
        "kind",
        "queueId",
        "arrivedAt",
        "xl1",
        "call",
        "q1",
        "2026-03-03T09:00:00Z",
        "zz",
        "abandonedAt",
        "2026-03-03T09:00:30Z",
      ],
      rows: [
        [0, 1, 2, 3, 9],
        [4, 5, 6, 7, 10],
        [8, 5, 6, 7, 10],
      ],
    });
    const x = await upload(a, file, "?dryRun=true", XLSX);
    assert.equal(x.statusCode, 200, x.body);
    assert.equal(x.json().rows, 2);
    assert.equal(x.json().created, 2);
  });

  it("refuses an empty file, a missing required column, a wrong type and an oversized body", async () => {
    const empty = await upload(a, "\n\n");
    assert.equal(empty.statusCode, 400, empty.body);
    const missing = await upload(a, "sourceId,kind,arrivedAt\nm1,call,2026-03-02T08:00:00Z");
    assert.equal(missing.statusCode, 400, missing.body);
    assert.match(missing.json().detail, /queueId/);
    assert.ok(missing.json().errors.some((e: { path: string }) => e.path === "header.queueId"));
    const wrongType = await upload(a, "{}", "", "application/pdf");
    assert.equal(wrongType.statusCode, 415, wrongType.body);
    // A CSV file is streamed (up to 256 MB); a workbook, read whole to check its archive, is limited to 50 MB.
    const big = await upload(a, Buffer.alloc(51 * MB, 1), "", XLSX);
    assert.equal(big.statusCode, 413, big.body.slice(0, 500));
    const longRecord = await upload(a, `${HEADER}\n${"x".repeat(2 * MB)}`);
    assert.equal(longRecord.statusCode, 400, longRecord.body.slice(0, 500));
    assert.match(longRecord.json().detail, /not valid CSV/);
    assert.equal(await stored(a), 3);
  });

  it("refuses a workbook that unpacks to far more than it weighs, from the archive's directory", async () => {
    const one = `<si><t>${"x".repeat(50)}</t></si>`;
    const megabyte = one.repeat(Math.floor(MB / one.length));
    const file = xlsxBytes({
      strings: ["sourceId", "kind", "queueId", "arrivedAt"],
      padding: { text: megabyte, times: 400 },
      rows: [[0, 1, 2, 3]],
    });
    assert.ok(file.length < 2 * MB);
    const res = await upload(a, file, "", XLSX);
    assert.equal(res.statusCode, 413, res.body);
    assert.match(res.json().detail, /unpack/);
  });

  it("401 without a session, 403 for a role without kpi:write", async () => {
    const anon = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/contact-records/upload",
      headers: { "content-type": "text/csv" },
      payload: GOOD,
    });
    assert.equal(anon.statusCode, 401);
    await addMember(ctx, a.orgId, "viewer-upload@example.test", "viewer");
    const viewer = await signIn(ctx.app, "viewer-upload@example.test");
    const res = await upload(a, GOOD, "?dryRun=false", "text/csv", viewer);
    assert.equal(res.statusCode, 403, res.body);
  });

  it("a row naming another organisation's queue is a row error and nothing is written", async () => {
    const before = await stored(a);
    const file = `${HEADER}\nt1,call,b-only,2026-03-04T08:00:00Z,,2026-03-04T08:00:30Z,,,,\nt2,call,q1,2026-03-04T08:00:00Z,,2026-03-04T08:00:30Z,,,,`;
    const dry = await upload(a, file);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(
      dry.json().errors.map((e: { line: number; field: string }) => [e.line, e.field]),
      [[2, "queueId"]],
    );
    const real = await upload(a, file, "?dryRun=false");
    assert.equal(real.statusCode, 400, real.body);
    assert.equal(await stored(a), before);
    assert.equal(await stored(b), 0);
  });

  it("derives FCR across stored records and rows of the file, keeps repeated identical rows once, and the rollups match", async () => {
    const org = await kpiOrg(ctx, "Amet FCR");
    // Stored before through the JSON intake: an unflagged answered call of caller A, resolved until repeated.
    const first = await org.call("POST", "/api/v1/contact-records", org.owner, {
      records: [
        {
          sourceId: "f0",
          kind: "call",
          queueId: "q1",
          arrivedAt: "2026-04-01T08:00:00Z",
          answeredAt: "2026-04-01T08:00:10Z",
          serviceId: "s1",
          callerReference: "+372 5000 0001",
        },
      ],
    });
    assert.equal(first.statusCode, 200, first.body);
    const head = `${HEADER},callerReference`;
    const file = [
      head,
      // Caller A again two days later (the stored call is no longer resolved), and once more within the window.
      "f1,call,q1,2026-04-03T08:00:00Z,2026-04-03T08:00:05Z,,,e1,s1,,+37250000001",
      "f2,call,q2,2026-04-05T09:00:00Z,2026-04-05T09:00:30Z,,,e2,s1,,+372 5000 0001",
      // Caller B: twice within the file, the first repeated within 7 days; a flagged call keeps its flag.
      "f3,call,q1,2026-04-02T08:00:00Z,2026-04-02T08:00:25Z,,,,s1,,B-1",
      "f4,call,q1,2026-04-20T08:00:00Z,2026-04-20T08:00:05Z,,,,s1,,B-1",
      "f5,call,q1,2026-04-04T08:00:00Z,2026-04-04T08:00:05Z,,,,s1,true,B-1",
      // The same record twice (a repeated delivery within the file): written once.
      "f6,call,q2,2026-04-06T08:00:00Z,,2026-04-06T08:00:50Z,,,,,",
      "f6,call,q2,2026-04-06T08:00:00Z,,2026-04-06T08:00:50Z,,,,,",
    ].join("\n");
    const dry = await upload(org, file);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual([dry.json().created, dry.json().unchanged, dry.json().errorCount], [6, 1, 0]);
    const real = await upload(org, file, "?dryRun=false");
    assert.equal(real.statusCode, 200, real.body);
    assert.deepEqual([real.json().created, real.json().unchanged], [6, 1]);
    const rows = await ctx.deps.db
      .select({ sourceId: contactRecord.sourceId, fcr: contactRecord.fcrOutcome })
      .from(contactRecord)
      .where(inOrg(contactRecord, org.orgId));
    const fcr = Object.fromEntries(rows.map((r) => [r.sourceId, r.fcr]));
    assert.deepEqual(fcr, { f0: false, f1: false, f2: true, f3: false, f4: true, f5: true, f6: null });
    const verified = await unsafeVerifyKpiRollups(ctx.deps.db, org.orgId);
    assert.deepEqual(verified.differences, []);
    assert.ok(verified.cells.kpi_rollup_day > 0);
    const kpi = await org.call("GET", "/api/v1/kpi?from=2026-04-01&to=2026-04-30&period=month", org.owner);
    assert.equal(kpi.json().rows[0].offered, 7);
    assert.equal(kpi.json().rows[0].fcrMeasured, 6);
  });

  it("counts waits on the bucket, service-level and short-abandon bounds and across a month's end as the verification does", async () => {
    const org = await kpiOrg(ctx, "Amet piirid");
    const at = (ms: number) => new Date(Date.parse("2026-05-10T08:00:00Z") + ms).toISOString();
    // Answered after exactly 10 s, just over 10 s, exactly 20 s (the service level), just over it, 24 h; abandoned
    // just under 5 s, after exactly 5 s, at once; one arrives on 1 May in Tallinn but 30 April in UTC.
    const answered = [10_000, 10_001, 20_000, 20_001, 45_000, 86_400_000];
    const abandoned = [4_999, 5_000, 0];
    const file = [
      HEADER,
      ...answered.map((w, i) => `b${i},call,q1,${at(0)},${at(w)},,,e1,s1,`),
      ...abandoned.map((w, i) => `c${i},call,q2,${at(0)},,${at(w)},,,s2,`),
      "d0,call,q1,2026-04-30T22:30:00Z,2026-04-30T22:30:07.250Z,,,e2,s1,",
    ].join("\n");
    const real = await upload(org, file, "?dryRun=false");
    assert.equal(real.statusCode, 200, real.body);
    assert.equal(real.json().created, answered.length + abandoned.length + 1);
    const verified = await unsafeVerifyKpiRollups(ctx.deps.db, org.orgId);
    assert.deepEqual(verified.differences, []);
    assert.ok(verified.cells.kpi_rollup_month >= 2);
    const kpi = await org.call("GET", "/api/v1/kpi?from=2026-05-01&to=2026-05-31&period=month", org.owner);
    const may = kpi.json().rows[0];
    // Abandoned under 5 s (4.999 s and at once) is short, not offered; 10 s, 10.001 s, 20 s and 7.25 s are
    // within the 20 s service level.
    assert.deepEqual(
      [may.offered, may.answered, may.abandoned, may.shortAbandoned, may.answeredWithinThreshold],
      [8, 7, 1, 2, 4],
    );
  });

  it("closes the app", () => ctx.close());
});
