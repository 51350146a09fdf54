import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "./errors.ts";
import {
  activationProblems,
  qualityBand,
  type QualityScores,
  roundPercentHalfUp,
  scoreQualityEvaluation,
} from "./quality-score.ts";
import type { ScorecardModel } from "./scorecard-model.ts";
import { emailTemplate } from "./scorecard-templates/email.ts";
import { faceToFaceTemplate } from "./scorecard-templates/face-to-face.ts";
import { phoneTemplate } from "./scorecard-templates/phone.ts";
import { selfServiceTemplate } from "./scorecard-templates/self-service.ts";

/** Scores that give each section the listed sum: criteria filled at their maximum in order, the rest partial, then 0. */
function sums(model: ScorecardModel, perSection: number[]): QualityScores {
  const scores: Record<string, number> = {};
  model.sections.forEach((section, i) => {
    let left = perSection[i];
    for (const c of section.criteria) {
      const value = Math.min(c.max, left);
      scores[c.key] = value;
      left -= value;
    }
    assert.equal(left, 0, `section ${section.key} cannot reach ${perSection[i]}`);
  });
  return scores;
}

const allMax = (model: ScorecardModel) =>
  Object.fromEntries(model.sections.flatMap((s) => s.criteria.map((c) => [c.key, c.max])));

/** The e-mail model as its owner would correct it: opening 10 → 15 %, so 15/45/25/15 = 100 %. */
const emailCorrected: ScorecardModel = structuredClone(emailTemplate);
emailCorrected.sections[0].weight = 15;

describe("roundPercentHalfUp and qualityBand", () => {
  it("rounds half-up to a whole percent before banding", () => {
    assert.equal(roundPercentHalfUp(80.5), 81);
    assert.equal(roundPercentHalfUp(80.49), 80);
    assert.equal(roundPercentHalfUp(60.5), 61);
    assert.equal(roundPercentHalfUp(80.49999999999999), 81); // float noise of a true 80.5
    assert.equal(qualityBand(81), "very_good");
    assert.equal(qualityBand(80), "good");
    assert.equal(qualityBand(61), "good");
    assert.equal(qualityBand(60), "modest");
    assert.equal(qualityBand(85, { veryGoodFrom: 90, goodFrom: 70 }), "good");
    assert.equal(qualityBand(69, { veryGoodFrom: 90, goodFrom: 70 }), "modest");
  });
});

describe("scoreQualityEvaluation per SKA model", () => {
  for (const model of [faceToFaceTemplate, phoneTemplate, selfServiceTemplate, emailCorrected]) {
    it(`${model.key}: all maxima give 100 %, very good`, () => {
      const result = scoreQualityEvaluation(model, allMax(model));
      assert.equal(result.total, 100);
      assert.equal(result.rounded, 100);
      assert.equal(result.band, "very_good");
      assert.ok(result.sections.every((s) => s.pct === 100 && s.effectiveWeight === s.weight));
    });
  }

  it("face-to-face: 80.499 → 80 good, 80.50006 → 81 very good; 60.499 → 60 modest, 60.5003 → 61 good", () => {
    // 4.5/5.5×15 + 8.5/9×25 + 13.5/19.5×50 + 3.5/3.5×10 = 12.272727 + 23.611111 + 34.615385 + 10 = 80.499223
    let r = scoreQualityEvaluation(faceToFaceTemplate, sums(faceToFaceTemplate, [4.5, 8.5, 13.5, 3.5]));
    assert.equal(r.total, 80.499223);
    assert.deepEqual([r.rounded, r.band], [80, "good"]);
    // 4/5.5×15 + 7/9×25 + 19/19.5×50 + 0.5/3.5×10 = 10.909091 + 19.444444 + 48.717949 + 1.428571 = 80.500056
    r = scoreQualityEvaluation(faceToFaceTemplate, sums(faceToFaceTemplate, [4, 7, 19, 0.5]));
    assert.equal(r.total, 80.500056);
    assert.deepEqual([r.rounded, r.band], [81, "very_good"]);
    // 1/5.5×15 + 5/9×25 + 16/19.5×50 + 1/3.5×10 = 2.727273 + 13.888889 + 41.025641 + 2.857143 = 60.498945
    r = scoreQualityEvaluation(faceToFaceTemplate, sums(faceToFaceTemplate, [1, 5, 16, 1]));
    assert.equal(r.total, 60.498945);
    assert.deepEqual([r.rounded, r.band], [60, "modest"]);
    // 2/5.5×15 + 7.5/9×25 + 10/19.5×50 + 3/3.5×10 = 5.454545 + 20.833333 + 25.641026 + 8.571429 = 60.500333
    r = scoreQualityEvaluation(faceToFaceTemplate, sums(faceToFaceTemplate, [2, 7.5, 10, 3]));
    assert.equal(r.total, 60.500333);
    assert.deepEqual([r.rounded, r.band], [61, "good"]);
  });

  it("phone: exactly 80.5 → 81 very good and exactly 60.5 → 61 good", () => {
    // 5/5×30 + 4.5/5×20 + 6.5/10×50 = 30 + 18 + 32.5 = 80.5
    let r = scoreQualityEvaluation(phoneTemplate, sums(phoneTemplate, [5, 4.5, 6.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [80.5, 81, "very_good"]);
    // 30 + 18 + 2.5/10×50 = 60.5
    r = scoreQualityEvaluation(phoneTemplate, sums(phoneTemplate, [5, 4.5, 2.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [60.5, 61, "good"]);
    // 30 + 4/5×20 + 2.5/10×50 = 30 + 16 + 12.5 = 58.5 → 59 modest
    r = scoreQualityEvaluation(phoneTemplate, sums(phoneTemplate, [5, 4, 2.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [58.5, 59, "modest"]);
  });

  it("self-service: 80.476 → 80 good, 80.558 → 81 very good; 60.476 → 60 modest, 60.5008 → 61 good", () => {
    // 15 + 45 + 5.5/7.5×25 + 0.5/3.5×15 = 15 + 45 + 18.333333 + 2.142857 = 80.47619
    let r = scoreQualityEvaluation(selfServiceTemplate, sums(selfServiceTemplate, [3, 14.5, 5.5, 0.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [80.47619, 80, "good"]);
    // 15 + 10/14.5×45 + 6.5/7.5×25 + 3/3.5×15 = 15 + 31.034483 + 21.666667 + 12.857143 = 80.558292
    r = scoreQualityEvaluation(selfServiceTemplate, sums(selfServiceTemplate, [3, 10, 6.5, 3]));
    assert.deepEqual([r.total, r.rounded, r.band], [80.558292, 81, "very_good"]);
    // 2/3×15 + 45 + 1/7.5×25 + 0.5/3.5×15 = 10 + 45 + 3.333333 + 2.142857 = 60.47619
    r = scoreQualityEvaluation(selfServiceTemplate, sums(selfServiceTemplate, [2, 14.5, 1, 0.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [60.47619, 60, "modest"]);
    // 15 + 3/14.5×45 + 7/7.5×25 + 3/3.5×15 = 15 + 9.310345 + 23.333333 + 12.857143 = 60.500821
    r = scoreQualityEvaluation(selfServiceTemplate, sums(selfServiceTemplate, [3, 3, 7, 3]));
    assert.deepEqual([r.total, r.rounded, r.band], [60.500821, 61, "good"]);
  });

  it("e-mail (corrected to 15/45/25/15): 80.476 → 80, 80.503 → 81; 60.499 → 60, 60.5008 → 61", () => {
    // 15 + 45 + 18.333333 + 2.142857 = 80.47619
    let r = scoreQualityEvaluation(emailCorrected, sums(emailCorrected, [2, 14.5, 5.5, 0.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [80.47619, 80, "good"]);
    // 1.5/2×15 + 10.5/14.5×45 + 6.5/7.5×25 + 15 = 11.25 + 32.586207 + 21.666667 + 15 = 80.502874
    r = scoreQualityEvaluation(emailCorrected, sums(emailCorrected, [1.5, 10.5, 6.5, 3.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [80.502874, 81, "very_good"]);
    // 0.5/2×15 + 10/14.5×45 + 4.5/7.5×25 + 2.5/3.5×15 = 3.75 + 31.034483 + 15 + 10.714286 = 60.498768
    r = scoreQualityEvaluation(emailCorrected, sums(emailCorrected, [0.5, 10, 4.5, 2.5]));
    assert.deepEqual([r.total, r.rounded, r.band], [60.498768, 60, "modest"]);
    // 15 + 9.310345 + 23.333333 + 12.857143 = 60.500821
    r = scoreQualityEvaluation(emailCorrected, sums(emailCorrected, [2, 3, 7, 3]));
    assert.deepEqual([r.total, r.rounded, r.band], [60.500821, 61, "good"]);
  });

  it("the published e-mail model is refused on activation naming every section and the 95 % sum", () => {
    const problems = activationProblems(emailTemplate);
    assert.deepEqual(
      problems.map((p) => p.path),
      ["sections[0].weight", "sections[1].weight", "sections[2].weight", "sections[3].weight"],
    );
    assert.match(problems[0].message, /^E-kirja alustamine: 10 %/);
    assert.match(problems[1].message, /^E-kirja sisu ja vormistamine: 45 %/);
    assert.match(problems[2].message, /^E-kirja kirjastiil: 25 %/);
    assert.match(problems[3].message, /^E-kirja lõpetamine: 15 %/);
    for (const p of problems) assert.match(p.message, /= 95 %/);
    assert.deepEqual(activationProblems(emailCorrected), []);
    assert.deepEqual(activationProblems(faceToFaceTemplate), []);
  });

  it("face-to-face: a not-applicable criterion leaves given and max of its section", () => {
    const model: ScorecardModel = structuredClone(faceToFaceTemplate);
    model.sections[0].criteria[2].notApplicableAllowed = true; // max 0.5
    const scores: Record<string, number | "na"> = allMax(model);
    scores[model.sections[0].criteria[2].key] = "na";
    scores[model.sections[0].criteria[0].key] = 0; // contact: 4 of the applicable 5
    const r = scoreQualityEvaluation(model, scores);
    // contact 4/5 × 15 = 12; the rest at maximum: 25 + 50 + 10 = 85; total 97
    assert.deepEqual(r.sections[0], {
      key: "contact",
      weight: 15,
      effectiveWeight: 15,
      given: 4,
      max: 5,
      pct: 80,
      score: 12,
    });
    assert.deepEqual([r.total, r.rounded, r.band], [97, 97, "very_good"]);
    // "na" where the model does not allow it
    assert.throws(
      () => scoreQualityEvaluation(model, { [model.sections[1].criteria[0].key]: "na" }),
      (e: unknown) => e instanceof DomainError && e.problems[0].path === model.sections[1].criteria[0].key,
    );
  });
});

/** A 40 %: a1 (max 1, may be n/a), a2 (max 1, may be n/a); B 60 %: b1 (max 2, critical), b2 (max 2). */
const small: ScorecardModel = {
  key: "small",
  title: "Small",
  criticalCapsAtModest: true,
  sections: [
    {
      key: "a",
      title: "A",
      weight: 40,
      criteria: [
        { key: "a1", text: "a1", max: 1, notApplicableAllowed: true },
        { key: "a2", text: "a2", max: 1, notApplicableAllowed: true },
      ],
    },
    {
      key: "b",
      title: "B",
      weight: 60,
      criteria: [
        { key: "b1", text: "b1", max: 2, critical: true },
        { key: "b2", text: "b2", max: 2 },
      ],
    },
  ],
};

describe("scoreQualityEvaluation rules", () => {
  it("a wholly not-applicable section gives its weight to the others in proportion", () => {
    // A drops out; B's effective weight is 60 × 100 / 60 = 100; B = 3/4 = 75 % → total 75
    const r = scoreQualityEvaluation(small, { a1: "na", a2: "na", b1: 1, b2: 2 });
    assert.equal(r.sections[0].pct, null);
    assert.equal(r.sections[0].effectiveWeight, 0);
    assert.equal(r.sections[1].effectiveWeight, 100);
    assert.deepEqual([r.total, r.rounded, r.band], [75, 75, "good"]);
  });

  it("a critical 0 caps the band at modest when the model says so, and only then", () => {
    // A 2/2 × 40 = 40; B 2/4 × 60 = 30; total 70 → good, but b1 = 0 is critical
    const scores = { a1: 1, a2: 1, b1: 0, b2: 2 };
    const capped = scoreQualityEvaluation(small, scores);
    assert.deepEqual(
      [capped.total, capped.rounded, capped.band, capped.criticalFailed],
      [70, 70, "modest", true],
    );
    const free = scoreQualityEvaluation({ ...small, criticalCapsAtModest: false }, scores);
    assert.deepEqual([free.band, free.criticalFailed], ["good", true]);
  });

  it("reads bands from the organisation's thresholds", () => {
    const r = scoreQualityEvaluation(
      small,
      { a1: 1, a2: 1, b1: 2, b2: 1 },
      { veryGoodFrom: 90, goodFrom: 80 },
    );
    // 40 + 3/4 × 60 = 85 → good under 90/80
    assert.deepEqual([r.rounded, r.band], [85, "good"]);
  });

  it("refuses a score above the maximum, below 0 and a criterion of another model", () => {
    assert.throws(
      () => scoreQualityEvaluation(small, { b1: 2.5, b2: -1, x9: 1 }),
      (e: unknown) =>
        e instanceof DomainError &&
        e.code === "INVALID_SCORE" &&
        e.problems.map((p) => p.path).join() === "b1,b2,x9",
    );
    assert.throws(
      () => scoreQualityEvaluation(small, { a1: "na", a2: "na", b1: "na" as never }),
      DomainError,
    );
  });
});

describe("scoreQualityEvaluation with maxima that are not half steps", () => {
  const odd: ScorecardModel = {
    key: "odd",
    title: "Odd maxima",
    sections: [
      {
        key: "a",
        title: "A",
        weight: 60,
        criteria: [
          { key: "a.1", text: "t", max: 0.3 },
          { key: "a.2", text: "t", max: 2.7 },
        ],
      },
      { key: "b", title: "B", weight: 40, criteria: [{ key: "b.1", text: "t", max: 7.25 }] },
    ],
  };

  it("scores over the given maxima: a (0.3 + 0.9) / 3 × 60 = 24, b 7.25 / 7.25 × 40 = 40, total 64 → good", () => {
    const result = scoreQualityEvaluation(odd, { "a.1": 0.3, "a.2": 0.9, "b.1": 7.25 });
    assert.deepEqual(
      result.sections.map((s) => [s.key, s.given, s.max, s.pct]),
      [
        ["a", 1.2, 3, 40],
        ["b", 7.25, 7.25, 100],
      ],
    );
    assert.deepEqual([result.total, result.rounded, result.band], [64, 64, "good"]);
  });

  it("refuses a score above 0.3 and a score with a fifth decimal", () => {
    assert.throws(
      () => scoreQualityEvaluation(odd, { "a.1": 0.31 }),
      (e: unknown) => e instanceof DomainError && e.problems[0].message === "score 0.31 is outside 0–0.3",
    );
    assert.throws(
      () => scoreQualityEvaluation(odd, { "b.1": 1.23456 }),
      (e: unknown) =>
        e instanceof DomainError && e.problems[0].message === "score 1.23456 has more than 4 decimals",
    );
  });
});
