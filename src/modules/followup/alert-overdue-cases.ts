import { inOrg } from "../../db/scope.ts";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { caseOwner } from "./case-owner.ts";
import { caseMessageId, firstOwnerOf, sendCaseMail, staffOf } from "./case-mail.ts";
import { emitCaseEvent } from "./case-webhooks.ts";
import { getFollowUpRule } from "./rule.ts";
import { followUpCase } from "./schema.ts";
import { appendCaseEvent } from "./timeline.ts";

/** A claim older than this belongs to a process that died before it recorded the send: it is taken over. */
export const OVERDUE_CLAIM_LEASE_MS = 10 * 60_000;

const ZClaimed = z.object({
  org_id: z.string(),
  id: z.string(),
  owner_id: z.string().nullable(),
  department_id: z.string().nullable(),
  due_date: z.string(),
  first: z.boolean(),
});

export interface AlertOverdueOptions {
  now?: Date;
  orgId?: string;
  batch?: number;
}

/**
 * Alerts the owner's manager once about each case past its deadline. The claim is one conditional UPDATE
 * (rows locked and skipped by concurrent runs), so of several processes exactly one takes each case; the
 * timeline entry and case.overdue are written with the claim. The mail carries a Message-ID derived from the
 * case: a claim left by a crash is retried after the lease with the same Message-ID.
 */
export async function alertOverdueCases(
  deps: AppDeps,
  { now = new Date(), orgId, batch = 100 }: AlertOverdueOptions = {},
): Promise<{ alerted: number }> {
  const leaseEnd = new Date(now.getTime() - OVERDUE_CLAIM_LEASE_MS).toISOString();
  const claimed = await unsafeClaimOverdueCases(deps, now, leaseEnd, orgId, batch);
  let alerted = 0;
  for (const c of claimed) {
    const recipientId = await overdueRecipient(deps, c);
    const to = recipientId ? await staffOf(deps.db, recipientId) : null;
    if (to) {
      const mail = { orgId: c.org_id, id: c.id, dueDate: c.due_date, ownerId: c.owner_id };
      await sendCaseMail(deps, "overdue", mail, to, caseMessageId(deps, "overdue", c.id));
    }
    await deps.db
      .update(followUpCase)
      .set({ overdueAlertedAt: now })
      .where(inOrg(followUpCase, c.org_id, eq(followUpCase.id, c.id)));
    alerted++;
  }
  return { alerted };
}

/** The owner's manager: the manager of the case's department, unless that is the owner; else the first owner. */
async function overdueRecipient(deps: AppDeps, c: z.infer<typeof ZClaimed>): Promise<string | null> {
  const rule = await getFollowUpRule(deps.db, c.org_id);
  const manager = await caseOwner(deps.db, c.org_id, { ...rule, defaultOwnerId: null }, c.department_id);
  if (manager && manager !== c.owner_id) return manager;
  return firstOwnerOf(deps.db, c.org_id);
}

/** Claims overdue cases of every organisation (or one): a job's scan across tenants. */
function unsafeClaimOverdueCases(
  deps: AppDeps,
  now: Date,
  leaseEnd: string,
  orgId: string | undefined,
  batch: number,
) {
  const at = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      with due as (
        select org_id, id, overdue_claimed_at is null as first from follow_up_case
        where state <> 'resolved' and due_at < ${at} and overdue_alerted_at is null
          and (overdue_claimed_at is null or overdue_claimed_at < ${leaseEnd})
          ${orgId ? sql`and org_id = ${orgId}` : sql``}
        order by due_at limit ${batch}
        for update skip locked)
      update follow_up_case c set overdue_claimed_at = ${at}
      from due where c.org_id = due.org_id and c.id = due.id
      returning c.org_id, c.id, c.owner_id, c.department_id, c.due_date::text as due_date, due.first`);
    const rows = res.rows.map((r) => ZClaimed.parse(r));
    for (const r of rows.filter((x) => x.first)) {
      await appendCaseEvent(tx, r.org_id, r.id, { kind: "overdue", data: { dueDate: r.due_date } }, now);
      await emitCaseEvent(tx, r.org_id, r.id, "case.overdue", now);
    }
    return rows;
  });
}
