import { DomainError, type DomainProblem } from "./errors.ts";
import type { ScorecardModel } from "./scorecard-model.ts";
import { hasStoredPrecision, scorecardProblem, validateModel } from "./scorecard-model.ts";

/** A criterion's given score, or "na" when it did not apply to the contact. */
export type QualityScoreValue = number | "na";
export type QualityScores = Readonly<Record<string, QualityScoreValue>>;

export type QualityBand = "very_good" | "good" | "modest";

/** The lowest rounded total of each band; modest is everything below `goodFrom`. */
export interface QualityBands {
  veryGoodFrom: number;
  goodFrom: number;
}

/** SKA's bands: very good 81–100 %, good 61–80 %, modest 0–60 %. */
export const defaultQualityBands: QualityBands = { veryGoodFrom: 81, goodFrom: 61 };

export interface QualitySectionScore {
  key: string;
  /** The weight as defined in the model. */
  weight: number;
  /** The weight used: the model's weight, or 0 / scaled up when sections are wholly not applicable. */
  effectiveWeight: number;
  /** Sum of the applicable criteria's given scores and of their maxima. */
  given: number;
  max: number;
  /** given / max in %, or null when every criterion of the section was not applicable. */
  pct: number | null;
  /** pct × effectiveWeight / 100: the section's share of the total. */
  score: number;
}

export interface QualityEvaluationScore {
  sections: QualitySectionScore[];
  /** The total in %, unrounded (float noise below 1e-6 removed). */
  total: number;
  /** The total rounded half-up to a whole percent: the figure the band is read from. */
  rounded: number;
  band: QualityBand;
  /** Whether a critical criterion scored 0. */
  criticalFailed: boolean;
}

const clean = (value: number) => Math.round(value * 1e6) / 1e6;

/** Rounds half-up to a whole percent (80.5 → 81, 80.49 → 80), after removing float noise. */
export function roundPercentHalfUp(value: number): number {
  return Math.floor(clean(value) + 0.5);
}

/** The band of a rounded total under the organisation's thresholds. */
export function qualityBand(rounded: number, bands: QualityBands = defaultQualityBands): QualityBand {
  if (rounded >= bands.veryGoodFrom) return "very_good";
  if (rounded >= bands.goodFrom) return "good";
  return "modest";
}

/** Problems of a band setting: whole percents, 0 < good ≤ very good ≤ 100. */
export function validateBands(bands: QualityBands): DomainProblem[] {
  const problems: DomainProblem[] = [];
  for (const key of ["goodFrom", "veryGoodFrom"] as const) {
    const value = bands[key];
    if (!Number.isInteger(value) || value < 1 || value > 100)
      problems.push(scorecardProblem(`bands.${key}`, "band_range", "must be a whole percent from 1 to 100"));
  }
  if (problems.length === 0 && bands.goodFrom >= bands.veryGoodFrom)
    problems.push(scorecardProblem("bands.goodFrom", "band_order", "must be below veryGoodFrom"));
  return problems;
}

/** What is wrong with a model apart from its weight sum (a draft may be saved with weights still off). */
export function structureProblems(model: ScorecardModel): DomainProblem[] {
  return validateModel(model).filter((p) => p.code !== "weights_sum");
}

/**
 * Why a model cannot be activated. Besides validateModel's problems, a weight sum other than 100 % names every
 * section with its weight and the sum, so the owner sees which weight to correct (SKA's e-mail model: 95 %).
 */
export function activationProblems(model: ScorecardModel): DomainProblem[] {
  const problems = structureProblems(model);
  const hundredths = model.sections.reduce((sum, s) => sum + Math.round(s.weight * 100), 0);
  if (model.sections.length > 0 && hundredths !== 10_000) {
    const sum = String(hundredths / 100);
    const list = model.sections.map((s) => `${s.title} ${s.weight} %`).join(" + ");
    model.sections.forEach((s, i) => {
      const values = { title: s.title, weight: String(s.weight), list, sum };
      problems.push(
        scorecardProblem(
          `sections[${i}].weight`,
          "section_weights_sum",
          `${s.title}: ${s.weight} % (weights ${list} = ${sum} %, they must sum to 100 %)`,
          values,
        ),
      );
    });
  }
  return problems;
}

/** Checks the given scores against the model: known criteria, 0..max, "na" only where allowed. */
export function scoreProblems(model: ScorecardModel, scores: QualityScores): DomainProblem[] {
  const criteria = new Map(model.sections.flatMap((s) => s.criteria.map((c) => [c.key, c] as const)));
  const problems: DomainProblem[] = [];
  for (const [key, value] of Object.entries(scores)) {
    const criterion = criteria.get(key);
    if (!criterion)
      problems.push(scorecardProblem(key, "unknown_criterion", "no such criterion in this model version"));
    else if (value === "na") {
      if (!criterion.notApplicableAllowed)
        problems.push(
          scorecardProblem(
            key,
            "not_applicable_not_allowed",
            "this criterion cannot be marked not applicable",
          ),
        );
    } else if (!Number.isFinite(value) || value < 0 || value > criterion.max) {
      problems.push(
        scorecardProblem(key, "score_out_of_range", `score ${value} is outside 0–${criterion.max}`, {
          value: String(value),
          max: String(criterion.max),
        }),
      );
    } else if (!hasStoredPrecision(value)) {
      problems.push(
        scorecardProblem(key, "score_precision", `score ${value} has more than 4 decimals`, {
          value: String(value),
        }),
      );
    }
  }
  return problems;
}

/**
 * Scores an evaluation. A not-applicable criterion leaves both given and max of its section; a criterion without
 * a score counts as 0. A section whose criteria are all not applicable drops out and its weight is shared among
 * the other sections in proportion to their weights (effective weight = weight × 100 / sum of remaining weights).
 */
export function scoreQualityEvaluation(
  model: ScorecardModel,
  scores: QualityScores,
  bands: QualityBands = defaultQualityBands,
): QualityEvaluationScore {
  const problems = scoreProblems(model, scores);
  if (problems.length > 0) {
    const keys = problems.map((p) => p.path).join(", ");
    throw new DomainError("INVALID_SCORE", `invalid scores for: ${keys}`, problems);
  }
  let criticalFailed = false;
  const raw = model.sections.map((section) => {
    let given = 0;
    let max = 0;
    for (const c of section.criteria) {
      const value = Object.hasOwn(scores, c.key) ? scores[c.key] : 0;
      if (value === "na") continue;
      given += value;
      max += c.max;
      if (c.critical && value === 0) criticalFailed = true;
    }
    return { key: section.key, weight: section.weight, given: clean(given), max: clean(max) };
  });
  const applicableWeight = raw.reduce((sum, s) => sum + (s.max > 0 ? s.weight : 0), 0);
  if (applicableWeight === 0) {
    throw new DomainError("INVALID_SCORE", "every criterion is not applicable", [
      scorecardProblem("scores", "all_not_applicable", "at least one criterion must apply"),
    ]);
  }
  const totalWeight = raw.reduce((sum, s) => sum + s.weight, 0);
  const sections = raw.map((s) => {
    if (s.max === 0) return { ...s, effectiveWeight: 0, pct: null, score: 0 };
    const effectiveWeight = (s.weight * totalWeight) / applicableWeight;
    const pct = (s.given / s.max) * 100;
    return {
      ...s,
      effectiveWeight: clean(effectiveWeight),
      pct: clean(pct),
      score: (pct * effectiveWeight) / 100,
    };
  });
  const total = clean(sections.reduce((sum, s) => sum + s.score, 0));
  const rounded = roundPercentHalfUp(total);
  const band = criticalFailed && model.criticalCapsAtModest ? "modest" : qualityBand(rounded, bands);
  return {
    sections: sections.map((s) => ({ ...s, score: clean(s.score) })),
    total,
    rounded,
    band,
    criticalFailed,
  };
}
