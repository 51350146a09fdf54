import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { TCellCounts } from "./figures.ts";
import { COUNT_COLUMNS, cellsFor, SCORES } from "./report-cells.ts";
import {
  type SummaryOptions,
  TIME_GROUPS,
  type TGroupBy,
  type TReportScope,
  type TSummarySource,
} from "./report-types.ts";

/** The SQL expression of a grouping over the cells (alias x; s = the joined service). */
function keyOf(g: TGroupBy): SQL {
  switch (g) {
    case "month":
      return sql`date_trunc('month', x.t::timestamp)`;
    case "week":
      return sql`date_trunc('week', x.t::timestamp)`;
    case "day":
      return sql`x.t::timestamp`;
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
  /**
   * Per key, the display name its catalogue row holds: the names per language of a service or channel, the name of
   * an employee or department; null for other dimensions or an id with no row.
   */
  names: (Record<string, string> | string | null)[];
  counts: TCellCounts;
}

/** The catalogue table that names a grouping's ids, and its name column. */
const NAMED: Partial<Record<TGroupBy, { table: string; column: string }>> = {
  service: { table: "service", column: "names" },
  channel: { table: "channel", column: "names" },
  employee: { table: "employee", column: "name" },
  department: { table: "department", column: "name" },
};

/** Groups the cells of the chosen source by `o.groupBy` and sums their counts (one query). */
export async function queryGroupCounts(
  db: Db,
  orgId: string,
  /** Needed only when the source includes raw answers (the rollups cut days themselves). */
  timeZone: string | null,
  o: SummaryOptions,
  scope: TReportScope,
  source: TSummarySource,
): Promise<TGroupCounts[]> {
  const groups = o.groupBy ?? [];
  const k = (i: number) => sql.raw(`k${i}`);
  const sums = sql.raw(COUNT_COLUMNS.map((c) => `coalesce(sum(x.${c}), 0)::int as ${c}`).join(", "));
  const cells = cellsFor(source, orgId, timeZone, o, scope);
  if (groups.length === 0) {
    const result = await db.execute(sql`select ${sums} from (${cells}) x`);
    return result.rows.map((row: Record<string, unknown>) => ({
      keys: [],
      names: [],
      counts: countsOf(row),
    }));
  }
  const join = groups.includes("serviceType")
    ? sql`left join service s on s.org_id = ${orgId} and s.id = x.service_id`
    : sql``;
  // Group on dates and ids (cheap to compare), then format the dates of the (few) groups.
  const inner = sql`select ${sql.join(
    groups.map((g, i) => sql`${keyOf(g)} as ${k(i)}`),
    sql`, `,
  )}, ${sums} from (${cells}) x ${join} group by ${sql.raw(groups.map((_, i) => `${i + 1}`).join(", "))}`;
  const outer = groups.map((g, i) =>
    TIME_GROUPS.includes(g) ? sql`to_char(g.${k(i)}, 'YYYY-MM-DD') as ${k(i)}` : sql`g.${k(i)}`,
  );
  const order = sql.join(
    groups.map((_, i) => sql`g.${k(i)}`),
    sql`, `,
  );
  const counts = sql.raw(COUNT_COLUMNS.map((c) => `g.${c}`).join(", "));
  // The groups' names in the same statement (no second round trip for the labels), from the organisation's rows.
  const names = groups.map((g, i) => {
    const named = NAMED[g];
    return named ? sql.raw(`n${i}.${named.column} as n${i}`) : sql`null as ${sql.raw(`n${i}`)}`;
  });
  const joins = groups.flatMap((g, i) => {
    const named = NAMED[g];
    if (!named) return [];
    const n = sql.raw(`n${i}`);
    return [sql`left join ${sql.raw(named.table)} ${n} on ${n}.org_id = ${orgId} and ${n}.id = g.${k(i)}`];
  });
  const result = await db.execute(
    sql`select ${sql.join(outer, sql`, `)}, ${sql.join(names, sql`, `)}, ${counts}
      from (${inner}) g ${sql.join(joins, sql` `)} order by ${order}`,
  );
  return result.rows.map((row: Record<string, unknown>) => ({
    keys: groups.map((_, i) => (row[`k${i}`] === null ? null : String(row[`k${i}`]))),
    names: groups.map((_, i) => (row[`n${i}`] ?? null) as Record<string, string> | string | null),
    counts: countsOf(row),
  }));
}

function countsOf(row: Record<string, unknown>): TCellCounts {
  return {
    r: SCORES.map((i) => Number(row[`r${i}`])),
    s: SCORES.map((i) => Number(row[`s${i}`])),
    invitationAnswers: Number(row.invited_answers),
    invitationsSent: Number(row.invitations_sent),
  };
}
