import type { Db } from "../../db/connect.ts";
import { addCounts, emptyCounts, figuresFromCounts } from "../insights/figures.ts";
import { loadLabels } from "../insights/labels.ts";
import { getActiveAgency } from "./active-agencies.ts";
import { unsafeAgencyCounts } from "./agency-counts.ts";
import type { TGroupFilters } from "./contracts.ts";
import { service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";

/**
 * One actively linked agency's figures per service (names and types only: never employees, departments, comments or
 * people). Any other organisation, and an agency whose link is pending, declined or ended, is NOT_FOUND.
 */
export async function getAgencyServices(
  db: Db,
  parentOrgId: string,
  agencyId: string,
  filters: TGroupFilters,
) {
  const agency = await getActiveAgency(db, parentOrgId, agencyId);
  const counts = await unsafeAgencyCounts(db, agency, filters, "service");
  const ids = [...counts.keys()].filter((k): k is string => k !== null);
  const [names, types] = await Promise.all([
    loadLabels(db, agency.id, "service", ids, filters.locale),
    db.select({ id: service.id, type: service.type }).from(service).where(inOrg(service, agency.id)),
  ]);
  const typeOf = new Map(types.map((t) => [t.id, t.type]));
  const services = [...counts.entries()]
    .map(([id, c]) => ({
      serviceId: id,
      name: id === null ? null : (names.get(id) ?? id),
      serviceType: id === null ? null : (typeOf.get(id) ?? null),
      ...figuresFromCounts(c, agency.minSample),
    }))
    .sort((a, b) => b.answers - a.answers);
  return {
    agency: { id: agency.id, name: agency.name, slug: agency.slug },
    minSample: agency.minSample,
    services,
    total: figuresFromCounts(
      [...counts.values()].reduce((acc, c) => addCounts(acc, c), emptyCounts()),
      agency.minSample,
    ),
  };
}
