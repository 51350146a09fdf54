import { assertCount, DomainError } from "./errors.ts";

/** NPS answer groups. Labels are configurable per organisation (SKA: Positiivne/Neutraalne/Arendav), cut-offs are not. */
export type ScoreGroup = "promoter" | "passive" | "detractor";

/** Eleven counts, index = score 0..10. */
export type ScoreCounts = readonly number[];

export interface NpsResult {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Percentages 0–100, unrounded; null when there are no answers. */
  promoterPct: number | null;
  passivePct: number | null;
  detractorPct: number | null;
  /** −100..+100, unrounded; null (not 0) when there are no answers. */
  nps: number | null;
}

/** Maps a 0–10 score to its group: promoter 9–10, passive 7–8, detractor 0–6. */
export function scoreGroup(score: number): ScoreGroup {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new DomainError("INVALID_INPUT", `score must be a whole number 0–10, got ${score}`, [
      { path: "score", message: "must be a whole number 0–10" },
    ]);
  }
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

/** Tallies raw 0–10 scores into the eleven-slot count array the other functions take. */
export function countScores(scores: readonly number[]): number[] {
  const counts = new Array<number>(11).fill(0);
  for (const score of scores) {
    scoreGroup(score);
    counts[score] += 1;
  }
  return counts;
}

/** Checks the shape of a count array: exactly 11 whole numbers ≥ 0. */
export function assertScoreCounts(counts: ScoreCounts): void {
  if (counts.length !== 11) {
    throw new DomainError("INVALID_INPUT", `expected 11 counts (scores 0–10), got ${counts.length}`, [
      { path: "counts", message: "must have 11 entries" },
    ]);
  }
  counts.forEach((count, score) => {
    assertCount(count, `counts[${score}]`);
  });
}

/** Computes NPS = (promoters − detractors) / answers × 100 from counts per score; passives stay in the denominator. */
export function npsFromCounts(counts: ScoreCounts): NpsResult {
  assertScoreCounts(counts);
  const sum = (from: number, to: number) => counts.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const detractors = sum(0, 6);
  const passives = sum(7, 8);
  const promoters = sum(9, 10);
  const answers = promoters + passives + detractors;
  const pct = (part: number) => (answers === 0 ? null : (part * 100) / answers);
  return {
    answers,
    promoters,
    passives,
    detractors,
    promoterPct: pct(promoters),
    passivePct: pct(passives),
    detractorPct: pct(detractors),
    nps: answers === 0 ? null : ((promoters - detractors) * 100) / answers,
  };
}

/** The satisfaction index ("rahuloluindeks") is scored with exactly the NPS formula on its own 0–10 question. */
export const satisfactionIndex = npsFromCounts;
