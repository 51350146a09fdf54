import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { unsafeVerifyKpiRollups } from "../../src/modules/kpi/verify-kpi-rollups.ts";
import { startTestApp } from "../helpers/app.ts";
import { kpiOrg } from "./kpi-fixtures.ts";

const rec = (sourceId: string, arrivedAt: string) => ({
  sourceId,
  kind: "call",
  queueId: "q1",
  arrivedAt,
  answeredAt: new Date(Date.parse(arrivedAt) + 10_000).toISOString(),
  serviceId: "s1",
  callerReference: `caller-${sourceId}`,
  recordingReference: `rec://${sourceId}`,
});

describe("retention of recordings and caller hashes", () => {
  it("clears references older than the period at the job's clock, keeps newer ones and the KPIs", async () => {
    const ctx = await startTestApp();
    const a = await kpiOrg(ctx);
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [
        rec("old", "2026-01-10T10:00:00Z"),
        rec("edge", "2026-06-15T10:00:00Z"),
        rec("new", "2026-07-01T10:00:00Z"),
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const job = jobDefinitions({ clock: () => new Date("2026-12-20T03:00:00Z"), orgId: a.orgId }).find(
      (j) => j.name === "purge-contact-details",
    );
    assert.ok(job?.cron, "the retention job is scheduled");
    const first = (await job.handler(ctx.deps, {})) as { cleared: number };
    // Six months before 20 December: 20 June. "old" and "edge" (15 June) go, "new" (1 July) stays.
    assert.equal(first.cleared, 2);
    const rows = await ctx.deps.db.execute(
      sql`select source_id, caller_hash is null as no_hash, recording_ref is null as no_ref from contact_record where org_id = ${a.orgId} order by source_id`,
    );
    assert.deepEqual(
      rows.rows.map((r) => [r.source_id, r.no_hash, r.no_ref]),
      [
        ["edge", true, true],
        ["new", false, false],
        ["old", true, true],
      ],
    );
    assert.equal(((await job.handler(ctx.deps, {})) as { cleared: number }).cleared, 0);
    assert.deepEqual((await unsafeVerifyKpiRollups(ctx.deps.db, a.orgId)).differences, []);
  });
});
