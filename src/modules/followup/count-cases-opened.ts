import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import type { CivilDate } from "../../domain/time-zone.ts";
import { followUpCase } from "./schema.ts";

const ZCounts = z.object({
  opened: z.coerce.number(),
  open: z.coerce.number(),
  overdue: z.coerce.number(),
  due_or_contacted: z.coerce.number(),
  contacted_in_time: z.coerce.number(),
});

/** Counts of the cases opened in a period, each in its state now. */
export interface TCaseCounts {
  opened: number;
  /** Not resolved now. */
  open: number;
  /** Not resolved now and past the deadline. */
  overdue: number;
  /** Contacted, or past the deadline without a contact: the cases whose deadline outcome is known. */
  dueOrContacted: number;
  /** Contacted on or before the deadline. */
  contactedInTime: number;
}

/**
 * The organisation's follow-up cases opened in [from, to) (civil days in `timeZone`; either end open), counted
 * with the definitions of `summarizeCases` over the whole organisation. Counts only: no contact details.
 */
export async function countCasesOpened(
  db: Db,
  orgId: string,
  {
    from,
    to,
    timeZone,
    now = new Date(),
  }: { from?: CivilDate; to?: CivilDate; timeZone: string; now?: Date },
): Promise<TCaseCounts> {
  const c = followUpCase;
  const at = now.toISOString();
  const day = sql`(${c.openedAt} at time zone ${timeZone})::date`;
  const where = inOrg(
    c,
    orgId,
    from ? sql`${day} >= ${from}::date` : undefined,
    to ? sql`${day} < ${to}::date` : undefined,
  );
  const result = await db.execute(sql`
    select count(*)::int as opened,
      count(*) filter (where ${c.state} <> 'resolved')::int as open,
      count(*) filter (where ${c.state} <> 'resolved' and ${c.dueAt} < ${at})::int as overdue,
      count(*) filter (where ${c.firstContactAt} is not null or ${c.dueAt} < ${at})::int as due_or_contacted,
      count(*) filter (where ${c.firstContactAt} <= ${c.dueAt})::int as contacted_in_time
    from ${c} where ${where}`);
  const r = ZCounts.parse(result.rows[0]);
  return {
    opened: r.opened,
    open: r.open,
    overdue: r.overdue,
    dueOrContacted: r.due_or_contacted,
    contactedInTime: r.contacted_in_time,
  };
}
