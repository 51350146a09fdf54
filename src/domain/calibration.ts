/** Roles that follow every evaluator's calibration trend; anyone else sees only their own. */
const SEES_EVERY_TREND: readonly string[] = ["owner", "admin", "analyst", "quality_specialist"];

/** Whether a member with this role may read every evaluator's calibration trend (not only their own). */
export const seesEveryCalibrationTrend = (role: string) => SEES_EVERY_TREND.includes(role);

/** Scores one criterion received in a calibration session, keyed by evaluator id (null = not scored). */
export interface CalibrationCriterion {
  key: string;
  max: number;
  scores: Readonly<Record<string, number | null>>;
}

/** What the session page shows for one criterion. */
export interface CriterionSpread {
  key: string;
  /** The criterion's maximum score. */
  maxScore: number;
  values: Record<string, number>;
  min: number | null;
  max: number | null;
  spread: number | null;
  median: number | null;
  /** Each evaluator's score minus the session median, in score points (signed). */
  deviations: Record<string, number>;
}

/** Median of a list; the mean of the two middle values for an even count, null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const given = (scores: Readonly<Record<string, number | null>>) =>
  Object.entries(scores).filter((entry): entry is [string, number] => entry[1] !== null);

/** Values, min, max, spread (max − min), median and each evaluator's deviation from the median. */
export function criterionSpread(criterion: CalibrationCriterion): CriterionSpread {
  const entries = given(criterion.scores);
  const list = entries.map(([, value]) => value);
  const mid = median(list);
  const min = list.length > 0 ? Math.min(...list) : null;
  const top = list.length > 0 ? Math.max(...list) : null;
  return {
    key: criterion.key,
    maxScore: criterion.max,
    values: Object.fromEntries(entries),
    min,
    max: top,
    spread: min === null || top === null ? null : top - min,
    median: mid,
    deviations: Object.fromEntries(entries.map(([who, value]) => [who, value - (mid ?? value)])),
  };
}

/**
 * Mean absolute deviation per evaluator from a target per criterion, as a share of each criterion's
 * maximum (0 = identical, 1 = a full scale apart), so criteria with different maxima weigh alike.
 */
export function meanAbsoluteDeviation(
  criteria: readonly CalibrationCriterion[],
  target: (criterion: CalibrationCriterion) => number | null,
): Record<string, number> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const criterion of criteria) {
    const reference = target(criterion);
    if (reference === null) continue;
    for (const [who, value] of given(criterion.scores)) {
      const sum = sums.get(who) ?? { total: 0, count: 0 };
      sum.total += Math.abs(value - reference) / criterion.max;
      sum.count += 1;
      sums.set(who, sum);
    }
  }
  return Object.fromEntries([...sums].map(([who, { total, count }]) => [who, total / count]));
}

/** Mean absolute deviation per evaluator from the session median of each criterion. */
export function deviationFromMedian(criteria: readonly CalibrationCriterion[]): Record<string, number> {
  return meanAbsoluteDeviation(criteria, (criterion) => median(given(criterion.scores).map(([, v]) => v)));
}

/** Mean absolute deviation per evaluator from the agreed reference scores (criterion key → score). */
export function deviationFromReference(
  criteria: readonly CalibrationCriterion[],
  reference: Readonly<Record<string, number>>,
): Record<string, number> {
  return meanAbsoluteDeviation(criteria, (criterion) => reference[criterion.key] ?? null);
}

/** A closed session as the trend needs it. */
export interface ReferencedSession {
  sessionId: string;
  sessionDate: string;
  criteria: readonly CalibrationCriterion[];
  reference: Readonly<Record<string, number>>;
}

/** One point of an evaluator's trend. */
export interface TrendPoint {
  sessionId: string;
  sessionDate: string;
  meanAbsDeviationFromReference: number;
}

/** An evaluator's deviation from the reference over sessions, oldest first; sessions they did not score are left out. */
export function referenceTrend(evaluatorId: string, sessions: readonly ReferencedSession[]): TrendPoint[] {
  return sessions
    .flatMap((session) => {
      const deviation = deviationFromReference(session.criteria, session.reference)[evaluatorId];
      return deviation === undefined
        ? []
        : [
            {
              sessionId: session.sessionId,
              sessionDate: session.sessionDate,
              meanAbsDeviationFromReference: deviation,
            },
          ];
    })
    .sort((a, b) => a.sessionDate.localeCompare(b.sessionDate) || a.sessionId.localeCompare(b.sessionId));
}

/**
 * The reliability data matrix for Krippendorff's alpha: units = criteria, coders = evaluators,
 * values = score / max so criteria with different maxima are comparable.
 */
export function normalisedUnits(
  criteria: readonly CalibrationCriterion[],
  evaluators: readonly string[],
): (number | null)[][] {
  return criteria.map((criterion) =>
    evaluators.map((who) => {
      const value = criterion.scores[who];
      return value === null || value === undefined ? null : value / criterion.max;
    }),
  );
}
