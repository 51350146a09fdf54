import type { Db } from "../../db/connect.ts";
import { addCounts, emptyCounts, figuresFromCounts, type TCellCounts } from "../insights/figures.ts";
import type { TFigures } from "../insights/report-types.ts";
import { LOW_RELIABILITY_BELOW } from "../insights/summarize.ts";
import { getKpiSettings } from "../kpi/settings.ts";
import { activeAgencies, ownMinSample } from "./active-agencies.ts";
import { unsafeAgencyCounts } from "./agency-counts.ts";
import { addKpiCounts, type TAgencyKpis, type TKpiCounts, unsafeAgencyKpis } from "./agency-kpis.ts";
import type { TGroupDimension, TGroupFilters } from "./contracts.ts";
import { caseFigures, pooledCaseFigures, unsafeAgencyCaseCounts } from "./group-cases.ts";
import { groupKpiFigures } from "./group-kpi-figures.ts";

const answersOf = (c: TCellCounts) => c.r.reduce((a, b) => a + b, 0);
const total = (groups: Iterable<TCellCounts>) =>
  [...groups].reduce((acc, c) => addCounts(acc, c), emptyCounts());

/** Null keys (answers without the tag) last; months and codes in order. */
function sortKeys(keys: Iterable<string | null>): (string | null)[] {
  return [...new Set(keys)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

/** Pools the cells of agencies whose cell is shown (at least their minimum sample); withheld cells stay out. */
function pool(cells: { counts: TCellCounts; minSample: number }[]) {
  const shown = cells.filter((c) => answersOf(c.counts) >= c.minSample);
  return { agencies: shown.length, counts: total(shown.map((c) => c.counts)) };
}

/**
 * Every actively linked agency's NPS, satisfaction index, response rate, follow-up cases and KPIs side by side, and
 * pooled over the agencies (sums of counts, not means of indices), optionally split by month, service type or
 * channel kind (the KPIs by month only). Each
 * agency's figures follow its own minimum sample, as in its own reports; a withheld agency's answers are left out of
 * the pooled figures, so that its figure cannot be worked out from the others.
 */
export async function getGroupFigures(
  db: Db,
  parentOrgId: string,
  filters: TGroupFilters & { groupBy?: TGroupDimension; contactKind?: string },
) {
  const groupBy = filters.groupBy ?? null;
  const contactKind = (filters.contactKind ?? "call") as "call" | "chat" | "office_visit";
  // Contact records and written requests carry a service (so a service type) but no channel: the contact kind
  // stands for the channel, and under a channel filter there are no KPIs.
  const withKpis = !filters.channel;
  const [agencies, parentMinSample, parentKpi] = await Promise.all([
    activeAgencies(db, parentOrgId),
    ownMinSample(db, parentOrgId),
    getKpiSettings(db, parentOrgId),
  ]);
  const perAgency = await Promise.all(
    agencies.map(async (agency) => ({
      agency,
      counts: await unsafeAgencyCounts(db, agency, filters, groupBy),
      cases: await unsafeAgencyCaseCounts(db, agency, filters),
      kpi: withKpis ? await unsafeAgencyKpis(db, agency, filters, contactKind) : null,
    })),
  );
  const kpiGroups = (k: TAgencyKpis) =>
    groupBy === "month"
      ? [...k.months].map(([key, c]) => ({ key, ...groupKpiFigures(c, k.targets, contactKind) }))
      : [];
  /** Every agency's counts added up (never a mean of percentages), against the parent body's own targets. */
  const pooledKpis = (all: TAgencyKpis[]) => {
    const thresholds = new Set(all.map((k) => k.serviceLevelSeconds));
    const months = [...new Set(all.flatMap((k) => [...k.months.keys()]))].sort();
    const pooled = (parts: TKpiCounts[]) =>
      groupKpiFigures(addKpiCounts(parts), parentKpi.targets, contactKind);
    return {
      serviceLevelSeconds: thresholds.size === 1 ? [...thresholds][0] : null,
      targets: parentKpi.targets,
      total: pooled(all.map((k) => k.total)),
      groups:
        groupBy === "month"
          ? months.map((key) => ({ key, ...pooled(all.flatMap((k) => k.months.get(key) ?? [])) }))
          : [],
    };
  };
  const keys = groupBy ? sortKeys(perAgency.flatMap((a) => [...a.counts.keys()])) : [];
  const figures = (c: TCellCounts, minSample: number): TFigures => figuresFromCounts(c, minSample);
  return {
    meta: {
      from: filters.from ?? null,
      to: filters.to ?? null,
      serviceType: filters.serviceType ?? null,
      channel: filters.channel ?? null,
      groupBy,
      contactKind,
      minSample: parentMinSample,
      lowReliabilityBelow: LOW_RELIABILITY_BELOW,
      interval: { method: "adjusted-wald" as const, confidence: 0.95 as const },
    },
    agencies: perAgency.map(({ agency, counts, cases, kpi }) => ({
      agency: { id: agency.id, name: agency.name, slug: agency.slug },
      linkedSince: agency.linkedSince,
      minSample: agency.minSample,
      total: figures(total(counts.values()), agency.minSample),
      groups: groupBy
        ? sortKeys(counts.keys()).map((key) => ({
            key,
            ...figures(counts.get(key) ?? emptyCounts(), agency.minSample),
          }))
        : [],
      cases: caseFigures(cases, agency.minSample),
      kpi: kpi && {
        serviceLevelSeconds: kpi.serviceLevelSeconds,
        targets: kpi.targets,
        total: groupKpiFigures(kpi.total, kpi.targets, contactKind),
        groups: kpiGroups(kpi),
      },
    })),
    pooled: (() => {
      const all = pool(
        perAgency.map((a) => ({ counts: total(a.counts.values()), minSample: a.agency.minSample })),
      );
      return {
        agencies: all.agencies,
        total: figures(all.counts, parentMinSample),
        groups: keys.map((key) => {
          const cell = pool(
            perAgency.map((a) => ({
              counts: a.counts.get(key) ?? emptyCounts(),
              minSample: a.agency.minSample,
            })),
          );
          return { key, agencies: cell.agencies, ...figures(cell.counts, parentMinSample) };
        }),
        cases: pooledCaseFigures(
          perAgency.map((a) => ({ counts: a.cases, minSample: a.agency.minSample })),
          parentMinSample,
        ),
        kpi: withKpis ? pooledKpis(perAgency.flatMap((a) => (a.kpi ? [a.kpi] : []))) : null,
      };
    })(),
  };
}
