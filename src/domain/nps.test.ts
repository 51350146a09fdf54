import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "./errors.ts";
import { countScores, npsFromCounts, satisfactionIndex, scoreGroup } from "./nps.ts";

/** Builds an 11-slot count array from { score: count }. */
function counts(byScore: Record<number, number>): number[] {
  const result = new Array<number>(11).fill(0);
  for (const [score, count] of Object.entries(byScore)) result[Number(score)] = count;
  return result;
}

describe("scoreGroup", () => {
  it("uses the fixed cut-offs 0–6 / 7–8 / 9–10", () => {
    assert.equal(scoreGroup(0), "detractor");
    assert.equal(scoreGroup(6), "detractor");
    assert.equal(scoreGroup(7), "passive");
    assert.equal(scoreGroup(8), "passive");
    assert.equal(scoreGroup(9), "promoter");
    assert.equal(scoreGroup(10), "promoter");
  });

  it("rejects scores outside 0–10 and fractions", () => {
    for (const bad of [-1, 11, 7.5, Number.NaN]) assert.throws(() => scoreGroup(bad), DomainError);
  });
});

describe("npsFromCounts", () => {
  it("reproduces the report's worked example: 50 promoters, 20 passives, 30 detractors → +20", () => {
    // (50 − 30) / (50 + 20 + 30) × 100 = 20 / 100 × 100 = 20
    const result = npsFromCounts(counts({ 10: 30, 9: 20, 8: 15, 7: 5, 6: 10, 3: 10, 0: 10 }));
    assert.deepEqual(result, {
      answers: 100,
      promoters: 50,
      passives: 20,
      detractors: 30,
      promoterPct: 50,
      passivePct: 20,
      detractorPct: 30,
      nps: 20,
    });
  });

  it("counts passives in the denominator", () => {
    // 1 promoter, 2 passives, 1 detractor: (1 − 1) / 4 = 0; 2 promoters, 2 passives: 2 / 4 × 100 = 50
    assert.equal(npsFromCounts(counts({ 10: 1, 7: 2, 0: 1 })).nps, 0);
    assert.equal(npsFromCounts(counts({ 9: 2, 8: 2 })).nps, 50);
  });

  it("is +100 for all promoters and −100 for all detractors", () => {
    assert.equal(npsFromCounts(counts({ 9: 3, 10: 4 })).nps, 100); // (7 − 0) / 7 × 100
    assert.equal(npsFromCounts(counts({ 0: 2, 6: 5 })).nps, -100); // (0 − 7) / 7 × 100
  });

  it("is null, not 0, when nobody answered", () => {
    const result = npsFromCounts(counts({}));
    assert.equal(result.answers, 0);
    assert.equal(result.nps, null);
    assert.equal(result.promoterPct, null);
  });

  it("rejects malformed count arrays", () => {
    assert.throws(() => npsFromCounts([1, 2, 3]), DomainError);
    assert.throws(() => npsFromCounts(counts({ 5: -1 })), DomainError);
    assert.throws(() => npsFromCounts(counts({ 5: 1.5 })), DomainError);
  });
});

describe("countScores and satisfactionIndex", () => {
  it("tallies raw scores and scores the satisfaction index with the same formula", () => {
    const tally = countScores([10, 10, 9, 8, 3]);
    assert.deepEqual(tally, counts({ 10: 2, 9: 1, 8: 1, 3: 1 }));
    // (3 − 1) / 5 × 100 = 40
    assert.equal(satisfactionIndex(tally).nps, 40);
  });
});
