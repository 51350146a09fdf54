import type { Db } from "../../db/connect.ts";
import { reliability, shareConfidenceInterval } from "../../domain/nps-statistics.ts";
import { countCasesOpened, type TCaseCounts } from "../followup/count-cases-opened.ts";
import { round1 } from "../insights/figures.ts";
import type { TActiveAgency } from "./active-agencies.ts";
import type { TGroupFilters } from "./contracts.ts";

/**
 * The agency's follow-up cases opened in the period (its own time zone), each in its state now: counts only, no
 * contact details. Reads another organisation's cases on purpose; only for an agency of an active link.
 */
export function unsafeAgencyCaseCounts(
  db: Db,
  agency: TActiveAgency,
  filters: Pick<TGroupFilters, "from" | "to">,
): Promise<TCaseCounts> {
  return countCasesOpened(db, agency.id, { from: filters.from, to: filters.to, timeZone: agency.timeZone });
}

/** Whether the share contacted within the deadline is shown: at least the minimum sample of known outcomes. */
export const casesShown = (c: TCaseCounts, minSample: number) => c.dueOrContacted >= minSample;

/** The published case figures: counts, and the share contacted within the deadline with its interval. */
export function caseFigures(c: TCaseCounts, minSample: number) {
  const level = reliability(c.dueOrContacted, minSample);
  const hidden = level === "withheld";
  const interval = hidden ? null : shareConfidenceInterval(c.contactedInTime, c.dueOrContacted);
  return {
    opened: c.opened,
    open: c.open,
    overdue: c.overdue,
    dueOrContacted: c.dueOrContacted,
    contactedInTime: hidden ? null : c.contactedInTime,
    withheld: hidden,
    lowReliability: level === "low",
    contactedWithinDeadlinePct:
      hidden || c.dueOrContacted === 0 ? null : round1((c.contactedInTime * 100) / c.dueOrContacted),
    contactedWithinDeadlineInterval: interval && { low: round1(interval.low), high: round1(interval.high) },
  };
}

/**
 * Pooled case figures: the counts of every agency added up; the share only from the agencies whose share is
 * shown (a withheld agency's could otherwise be worked out), against the parent body's minimum sample.
 */
export function pooledCaseFigures(parts: { counts: TCaseCounts; minSample: number }[], minSample: number) {
  const sum = (pick: (c: TCaseCounts) => number, of = parts) => of.reduce((a, p) => a + pick(p.counts), 0);
  const shown = parts.filter((p) => casesShown(p.counts, p.minSample));
  const share = caseFigures(
    {
      opened: 0,
      open: 0,
      overdue: 0,
      dueOrContacted: sum((c) => c.dueOrContacted, shown),
      contactedInTime: sum((c) => c.contactedInTime, shown),
    },
    minSample,
  );
  return {
    ...share,
    opened: sum((c) => c.opened),
    open: sum((c) => c.open),
    overdue: sum((c) => c.overdue),
    agencies: shown.length,
  };
}
