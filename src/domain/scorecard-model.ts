import type { DomainProblem } from "./errors.ts";

/** The stable codes of what can be wrong with a scorecard model, its band settings or the scores given. */
export const SCORECARD_PROBLEM_CODES = [
  "no_sections",
  "duplicate_section_key",
  "weight_not_positive",
  "no_criteria",
  "duplicate_criterion_key",
  "max_invalid",
  "weights_sum",
  "section_weights_sum",
  "band_range",
  "band_order",
  "unknown_criterion",
  "not_applicable_not_allowed",
  "score_out_of_range",
  "score_precision",
  "all_not_applicable",
] as const;
export type TScorecardProblemCode = (typeof SCORECARD_PROBLEM_CODES)[number];

/** A problem of a scorecard rule: the English text, its stable code, and the values the text names. */
export function scorecardProblem(
  path: string,
  code: TScorecardProblemCode,
  message: string,
  values?: Record<string, string>,
): DomainProblem {
  return { path, message, code, ...(values ? { values } : {}) };
}

/**
 * One thing the evaluator checks; scored 0..max. The maximum is any positive number (SKA uses 0.5, 1 or 5)
 * with at most four decimals, the precision scores are stored with.
 */
export interface ScorecardCriterion {
  key: string;
  text: string;
  max: number;
  /** Whether the evaluator may mark it "not applicable" (it then leaves both given and max of its section). */
  notApplicableAllowed?: boolean;
  /** A 0 on a critical criterion caps the band at modest when the model's `criticalCapsAtModest` is on. */
  critical?: boolean;
}

/** A weighted group of criteria; `weight` is a percentage of the total. */
export interface ScorecardSection {
  key: string;
  title: string;
  weight: number;
  criteria: ScorecardCriterion[];
}

/** A channel's evaluation model (face-to-face, phone, e-mail, self-service …). */
export interface ScorecardModel {
  key: string;
  title: string;
  sections: ScorecardSection[];
  /** Whether a 0 on any critical criterion caps the band at modest. */
  criticalCapsAtModest?: boolean;
}

/** At most four decimals (scores are stored as numeric(9, 4)); float noise such as 0.1 + 0.2 is absorbed. */
export const hasStoredPrecision = (value: number) =>
  Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-6;

/** Lists everything wrong with a model; an empty list means it can be used for evaluations. */
export function validateModel(model: ScorecardModel): DomainProblem[] {
  const problems: DomainProblem[] = [];
  if (model.sections.length === 0)
    problems.push(scorecardProblem("sections", "no_sections", "a model needs at least one section"));
  const sectionKeys = new Set<string>();
  const criterionKeys = new Set<string>();
  model.sections.forEach((section, s) => {
    const at = `sections[${s}]`;
    if (sectionKeys.has(section.key))
      problems.push(
        scorecardProblem(`${at}.key`, "duplicate_section_key", `duplicate section key "${section.key}"`, {
          key: section.key,
        }),
      );
    sectionKeys.add(section.key);
    if (!Number.isFinite(section.weight) || section.weight <= 0) {
      problems.push(
        scorecardProblem(`${at}.weight`, "weight_not_positive", "weight must be a positive percentage"),
      );
    }
    if (section.criteria.length === 0)
      problems.push(
        scorecardProblem(`${at}.criteria`, "no_criteria", "a section needs at least one criterion"),
      );
    section.criteria.forEach((criterion, c) => {
      const cat = `${at}.criteria[${c}]`;
      if (criterionKeys.has(criterion.key))
        problems.push(
          scorecardProblem(
            `${cat}.key`,
            "duplicate_criterion_key",
            `duplicate criterion key "${criterion.key}"`,
            {
              key: criterion.key,
            },
          ),
        );
      criterionKeys.add(criterion.key);
      if (!Number.isFinite(criterion.max) || criterion.max <= 0 || !hasStoredPrecision(criterion.max)) {
        problems.push(
          scorecardProblem(
            `${cat}.max`,
            "max_invalid",
            `max must be a positive number with at most 4 decimals, got ${criterion.max}`,
            { max: String(criterion.max) },
          ),
        );
      }
    });
  });
  // Integer hundredths, so 33.33 + 33.33 + 33.34 is exactly 100 and float noise cannot fail a correct model.
  const hundredths = model.sections.reduce((sum, section) => sum + Math.round(section.weight * 100), 0);
  if (model.sections.length > 0 && hundredths !== 10_000) {
    const sum = String(hundredths / 100);
    problems.push(
      scorecardProblem("sections", "weights_sum", `section weights sum to ${sum} %, they must sum to 100 %`, {
        sum,
      }),
    );
  }
  return problems;
}
