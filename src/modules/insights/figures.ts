import { npsFromCounts } from "../../domain/nps.ts";
import { npsConfidenceInterval, reliability } from "../../domain/nps-statistics.ts";
import type { TFigures, TInterval } from "./report-types.ts";

/** Counts of one rollup cell or group: answers per recommendation score (r) and satisfaction score (s). */
export interface TCellCounts {
  r: number[];
  s: number[];
  invitationAnswers: number;
  invitationsSent: number;
}

/** Counts with nothing in them. */
export function emptyCounts(): TCellCounts {
  return { r: new Array(11).fill(0), s: new Array(11).fill(0), invitationAnswers: 0, invitationsSent: 0 };
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addCounts(a: TCellCounts, b: TCellCounts): TCellCounts {
  for (let i = 0; i <= 10; i++) {
    a.r[i] += b.r[i];
    a.s[i] += b.s[i];
  }
  a.invitationAnswers += b.invitationAnswers;
  a.invitationsSent += b.invitationsSent;
  return a;
}

/** Rounds to one decimal, halves away from zero (so −20.25 → −20.3 and 20.25 → 20.3). */
export function round1(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
}

const r1 = (x: number | null) => (x === null ? null : round1(x));

function interval(counts: readonly number[]): TInterval | null {
  const i = npsConfidenceInterval(counts);
  return i ? { low: round1(i.low), high: round1(i.high) } : null;
}

/**
 * The published figures of a group from its counts: NPS, shares, adjusted-Wald interval, satisfaction index and
 * response rate. Below `minSample` answers every score-derived figure is null and the group is flagged withheld.
 */
export function figuresFromCounts(c: TCellCounts, minSample: number): TFigures {
  const rec = npsFromCounts(c.r);
  const sat = npsFromCounts(c.s);
  const recReliability = reliability(rec.answers, minSample);
  const satReliability = reliability(sat.answers, minSample);
  const hidden = recReliability === "withheld";
  const satHidden = satReliability === "withheld";
  return {
    answers: rec.answers,
    withheld: hidden,
    lowReliability: recReliability === "low",
    promoters: hidden ? null : rec.promoters,
    passives: hidden ? null : rec.passives,
    detractors: hidden ? null : rec.detractors,
    promoterPct: hidden ? null : r1(rec.promoterPct),
    passivePct: hidden ? null : r1(rec.passivePct),
    detractorPct: hidden ? null : r1(rec.detractorPct),
    nps: hidden ? null : r1(rec.nps),
    npsInterval: hidden ? null : interval(c.r),
    scores: hidden ? null : [...c.r],
    satisfaction: {
      answers: sat.answers,
      withheld: satHidden,
      lowReliability: satReliability === "low",
      index: satHidden ? null : r1(sat.nps),
      interval: satHidden ? null : interval(c.s),
    },
    invitationsSent: c.invitationsSent,
    invitationAnswers: c.invitationAnswers,
    responseRate: c.invitationsSent === 0 ? null : round1((c.invitationAnswers * 100) / c.invitationsSent),
  };
}
