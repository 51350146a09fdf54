import { eq, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { organization, response } from "../../db/schema.ts";
import { effectWindows } from "../../domain/effect-windows.ts";
import { npsFromCounts } from "../../domain/nps.ts";
import { npsChangeSignificant, npsConfidenceInterval } from "../../domain/nps-statistics.ts";
import { zonedTimeToInstant } from "../../domain/time-zone.ts";
import type { TActionEffect } from "./action-contracts.ts";
import { getImprovementAction } from "./find-improvement-actions.ts";

const ZCell = z.object({
  after: z.boolean(),
  score: z.coerce.number(),
  satisfaction: z.coerce.number().nullable(),
  n: z.coerce.number(),
});

/**
 * NPS and satisfaction index of an action's services for `months` months before and after its completion
 * day (days cut in the organisation's time zone), with 95 % intervals and a significance test of the change.
 */
export async function actionEffect(db: Db, orgId: string, id: string, months = 3): Promise<TActionEffect> {
  const action = await getImprovementAction(db, orgId, id);
  const empty = { actionId: id, completedOn: action.completedOn, months, serviceIds: action.serviceIds };
  if (!action.completedOn || !action.serviceIds.length)
    return { ...empty, before: null, after: null, change: null };
  const [org] = await db
    .select({ timeZone: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, orgId));
  const w = effectWindows(action.completedOn, months);
  const at = (d: string) => zonedTimeToInstant(d, "00:00", org.timeZone);
  const cut = at(w.after.from);
  const rows = await db
    .select({
      after: sql<boolean>`${response.receivedAt} >= ${cut.toISOString()}`,
      score: response.score,
      satisfaction: response.satisfaction,
      n: sql<number>`count(*)::int`,
    })
    .from(response)
    .where(
      inOrg(
        response,
        orgId,
        inArray(response.serviceId, action.serviceIds),
        gte(response.receivedAt, at(w.before.from)),
        lt(response.receivedAt, at(w.after.to)),
      ),
    )
    .groupBy(sql`1`, response.score, response.satisfaction);
  const counts = { before: tally(), after: tally() };
  for (const r of rows.map((x) => ZCell.parse(x))) {
    const c = counts[r.after ? "after" : "before"];
    c.nps[r.score] += r.n;
    if (r.satisfaction !== null) c.sat[r.satisfaction] += r.n;
  }
  return {
    ...empty,
    before: { ...w.before, nps: figure(counts.before.nps), satisfaction: figure(counts.before.sat) },
    after: { ...w.after, nps: figure(counts.after.nps), satisfaction: figure(counts.after.sat) },
    change: {
      nps: finite(npsChangeSignificant(counts.before.nps, counts.after.nps)),
      satisfaction: finite(npsChangeSignificant(counts.before.sat, counts.after.sat)),
    },
  };
}

const tally = () => ({ nps: new Array<number>(11).fill(0), sat: new Array<number>(11).fill(0) });

function figure(counts: number[]) {
  const r = npsFromCounts(counts);
  const ci = npsConfidenceInterval(counts);
  return { answers: r.answers, value: r.nps, interval: ci ? { low: ci.low, high: ci.high } : null };
}

/** JSON has no infinity: two periods without variance and different values report z as ±1e9. */
function finite(c: ReturnType<typeof npsChangeSignificant>) {
  if (!c) return null;
  return { ...c, z: Number.isFinite(c.z) ? c.z : Math.sign(c.z) * 1e9 };
}
