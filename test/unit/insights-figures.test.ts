import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benchmarkCell, type TMemberCounts } from "../../src/modules/insights/benchmark/benchmark-figures.ts";
import {
  emptyCounts,
  figuresFromCounts,
  round1,
  type TCellCounts,
} from "../../src/modules/insights/figures.ts";

/** Counts with promoters on 10, passives on 8 and detractors on 0. */
function counts(promoters: number, passives: number, detractors: number, extra: Partial<TCellCounts> = {}) {
  const c = emptyCounts();
  c.r[10] = promoters;
  c.r[8] = passives;
  c.r[0] = detractors;
  return { ...c, ...extra };
}

describe("figuresFromCounts", () => {
  it("gives the worked example: 50 / 20 / 30 → NPS +20", () => {
    const f = figuresFromCounts(counts(50, 20, 30, { invitationsSent: 400, invitationAnswers: 100 }), 5);
    assert.equal(f.answers, 100);
    assert.equal(f.nps, 20);
    assert.deepEqual([f.promoterPct, f.passivePct, f.detractorPct], [50, 20, 30]);
    assert.equal(f.withheld, false);
    assert.equal(f.lowReliability, false);
    assert.equal(f.responseRate, 25);
    // adjusted Wald: n' = 103, p' = 50.75/103, d' = 30.75/103, centre 0.194175,
    // variance (81.5/103 − 0.194175²)/103 = (0.791262 − 0.037704)/103 = 0.0073161, sqrt 0.085534 × 1.96 = 0.167647
    assert.deepEqual(f.npsInterval, { low: 2.7, high: 36.2 });
  });

  it("withholds every score-derived figure below the minimum sample, never showing zeros", () => {
    const f = figuresFromCounts(counts(2, 1, 1, { invitationsSent: 10, invitationAnswers: 4 }), 5);
    assert.equal(f.answers, 4);
    assert.equal(f.withheld, true);
    assert.equal(f.lowReliability, false);
    for (const v of [f.nps, f.promoters, f.passives, f.detractors, f.promoterPct, f.npsInterval, f.scores])
      assert.equal(v, null);
    assert.equal(f.satisfaction.withheld, true);
    assert.equal(f.satisfaction.index, null);
    assert.equal(f.responseRate, 40);
  });

  it("flags low reliability from the minimum up to 29 answers, and follows the organisation's minimum", () => {
    assert.equal(figuresFromCounts(counts(5, 0, 0), 5).lowReliability, true);
    assert.equal(figuresFromCounts(counts(29, 0, 0), 5).lowReliability, true);
    assert.equal(figuresFromCounts(counts(30, 0, 0), 5).lowReliability, false);
    assert.equal(figuresFromCounts(counts(7, 0, 0), 10).withheld, true);
    assert.equal(figuresFromCounts(counts(100, 0, 0), 5).nps, 100);
    assert.equal(figuresFromCounts(counts(0, 0, 100), 5).nps, -100);
  });

  it("has no NPS and no response rate without answers or invitations", () => {
    const f = figuresFromCounts(emptyCounts(), 5);
    assert.equal(f.answers, 0);
    assert.equal(f.nps, null);
    assert.equal(f.responseRate, null);
  });

  it("scores satisfaction on its own answers", () => {
    const c = counts(10, 0, 0);
    c.s[9] = 3;
    c.s[2] = 3;
    const f = figuresFromCounts(c, 5);
    assert.equal(f.satisfaction.answers, 6);
    assert.equal(f.satisfaction.index, 0);
    assert.equal(f.satisfaction.lowReliability, true);
  });

  it("rounds halves away from zero", () => {
    assert.equal(round1(20.25), 20.3);
    assert.equal(round1(-20.25), -20.3);
    assert.equal(round1(33.3333), 33.3);
    assert.equal(round1(0), 0);
  });
});

describe("benchmarkCell", () => {
  const member = (orgId: string, c: TCellCounts, minSample = 5): TMemberCounts => ({
    orgId,
    minSample,
    counts: c,
  });

  it("pools the members' counts instead of averaging their NPS values", () => {
    // A: 90/0/10 of 100 (NPS +80); B: 1/0/9 of 10 (−80); C: 10/10/10 of 30 (0).
    // Mean of NPS values = 0; pooled = (101 − 29) / 140 × 100 = +51.4.
    const cell = benchmarkCell(
      [member("a", counts(90, 0, 10)), member("b", counts(1, 0, 9)), member("c", counts(10, 10, 10))],
      "b",
    );
    assert.equal(cell.network.nps, 51.4);
    assert.equal(cell.network.organisations, 3);
    assert.equal(cell.network.answers, 140);
    assert.deepEqual(
      { rank: cell.own.rank, of: cell.own.of, nps: cell.own.nps },
      { rank: 3, of: 3, nps: -80 },
    );
  });

  it("leaves out members under the minimum and withholds networks of fewer than three organisations", () => {
    const cell = benchmarkCell(
      [
        member("a", counts(9, 0, 1)),
        member("b", counts(2, 1, 1)),
        member("c", counts(5, 5, 0)),
        member("d", counts(6, 0, 0), 8),
      ],
      "b",
    );
    assert.equal(cell.network.organisations, 2);
    assert.equal(cell.network.withheld, true);
    assert.equal(cell.network.nps, null);
    assert.equal(cell.network.answers, null);
    assert.equal(cell.own.included, false);
    assert.equal(cell.own.withheld, true);
    assert.equal(cell.own.rank, null);
  });

  it("gives tied organisations the same rank", () => {
    const cell = benchmarkCell(
      [member("a", counts(8, 0, 2)), member("b", counts(8, 0, 2)), member("c", counts(1, 0, 9))],
      "b",
    );
    assert.equal(cell.own.rank, 1);
    assert.equal(
      benchmarkCell(
        [member("a", counts(8, 0, 2)), member("b", counts(8, 0, 2)), member("c", counts(1, 0, 9))],
        "c",
      ).own.rank,
      3,
    );
  });
});
