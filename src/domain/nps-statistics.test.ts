import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  npsChangeSignificant,
  npsConfidenceInterval,
  reliability,
  shareConfidenceInterval,
} from "./nps-statistics.ts";

/** Counts with promoters on 10, passives on 8 and detractors on 0. */
function groups(promoters: number, passives: number, detractors: number): number[] {
  const result = new Array<number>(11).fill(0);
  result[10] = promoters;
  result[8] = passives;
  result[0] = detractors;
  return result;
}

function near(actual: number, expected: number, tolerance = 0.01): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

describe("npsConfidenceInterval (adjusted Wald)", () => {
  it("is wide at n = 10 (5 / 3 / 2)", () => {
    // n' = 13, p' = 5.75/13 = 0.442308, d' = 2.75/13 = 0.211538, p' − d' = 3/13 = 0.230769
    // item variance = 8.5/13 − (3/13)² = 0.653846 − 0.053254 = 0.600592; / 13 = 0.046199
    // sqrt = 0.214940; × 1.96 = 0.421283 → [0.230769 − 0.421283, 0.230769 + 0.421283] = [−0.190514, 0.652052]
    const interval = npsConfidenceInterval(groups(5, 3, 2));
    assert.ok(interval);
    near(interval.low, -19.05);
    near(interval.high, 65.21);
    assert.equal(interval.method, "adjusted-wald");
  });

  it("is narrow at n = 10,000 (5000 / 2000 / 3000)", () => {
    // n' = 10003, p' = 5000.75/10003 = 0.4999250, d' = 3000.75/10003 = 0.2999850, p' − d' = 2000/10003 = 0.1999400
    // item variance = 8001.5/10003 − 0.1999400² = 0.7999100 − 0.0399760 = 0.7599340; / 10003 = 0.0000759706
    // sqrt = 0.0087161; × 1.96 = 0.0170836 → [0.1828564, 0.2170236]
    const interval = npsConfidenceInterval(groups(5000, 2000, 3000));
    assert.ok(interval);
    near(interval.low, 18.29);
    near(interval.high, 21.7);
  });

  it("clips to −100..+100 and is null without answers", () => {
    // 2 promoters: n' = 5, p' = 2.75/5 = 0.55, d' = 0.75/5 = 0.15, centre 0.4
    // variance = (0.7 − 0.16)/5 = 0.108, sqrt 0.328634, × 1.96 = 0.644123 → [−0.244123, 1.044123] → high clipped
    const twoPromoters = npsConfidenceInterval(groups(2, 0, 0));
    assert.ok(twoPromoters);
    near(twoPromoters.low, -24.41);
    assert.equal(twoPromoters.high, 100);
    // the mirror image, 2 detractors: [−1.044123, 0.244123] → low clipped
    const twoDetractors = npsConfidenceInterval(groups(0, 0, 2));
    assert.ok(twoDetractors);
    assert.equal(twoDetractors.low, -100);
    near(twoDetractors.high, 24.41);
    assert.equal(npsConfidenceInterval(groups(0, 0, 0)), null);
  });
});

describe("shareConfidenceInterval (adjusted Wald for a proportion)", () => {
  it("8 of 10: 47.94–95.41 %", () => {
    // z² = 3.8416, n' = 13.8416, p' = 9.9208 / 13.8416 = 0.716738, margin = 1.96 · √(p'(1 − p') / n') = 0.237376
    const i = shareConfidenceInterval(8, 10);
    assert.ok(i);
    near(i.low, 47.94);
    near(i.high, 95.41);
  });

  it("0 of 5 is clipped at 0 % and still has width; no denominator gives none", () => {
    // p' = 1.9208 / 8.8416 = 0.217246, margin = 0.271818 → −5.46 % clipped to 0, 48.91 %
    const i = shareConfidenceInterval(0, 5);
    assert.ok(i);
    assert.equal(i.low, 0);
    near(i.high, 48.91);
    assert.equal(shareConfidenceInterval(0, 0), null);
  });
});

describe("reliability", () => {
  it("withholds below the minimum sample and flags small samples", () => {
    assert.equal(reliability(0), "withheld");
    assert.equal(reliability(4), "withheld");
    assert.equal(reliability(5), "low");
    assert.equal(reliability(29), "low");
    assert.equal(reliability(30), "ok");
    assert.equal(reliability(9, 10), "withheld");
  });
});

describe("npsChangeSignificant", () => {
  it("flags +20 → +60 on 100 answers each as significant", () => {
    // A 50/20/30: var = 0.5 + 0.3 − 0.2² = 0.76. B 70/20/10: var = 0.7 + 0.1 − 0.6² = 0.44
    // se = sqrt(0.76/100 + 0.44/100) = sqrt(0.012) = 0.1095445 → 10.95445 points; z = 40 / 10.95445 = 3.6515
    const change = npsChangeSignificant(groups(50, 20, 30), groups(70, 20, 10));
    assert.ok(change);
    near(change.diff, 40, 1e-9);
    near(change.z, 3.6515, 0.0001);
    assert.equal(change.significant, true);
  });

  it("treats +20 → +30 on 100 answers each as noise", () => {
    // B 55/20/25: var = 0.8 − 0.3² = 0.71; se = sqrt(0.0076 + 0.0071) = sqrt(0.0147) = 0.1212436
    // z = 10 / 12.12436 = 0.8248
    const change = npsChangeSignificant(groups(50, 20, 30), groups(55, 20, 25));
    assert.ok(change);
    near(change.diff, 10, 1e-9);
    near(change.z, 0.8248, 0.0001);
    assert.equal(change.significant, false);
  });

  it("is two-sided: a drop of the same size is significant too", () => {
    const change = npsChangeSignificant(groups(70, 20, 10), groups(50, 20, 30));
    assert.ok(change);
    near(change.z, -3.6515, 0.0001);
    assert.equal(change.significant, true);
  });

  it("handles zero variance and empty periods", () => {
    // all promoters before and after: diff 0, se 0 → z 0
    assert.deepEqual(npsChangeSignificant(groups(5, 0, 0), groups(8, 0, 0)), {
      diff: 0,
      z: 0,
      significant: false,
    });
    // all promoters → all detractors: diff −200, se 0 → z −Infinity
    const flip = npsChangeSignificant(groups(5, 0, 0), groups(0, 0, 5));
    assert.deepEqual(flip, { diff: -200, z: Number.NEGATIVE_INFINITY, significant: true });
    assert.equal(npsChangeSignificant(groups(0, 0, 0), groups(1, 0, 0)), null);
  });
});
