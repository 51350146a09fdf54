import { DomainError, type DomainProblem } from "./errors.ts";
import { type ScorecardModel, scorecardProblem, validateModel } from "./scorecard-model.ts";

/** Given scores keyed by criterion key; a criterion left out counts as 0, as on SKA's blank sheet. */
export type GivenScores = Readonly<Record<string, number>>;

export type ScoreBand = "very_good" | "good" | "modest";

export interface SectionScore {
  key: string;
  weight: number;
  given: number;
  max: number;
  /** given / max × weight, unrounded. */
  score: number;
}

export interface EvaluationScore {
  sections: SectionScore[];
  /** Sum of section scores in %, rounded to 2 decimals: the figure the band is read from. */
  total: number;
  band: ScoreBand;
}

/** Rounds half away from zero to 2 decimals, absorbing float noise such as 80.99999999999999. */
export function roundTo2(value: number): number {
  return (Math.sign(value) * Math.round((Math.abs(value) + Number.EPSILON) * 100)) / 100;
}

/** SKA bands read from the total rounded to 2 decimals: ≥ 81 very good, ≥ 61 good, else modest (80.99 is good). */
export function scoreBand(totalPct: number): ScoreBand {
  const total = roundTo2(totalPct);
  if (total >= 81) return "very_good";
  if (total >= 61) return "good";
  return "modest";
}

/** Scores one evaluation: per section sum(given) / sum(max) × weight, total in %, and its band. */
export function scoreEvaluation(model: ScorecardModel, given: GivenScores): EvaluationScore {
  const modelProblems = validateModel(model);
  if (modelProblems.length > 0) {
    throw new DomainError("INVALID_MODEL", `model "${model.key}" is not valid`, modelProblems);
  }
  const criteria = new Map(
    model.sections.flatMap((section) => section.criteria.map((c) => [c.key, c] as const)),
  );
  const problems: DomainProblem[] = [];
  for (const [key, value] of Object.entries(given)) {
    const criterion = criteria.get(key);
    if (!criterion)
      problems.push(scorecardProblem(key, "unknown_criterion", "no such criterion in this model"));
    else if (!Number.isFinite(value) || value < 0 || value > criterion.max) {
      problems.push(
        scorecardProblem(key, "score_out_of_range", `score ${value} is outside 0–${criterion.max}`, {
          value: String(value),
          max: String(criterion.max),
        }),
      );
    }
  }
  if (problems.length > 0) {
    const keys = problems.map((p) => p.path).join(", ");
    throw new DomainError("INVALID_SCORE", `invalid scores for: ${keys}`, problems);
  }
  const sections = model.sections.map((section) => {
    const max = section.criteria.reduce((sum, c) => sum + c.max, 0);
    const sum = section.criteria.reduce(
      (total, c) => total + (Object.hasOwn(given, c.key) ? given[c.key] : 0),
      0,
    );
    return { key: section.key, weight: section.weight, given: sum, max, score: (sum / max) * section.weight };
  });
  const total = roundTo2(sections.reduce((sum, section) => sum + section.score, 0));
  return { sections, total, band: scoreBand(total) };
}
