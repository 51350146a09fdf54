import { sql } from "drizzle-orm";
import { z } from "zod";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import type { ZCaseSummary } from "./case-contracts.ts";
import { caseScope } from "./case-scope.ts";
import { followUpCase } from "./schema.ts";

const ZRow = z.object({
  state: z.string().nullable(),
  n: z.coerce.number(),
  overdue: z.coerce.number(),
  median_hours: z.coerce.number().nullable(),
  due_or_contacted: z.coerce.number(),
  contacted_in_time: z.coerce.number(),
  recovery_answers: z.coerce.number(),
  recovered: z.coerce.number(),
});

/** Dashboard figures over the cases the actor may see. */
export async function summarizeCases(
  db: Db,
  actor: TActor,
  now = new Date(),
): Promise<z.infer<typeof ZCaseSummary>> {
  const c = followUpCase;
  const at = now.toISOString();
  const where = inOrg(c, actor.orgId, await caseScope(db, actor));
  // One row per state plus a grand total (grouping sets), so every figure comes from one scan.
  const result = await db.execute(sql`
    select ${c.state} as state, count(*)::int as n,
      count(*) filter (where ${c.state} <> 'resolved' and ${c.dueAt} < ${at})::int as overdue,
      percentile_cont(0.5) within group (
        order by extract(epoch from ${c.firstContactAt} - ${c.openedAt}) / 3600
      ) filter (where ${c.firstContactAt} is not null) as median_hours,
      count(*) filter (where ${c.firstContactAt} is not null or ${c.dueAt} < ${at})::int as due_or_contacted,
      count(*) filter (where ${c.firstContactAt} <= ${c.dueAt})::int as contacted_in_time,
      count(${c.recovery})::int as recovery_answers,
      count(*) filter (where ${c.recovery} in ('yes', 'partly'))::int as recovered
    from ${c} where ${where}
    group by grouping sets ((${c.state}), ())`);
  const rows = result.rows.map((r) => ZRow.parse(r));
  // The grand-total row is the one without a state (every case has one).
  const total = rows.find((r) => r.state === null);
  const byState: Record<string, number> = {
    open: 0,
    in_progress: 0,
    contacted: 0,
    unreachable: 0,
    resolved: 0,
  };
  for (const r of rows) if (r.state) byState[r.state] = r.n;
  const t =
    total ??
    ZRow.parse({
      state: null,
      n: 0,
      overdue: 0,
      median_hours: null,
      due_or_contacted: 0,
      contacted_in_time: 0,
      recovery_answers: 0,
      recovered: 0,
    });
  const pct = (part: number, whole: number) => (whole === 0 ? null : (part * 100) / whole);
  return {
    open: t.n - byState.resolved,
    overdue: t.overdue,
    byState,
    medianHoursToFirstContact: t.median_hours,
    contactedWithinDeadlinePct: pct(t.contacted_in_time, t.due_or_contacted),
    recoveryRatePct: pct(t.recovered, t.recovery_answers),
    recoveryAnswers: t.recovery_answers,
  };
}
