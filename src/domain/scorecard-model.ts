import type { DomainProblem } from "./errors.ts";

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
    problems.push({ path: "sections", message: "a model needs at least one section" });
  const sectionKeys = new Set<string>();
  const criterionKeys = new Set<string>();
  model.sections.forEach((section, s) => {
    const at = `sections[${s}]`;
    if (sectionKeys.has(section.key))
      problems.push({ path: `${at}.key`, message: `duplicate section key "${section.key}"` });
    sectionKeys.add(section.key);
    if (!Number.isFinite(section.weight) || section.weight <= 0) {
      problems.push({ path: `${at}.weight`, message: "weight must be a positive percentage" });
    }
    if (section.criteria.length === 0)
      problems.push({ path: `${at}.criteria`, message: "a section needs at least one criterion" });
    section.criteria.forEach((criterion, c) => {
      const cat = `${at}.criteria[${c}]`;
      if (criterionKeys.has(criterion.key))
        problems.push({ path: `${cat}.key`, message: `duplicate criterion key "${criterion.key}"` });
      criterionKeys.add(criterion.key);
      if (!Number.isFinite(criterion.max) || criterion.max <= 0 || !hasStoredPrecision(criterion.max)) {
        problems.push({
          path: `${cat}.max`,
          message: `max must be a positive number with at most 4 decimals, got ${criterion.max}`,
        });
      }
    });
  });
  // Integer hundredths, so 33.33 + 33.33 + 33.34 is exactly 100 and float noise cannot fail a correct model.
  const hundredths = model.sections.reduce((sum, section) => sum + Math.round(section.weight * 100), 0);
  if (model.sections.length > 0 && hundredths !== 10_000) {
    problems.push({
      path: "sections",
      message: `section weights sum to ${hundredths / 100} %, they must sum to 100 %`,
    });
  }
  return problems;
}
