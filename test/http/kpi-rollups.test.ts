import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { unsafeVerifyKpiRollups } from "../../src/modules/kpi/verify-kpi-rollups.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

interface TRec {
  sourceId: string;
  kind: "call";
  queueId: string;
  arrivedAt: string;
  answeredAt?: string | null;
  abandonedAt?: string | null;
  serviceId?: string;
  employeeId?: string;
  callerReference?: string;
  resolvedAtFirstContact?: boolean;
}

const at = (iso: string, plusSeconds: number) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
let n = 0;
function answered(queueId: string, arrivedAt: string, wait: number, extra: Partial<TRec> = {}): TRec {
  n += 1;
  return {
    sourceId: `r${n}`,
    kind: "call",
    queueId,
    arrivedAt,
    answeredAt: at(arrivedAt, wait),
    serviceId: "s1",
    ...extra,
  };
}
function abandoned(queueId: string, arrivedAt: string, wait: number): TRec {
  n += 1;
  return {
    sourceId: `r${n}`,
    kind: "call",
    queueId,
    arrivedAt,
    abandonedAt: at(arrivedAt, wait),
    serviceId: "s1",
  };
}

// A fixed set: exactly 20 s, 20.001 s, short abandons at 4.999 s and exactly 5 s, the night the clocks go back
// (03:30 happens twice on 25 October 2026 in Tallinn), a call at 00:30 local time on 1 April (still 31 March in
// UTC), repeated callers for the derived first-contact resolution, flagged calls.
const RECORDS: TRec[] = [
  answered("q1", "2026-01-05T08:00:00Z", 20, { callerReference: "A", employeeId: "e1" }),
  answered("q1", "2026-01-09T08:00:00Z", 20.001, { callerReference: "A" }), // repeat of A within 7 days
  answered("q1", "2026-01-20T08:00:00Z", 5, { callerReference: "A" }), // 11 days later: A's second call resolved
  answered("q1", "2026-01-06T08:00:00Z", 300, { callerReference: "B", serviceId: "s2" }),
  answered("q1", "2026-01-07T08:00:00Z", 12, { callerReference: "B" }), // other service: no repeat
  answered("q2", "2026-01-07T09:00:00Z", 45, { resolvedAtFirstContact: false }),
  answered("q2", "2026-01-07T09:10:00Z", 2, { resolvedAtFirstContact: true }),
  abandoned("q1", "2026-01-08T10:00:00Z", 4.999),
  abandoned("q1", "2026-01-08T10:01:00Z", 5),
  abandoned("q2", "2026-01-08T10:02:00Z", 700),
  answered("q1", "2026-03-31T21:30:00Z", 10), // 1 April 00:30 in Tallinn
  answered("q1", "2026-10-25T00:30:00Z", 8), // 03:30 EEST
  answered("q1", "2026-10-25T01:30:00Z", 25), // 03:30 EET, the same civil day
  answered("q2", "2026-10-24T20:59:59Z", 100), // 23:59:59 EEST on the 24th
  ...Array.from({ length: 30 }, (_, i) =>
    answered("q2", `2026-02-${String(1 + (i % 27)).padStart(2, "0")}T10:00:00Z`, i * 7),
  ),
];

const tallinnMonth = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Tallinn", year: "numeric", month: "2-digit" }).format(
    new Date(iso),
  );

/** The test's own reading of the definitions in docs/kpi.md, straight from the records. */
function expectedCells(records: TRec[], threshold = 20, short = 5, window = 7) {
  const cells = new Map<string, TRec[]>();
  for (const r of records) {
    const key = `${tallinnMonth(r.arrivedAt)}|${r.queueId}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const waitOf = (r: TRec) =>
    (Date.parse((r.answeredAt ?? r.abandonedAt) as string) - Date.parse(r.arrivedAt)) / 1000;
  const resolved = (r: TRec): boolean | null => {
    if (r.resolvedAtFirstContact !== undefined) return r.resolvedAtFirstContact;
    if (!r.callerReference) return null;
    return !records.some(
      (o) =>
        o.callerReference === r.callerReference &&
        o.serviceId === r.serviceId &&
        Date.parse(o.arrivedAt) > Date.parse(r.arrivedAt) &&
        Date.parse(o.arrivedAt) <= Date.parse(r.arrivedAt) + window * 86_400_000,
    );
  };
  const result = new Map<string, Record<string, number | null>>();
  for (const [key, rs] of cells) {
    const counted = rs.filter((r) => r.answeredAt || waitOf(r) >= short);
    const ans = counted.filter((r) => r.answeredAt);
    const waits = counted.map(waitOf).sort((x, y) => x - y);
    const p90exact = waits.length ? waits[Math.ceil(0.9 * waits.length) - 1] : null;
    const bounds = [
      10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 86400,
    ];
    const fcr = ans.map(resolved).filter((v) => v !== null);
    result.set(key, {
      offered: counted.length,
      answered: ans.length,
      abandoned: counted.length - ans.length,
      shortAbandoned: rs.length - counted.length,
      serviceLevel: counted.length
        ? (ans.filter((r) => waitOf(r) <= threshold).length * 100) / counted.length
        : null,
      answerRate: counted.length ? (ans.length * 100) / counted.length : null,
      asa: ans.length ? Math.round((ans.reduce((s, r) => s + waitOf(r), 0) / ans.length) * 10) / 10 : null,
      averageWait: counted.length
        ? Math.round((waits.reduce((s, w) => s + w, 0) / counted.length) * 10) / 10
        : null,
      p90: p90exact === null ? null : (bounds.find((b) => p90exact <= b) ?? null),
      fcr: fcr.length ? (fcr.filter(Boolean).length * 100) / fcr.length : null,
    });
  }
  return result;
}

interface TRow {
  period: string;
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  serviceLevel: { value: number } | null;
  answerRate: { value: number } | null;
  firstContactResolution: { value: number } | null;
  averageSpeedOfAnswerSeconds: number | null;
  averageWaitSeconds: number | null;
  p90WaitSeconds: number | null;
}

describe("KPI rollups", () => {
  let ctx: TestContext;
  let a: KpiOrg;

  const compare = async (threshold = 20) => {
    const res = await a.call(
      "GET",
      "/api/v1/kpi?from=2026-01-01&to=2026-12-31&period=month&by=queue",
      a.owner,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().meta.source, "kpi_rollup_month");
    const rows = res.json().rows as TRow[];
    const expected = expectedCells(RECORDS, threshold);
    assert.deepEqual(rows.map((r) => `${r.period}|${r.key}`).sort(), [...expected.keys()].sort());
    for (const r of rows) {
      const e = expected.get(`${r.period}|${r.key}`);
      assert.deepEqual(
        {
          offered: r.offered,
          answered: r.answered,
          abandoned: r.abandoned,
          shortAbandoned: r.shortAbandoned,
          serviceLevel: r.serviceLevel?.value ?? null,
          answerRate: r.answerRate?.value ?? null,
          asa: r.averageSpeedOfAnswerSeconds,
          averageWait: r.averageWaitSeconds,
          p90: r.p90WaitSeconds,
          fcr: r.firstContactResolution?.value ?? null,
        },
        e,
        `${r.period} ${r.key}`,
      );
    }
    // The same cells summed from the daily rollup (a range that is not whole months).
    const daily = await a.call(
      "GET",
      "/api/v1/kpi?from=2026-01-01&to=2026-12-30&period=month&by=queue",
      a.owner,
    );
    assert.equal(daily.json().meta.source, "kpi_rollup_day");
    assert.deepEqual(daily.json().rows, rows);
  };

  it("loads the records out of order in three batches and every month × queue cell matches", async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx);
    const order = [...RECORDS].reverse();
    for (const part of [order.slice(0, 10), order.slice(10, 30), order.slice(30)]) {
      const res = await a.call("POST", "/api/v1/contact-records", a.owner, { records: part });
      assert.equal(res.statusCode, 200, res.body);
    }
    await compare();
    const v = await unsafeVerifyKpiRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(v.differences, []);
    assert.ok(v.cells.kpi_rollup_day > 10);
  });

  it("puts both 03:30 calls of the night the clocks go back on 25 October, and 00:30 on 1 April in April", async () => {
    const res = await a.call("GET", "/api/v1/kpi?from=2026-10-24&to=2026-10-25&period=day", a.owner);
    assert.deepEqual(
      res.json().rows.map((r: TRow) => [r.period, r.offered]),
      [
        ["2026-10-24", 1],
        ["2026-10-25", 2],
      ],
    );
    const april = await a.call("GET", "/api/v1/kpi?from=2026-04-01&to=2026-04-01&period=day", a.owner);
    assert.equal(april.json().rows[0].offered, 1);
    const week = await a.call("GET", "/api/v1/kpi?from=2026-10-19&to=2026-10-25&period=week", a.owner);
    assert.deepEqual(
      week.json().rows.map((r: TRow) => [r.period, r.offered]),
      [["2026-W43", 3]],
    );
  });

  it("shows each figure with its target and whether it is met", async () => {
    const res = await a.call(
      "GET",
      "/api/v1/kpi?from=2026-01-01&to=2026-01-31&period=month&by=queue&queueId=q1",
      a.owner,
    );
    const [row] = res.json().rows;
    // q1 in January: offered 6 (one 4.999 s abandon excluded), answered 5, within 20 s: 20 s, 5 s, 12 s → 50 %.
    assert.deepEqual(row.serviceLevel, { value: 50, target: 80, meetsTarget: false });
    assert.equal(row.answerRate.target, 90);
    assert.equal(row.firstContactResolution.target, 70);
    // The total over the range: the day × queue cells of January summed equal January's one month row.
    const byDay = await a.call(
      "GET",
      "/api/v1/kpi?from=2026-01-01&to=2026-01-31&period=day&by=queue",
      a.owner,
    );
    const month = await a.call("GET", "/api/v1/kpi?from=2026-01-01&to=2026-01-31&period=month", a.owner);
    assert.ok(byDay.json().rows.length > 2);
    const { period: _p, key: _k, ...whole } = month.json().rows[0];
    assert.deepEqual(byDay.json().total, whole);
    assert.deepEqual(month.json().total, whole);
    const none = await a.call("GET", "/api/v1/kpi?from=2025-01-01&to=2025-01-31", a.owner);
    assert.equal(none.json().total, null);
  });

  it("recounts after a threshold change, and verify-rollups finds a tampered cell", async () => {
    const s = await a.call("GET", "/api/v1/kpi/settings", a.owner);
    const put = await a.call("PUT", "/api/v1/kpi/settings", a.owner, {
      ...(s.json() as object),
      serviceLevelSeconds: 30,
    });
    assert.equal(put.statusCode, 200, put.body);
    await compare(30);
    assert.deepEqual((await unsafeVerifyKpiRollups(ctx.deps.db, a.orgId)).differences, []);
    await ctx.deps.db.execute(
      sql`update kpi_rollup_month set answered = answered + 1 where org_id = ${a.orgId} and queue_id = 'q2' and month = '2026-02-01'`,
    );
    const v = await unsafeVerifyKpiRollups(ctx.deps.db, a.orgId);
    assert.equal(v.differences.length, 1);
    assert.equal(v.differences[0].table, "kpi_rollup_month");
    assert.equal(v.differences[0].actual.answered - v.differences[0].expected.answered, 1);
  });

  it("needs kpi:read (401, 403 for an agent) and names a wrong query field", async () => {
    assert.equal((await a.call("GET", "/api/v1/kpi?from=2026-01-01&to=2026-01-31")).statusCode, 401);
    assert.equal(
      (await a.call("GET", "/api/v1/kpi?from=2026-01-01&to=2026-01-31", await a.as("agent"))).statusCode,
      403,
    );
    const viewer = await a.call("GET", "/api/v1/kpi?from=2026-01-01&to=2026-01-31", await a.as("viewer"));
    assert.equal(viewer.statusCode, 200);
    const bad = await a.call("GET", "/api/v1/kpi?from=2026-01-01&to=2026-01-31&period=year", a.owner);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.period");
  });

  it("exports the KPI table as CSV and XLSX with the query and figures of GET /kpi; 400, 401, 403, cross-tenant 404", async () => {
    const query = "from=2026-01-01&to=2026-01-31&period=month&by=queue";
    const json = (await a.call("GET", `/api/v1/kpi?${query}`, a.owner)).json();
    const csv = await a.call("GET", `/api/v1/exports/kpi.csv?${query}`, await a.as("viewer"));
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    const [header, ...rows] = lines;
    const col = (name: string) => header.indexOf(name);
    assert.deepEqual(header.slice(0, 4), ["row", "period", "key", "offered"]);
    assert.equal(rows.length, json.rows.length + 1);
    json.rows.forEach((r: TRow & { serviceLevel: { target: number; meetsTarget: boolean } }, i: number) => {
      assert.equal(rows[i][col("key")], r.key);
      assert.equal(Number(rows[i][col("offered")]), r.offered);
      assert.equal(Number(rows[i][col("serviceLevel")]), r.serviceLevel.value);
      assert.equal(Number(rows[i][col("serviceLevelTarget")]), r.serviceLevel.target);
      assert.equal(rows[i][col("serviceLevelMet")], String(r.serviceLevel.meetsTarget));
    });
    const total = rows[rows.length - 1];
    assert.equal(total[col("row")], "total");
    assert.equal(Number(total[col("offered")]), json.total.offered);
    const xlsx = await a.call("GET", `/api/v1/exports/kpi.xlsx?${query}`, a.owner);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), "PK");
    const bad = await a.call("GET", "/api/v1/exports/kpi.csv?from=2026-01-01&to=2026-01-31&by=team", a.owner);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.by");
    assert.equal((await a.call("GET", `/api/v1/exports/kpi.csv?${query}`)).statusCode, 401);
    assert.equal(
      (await a.call("GET", `/api/v1/exports/kpi.csv?${query}`, await a.as("agent"))).statusCode,
      403,
    );
    const b = await kpiOrg(ctx, "Amet B");
    await b.call("PUT", "/api/v1/kpi/queues/b-only", b.owner, { name: "B", kind: "call" });
    for (const path of ["/api/v1/exports/kpi.xlsx", "/api/v1/kpi"]) {
      const other = await a.call("GET", `${path}?${query}&queueId=b-only`, a.owner);
      assert.equal(other.statusCode, 404, path);
      assert.equal(other.json().errors[0].path, "querystring.queueId");
    }
    const ghost = await a.call("GET", `/api/v1/exports/kpi.csv?${query}&employeeId=ghost`, a.owner);
    assert.equal(ghost.json().errors[0].path, "querystring.employeeId");
  });
});
