import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { count, sql } from "drizzle-orm";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { inOrg } from "../../src/db/scope.ts";
import { contactRecord } from "../../src/modules/kpi/schema.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

const rec = (sourceId: string, extra: Record<string, unknown> = {}) => ({
  sourceId,
  kind: "call",
  queueId: "q1",
  arrivedAt: "2026-03-02T08:00:00.000Z",
  answeredAt: "2026-03-02T08:00:15.000Z",
  endedAt: "2026-03-02T08:05:00.000Z",
  employeeId: "e1",
  serviceId: "s1",
  callerReference: "+372 5555 1234",
  recordingReference: "rec://1",
  ...extra,
});

describe("contact records API", () => {
  let ctx: TestContext;
  let a: KpiOrg;
  let b: KpiOrg;
  const stored = async (org: KpiOrg) =>
    (await ctx.deps.db.select({ n: count() }).from(contactRecord).where(inOrg(contactRecord, org.orgId)))[0]
      .n;

  it("sets up two organisations", async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx, "Amet A");
    b = await kpiOrg(ctx, "Amet B");
  });

  it("takes in records once, stores the caller only as a keyed hash, and repeats are unchanged", async () => {
    const body = {
      records: [
        rec("c1"),
        rec("c2", { sourceId: "c2", answeredAt: null, abandonedAt: "2026-03-02T08:00:30Z" }),
      ],
    };
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, body);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { received: 2, created: 2, unchanged: 0 });
    const again = await a.call("POST", "/api/v1/contact-records", a.owner, body);
    assert.deepEqual(again.json(), { received: 2, created: 0, unchanged: 2 });
    assert.equal(await stored(a), 2);
    const rows = await ctx.deps.db.execute(
      sql`select caller_hash, department_id from contact_record where org_id = ${a.orgId} order by source_id`,
    );
    const hash = rows.rows[0].caller_hash as string;
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(rows.rows[0].department_id, "d1");
    const raw = await ctx.deps.db.execute(
      sql`select count(*)::int as n from contact_record where org_id = ${a.orgId} and (caller_hash like '%5555%' or content_hash like '%5555%')`,
    );
    assert.equal(raw.rows[0].n, 0);
    // The same caller in another organisation hashes differently (per-organisation secret).
    await b.call("POST", "/api/v1/contact-records", b.owner, { records: [rec("c1")] });
    const other = await ctx.deps.db.execute(
      sql`select caller_hash from contact_record where org_id = ${b.orgId}`,
    );
    assert.notEqual(other.rows[0].caller_hash, hash);
  });

  it("refuses wrong times, durations over 24 h and unknown ids, naming record and field, writing nothing", async () => {
    const before = await stored(a);
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [
        rec("ok-1"),
        rec("bad-1", { answeredAt: "2026-03-02T07:59:59Z" }),
        rec("bad-2", { endedAt: "2026-03-02T08:00:10Z" }),
        rec("bad-3", { answeredAt: "2026-03-03T08:00:01Z", endedAt: null }),
        rec("bad-4", { queueId: "nope", employeeId: "ghost" }),
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { path: string }) => e.path),
      [
        "body.records.1.answeredAt",
        "body.records.2.endedAt",
        "body.records.3.answeredAt",
        "body.records.4.queueId",
        "body.records.4.employeeId",
      ],
    );
    assert.equal(await stored(a), before);
  });

  it("refuses a known source id with different content (409) and a clash inside one batch (400)", async () => {
    const before = await stored(a);
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [rec("new-1"), rec("c1", { answeredAt: "2026-03-02T08:00:16Z" })],
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().errors[0].path, "body.records.1.sourceId");
    const clash = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [rec("x"), rec("x", { employeeId: "e2" })],
    });
    assert.equal(clash.statusCode, 400);
    assert.equal(clash.json().errors[0].path, "body.records.1.sourceId");
    assert.equal(await stored(a), before);
  });

  it("refuses unknown fields and batches over 10,000 records", async () => {
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [{ ...rec("u"), colour: "red" }],
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().errors[0].path, /^body\.records\.0/);
    const big = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: Array.from({ length: 10_001 }, (_, i) => ({ ...rec(`b${i}`), recordingReference: undefined })),
    });
    assert.equal(big.statusCode, 400);
    assert.equal(big.json().errors[0].path, "body.records");
  });

  it("needs kpi:write: 401 without credentials, 403 for a viewer and a key without the scope; a kpi:write key works", async () => {
    const body = { records: [rec("k1")] };
    assert.equal((await a.call("POST", "/api/v1/contact-records", undefined, body)).statusCode, 401);
    assert.equal(
      (await a.call("POST", "/api/v1/contact-records", await a.as("viewer"), body)).statusCode,
      403,
    );
    assert.equal(
      (await a.call("POST", "/api/v1/contact-records", await a.as("analyst"), body)).statusCode,
      403,
    );
    const weak = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "r", scopes: ["reports:read"] });
    assert.equal(
      (await a.call("POST", "/api/v1/contact-records", { bearer: weak.key }, body)).statusCode,
      403,
    );
    const key = await createApiKey(ctx.deps.db, { orgId: a.orgId, name: "w", scopes: ["kpi:write"] });
    const ok = await a.call("POST", "/api/v1/contact-records", { bearer: key.key }, body);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(
      (await a.call("GET", "/api/v1/kpi?from=2026-03-01&to=2026-03-31", { bearer: key.key })).statusCode,
      200,
    );
  });

  it("keeps organisations apart: another organisation's queue is unknown, its figures unseen, its queue ids not found", async () => {
    await ctx.deps.db.execute(
      sql`insert into kpi_queue (org_id, id, name, kind) values (${b.orgId}, 'b-only', 'B', 'call')`,
    );
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [rec("bq", { queueId: "b-only" })],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "body.records.0.queueId");
    const queues = await a.call("GET", "/api/v1/kpi/queues", a.owner);
    assert.ok(!queues.json().items.some((q: { id: string }) => q.id === "b-only"));
    const kpis = await b.call("GET", "/api/v1/kpi?from=2026-03-01&to=2026-03-31&by=queue", b.owner);
    assert.deepEqual(
      kpis.json().rows.map((r: { offered: number }) => r.offered),
      [1],
    );
  });

  it("manages queues and settings with kpi:manage only", async () => {
    const put = await a.call("PUT", "/api/v1/kpi/queues/q9", a.owner, { name: "Uus", kind: "chat" });
    assert.equal(put.statusCode, 200, put.body);
    const bad = await a.call("PUT", "/api/v1/kpi/queues/q9", a.owner, { name: "Uus", kind: "fax" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "body.kind");
    assert.equal(
      (await a.call("PUT", "/api/v1/kpi/queues/q9", await a.as("manager"), { name: "x", kind: "chat" }))
        .statusCode,
      403,
    );
    assert.equal((await a.call("GET", "/api/v1/kpi/queues")).statusCode, 401);
    const settings = await a.call("GET", "/api/v1/kpi/settings", await a.as("viewer"));
    assert.equal(settings.json().serviceLevelSeconds, 20);
    assert.equal(settings.json().shortAbandonSeconds, 5);
    assert.equal(settings.json().targets.serviceLevel, 80);
    assert.equal(
      (await a.call("PUT", "/api/v1/kpi/settings", await a.as("viewer"), settings.json())).statusCode,
      403,
    );
    const wrong = await a.call("PUT", "/api/v1/kpi/settings", a.owner, {
      ...(settings.json() as object),
      fcrWindowDays: 0,
    });
    assert.equal(wrong.json().errors[0].path, "body.fcrWindowDays");
  });
});
