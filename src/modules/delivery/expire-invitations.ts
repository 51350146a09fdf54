import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";

/**
 * Closes invitations whose time is up: sent and unanswered after the answer window → expired; still
 * scheduled past the contact rules' expiry → expired with that reason (it would be asked too late). Every
 * organisation's unless `orgId` is given: the job serves all tenants, hence `unsafe`.
 */
export async function unsafeExpireInvitations(
  db: Db,
  { now = new Date(), orgId }: { now?: Date; orgId?: string } = {},
): Promise<{ sent: number; scheduled: number }> {
  const at = now.toISOString();
  const onlyOrg = orgId ? sql`org_id = ${orgId} AND` : sql``;
  const sent = await db.execute(sql`
    UPDATE survey_invitation SET state = 'expired'
    WHERE ${onlyOrg} state = 'sent' AND expires_at <= ${at}::timestamptz
    RETURNING id`);
  const scheduled = await db.execute(sql`
    UPDATE survey_invitation SET state = 'expired', reason = 'expired'
    WHERE ${onlyOrg} state = 'scheduled' AND expires_at <= ${at}::timestamptz
    RETURNING id`);
  return { sent: sent.rows.length, scheduled: scheduled.rows.length };
}
