import type { KpiResult } from "../../domain/kpi.ts";
import { shareConfidenceInterval } from "../../domain/nps-statistics.ts";
import { round1 } from "../insights/figures.ts";
import { kpiFigures } from "../kpi/kpi-figures.ts";
import type { TKpiTargets } from "../kpi/schema.ts";
import type { TKpiCounts } from "./agency-kpis.ts";

/** A KPI share beside its target, with its 95 % adjusted-Wald interval; null when there is nothing to count. */
export type TKpiShare = (KpiResult & { interval: { low: number; high: number } | null }) | null;

function share(result: KpiResult | null, part: number, whole: number): TKpiShare {
  if (!result) return null;
  const i = shareConfidenceInterval(part, whole);
  return {
    // Rounded for display; whether the target is met is decided on the exact value.
    value: round1(result.value),
    target: result.target,
    meetsTarget: result.meetsTarget,
    interval: i && { low: round1(i.low), high: round1(i.high) },
  };
}

/**
 * The published KPI figures of one agency, month or pool from its counts and the targets that apply (the
 * agency's own, or the parent body's for the pool), by the KPI module's `kpiFigures`.
 */
export function groupKpiFigures(c: TKpiCounts, targets: TKpiTargets, kind: string) {
  const k = c.contacts && kpiFigures(c.contacts, targets, kind);
  const r = c.replies;
  const repliesValue = r && r.due > 0 ? (r.onTime * 100) / r.due : null;
  return {
    contacts:
      k && c.contacts
        ? {
            offered: k.offered,
            answered: k.answered,
            answeredWithinThreshold: k.answeredWithinThreshold,
            fcrMeasured: k.fcrMeasured,
            fcrResolved: c.contacts.fcr_resolved,
            serviceLevel: share(k.serviceLevel, k.answeredWithinThreshold, k.offered),
            answerRate: share(k.answerRate, k.answered, k.offered),
            firstContactResolution: share(k.firstContactResolution, c.contacts.fcr_resolved, k.fcrMeasured),
            averageSpeedOfAnswerSeconds: k.averageSpeedOfAnswerSeconds,
          }
        : null,
    repliesOnTime: r
      ? {
          due: r.due,
          onTime: r.onTime,
          pending: r.pending,
          rate: share(
            repliesValue === null
              ? null
              : {
                  value: repliesValue,
                  target: targets.repliesOnTime,
                  meetsTarget: repliesValue >= targets.repliesOnTime,
                },
            r.onTime,
            r.due,
          ),
        }
      : null,
  };
}
