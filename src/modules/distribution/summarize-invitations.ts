import { eq, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { invitationDelivery, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { INVITATION_STATES } from "./decide-invitation.ts";
import { type InvitationFilters, invitationConditions } from "./find-invitations.ts";
import { invitationVisibility } from "./invitation-visibility.ts";

export interface TInvitationSummary {
  total: number;
  byState: Record<string, number>;
  /** Skipped, failed and dead invitations per reason. */
  reasons: { state: string; reason: string; count: number }[];
}

/**
 * Counts of the invitations the actor may count, per state, and per reason for those that did not go, for a
 * survey and period.
 */
export async function summarizeInvitations(
  db: Db,
  actor: TActor,
  f: Omit<InvitationFilters, "state" | "reason">,
): Promise<TInvitationSummary> {
  const i = surveyInvitation;
  let q = db
    .select({ state: i.state, reason: i.reason, count: sql<number>`count(*)::int` })
    .from(i)
    .$dynamic();
  if (f.bulkId) {
    q = q.innerJoin(
      invitationDelivery,
      inOrg(invitationDelivery, i.orgId, eq(invitationDelivery.invitationId, i.id)),
    );
  }
  const visible = await invitationVisibility(db, actor, "figures");
  const rows = await q
    .where(inOrg(i, actor.orgId, ...invitationConditions(f), visible))
    .groupBy(i.state, i.reason);
  const byState: Record<string, number> = Object.fromEntries(INVITATION_STATES.map((s) => [s, 0]));
  const reasons: TInvitationSummary["reasons"] = [];
  let total = 0;
  for (const r of rows) {
    const n = Number(r.count);
    total += n;
    byState[r.state] = (byState[r.state] ?? 0) + n;
    if (r.reason) reasons.push({ state: r.state, reason: r.reason, count: n });
  }
  reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { total, byState, reasons };
}
