import type { AppDeps } from "../../context.ts";
import { recheckBatchBeforeSend, type TRecheck } from "../distribution/recheck-before-send.ts";
import {
  type LockDueInvitationsOptions,
  type RecordClaimsOptions,
  recordClaims,
  type TClaimDecision,
  unsafeLockDueInvitations,
} from "./claim-due-invitations.ts";
import { loadSendContexts, type TSendContext } from "./load-send-contexts.ts";
import { surveyTokenFor } from "./survey-link.ts";

/** A claimed invitation cleared to go, with its link token (in clear only in memory, never stored). */
export interface TReady {
  c: TSendContext;
  token: string;
}

export interface TClaimedBatch {
  ready: TReady[];
  skipped: number;
  rescheduled: number;
  /** Invitations whose recheck raised an error (e.g. rules it cannot plan with): claimed, to be recorded as failed attempts. */
  broken: { c: TSendContext; error: unknown }[];
}

export type ClaimBatchOptions = LockDueInvitationsOptions & RecordClaimsOptions;

/**
 * Claims a batch of due invitations and checks it against the contact rules once more (the distribution module's
 * recheckBatchBeforeSend), in one transaction: locks the due rows, reads what sending them needs, rechecks, then
 * writes every verdict in one statement — those that may go become "sending" with their lease and their link
 * token's hash (so the link works the moment the mail arrives), those that may not are skipped or rescheduled
 * without having been claimed first. Each invitation is updated once here and once when its message is recorded
 * (decision 063). The token is derived from the invitation, so a resend after a crash carries the same working
 * link. Null when nothing is due. Across organisations unless `orgId` is given, hence `unsafe`.
 */
export async function unsafeClaimBatch(deps: AppDeps, o: ClaimBatchOptions): Promise<TClaimedBatch | null> {
  return deps.db.transaction(async (tx) => {
    const locked = await unsafeLockDueInvitations(tx, o);
    if (!locked.length) return null;
    const contexts = await loadSendContexts(tx, locked);
    // One recheck for the whole batch (the contacts in one read, each survey's rules once).
    const verdicts = await recheckBatchBeforeSend(
      tx,
      contexts.map((c) => c.invitation),
      o.now,
    );
    const decisions: TClaimDecision[] = [];
    const going: ({ c: TSendContext; token: string } | { c: TSendContext; error: unknown })[] = [];
    const out: TClaimedBatch = { ready: [], skipped: 0, rescheduled: 0, broken: [] };
    for (const [i, c] of contexts.entries()) {
      const inv = c.invitation;
      const key = { orgId: inv.orgId, id: inv.id };
      const v = verdicts[i];
      if ("error" in v) {
        decisions.push({ ...key, claim: true, tokenHash: null });
        going.push({ c, error: v.error });
        continue;
      }
      let verdict: TRecheck = v;
      if (verdict.ok && !c.contact?.email) verdict = { ok: false, reason: "no_address" };
      if (verdict.ok) {
        const { token, hash } = surveyTokenFor(deps.secret, inv.orgId, inv.id);
        decisions.push({ ...key, claim: true, tokenHash: hash !== inv.tokenHash ? hash : null });
        going.push({ c, token });
      } else if ("rescheduleAt" in verdict) {
        decisions.push({ ...key, rescheduleAt: verdict.rescheduleAt });
        out.rescheduled++;
      } else {
        decisions.push({ ...key, skip: verdict.reason });
        out.skipped++;
      }
    }
    // A locked invitation without a context (no current survey version) is claimed as before decision 063: it
    // is not sent, and its claim lapses.
    const found = new Set(contexts.map((c) => c.claim));
    for (const k of locked)
      if (!found.has(k)) decisions.push({ orgId: k.orgId, id: k.id, claim: true, tokenHash: null });
    const written = new Map((await recordClaims(tx, decisions, o)).map((d) => [`${d.orgId}:${d.id}`, d]));
    for (const g of going) {
      // The attempt and Message-ID as written (the locking read predicts them; the write is what counts).
      const c = { ...g.c, claim: written.get(`${g.c.claim.orgId}:${g.c.claim.id}`) ?? g.c.claim };
      if ("token" in g) out.ready.push({ c, token: g.token });
      else out.broken.push({ c, error: g.error });
    }
    return out;
  });
}
