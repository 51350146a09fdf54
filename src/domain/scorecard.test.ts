import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "./errors.ts";
import { scoreBand, scoreEvaluation } from "./scorecard.ts";
import { type ScorecardModel, validateModel } from "./scorecard-model.ts";
import { faceToFaceTemplate } from "./scorecard-templates/face-to-face.ts";

/** Two sections: A 40 % (max 1 + 5 = 6), B 60 % (max 0.5 + 1 = 1.5). */
const model: ScorecardModel = {
  key: "test",
  title: "Test",
  sections: [
    {
      key: "a",
      title: "A",
      weight: 40,
      criteria: [
        { key: "a1", text: "one", max: 1 },
        { key: "a2", text: "five", max: 5 },
      ],
    },
    {
      key: "b",
      title: "B",
      weight: 60,
      criteria: [
        { key: "b1", text: "half", max: 0.5 },
        { key: "b2", text: "one", max: 1 },
      ],
    },
  ],
};

/** One section of weight 100 and one criterion of max 100, so the given score is the total. */
const percentModel: ScorecardModel = {
  key: "pct",
  title: "Pct",
  sections: [{ key: "s", title: "S", weight: 100, criteria: [{ key: "c", text: "c", max: 100 }] }],
};

describe("validateModel", () => {
  it("accepts a well-formed model and weights that only sum to 100 in hundredths", () => {
    assert.deepEqual(validateModel(model), []);
    const thirds = {
      ...model,
      sections: [33.33, 33.33, 33.34].map((weight, i) => ({
        ...model.sections[0],
        key: `s${i}`,
        weight,
        criteria: [{ key: `c${i}`, text: "x", max: 1 }],
      })),
    };
    // 0.1 + 0.2 style float noise: 33.33 + 33.33 + 33.34 = 3333 + 3333 + 3334 hundredths = 10000
    assert.deepEqual(validateModel(thirds), []);
  });

  it("reports weights that do not sum to 100, empty sections, bad maxima and duplicate keys", () => {
    const broken: ScorecardModel = {
      key: "broken",
      title: "Broken",
      sections: [
        { key: "a", title: "A", weight: 50, criteria: [] },
        {
          key: "a",
          title: "B",
          weight: 45,
          criteria: [
            { key: "x", text: "x", max: 0.12345 },
            { key: "x", text: "y", max: 0 },
          ],
        },
      ],
    };
    const paths = validateModel(broken).map((p) => p.path);
    assert.deepEqual(paths.sort(), [
      "sections",
      "sections[0].criteria",
      "sections[1].criteria[0].max",
      "sections[1].criteria[1].key",
      "sections[1].criteria[1].max",
      "sections[1].key",
    ]);
    const weightProblem = validateModel(broken).find((p) => p.path === "sections");
    assert.equal(weightProblem?.message, "section weights sum to 95 %, they must sum to 100 %");
    assert.deepEqual(
      validateModel({ ...model, sections: [] }).map((p) => p.message),
      ["a model needs at least one section"],
    );
  });

  it("accepts any positive maximum with up to four decimals (0.3, 2.7, 7.25, 0.0001, 1000)", () => {
    for (const max of [0.3, 2.7, 7.25, 0.0001, 1000, 0.1 + 0.2]) {
      const one: ScorecardModel = {
        key: "one",
        title: "One",
        sections: [{ key: "a", title: "A", weight: 100, criteria: [{ key: "a.1", text: "t", max }] }],
      };
      assert.deepEqual(validateModel(one), [], String(max));
    }
  });
});

describe("scoreBand", () => {
  it("bands the total rounded to 2 decimals: ≥ 81 very good, ≥ 61 good, else modest", () => {
    assert.equal(scoreBand(100), "very_good");
    assert.equal(scoreBand(81), "very_good");
    assert.equal(scoreBand(80.995), "very_good"); // rounds to 81.00
    assert.equal(scoreBand(80.99), "good");
    assert.equal(scoreBand(80.5), "good");
    assert.equal(scoreBand(61), "good");
    assert.equal(scoreBand(60.99), "modest");
    assert.equal(scoreBand(0), "modest");
  });
});

describe("scoreEvaluation", () => {
  it("scores each section as sum(given) / sum(max) × weight", () => {
    // A: (1 + 2) / 6 × 40 = 20; B: (0.5 + 0) / 1.5 × 60 = 20; total 40 → modest
    const result = scoreEvaluation(model, { a1: 1, a2: 2, b1: 0.5, b2: 0 });
    assert.deepEqual(
      result.sections.map((s) => [s.key, s.given, s.max, s.score]),
      [
        ["a", 3, 6, 20],
        ["b", 0.5, 1.5, 20],
      ],
    );
    assert.equal(result.total, 40);
    assert.equal(result.band, "modest");
  });

  it("counts a criterion left out as 0", () => {
    // A: 5 / 6 × 40 = 33.333…; B: 1.5 / 1.5 × 60 = 60; total 93.33 → very good
    const result = scoreEvaluation(model, { a2: 5, b1: 0.5, b2: 1 });
    assert.equal(result.total, 93.33);
    assert.equal(result.band, "very_good");
  });

  it("bands the boundary totals 60.99, 61, 80.99 and 81", () => {
    assert.equal(scoreEvaluation(percentModel, { c: 60.99 }).band, "modest");
    assert.equal(scoreEvaluation(percentModel, { c: 61 }).band, "good");
    assert.equal(scoreEvaluation(percentModel, { c: 80.99 }).band, "good");
    assert.equal(scoreEvaluation(percentModel, { c: 81 }).band, "very_good");
  });

  it("scores the SKA face-to-face template", () => {
    // contact and communication at max: 15 + 25 = 40
    // counselling 5 + 5 + 0 + 1 + 1 + 1 + 1 + 0.5 = 14.5 of 19.5 → 14.5 / 19.5 × 50 = 37.179487
    // closing 1 + 1 + 1 + 0 = 3 of 3.5 → 3 / 3.5 × 10 = 8.571429; total 85.750916 → 85.75, very good
    const given: Record<string, number> = {};
    for (const section of faceToFaceTemplate.sections) for (const c of section.criteria) given[c.key] = c.max;
    given["counselling.3"] = 0;
    given["closing.4"] = 0;
    const result = scoreEvaluation(faceToFaceTemplate, given);
    assert.equal(result.total, 85.75);
    assert.equal(result.band, "very_good");
  });

  it("throws a typed error listing every out-of-range or unknown criterion", () => {
    assert.throws(
      () => scoreEvaluation(model, { a1: 1.5, a2: -1, b1: 0.5, zz: 1 }),
      (error: unknown) =>
        error instanceof DomainError &&
        error.code === "INVALID_SCORE" &&
        error.message === "invalid scores for: a1, a2, zz" &&
        error.problems[0].message === "score 1.5 is outside 0–1",
    );
  });

  it("refuses to score with an invalid model", () => {
    const ninetyFive = { ...model, sections: [{ ...model.sections[0], weight: 35 }, model.sections[1]] };
    assert.throws(
      () => scoreEvaluation(ninetyFive, {}),
      (error: unknown) => error instanceof DomainError && error.code === "INVALID_MODEL",
    );
  });
});
