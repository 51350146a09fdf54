import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count } from "drizzle-orm";
import { inOrg } from "../../src/db/scope.ts";
import { t } from "../../src/i18n/account-mail.ts";
import { contactRecord } from "../../src/modules/kpi/schema.ts";
import { asUser, startTestApp, type TestContext } from "../helpers/app.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

// A bad contact record is reported with a stable code for programs and a reason in the language the request
// asked for: the dry-run report of a file, the refused real run, and the batch API alike.

const HEADER =
  "sourceId,kind,queueId,arrivedAt,answeredAt,abandonedAt,endedAt,employeeId,serviceId,resolvedAtFirstContact";

/** Each bad line of FILE: its column, the code, the catalogue message and its values. */
const EXPECTED: [number, string, string, string, Record<string, string>?][] = [
  [2, "answeredAt", "before_arrival", "kpiUpload.row.beforeArrival"],
  [3, "endedAt", "before_answer", "kpiUpload.row.beforeAnswer"],
  [4, "answeredAt", "wait_too_long", "kpiUpload.row.longWait", { hours: "24" }],
  [5, "endedAt", "contact_too_long", "kpiUpload.row.longContact", { hours: "24" }],
  [6, "arrivedAt", "invalid_date_time", "kpiUpload.row.instant"],
  [7, "resolvedAtFirstContact", "not_boolean", "kpiUpload.row.notBoolean"],
  [8, "answeredAt", "answer_or_abandon", "kpiUpload.row.answerOrAbandon"],
  [9, "abandonedAt", "answered_and_abandoned", "kpiUpload.row.answeredAndAbandoned"],
  [10, "resolvedAtFirstContact", "resolved_unanswered", "kpiUpload.row.resolvedUnanswered"],
  [11, "queueId", "unknown_queue", "kpiUpload.row.unknownQueue", { id: "puudub" }],
  [12, "employeeId", "unknown_employee", "kpiUpload.row.unknownEmployee", { id: "kummitus" }],
];
const FILE = [
  HEADER,
  "x1,call,q1,2026-03-02T08:00:00Z,2026-03-02T07:59:00Z,,,,,",
  "x2,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:01:00Z,,2026-03-02T08:00:30Z,,,",
  "x3,call,q1,2026-03-02T08:00:00Z,2026-03-03T08:00:01Z,,,,,",
  "x4,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:01:00Z,,2026-03-03T09:00:00Z,,,",
  "x5,call,q1,eile,,2026-03-02T08:00:20Z,,,,",
  "x6,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:00:05Z,,,,,võibolla",
  "x7,call,q1,2026-03-02T08:00:00Z,,,,,,",
  "x8,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:00:05Z,2026-03-02T08:00:06Z,,,,",
  "x9,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,true",
  "x10,call,puudub,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,",
  "x11,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,kummitus,,",
  "ok1,call,q1,2026-03-02T08:00:00Z,2026-03-02T08:00:10Z,,2026-03-02T08:02:00Z,,,",
].join("\n");

describe("contact-record row reasons: a stable code, the text in the request's language", () => {
  let ctx: TestContext;
  let a: KpiOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx, "Amet");
  });
  after(() => ctx.close());

  const stored = async () =>
    (await ctx.deps.db.select({ n: count() }).from(contactRecord).where(inOrg(contactRecord, a.orgId)))[0].n;
  const upload = (payload: string, dryRun: boolean, lang?: string) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/contact-records/upload?dryRun=${dryRun}`,
      headers: {
        ...asUser(a.owner),
        "content-type": "text/csv",
        ...(lang ? { "accept-language": lang } : {}),
      },
      payload,
    });
  const batch = (records: object[], lang?: string) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/v1/contact-records",
      headers: { ...asUser(a.owner), ...(lang ? { "accept-language": lang } : {}) },
      payload: { records },
    });
  const expected = (lang: string) =>
    EXPECTED.map(([line, field, code, key, values]) => ({
      line,
      field,
      code,
      message: t(lang, key, values),
    }));

  for (const lang of ["et", "ru", "lv", "lt"]) {
    it(`the dry-run report in ${lang}: each bad line with its column, code and reason`, async () => {
      const res = await upload(FILE, true, lang);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.errorCount, EXPECTED.length, res.body);
      assert.deepEqual(body.errors, expected(lang));
      for (const [, , code, key, values] of EXPECTED)
        assert.notEqual(
          t(lang, key, values),
          t("en", key, values),
          `${lang}: ${code} is not said in English`,
        );
    });
  }

  it("the dry-run report without a language asked for is in English, with the same codes", async () => {
    const res = await upload(FILE, true);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().errors, expected("en"));
    assert.equal(res.json().errors[0].message, "must not be before arrivedAt");
  });

  it("a refused real run in Estonian: the detail and each row's reason in Estonian, the codes kept", async () => {
    const res = await upload(FILE, false, "et");
    assert.equal(res.statusCode, 400, res.body);
    const problem = res.json() as {
      detail: string;
      errors: { path: string; message: string; code: string }[];
    };
    assert.equal(
      problem.detail,
      t("et", "kpiUpload.refused", { count: String(EXPECTED.length), line: "2", field: "answeredAt" }),
    );
    assert.deepEqual(
      problem.errors,
      EXPECTED.map(([line, field, code, key, values]) => ({
        path: `line ${line}.${field}`,
        message: t("et", key, values),
        code,
      })),
    );
    assert.equal(await stored(), 0);
  });

  it("a source id repeated in the file and one stored before with other content, in Estonian", async () => {
    const first = "r1,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:20Z,,,,";
    const repeated = await upload(
      [HEADER, first, "r1,call,q1,2026-03-02T08:10:00Z,,2026-03-02T08:10:20Z,,,,"].join("\n"),
      true,
      "et",
    );
    assert.equal(repeated.statusCode, 200, repeated.body);
    assert.deepEqual(repeated.json().errors, [
      {
        line: 3,
        field: "sourceId",
        code: "repeated_source_id",
        message: t("et", "kpiUpload.row.repeated", { line: "2" }),
      },
    ]);
    assert.equal((await upload([HEADER, first].join("\n"), false)).statusCode, 200);
    const changed = [HEADER, "r1,call,q1,2026-03-02T08:00:00Z,,2026-03-02T08:00:25Z,,,,"].join("\n");
    const conflict = await upload(changed, false, "et");
    assert.equal(conflict.statusCode, 409, conflict.body);
    assert.deepEqual(conflict.json().errors, [
      { path: "line 2.sourceId", message: t("et", "kpiUpload.row.conflict"), code: "source_id_conflict" },
    ]);
  });

  it("the batch API's refusal in Estonian: the detail, each record's reason and its code", async () => {
    const ok = { sourceId: "b1", kind: "call", queueId: "q1", arrivedAt: "2026-03-02T08:00:00Z" };
    const res = await batch(
      [
        { ...ok, abandonedAt: "2026-03-02T08:00:20Z" },
        { ...ok, sourceId: "b2", answeredAt: "2026-03-02T07:00:00Z", serviceId: "kummitus" },
      ],
      "et",
    );
    assert.equal(res.statusCode, 400, res.body);
    const problem = res.json() as {
      detail: string;
      errors: { path: string; message: string; code: string }[];
    };
    assert.equal(
      problem.detail,
      t("et", "kpiIntake.refused", { count: "2", path: "body.records.1.answeredAt" }),
    );
    assert.deepEqual(problem.errors, [
      {
        path: "body.records.1.answeredAt",
        message: t("et", "kpiUpload.row.beforeArrival"),
        code: "before_arrival",
      },
      {
        path: "body.records.1.serviceId",
        message: t("et", "kpiUpload.row.unknownService", { id: "kummitus" }),
        code: "unknown_service",
      },
    ]);
    const twice = await batch(
      [
        { ...ok, sourceId: "b3", abandonedAt: "2026-03-02T08:00:20Z" },
        { ...ok, sourceId: "b3", abandonedAt: "2026-03-02T08:00:30Z" },
      ],
      "et",
    );
    assert.equal(twice.statusCode, 400, twice.body);
    assert.deepEqual(twice.json().errors, [
      {
        path: "body.records.1.sourceId",
        message: t("et", "kpiUpload.row.repeatedRecord", { first: "body.records.0" }),
        code: "repeated_source_id",
      },
    ]);
    const english = await batch([{ ...ok, sourceId: "b4" }]);
    assert.equal(english.statusCode, 400, english.body);
    assert.deepEqual(english.json().errors, [
      {
        path: "body.records.0.answeredAt",
        message: "either answeredAt or abandonedAt is required",
        code: "answer_or_abandon",
      },
    ]);
    assert.equal(await stored(), 1, "only the file's r1");
  });
});
