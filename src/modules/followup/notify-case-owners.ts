import { inOrg } from "../../db/scope.ts";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import { caseMessageId, sendCaseMail, staffOf } from "./case-mail.ts";
import { followUpCase, followUpPreference } from "./schema.ts";

export interface NotifyCaseOwnersOptions {
  orgId?: string;
  batch?: number;
}

/**
 * Mails each case's owner once per assignment (owners who chose the daily digest excepted). Taking the notification is a conditional UPDATE that sets
 * `notified_owner_id` to the owner, so concurrent runs never mail the same assignment twice; a failed send
 * gives the notification back for the next run.
 */
export async function notifyCaseOwners(
  deps: AppDeps,
  { orgId, batch = 100 }: NotifyCaseOwnersOptions = {},
): Promise<{ sent: number }> {
  const due = await unsafeFindUnnotifiedCases(deps, orgId, batch);
  let sent = 0;
  for (const d of due) {
    const [c] = await deps.db
      .update(followUpCase)
      .set({ notifiedOwnerId: followUpCase.ownerId })
      .where(
        inOrg(
          followUpCase,
          d.orgId,
          eq(followUpCase.id, d.id),
          sql`${followUpCase.notifiedOwnerId} is distinct from ${followUpCase.ownerId}`,
        ),
      )
      .returning({
        orgId: followUpCase.orgId,
        id: followUpCase.id,
        ownerId: followUpCase.ownerId,
        dueDate: followUpCase.dueDate,
      });
    if (!c?.ownerId) continue;
    const to = await staffOf(deps.db, c.ownerId);
    if (!to) continue;
    try {
      await sendCaseMail(deps, "assigned", c, to, caseMessageId(deps, "assigned", c.id, `-${c.ownerId}`));
      sent++;
    } catch (err) {
      await deps.db
        .update(followUpCase)
        .set({ notifiedOwnerId: null })
        .where(
          inOrg(
            followUpCase,
            c.orgId,
            eq(followUpCase.id, c.id),
            eq(followUpCase.notifiedOwnerId, c.ownerId),
          ),
        );
      throw err;
    }
  }
  return { sent };
}

/** Cases of every organisation (or one) whose owner has not been mailed yet: a job's scan across tenants. */
function unsafeFindUnnotifiedCases(deps: AppDeps, orgId: string | undefined, batch: number) {
  return deps.db
    .select({ orgId: followUpCase.orgId, id: followUpCase.id })
    .from(followUpCase)
    .where(
      and(
        isNotNull(followUpCase.ownerId),
        sql`${followUpCase.notifiedOwnerId} is distinct from ${followUpCase.ownerId}`,
        sql`${followUpCase.state} <> 'resolved'`,
        // Owners who chose the daily digest get these cases there (send-case-digests).
        sql`not exists (select 1 from ${followUpPreference} p where p.org_id = ${followUpCase.orgId}
          and p.user_id = ${followUpCase.ownerId} and p.assignment_mail = 'digest')`,
        orgId ? inOrg(followUpCase, orgId) : undefined,
      ),
    )
    .limit(batch);
}
