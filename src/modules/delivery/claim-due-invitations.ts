import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";

export interface ClaimDueInvitationsOptions {
  now: Date;
  limit: number;
  /** How long a claim holds before another worker may take the invitation over (crash recovery). */
  leaseSeconds: number;
  /** Host part of the Message-ID (see messageIdFor). */
  messageHost: string;
  /** Only this organisation's invitations (a "send now" for one tenant; tests on a shared database). */
  orgId?: string;
}

const ZClaimed = z.object({
  orgId: z.string(),
  id: z.string(),
  attempts: z.coerce.number().int(),
  messageId: z.string(),
});
export type TClaimedInvitation = z.infer<typeof ZClaimed>;

/**
 * Claims due invitations in one statement: scheduled ones whose time has come, failed ones whose retry is
 * due, and "sending" ones whose claim lapsed (their worker died). They become "sending"; the delivery row
 * counts the attempt, keeps (or gets) the stable Message-ID and holds the lease. SKIP LOCKED lets several
 * workers claim side by side without taking the same invitation. A retry locks its delivery row as well as the
 * invitation: a claimer whose snapshot predates another's claim then rechecks the lease on the row as that
 * claim left it (PostgreSQL rechecks only locked rows), instead of taking the same lapsed claim a second time. Every organisation's invitations unless
 * `orgId` is given: the dispatcher serves all tenants, hence `unsafe`.
 */
export async function unsafeClaimDueInvitations(
  db: Db,
  { now, limit, leaseSeconds, messageHost, orgId }: ClaimDueInvitationsOptions,
): Promise<TClaimedInvitation[]> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
  const onlyOrg = orgId ? sql`i.org_id = ${orgId} AND` : sql``;
  const result = await db.execute(sql`
    WITH fresh AS (
      SELECT i.org_id, i.id, i.scheduled_at AS due_at
      FROM survey_invitation i
      WHERE ${onlyOrg} i.state = 'scheduled' AND i.scheduled_at <= ${at}::timestamptz
      ORDER BY i.scheduled_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), retry AS (
      SELECT i.org_id, i.id, d.next_attempt_at AS due_at
      FROM survey_invitation i
      JOIN invitation_delivery d ON d.org_id = i.org_id AND d.invitation_id = i.id
      WHERE ${onlyOrg} i.state IN ('failed', 'sending') AND d.next_attempt_at <= ${at}::timestamptz
      ORDER BY d.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE OF i, d SKIP LOCKED
    ), due AS (
      SELECT org_id, id FROM (SELECT * FROM fresh UNION ALL SELECT * FROM retry) u ORDER BY due_at LIMIT ${limit}
    ), claimed AS (
      UPDATE survey_invitation s SET state = 'sending'
      FROM due WHERE s.org_id = due.org_id AND s.id = due.id
      RETURNING s.org_id, s.id
    )
    INSERT INTO invitation_delivery AS d (org_id, invitation_id, source, attempts, next_attempt_at, message_id, updated_at)
    SELECT org_id, id, 'manual', 1, ${lease}::timestamptz, '<' || id || ${`@${messageHost}>`}, ${at}::timestamptz
    FROM claimed
    ON CONFLICT (org_id, invitation_id) DO UPDATE SET
      attempts = d.attempts + 1,
      next_attempt_at = excluded.next_attempt_at,
      message_id = coalesce(d.message_id, excluded.message_id),
      updated_at = excluded.updated_at
    RETURNING d.org_id AS "orgId", d.invitation_id AS "id", d.attempts, d.message_id AS "messageId"`);
  return z.array(ZClaimed).parse(result.rows);
}

export interface RenewClaimsOptions {
  now: Date;
  leaseSeconds: number;
}

/**
 * Extends the leases of claims this worker still holds (a worker renews while it works, so leases can be short
 * and a dead worker's claims lapse soon). A claim matches only while it is "sending" on the same attempt: one
 * taken over by another worker meanwhile is left alone. Returns how many were renewed.
 */
export async function renewClaims(
  db: Db,
  claims: readonly Pick<TClaimedInvitation, "orgId" | "id" | "attempts">[],
  { now, leaseSeconds }: RenewClaimsOptions,
): Promise<number> {
  if (!claims.length) return 0;
  const lease = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
  const held = sql.join(
    claims.map((c) => sql`(${c.orgId}, ${c.id}, ${c.attempts}::int)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    UPDATE invitation_delivery d SET next_attempt_at = ${lease}::timestamptz
    FROM survey_invitation i, (VALUES ${held}) AS h(org_id, id, attempts)
    WHERE d.org_id = h.org_id AND d.invitation_id = h.id AND d.attempts = h.attempts
      AND i.org_id = d.org_id AND i.id = d.invitation_id AND i.state = 'sending'
    RETURNING d.invitation_id`);
  return result.rows.length;
}

/**
 * Makes every "sending" claim due at once. Only for the embedded database: one process holds it, so a
 * claim still open at start-up belongs to a process that died. Across all organisations, hence `unsafe`.
 */
export async function unsafeReleaseAllClaims(db: Db, now = new Date()): Promise<number> {
  const result = await db.execute(sql`
    UPDATE invitation_delivery d SET next_attempt_at = ${now.toISOString()}::timestamptz
    FROM survey_invitation i
    WHERE i.org_id = d.org_id AND i.id = d.invitation_id AND i.state = 'sending'
    RETURNING d.invitation_id`);
  return result.rows.length;
}
