import type { TVersionCriterion } from "./calibration-access.ts";
import type { TCalibrationScore } from "./calibration-contracts.ts";
import { fieldError } from "./problems.ts";

/** Checks scores against the version's criteria (known key, once, 0..max); returns them by key. */
export function checkScores(
  scores: TCalibrationScore[],
  criteria: TVersionCriterion[],
  prefix = "body.scores",
): Map<string, number | null> {
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const result = new Map<string, number | null>();
  scores.forEach((score, i) => {
    const criterion = byKey.get(score.criterionKey);
    if (!criterion)
      throw fieldError(`${prefix}[${i}].criterionKey`, {
        key: "problem.field.notCriterionOfVersion",
        values: { key: score.criterionKey },
      });
    if (result.has(score.criterionKey))
      throw fieldError(`${prefix}[${i}].criterionKey`, { key: "problem.field.scoredTwice" });
    if (score.value !== null && score.value > criterion.max)
      throw fieldError(`${prefix}[${i}].value`, {
        key: "problem.field.atMostGot",
        values: { max: String(criterion.max), value: String(score.value) },
      });
    result.set(score.criterionKey, score.value);
  });
  return result;
}

/** Fails naming the criteria that have no score (all must be scored to submit or to close). */
export function assertComplete(
  scored: Map<string, unknown>,
  criteria: TVersionCriterion[],
  path = "body.scores",
) {
  const missing = criteria.filter((c) => !scored.has(c.key)).map((c) => c.key);
  if (missing.length)
    throw fieldError(path, { key: "problem.field.missingScores", values: { keys: missing.join(", ") } });
}
