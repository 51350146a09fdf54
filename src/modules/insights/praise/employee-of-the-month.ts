import { desc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { praise, response } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { zonedTimeToInstant } from "../../../domain/time-zone.ts";
import { nextMonth } from "../periods.ts";
import { getSummary } from "../summarize.ts";

/** Fewest answers in the month an employee needs to be ranked (or the organisation's minimum, if higher). */
export const EMPLOYEE_OF_THE_MONTH_MIN_ANSWERS = 10;

/**
 * Employees ranked by the month's NPS among those with at least max(minimum sample, 10) answers, ties broken by
 * the number of answers; each with the month's approved praise. Figures come from the summary function, limited
 * to what the actor may see (an agent: only themselves).
 */
export async function employeeOfTheMonth(
  db: Db,
  actor: TActor,
  { month, locale = "et" }: { month: string; locale?: string },
) {
  const from = `${month}-01`;
  const to = nextMonth(from);
  const summary = await getSummary(db, actor, { from, to, groupBy: ["employee"], locale });
  const minAnswers = Math.max(summary.meta.minSample, EMPLOYEE_OF_THE_MONTH_MIN_ANSWERS);
  const ranked = summary.groups
    .filter((g) => g.keys[0].id !== null && !g.withheld && g.nps !== null && g.answers >= minAnswers)
    .map((g) => ({
      employeeId: g.keys[0].id as string,
      name: g.keys[0].label ?? "",
      nps: g.nps as number,
      npsInterval: g.npsInterval,
      answers: g.answers,
      lowReliability: g.lowReliability,
    }))
    .sort((a, b) => b.nps - a.nps || b.answers - a.answers || a.name.localeCompare(b.name));
  const praiseBy = await monthPraise(
    db,
    actor.orgId,
    summary.meta.timeZone,
    month,
    ranked.map((r) => r.employeeId),
  );
  return {
    month,
    minAnswers,
    employees: ranked.map((r, i) => ({ rank: i + 1, ...r, praise: praiseBy.get(r.employeeId) ?? [] })),
  };
}

/** Approved praise of the given employees on answers received in the month (organisation's time zone). */
async function monthPraise(db: Db, orgId: string, timeZone: string, month: string, employeeIds: string[]) {
  const out = new Map<string, { text: string; approvedAt: Date }[]>();
  if (!employeeIds.length) return out;
  const from = zonedTimeToInstant(`${month}-01`, "00:00", timeZone);
  const to = zonedTimeToInstant(nextMonth(`${month}-01`), "00:00", timeZone);
  const rows = await db
    .select({ employeeId: praise.employeeId, text: praise.text, approvedAt: praise.approvedAt })
    .from(praise)
    .innerJoin(response, inOrg(response, praise.orgId, eq(response.id, praise.responseId)))
    .where(
      inOrg(
        praise,
        orgId,
        isNotNull(praise.approvedAt),
        inArray(praise.employeeId, employeeIds),
        gte(response.receivedAt, from),
        lt(response.receivedAt, to),
      ),
    )
    .orderBy(desc(praise.approvedAt));
  for (const r of rows) {
    if (!r.employeeId || !r.approvedAt) continue;
    out.set(r.employeeId, [...(out.get(r.employeeId) ?? []), { text: r.text, approvedAt: r.approvedAt }]);
  }
  return out;
}
