import { assertCount } from "./errors.ts";
import { npsFromCounts, type ScoreCounts } from "./nps.ts";

const Z95 = 1.96;

export interface NpsInterval {
  /** Bounds in NPS points, clipped to −100..+100. */
  low: number;
  high: number;
  method: "adjusted-wald";
}

export type Reliability = "withheld" | "low" | "ok";

export interface NpsChange {
  /** NPS of B minus NPS of A, in points. */
  diff: number;
  z: number;
  significant: boolean;
}

/** Variance of one answer scored +1 / 0 / −1, given the promoter and detractor shares. */
function itemVariance(p: number, d: number): number {
  return p + d - (p - d) ** 2;
}

/**
 * 95 % interval for NPS by the adjusted Wald method (Rocks 2016): add 3 pseudo-answers, 0.75 of them promoters
 * and 0.75 detractors, which keeps the interval honest for small samples where plain Wald collapses to a point.
 */
export function npsConfidenceInterval(counts: ScoreCounts): NpsInterval | null {
  const { answers, promoters, detractors } = npsFromCounts(counts);
  if (answers === 0) return null;
  const n = answers + 3;
  const p = (promoters + 0.75) / n;
  const d = (detractors + 0.75) / n;
  const margin = Z95 * Math.sqrt(itemVariance(p, d) / n);
  const clip = (x: number) => Math.min(100, Math.max(-100, x * 100));
  return { low: clip(p - d - margin), high: clip(p - d + margin), method: "adjusted-wald" };
}

/**
 * 95 % interval for a share (in %) by the adjusted Wald method for a proportion (Agresti–Coull 1998): add z²/2
 * successes and z²/2 failures, then the plain Wald interval. The same family as the NPS interval above; for
 * 8 of 10 it gives 47.9–95.4 %, where plain Wald would give 55.2–104.8 %. Null without a denominator.
 */
export function shareConfidenceInterval(part: number, whole: number): { low: number; high: number } | null {
  assertCount(part, "part");
  assertCount(whole, "whole");
  if (whole === 0) return null;
  const z2 = Z95 * Z95;
  const n = whole + z2;
  const p = (part + z2 / 2) / n;
  const margin = Z95 * Math.sqrt((p * (1 - p)) / n);
  const clip = (x: number) => Math.min(100, Math.max(0, x * 100));
  return { low: clip(p - margin), high: clip(p + margin) };
}

/** How far a figure from `n` answers can be trusted: withheld below `minSample`, low below 30, else ok. */
export function reliability(n: number, minSample = 5): Reliability {
  assertCount(n, "n");
  if (n < minSample) return "withheld";
  if (n < 30) return "low";
  return "ok";
}

/**
 * Two-sided z-test (5 %) of the change in NPS from period A to period B, using plain Wald variances.
 * Null when either period has no answers. Two periods with zero variance and different NPS give z = ±Infinity.
 */
export function npsChangeSignificant(countsA: ScoreCounts, countsB: ScoreCounts): NpsChange | null {
  const a = npsFromCounts(countsA);
  const b = npsFromCounts(countsB);
  if (a.answers === 0 || b.answers === 0) return null;
  const share = (part: number, n: number) => part / n;
  const varA = itemVariance(share(a.promoters, a.answers), share(a.detractors, a.answers));
  const varB = itemVariance(share(b.promoters, b.answers), share(b.detractors, b.answers));
  const diff = (b.nps ?? 0) - (a.nps ?? 0);
  const standardError = Math.sqrt(varA / a.answers + varB / b.answers) * 100;
  const z =
    standardError === 0
      ? diff === 0
        ? 0
        : Math.sign(diff) * Number.POSITIVE_INFINITY
      : diff / standardError;
  return { diff, z, significant: Math.abs(z) > Z95 };
}
