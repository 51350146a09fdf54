import { npsChangeSignificant } from "../../domain/nps-statistics.ts";
import type { Db } from "../../db/connect.ts";
import { emptyCounts, figuresFromCounts, round1, type TCellCounts } from "./figures.ts";
import { previousRange } from "./periods.ts";
import type { SummaryOptions, TComparison, TReportScope } from "./report-types.ts";
import { chooseSource } from "./source-plan.ts";
import { queryGroupCounts } from "./summary-query.ts";

function change(previous: readonly number[], current: readonly number[], shown: boolean) {
  const test = shown ? npsChangeSignificant(previous, current) : null;
  return test
    ? { diff: round1(test.diff), significant: test.significant }
    : { diff: null, significant: null };
}

/**
 * The same report's total over the period of the same length just before [from, to), and the change of NPS and
 * satisfaction index against it with its significance (npsChangeSignificant). Withheld periods give no change.
 */
export async function comparePrevious(
  db: Db,
  org: { id: string; timeZone: string; minSample: number },
  options: SummaryOptions & { from: string; to: string },
  scope: TReportScope,
  current: TCellCounts,
): Promise<TComparison> {
  const range = previousRange(options.from, options.to);
  const previousOptions = { ...options, ...range, groupBy: [] };
  const [row] = await queryGroupCounts(
    db,
    org.id,
    org.timeZone,
    previousOptions,
    scope,
    chooseSource(previousOptions, scope),
  );
  const counts = row?.counts ?? emptyCounts();
  const before = figuresFromCounts(counts, org.minSample);
  const now = figuresFromCounts(current, org.minSample);
  const nps = change(counts.r, current.r, !before.withheld && !now.withheld);
  const sat = change(counts.s, current.s, !before.satisfaction.withheld && !now.satisfaction.withheld);
  return {
    ...range,
    total: before,
    npsChange: nps.diff,
    npsChangeSignificant: nps.significant,
    satisfactionChange: sat.diff,
    satisfactionChangeSignificant: sat.significant,
  };
}
