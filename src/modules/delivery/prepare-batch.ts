import { sql } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import { recheckBatchBeforeSend, type TRecheck } from "../distribution/recheck-before-send.ts";
import type { TSendContext } from "./load-send-contexts.ts";
import { jsonRows } from "../distribution/json-rows.ts";
import { markPutBack, type TPutBack } from "./record-send-outcome.ts";
import { surveyTokenFor } from "./survey-link.ts";

/** A claimed invitation cleared to go, with its link token (in clear only in memory, never stored). */
export interface TReady {
  c: TSendContext;
  token: string;
}

export interface TPrepared {
  ready: TReady[];
  skipped: number;
  rescheduled: number;
  /** Invitations whose recheck raised an error (e.g. rules it cannot plan with): recorded as failed attempts. */
  broken: { c: TSendContext; error: unknown }[];
}

/**
 * Checks a claimed batch against the contact rules once more (the distribution module's recheckBatchBeforeSend),
 * in one transaction: skips or reschedules those that may not go now (one statement for the batch), and stores the link token's hash of
 * those that may, so the link works the moment the mail arrives. The token is derived from the invitation,
 * so a resend after a crash carries the same working link.
 */
export async function prepareBatch(deps: AppDeps, contexts: TSendContext[], now: Date): Promise<TPrepared> {
  return deps.db.transaction(async (tx) => {
    const out: TPrepared = { ready: [], skipped: 0, rescheduled: 0, broken: [] };
    const hashes: { org_id: string; id: string; hash: string }[] = [];
    const putBack: TPutBack[] = [];
    // One recheck for the whole batch (the contacts in one read, each survey's rules once).
    const verdicts = await recheckBatchBeforeSend(
      tx,
      contexts.map((c) => c.invitation),
      now,
    );
    for (const [i, c] of contexts.entries()) {
      const inv = c.invitation;
      const v = verdicts[i];
      if ("error" in v) {
        out.broken.push({ c, error: v.error });
        continue;
      }
      let verdict: TRecheck = v;
      if (verdict.ok && !c.contact?.email) verdict = { ok: false, reason: "no_address" };
      if (verdict.ok) {
        const { token, hash } = surveyTokenFor(deps.secret, inv.orgId, inv.id);
        if (hash !== inv.tokenHash) hashes.push({ org_id: inv.orgId, id: inv.id, hash });
        out.ready.push({ c, token });
      } else if ("rescheduleAt" in verdict) {
        putBack.push({ orgId: inv.orgId, id: inv.id, rescheduleAt: verdict.rescheduleAt });
        out.rescheduled++;
      } else {
        putBack.push({ orgId: inv.orgId, id: inv.id, skip: verdict.reason });
        out.skipped++;
      }
    }
    // The batch's skips and reschedules in one statement, its link token hashes in another.
    await markPutBack(tx, putBack, now);
    if (hashes.length) {
      const values = jsonRows({ org_id: "text", id: "text", hash: "text" }, hashes);
      await tx.execute(sql`
        UPDATE survey_invitation i SET token_hash = v.hash
        FROM ${values}
        WHERE i.org_id = v.org_id AND i.id = v.id`);
    }
    return out;
  });
}
