import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addMonths,
  comparisonPeriod,
  currentPeriod,
  parseDashboardFilters,
  summaryQuery,
} from "../../web/src/lib/reports.ts";

describe("dashboard periods and their comparison", () => {
  it("“last 12 months” is the month so far and the 11 before it, compared with the 12 months before those", () => {
    const f = parseDashboardFilters({});
    const p = currentPeriod(f, "2026-12-05");
    assert.deepEqual(p, { from: "2026-01-01", to: "2026-12-06" });
    const c = comparisonPeriod(f, p);
    assert.deepEqual(
      c,
      { from: "2025-01-01", to: "2026-01-01" },
      "12 whole months, ending where the period starts",
    );
    assert.deepEqual(comparisonPeriod(parseDashboardFilters({ period: "12m" }), p), c);
  });

  it("across a year end and in January", () => {
    const f = parseDashboardFilters({ period: "12m" });
    const p = currentPeriod(f, "2027-01-31");
    assert.deepEqual(p, { from: "2026-02-01", to: "2027-02-01" });
    assert.deepEqual(comparisonPeriod(f, p), { from: "2025-02-01", to: "2026-02-01" });
  });

  it("other periods compare with the equally long period just before", () => {
    const f = parseDashboardFilters({ period: "30d" });
    const p = currentPeriod(f, "2026-03-10");
    assert.deepEqual(p, { from: "2026-02-09", to: "2026-03-11" });
    assert.deepEqual(comparisonPeriod(f, p), { from: "2026-01-10", to: "2026-02-09" });
    const custom = parseDashboardFilters({ from: "2026-05-01", to: "2026-05-31" });
    assert.deepEqual(comparisonPeriod(custom, currentPeriod(custom)), {
      from: "2026-03-31",
      to: "2026-05-01",
    });
  });

  it("moves dates by whole months", () => {
    assert.equal(addMonths("2026-03-01", -12), "2025-03-01");
    assert.equal(addMonths("2026-01-01", -1), "2025-12-01");
  });

  it("the audience filter is read from the address and sent to the API; unknown values are dropped", () => {
    const f = parseDashboardFilters({ audience: "internal" });
    assert.equal(f.audience, "internal");
    assert.equal(parseDashboardFilters({ audience: "martians" }).audience, undefined);
    const q = new URLSearchParams(summaryQuery(f, { from: "2026-01-01", to: "2026-02-01" }, "service", "et"));
    assert.equal(q.get("audience"), "internal");
  });
});
