import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type CalibrationCriterion,
  criterionSpread,
  deviationFromMedian,
  deviationFromReference,
  median,
  normalisedUnits,
  referenceTrend,
} from "./calibration.ts";

// Three evaluators, two criteria: "greeting" (max 1) and "content" (max 5).
const criteria: CalibrationCriterion[] = [
  { key: "greeting", max: 1, scores: { ann: 1, ben: 0.5, cid: 1 } },
  { key: "content", max: 5, scores: { ann: 4, ben: 2, cid: 5 } },
];

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });
});

describe("criterionSpread", () => {
  it("gives min, max, spread, median and signed deviations from the median", () => {
    assert.deepEqual(criterionSpread(criteria[1]), {
      key: "content",
      maxScore: 5,
      values: { ann: 4, ben: 2, cid: 5 },
      min: 2,
      max: 5,
      spread: 3,
      median: 4,
      deviations: { ann: 0, ben: -2, cid: 1 },
    });
  });

  it("leaves out evaluators without a score and is empty without scores", () => {
    const spread = criterionSpread({ key: "x", max: 1, scores: { ann: 0.5, ben: null } });
    assert.deepEqual(spread.values, { ann: 0.5 });
    assert.equal(spread.spread, 0);
    const none = criterionSpread({ key: "x", max: 1, scores: { ann: null } });
    assert.equal(none.median, null);
    assert.equal(none.spread, null);
  });
});

describe("deviationFromMedian", () => {
  it("is the mean absolute deviation as a share of each criterion's maximum", () => {
    // greeting: median 1 → ann 0, ben 0.5/1, cid 0; content: median 4 → ann 0, ben 2/5, cid 1/5.
    const result = deviationFromMedian(criteria);
    assert.equal(result.ann, 0);
    assert.equal(result.ben, (0.5 + 0.4) / 2);
    assert.equal(result.cid, (0 + 0.2) / 2);
  });
});

describe("deviationFromReference", () => {
  it("compares with the agreed reference scores", () => {
    // reference greeting 1, content 3: ann (0 + 1/5)/2 = 0.1, ben (0.5 + 1/5)/2 = 0.35, cid (0 + 2/5)/2 = 0.2
    const result = deviationFromReference(criteria, { greeting: 1, content: 3 });
    assert.deepEqual(result, { ann: 0.1, ben: 0.35, cid: 0.2 });
  });
});

describe("referenceTrend", () => {
  it("lists the evaluator's sessions oldest first, skipping sessions they did not score", () => {
    const trend = referenceTrend("ben", [
      { sessionId: "s2", sessionDate: "2026-03-01", criteria, reference: { greeting: 1, content: 3 } },
      { sessionId: "s1", sessionDate: "2026-01-15", criteria, reference: { greeting: 0.5, content: 2 } },
      {
        sessionId: "s3",
        sessionDate: "2026-02-01",
        criteria: [{ key: "greeting", max: 1, scores: { ann: 1 } }],
        reference: { greeting: 1 },
      },
    ]);
    assert.deepEqual(trend, [
      { sessionId: "s1", sessionDate: "2026-01-15", meanAbsDeviationFromReference: 0 },
      { sessionId: "s2", sessionDate: "2026-03-01", meanAbsDeviationFromReference: 0.35 },
    ]);
  });
});

describe("normalisedUnits", () => {
  it("divides each score by its criterion's maximum, null where an evaluator did not score", () => {
    assert.deepEqual(normalisedUnits(criteria, ["ann", "ben", "cid", "dan"]), [
      [1, 0.5, 1, null],
      [0.8, 0.4, 1, null],
    ]);
  });
});
