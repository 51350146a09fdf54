import { sql } from "drizzle-orm";
import type { Db } from "../../../db/connect.ts";
import { AppError } from "../../../http/errors.ts";
import { emptyCounts, type TCellCounts } from "../figures.ts";
import { codeLabel } from "../labels.ts";
import { splitByMonths } from "../periods.ts";
import { COUNT_COLUMNS, inRanges, rollupCells } from "../report-cells.ts";
import {
  BENCHMARK_MIN_ANSWERS,
  BENCHMARK_MIN_ORGANISATIONS,
  benchmarkCell,
  type TMemberCounts,
} from "./benchmark-figures.ts";
import { isMember } from "./networks.ts";

export interface NetworkSummaryOptions {
  /** Civil dates in each member's own time zone; from inclusive, to exclusive. */
  from?: string;
  to?: string;
  locale?: string;
}

interface TMemberRow {
  orgId: string;
  minSample: number;
  serviceType: string;
  audience: string;
  counts: TCellCounts;
}

/**
 * Counts of every member of a network by service type and audience. Crosses organisations on purpose (hence
 * `unsafe`): only `getNetworkSummary` calls it, and it never returns another member's id or figures.
 * Whole months come from the month × service type rollup (a few cells per member and month, decision 046), the
 * partial months at the ends of a range from the day rollup, grouped by the services' types: exact, and small.
 */
async function unsafeMemberCounts(
  db: Db,
  networkId: string,
  o: NetworkSummaryOptions,
): Promise<TMemberRow[]> {
  const range = { from: o.from ?? null, to: o.to ?? null };
  const split = splitByMonths(range);
  const members = sql`x.org_id in (select m.org_id from benchmark_member m where m.network_id = ${networkId})`;
  const counts = sql.raw(COUNT_COLUMNS.map((c) => `x.${c}`).join(", "));
  const parts = [];
  if (split.months)
    parts.push(sql`select x.org_id, x.service_type, x.service_audience as audience, ${counts}
      from rollup_month_service_type_live x
      where ${members} and x.service_type is not null and (${inRanges(sql`x.month`, [split.months])})`);
  if (split.partial.length)
    parts.push(sql`select x.org_id, s.type, coalesce(x.audience, s.audience), ${counts}
      from (${rollupCells("rollup_day", [members], split.partial)}) x
      join service s on s.org_id = x.org_id and s.id = x.service_id`);
  if (parts.length === 0) return [];
  const sums = sql.raw(COUNT_COLUMNS.map((c) => `sum(x.${c})::int as ${c}`).join(", "));
  const result = await db.execute(sql`
    select x.org_id, o.min_sample, x.service_type, x.audience, ${sums}
    from (${sql.join(parts, sql` union all `)}) x
    join organization o on o.id = x.org_id
    group by 1, 2, 3, 4`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    orgId: String(row.org_id),
    minSample: Number(row.min_sample),
    serviceType: String(row.service_type),
    audience: String(row.audience),
    counts: {
      r: COUNT_COLUMNS.slice(0, 11).map((c) => Number(row[c])),
      s: COUNT_COLUMNS.slice(11, 22).map((c) => Number(row[c])),
      invitationAnswers: Number(row.invited_answers),
      invitationsSent: Number(row.invitations_sent),
    },
  }));
}

function merge(rows: TMemberRow[]): TMemberCounts[] {
  const byOrg = new Map<string, TMemberCounts>();
  for (const row of rows) {
    const m = byOrg.get(row.orgId) ?? { orgId: row.orgId, minSample: row.minSample, counts: emptyCounts() };
    for (let i = 0; i <= 10; i++) {
      m.counts.r[i] += row.counts.r[i];
      m.counts.s[i] += row.counts.s[i];
    }
    byOrg.set(row.orgId, m);
  }
  return [...byOrg.values()];
}

/**
 * The network's NPS and satisfaction index by service type and audience (and overall), pooled over the members'
 * answers, with the caller's own figure and rank. Non-members get NOT_FOUND.
 */
export async function getNetworkSummary(
  db: Db,
  orgId: string,
  networkId: string,
  o: NetworkSummaryOptions = {},
) {
  // Both at once (one round trip): the counts are dropped unread unless the caller is a member.
  const [member, rows] = await Promise.all([
    isMember(db, orgId, networkId),
    unsafeMemberCounts(db, networkId, o),
  ]);
  if (!member) throw new AppError("NOT_FOUND", { message: { key: "problem.benchmark.notAmongNetworks" } });
  const locale = o.locale ?? "et";
  const keys = [...new Set(rows.map((r) => `${r.serviceType}\u0000${r.audience}`))].sort();
  const cells = keys.map((key) => {
    const [serviceType, audience] = key.split("\u0000");
    const members = merge(rows.filter((r) => r.serviceType === serviceType && r.audience === audience));
    return {
      serviceType,
      serviceTypeLabel: codeLabel("serviceType", serviceType, locale),
      audience,
      audienceLabel: codeLabel("audience", audience, locale),
      ...benchmarkCell(members, orgId),
    };
  });
  return {
    networkId,
    from: o.from ?? null,
    to: o.to ?? null,
    minAnswers: BENCHMARK_MIN_ANSWERS,
    minOrganisations: BENCHMARK_MIN_ORGANISATIONS,
    overall: benchmarkCell(merge(rows), orgId),
    cells,
  };
}
