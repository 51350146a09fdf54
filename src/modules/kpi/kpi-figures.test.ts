import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkContactRecord } from "./check-contact-record.ts";
import { kpiFigures, p90FromBuckets } from "./kpi-figures.ts";
import { KPI_COUNT_COLUMNS, WAIT_BUCKETS } from "./schema.ts";
import { SKA_TARGETS } from "./contracts.ts";

const buckets = (counts: Record<number, number>) => WAIT_BUCKETS.map((_, i) => counts[i] ?? 0);

describe("p90FromBuckets", () => {
  it("takes the bucket of rank ⌈0.9 n⌉", () => {
    // 10 waits: 9 in ≤ 10 s, 1 in (20, 30]: rank 9 is in the first bucket.
    assert.equal(p90FromBuckets(buckets({ 0: 9, 2: 1 })), 10);
    // 10 waits: 8 in ≤ 10 s, 2 in (20, 30]: rank 9 is in the third bucket.
    assert.equal(p90FromBuckets(buckets({ 0: 8, 2: 2 })), 30);
    assert.equal(p90FromBuckets(buckets({ 17: 1 })), 86_400);
    assert.equal(p90FromBuckets(buckets({})), null);
  });
});

describe("kpiFigures", () => {
  it("computes service level, answer rate, ASA and FCR from counts, with targets", () => {
    const c = Object.fromEntries(KPI_COUNT_COLUMNS.map((k) => [k, 0])) as Parameters<typeof kpiFigures>[0];
    Object.assign(c, {
      offered: 10,
      answered: 9,
      abandoned: 1,
      answered_within: 8,
      answer_wait_ms: 90_000,
      wait_ms: 120_000,
      fcr_measured: 4,
      fcr_resolved: 3,
      w0: 10,
    });
    const f = kpiFigures(c, SKA_TARGETS, "call");
    assert.deepEqual(f.serviceLevel, { value: 80, target: 80, meetsTarget: true });
    assert.deepEqual(f.answerRate, { value: 90, target: 90, meetsTarget: true });
    assert.deepEqual(f.firstContactResolution, { value: 75, target: 70, meetsTarget: true });
    assert.equal(f.averageSpeedOfAnswerSeconds, 10);
    assert.equal(f.averageWaitSeconds, 12);
    assert.equal(f.officeWait, null);
    // An office with an average wait of 31 minutes misses the ≤ 30 min target.
    const office = kpiFigures({ ...c, wait_ms: 10 * 31 * 60_000 }, SKA_TARGETS, "office_visit");
    assert.deepEqual(office.officeWait, { value: 31, target: 30, meetsTarget: false });
  });
});

describe("checkContactRecord", () => {
  const known = { queues: new Set(["q"]), employees: new Set(["e"]), services: new Set<string>() };
  const base = { sourceId: "1", kind: "call" as const, queueId: "q", arrivedAt: "2026-03-29T00:30:00Z" };
  it("accepts an answer at arrival and a talk of exactly 24 hours", () => {
    const ok = { ...base, answeredAt: base.arrivedAt, endedAt: "2026-03-30T00:30:00Z" };
    assert.deepEqual(checkContactRecord(ok, known, "r"), []);
  });
  it("names each wrong field", () => {
    const paths = (r: object) => checkContactRecord({ ...base, ...r }, known, "r").map((e) => e.path);
    assert.deepEqual(paths({}), ["r.answeredAt"]);
    assert.deepEqual(paths({ answeredAt: "2026-03-29T00:29:59Z" }), ["r.answeredAt"]);
    assert.deepEqual(paths({ abandonedAt: "2026-03-30T00:30:01Z" }), ["r.abandonedAt"]);
    assert.deepEqual(paths({ answeredAt: base.arrivedAt, abandonedAt: base.arrivedAt }), ["r.abandonedAt"]);
    assert.deepEqual(paths({ abandonedAt: base.arrivedAt, resolvedAtFirstContact: true }), [
      "r.resolvedAtFirstContact",
    ]);
    assert.deepEqual(paths({ answeredAt: base.arrivedAt, serviceId: "s", employeeId: "x", queueId: "z" }), [
      "r.queueId",
      "r.employeeId",
      "r.serviceId",
    ]);
  });
});
