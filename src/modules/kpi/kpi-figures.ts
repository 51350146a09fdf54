import { answerRate, firstContactResolution, type KpiResult, serviceLevel } from "../../domain/kpi.ts";
import type { TKpiTargets } from "./schema.ts";
import { type KPI_COUNT_COLUMNS, WAIT_BUCKETS } from "./schema.ts";

export type TCellCounts = Record<(typeof KPI_COUNT_COLUMNS)[number], number>;

export interface TKpiFigures {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWithinThreshold: number;
  serviceLevel: KpiResult | null;
  answerRate: KpiResult | null;
  firstContactResolution: KpiResult | null;
  /** Answered contacts whose resolution is known (flag or derived). */
  fcrMeasured: number;
  averageSpeedOfAnswerSeconds: number | null;
  averageWaitSeconds: number | null;
  /** The upper bound of the histogram bucket that holds the 90th percentile wait (nearest rank). */
  p90WaitSeconds: number | null;
  /** Office visits: average wait in minutes against the ≤ target; null for calls and chats. */
  officeWait: KpiResult | null;
}

/** The 90th percentile by nearest rank over bucket counts: the bound of the bucket holding rank ⌈0.9 n⌉. */
export function p90FromBuckets(buckets: readonly number[]): number | null {
  const n = buckets.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.ceil(0.9 * n);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= rank) return WAIT_BUCKETS[i];
  }
  return WAIT_BUCKETS[WAIT_BUCKETS.length - 1];
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Every KPI of one cell (or sum of cells) from its counts. */
export function kpiFigures(c: TCellCounts, targets: TKpiTargets, kind: string): TKpiFigures {
  const averageWait = c.offered ? c.wait_ms / c.offered / 1000 : null;
  const officeMinutes = kind === "office_visit" && averageWait !== null ? averageWait / 60 : null;
  return {
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.short_abandoned,
    answeredWithinThreshold: c.answered_within,
    serviceLevel: serviceLevel(
      { arrived: c.offered, answeredWithin20s: c.answered_within },
      targets.serviceLevel,
    ),
    answerRate: answerRate({ arrived: c.offered, answered: c.answered }, targets.answerRate),
    firstContactResolution: firstContactResolution(
      { answered: c.fcr_measured, resolvedAtFirstContact: c.fcr_resolved },
      targets.firstContactResolution,
    ),
    fcrMeasured: c.fcr_measured,
    averageSpeedOfAnswerSeconds: c.answered ? round(c.answer_wait_ms / c.answered / 1000) : null,
    averageWaitSeconds: averageWait === null ? null : round(averageWait),
    p90WaitSeconds: p90FromBuckets(WAIT_BUCKETS.map((_, i) => c[`w${i}` as keyof TCellCounts])),
    officeWait:
      officeMinutes === null
        ? null
        : {
            value: round(officeMinutes),
            target: targets.officeWaitMinutes,
            meetsTarget: officeMinutes <= targets.officeWaitMinutes,
          },
  };
}
