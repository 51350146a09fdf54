import type { Db } from "../../db/connect.ts";
import { channel } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { addCounts, emptyCounts, type TCellCounts } from "../insights/figures.ts";
import type { SummaryOptions, TGroupBy, TReportScope } from "../insights/report-types.ts";
import { chooseSource } from "../insights/source-plan.ts";
import { queryGroupCounts } from "../insights/summary-query.ts";
import type { TActiveAgency } from "./active-agencies.ts";
import type { TGroupFilters } from "./contracts.ts";

const WHOLE: TReportScope = { kind: "organisation" };

/** Counts of one agency, keyed by the grouping (null key: answers without that tag; "" when ungrouped). */
export type TKeyedCounts = Map<string | null, TCellCounts>;

/** The agency's channel ids with the kind they count under across agencies (their own channels: "own"). */
async function channelKinds(db: Db, agencyId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: channel.id, kind: channel.kind })
    .from(channel)
    .where(inOrg(channel, agencyId));
  return new Map(rows.map((r) => [r.id, r.kind ?? "own"]));
}

/**
 * One agency's answer and invitation counts from its rollups, through the report queries of the insights module,
 * over the whole agency. Reads another organisation's data on purpose (hence `unsafe`): call it only for an agency
 * from `activeAgencies` of the reading parent body.
 */
export async function unsafeAgencyCounts(
  db: Db,
  agency: TActiveAgency,
  filters: TGroupFilters,
  groupBy: "month" | "serviceType" | "channel" | "service" | null,
): Promise<TKeyedCounts> {
  const kinds = filters.channel || groupBy === "channel" ? await channelKinds(db, agency.id) : new Map();
  const out: TKeyedCounts = new Map();
  let channelId: string | undefined;
  if (filters.channel) {
    channelId = [...kinds.entries()].find(([, kind]) => kind === filters.channel)?.[0];
    if (!channelId) return out;
  }
  const options: SummaryOptions = {
    from: filters.from,
    to: filters.to,
    serviceType: filters.serviceType,
    channelId,
    groupBy: groupBy ? [groupBy as TGroupBy] : [],
  };
  const rows = await queryGroupCounts(
    db,
    agency.id,
    agency.timeZone,
    options,
    WHOLE,
    chooseSource(options, WHOLE),
  );
  for (const row of rows) {
    const raw = groupBy ? row.keys[0] : "";
    const key = groupBy === "channel" ? (raw === null ? "none" : (kinds.get(raw) ?? "own")) : raw;
    const empty =
      row.counts.invitationsSent === 0 &&
      row.counts.r.every((n) => n === 0) &&
      row.counts.s.every((n) => n === 0);
    if (empty) continue;
    out.set(key, addCounts(out.get(key) ?? emptyCounts(), row.counts));
  }
  return out;
}
