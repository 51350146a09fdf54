import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import type { TKpiSettingsValues } from "./contracts.ts";
import { rebuildKpiRollups } from "./rollup-cells.ts";
import { kpiSettings } from "./schema.ts";
import { getKpiSettings, publicSettings, type TTx } from "./settings.ts";

/** Re-derives first-contact resolution of all the organisation's unflagged answered contacts with a caller hash. */
export async function rederiveFcr(tx: Db | TTx, orgId: string, windowDays: number): Promise<void> {
  await tx.execute(sql`
    update contact_record r set fcr_outcome = not exists (
      select 1 from contact_record l
      where l.org_id = r.org_id and l.caller_hash = r.caller_hash and l.service_id = r.service_id
        and l.arrived_at > r.arrived_at and l.arrived_at <= r.arrived_at + make_interval(days => ${windowDays}))
    where r.org_id = ${orgId} and r.fcr_flag is null and r.answered_at is not null and r.service_id is not null
      and r.caller_hash is not null`);
}

/**
 * Changes the thresholds, window, retention and targets. A change of the service-level threshold, the short
 * abandon limit or the FCR window recounts the organisation's rollups from its records, in the same transaction.
 */
export async function updateKpiSettings(
  db: Db,
  orgId: string,
  values: TKpiSettingsValues,
): Promise<TKpiSettingsValues> {
  return db.transaction(async (tx) => {
    const before = await getKpiSettings(tx, orgId);
    await tx
      .update(kpiSettings)
      .set({ ...values, updatedAt: new Date() })
      .where(inOrg(kpiSettings, orgId));
    if (values.fcrWindowDays !== before.fcrWindowDays) await rederiveFcr(tx, orgId, values.fcrWindowDays);
    if (
      values.fcrWindowDays !== before.fcrWindowDays ||
      values.serviceLevelSeconds !== before.serviceLevelSeconds ||
      values.shortAbandonSeconds !== before.shortAbandonSeconds
    )
      await rebuildKpiRollups(tx, orgId, values);
    return publicSettings(await getKpiSettings(tx, orgId));
  });
}
