import type { Db } from "../../db/connect.ts";
import { contact, type surveyInvitation } from "../../db/schema.ts";
import { createPlanner, type TPlanner, type TSkipReason } from "./decide-invitation.ts";
import { keyIn } from "./json-rows.ts";
import { findSendingContext, type TSendingContext } from "./load-sending-context.ts";

/** Send now; or skip for good with a reason; or wait until `rescheduleAt` (the next instant the rules allow). */
export type TRecheck = { ok: true } | { ok: false; reason: TSkipReason } | { ok: false; rescheduleAt: Date };

type TInvitation = typeof surveyInvitation.$inferSelect;

/**
 * The contact rules checked again just before sending, inside the dispatcher's transaction: the person may have
 * been erased, opted out or lost a working address since scheduling, and the rules may have changed (a new
 * blackout, another window). Quarantine is not re-checked: it was settled when the invitation was scheduled,
 * and scheduled invitations count for it. Reads only; the caller records the outcome.
 */
export async function recheckBeforeSend(tx: Db, invitation: TInvitation, now: Date): Promise<TRecheck> {
  const [verdict] = await recheckBatchBeforeSend(tx, [invitation], now);
  if ("error" in verdict) throw verdict.error;
  return verdict;
}

/**
 * recheckBeforeSend for a whole batch in two statements plus one per distinct survey: the contacts are read
 * together, each survey's rules once, and the plan is made once per survey, send instant and contact day.
 * An invitation whose rules cannot be planned with gets `{ error }`; the others are not held up by it.
 */
export async function recheckBatchBeforeSend(
  tx: Db,
  invitations: TInvitation[],
  now: Date,
): Promise<(TRecheck | { error: unknown })[]> {
  const withContact = invitations.filter((i) => i.contactId && !(i.expiresAt && i.expiresAt <= now));
  const contacts = new Map<
    string,
    { email: string | null; optedOutAt: Date | null; invalidAt: Date | null }
  >();
  if (withContact.length) {
    const rows = await tx
      .select({
        orgId: contact.orgId,
        id: contact.id,
        email: contact.email,
        optedOutAt: contact.optedOutAt,
        invalidAt: contact.emailInvalidAt,
      })
      .from(contact)
      .where(
        keyIn(
          contact.orgId,
          contact.id,
          withContact.map((i) => ({ orgId: i.orgId, id: i.contactId as string })),
        ),
      );
    for (const r of rows) contacts.set(`${r.orgId}:${r.id}`, r);
  }
  const contexts = new Map<string, Promise<TSendingContext | null>>();
  const planners = new Map<string, TPlanner>();
  const out: (TRecheck | { error: unknown })[] = [];
  for (const invitation of invitations) {
    if (invitation.expiresAt && invitation.expiresAt <= now) {
      out.push({ ok: false, reason: "expired" });
      continue;
    }
    if (!invitation.contactId) {
      out.push({ ok: false, reason: "no_address" });
      continue;
    }
    const c = contacts.get(`${invitation.orgId}:${invitation.contactId}`);
    if (!c?.email) out.push({ ok: false, reason: "no_address" });
    else if (c.optedOutAt) out.push({ ok: false, reason: "opted_out" });
    else if (c.invalidAt) out.push({ ok: false, reason: "invalid_address" });
    else {
      const surveyKey = `${invitation.orgId}:${invitation.surveyId}`;
      let ctx = contexts.get(surveyKey);
      if (!ctx) {
        ctx = findSendingContext(tx, invitation.orgId, invitation.surveyId);
        contexts.set(surveyKey, ctx);
      }
      try {
        out.push(plan(await ctx, invitation, now, planners, surveyKey));
      } catch (error) {
        out.push({ error });
      }
    }
  }
  return out;
}

function plan(
  ctx: TSendingContext | null,
  invitation: TInvitation,
  now: Date,
  planners: Map<string, TPlanner>,
  surveyKey: string,
): TRecheck {
  if (!ctx) return { ok: false, reason: "expired" };
  // The delay was served when scheduling; what remains is the window, holidays, blackouts and the expiry.
  const due = invitation.scheduledAt && invitation.scheduledAt > now ? invitation.scheduledAt : now;
  const key = `${surveyKey}:${due.getTime()}`;
  let planner = planners.get(key);
  if (!planner) {
    planner = createPlanner({ ...ctx.rules, delayWorkingDays: 0 }, due);
    planners.set(key, planner);
  }
  const p = planner(invitation.occurredAt ?? due, null);
  if (p.state === "skipped") return { ok: false, reason: p.reason };
  if (p.sendAt.getTime() > now.getTime()) return { ok: false, rescheduleAt: p.sendAt };
  return { ok: true };
}
