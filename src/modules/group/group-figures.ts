import type { Db } from "../../db/connect.ts";
import { summarizeCases } from "../followup/summarize-cases.ts";
import { addCounts, emptyCounts, figuresFromCounts, type TCellCounts } from "../insights/figures.ts";
import type { TFigures } from "../insights/report-types.ts";
import { LOW_RELIABILITY_BELOW } from "../insights/summarize.ts";
import { activeAgencies, ownMinSample, type TActiveAgency } from "./active-agencies.ts";
import { unsafeAgencyCounts } from "./agency-counts.ts";
import type { TGroupDimension, TGroupFilters } from "./contracts.ts";

const answersOf = (c: TCellCounts) => c.r.reduce((a, b) => a + b, 0);
const total = (groups: Iterable<TCellCounts>) =>
  [...groups].reduce((acc, c) => addCounts(acc, c), emptyCounts());

/** Null keys (answers without the tag) last; months and codes in order. */
function sortKeys(keys: Iterable<string | null>): (string | null)[] {
  return [...new Set(keys)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

/**
 * The agency's follow-up cases as its analysts see them (the whole agency, no contact details): counts only.
 * Reads another organisation's cases on purpose; only for an agency of an active link.
 */
async function unsafeAgencyCases(db: Db, agency: TActiveAgency) {
  const s = await summarizeCases(db, {
    kind: "user",
    role: "analyst",
    orgId: agency.id,
    userId: "",
    sessionId: "",
  });
  return { open: s.open, overdue: s.overdue, contactedWithinDeadlinePct: s.contactedWithinDeadlinePct };
}

/** Pools the cells of agencies whose cell is shown (at least their minimum sample); withheld cells stay out. */
function pool(cells: { counts: TCellCounts; minSample: number }[]) {
  const shown = cells.filter((c) => answersOf(c.counts) >= c.minSample);
  return { agencies: shown.length, counts: total(shown.map((c) => c.counts)) };
}

/**
 * Every actively linked agency's NPS, satisfaction index and response rate side by side, and pooled over the agencies'
 * answers (sums of counts, not means of indices), optionally split by month, service type or channel kind. Each
 * agency's figures follow its own minimum sample, as in its own reports; a withheld agency's answers are left out of
 * the pooled figures, so that its figure cannot be worked out from the others.
 */
export async function getGroupFigures(
  db: Db,
  parentOrgId: string,
  filters: TGroupFilters & { groupBy?: TGroupDimension },
) {
  const groupBy = filters.groupBy ?? null;
  const [agencies, parentMinSample] = await Promise.all([
    activeAgencies(db, parentOrgId),
    ownMinSample(db, parentOrgId),
  ]);
  const perAgency = await Promise.all(
    agencies.map(async (agency) => ({
      agency,
      counts: await unsafeAgencyCounts(db, agency, filters, groupBy),
      cases: await unsafeAgencyCases(db, agency),
    })),
  );
  const keys = groupBy ? sortKeys(perAgency.flatMap((a) => [...a.counts.keys()])) : [];
  const figures = (c: TCellCounts, minSample: number): TFigures => figuresFromCounts(c, minSample);
  return {
    meta: {
      from: filters.from ?? null,
      to: filters.to ?? null,
      serviceType: filters.serviceType ?? null,
      channel: filters.channel ?? null,
      groupBy,
      minSample: parentMinSample,
      lowReliabilityBelow: LOW_RELIABILITY_BELOW,
      interval: { method: "adjusted-wald" as const, confidence: 0.95 as const },
    },
    agencies: perAgency.map(({ agency, counts, cases }) => ({
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
      cases,
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
      };
    })(),
  };
}
