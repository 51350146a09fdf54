import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { TCellCounts } from "./figures.ts";
import { COUNT_COLUMNS, cellsFor, SCORES } from "./report-cells.ts";
import type { SummaryOptions, TGroupBy, TReportScope, TSummarySource } from "./report-types.ts";

/** The SQL expression of a grouping over the cells (alias x; s = the joined service). */
function keyOf(g: TGroupBy): SQL {
  switch (g) {
    case "month":
      return sql`to_char(date_trunc('month', x.t::timestamp), 'YYYY-MM-DD')`;
    case "week":
      return sql`to_char(date_trunc('week', x.t::timestamp), 'YYYY-MM-DD')`;
    case "day":
      return sql`to_char(x.t, 'YYYY-MM-DD')`;
    case "service":
      return sql`x.service_id`;
    case "serviceType":
      return sql`s.type`;
    case "department":
      return sql`x.department_id`;
    case "employee":
      return sql`x.employee_id`;
    case "channel":
      return sql`x.channel_id`;
    case "audience":
      return sql`x.audience`;
  }
}

/** Summed counts of one group; keys in the order of `groupBy`. */
export interface TGroupCounts {
  keys: (string | null)[];
  counts: TCellCounts;
}

/** Groups the cells of the chosen source by `o.groupBy` and sums their counts (one query). */
export async function queryGroupCounts(
  db: Db,
  orgId: string,
  timeZone: string,
  o: SummaryOptions,
  scope: TReportScope,
  source: TSummarySource,
): Promise<TGroupCounts[]> {
  const groups = o.groupBy ?? [];
  const keys = groups.map((g, i) => sql`${keyOf(g)} as ${sql.raw(`k${i}`)}`);
  const sums = sql.raw(COUNT_COLUMNS.map((c) => `coalesce(sum(x.${c}), 0)::int as ${c}`).join(", "));
  const join = groups.includes("serviceType")
    ? sql`left join service s on s.org_id = ${orgId} and s.id = x.service_id`
    : sql``;
  const grouping = groups.length
    ? sql`group by ${sql.raw(groups.map((_, i) => `${i + 1}`).join(", "))} order by ${sql.raw(
        groups.map((_, i) => `${i + 1}`).join(", "),
      )}`
    : sql``;
  const select = keys.length ? sql`${sql.join(keys, sql`, `)}, ${sums}` : sums;
  const result = await db.execute(
    sql`select ${select} from (${cellsFor(source, orgId, timeZone, o, scope)}) x ${join} ${grouping}`,
  );
  return result.rows.map((row: Record<string, unknown>) => ({
    keys: groups.map((_, i) => (row[`k${i}`] === null ? null : String(row[`k${i}`]))),
    counts: {
      r: SCORES.map((i) => Number(row[`r${i}`])),
      s: SCORES.map((i) => Number(row[`s${i}`])),
      invitationAnswers: Number(row.invited_answers),
      invitationsSent: Number(row.invitations_sent),
    },
  }));
}
