import { npsFromCounts } from "../../../domain/nps.ts";
import { addCounts, emptyCounts, figuresFromCounts, type TCellCounts } from "../figures.ts";

/** A member is left out of a cell with fewer answers than this (or than its own minimum sample, if higher). */
export const BENCHMARK_MIN_ANSWERS = 5;
/** A network figure needs this many organisations, so that no member's figure can be read off it. */
export const BENCHMARK_MIN_ORGANISATIONS = 3;

export interface TMemberCounts {
  orgId: string;
  minSample: number;
  counts: TCellCounts;
}

export interface TBenchmarkCell {
  network: {
    /** Member organisations whose answers are pooled into the cell. */
    organisations: number;
    /** Pooled recommendation answers of those organisations (null when withheld). */
    answers: number | null;
    withheld: boolean;
    nps: number | null;
    npsInterval: { low: number; high: number } | null;
    satisfactionIndex: number | null;
    satisfactionAnswers: number | null;
  };
  own: {
    answers: number;
    /** Below the organisation's own minimum sample: its figures are null. */
    withheld: boolean;
    /** Whether the organisation's answers are part of the network figure. */
    included: boolean;
    nps: number | null;
    satisfactionIndex: number | null;
    /** 1 = highest NPS among the included organisations (ties share a rank); null when not included or withheld. */
    rank: number | null;
    of: number;
  };
}

const answersOf = (c: TCellCounts) => c.r.reduce((a, b) => a + b, 0);

/**
 * The network figure of one cell, pooled over the included members' answers (sum of counts, not the mean of their
 * NPS values), and the caller's own figure and rank among the included members.
 */
export function benchmarkCell(members: TMemberCounts[], ownOrgId: string): TBenchmarkCell {
  const included = members.filter((m) => answersOf(m.counts) >= Math.max(BENCHMARK_MIN_ANSWERS, m.minSample));
  const pooled = included.reduce((acc, m) => addCounts(acc, m.counts), emptyCounts());
  const shown = included.length >= BENCHMARK_MIN_ORGANISATIONS;
  const net = figuresFromCounts(pooled, 1);
  const own = members.find((m) => m.orgId === ownOrgId);
  const ownFigures = figuresFromCounts(own?.counts ?? emptyCounts(), own?.minSample ?? BENCHMARK_MIN_ANSWERS);
  const ownIncluded = included.some((m) => m.orgId === ownOrgId);
  const ownNps = npsFromCounts(own?.counts.r ?? emptyCounts().r).nps;
  const rank =
    shown && ownIncluded && ownNps !== null
      ? 1 + included.filter((m) => (npsFromCounts(m.counts.r).nps ?? -Infinity) > ownNps).length
      : null;
  return {
    network: {
      organisations: included.length,
      answers: shown ? net.answers : null,
      withheld: !shown,
      nps: shown ? net.nps : null,
      npsInterval: shown ? net.npsInterval : null,
      satisfactionIndex: shown ? net.satisfaction.index : null,
      satisfactionAnswers: shown ? net.satisfaction.answers : null,
    },
    own: {
      answers: ownFigures.answers,
      withheld: ownFigures.withheld,
      included: ownIncluded,
      nps: ownFigures.nps,
      satisfactionIndex: ownFigures.satisfaction.index,
      rank,
      of: shown ? included.length : 0,
    },
  };
}
