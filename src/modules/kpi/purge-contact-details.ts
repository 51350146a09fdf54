import { sql } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";

/**
 * Removes recording references and caller hashes of contacts older than each organisation's retention period
 * (default 6 months). The derived first-contact outcome stays, so the KPIs do not change. Logs the count.
 */
export async function unsafePurgeContactDetails(
  deps: AppDeps,
  { now = new Date(), orgId }: { now?: Date; orgId?: string } = {},
): Promise<{ cleared: number }> {
  const res = await deps.db.execute(sql`
    update contact_record r set caller_hash = null, recording_ref = null
    from organization o left join kpi_settings s on s.org_id = o.id
    where o.id = r.org_id and (r.caller_hash is not null or r.recording_ref is not null)
      and r.arrived_at < ${now.toISOString()}::timestamptz - make_interval(months => coalesce(s.retention_months, 6))
      ${orgId ? sql`and r.org_id = ${orgId}` : sql``}
    returning r.id`);
  const cleared = res.rows.length;
  console.info(`Retention: removed recording references and caller hashes of ${cleared} contact record(s).`);
  return { cleared };
}
