import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { TTx } from "./settings.ts";

/**
 * Re-derives first-contact resolution for the unflagged answered contacts of the given callers: resolved unless
 * the same caller contacted the same service again (any channel) within `windowDays` after it. Returns the ids
 * whose outcome changes, and changes them.
 */
export async function deriveFcr(
  tx: Db | TTx,
  orgId: string,
  windowDays: number,
  hashes: string[],
  onChange: (ids: string[]) => Promise<void>,
  afterChange: (ids: string[]) => Promise<void>,
): Promise<string[]> {
  if (hashes.length === 0) return [];
  const found = await tx.execute(sql`
    select r.id, not exists (
      select 1 from contact_record l
      where l.org_id = r.org_id and l.caller_hash = r.caller_hash and l.service_id = r.service_id
        and l.arrived_at > r.arrived_at and l.arrived_at <= r.arrived_at + make_interval(days => ${windowDays})
    ) as outcome, r.fcr_outcome
    from contact_record r
    where r.org_id = ${orgId} and r.caller_hash = any(${sql.param(hashes)}::text[]) and r.fcr_flag is null
      and r.answered_at is not null and r.service_id is not null
    for update of r`);
  const changed = (found.rows as { id: string; outcome: boolean; fcr_outcome: boolean | null }[]).filter(
    (row) => row.outcome !== row.fcr_outcome,
  );
  const ids = changed.map((row) => row.id);
  if (ids.length === 0) return [];
  await onChange(ids);
  const resolved = changed.filter((row) => row.outcome).map((row) => row.id);
  const repeated = changed.filter((row) => !row.outcome).map((row) => row.id);
  if (resolved.length)
    await tx.execute(
      sql`update contact_record set fcr_outcome = true where org_id = ${orgId} and id = any(${sql.param(resolved)}::text[])`,
    );
  if (repeated.length)
    await tx.execute(
      sql`update contact_record set fcr_outcome = false where org_id = ${orgId} and id = any(${sql.param(repeated)}::text[])`,
    );
  await afterChange(ids);
  return ids;
}
