import type { AppDeps } from "../../context.ts";
import { renewClaims, type TClaimedInvitation, unsafeClaimDueInvitations } from "./claim-due-invitations.ts";
import { deliverInvitation } from "./deliver-invitation.ts";
import { loadSendContexts } from "./load-send-contexts.ts";
import { prepareBatch, type TReady } from "./prepare-batch.ts";
import { markFailed } from "./record-send-outcome.ts";
import { SentRecorder } from "./sent-recorder.ts";
import { messageHost } from "./survey-link.ts";

export interface DispatchDueOptions {
  /** Invitations claimed per round. */
  batchSize?: number;
  /** Messages handed to the mail server at the same time (the SMTP pool's size is the real limit). */
  concurrency?: number;
  /**
   * How long a claim holds without renewal; the worker renews its claims every third of it while it works, so
   * only a dead (or stalled) worker's claims lapse and are taken over by another worker.
   */
  leaseSeconds?: number;
  /** Stop after this long and leave the rest for the next run (keeps one job short). */
  budgetMs?: number;
  clock?: () => Date;
  /** Only this organisation's invitations. */
  orgId?: string;
}

export type TDispatchCounts = Record<"sent" | "failed" | "skipped" | "rescheduled", number>;

/** Runs `fn` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

/** Claims held by this run, renewed on a timer until each outcome is recorded. */
function holdClaims(deps: AppDeps, clock: () => Date, leaseSeconds: number) {
  const held = new Map<string, TClaimedInvitation>();
  const key = (k: { orgId: string; id: string }) => `${k.orgId}:${k.id}`;
  let renewing = false;
  const timer = setInterval(
    async () => {
      if (renewing || !held.size) return;
      renewing = true;
      // A failed renewal is retried on the next tick; at worst a claim lapses and its message repeats.
      await renewClaims(deps.db, [...held.values()], { now: clock(), leaseSeconds }).catch(() => {});
      renewing = false;
    },
    (leaseSeconds * 1000) / 3,
  );
  timer.unref();
  return {
    add: (claims: TClaimedInvitation[]) => {
      for (const c of claims) held.set(key(c), c);
    },
    drop: (k: { orgId: string; id: string }) => held.delete(key(k)),
    stop: () => clearInterval(timer),
  };
}

/**
 * Sends every invitation that is due (scheduled, retry due, or abandoned by a dead worker), batch by batch,
 * until none is left or the time budget is spent. The next batch is claimed and rechecked while the current
 * one goes out (on PostgreSQL they use separate connections). Each accepted message is recorded at once, and
 * the claims still held are renewed while the run works. Safe to run in several processes at once.
 */
export async function dispatchDue(
  deps: AppDeps,
  {
    batchSize = 50,
    concurrency = 8,
    leaseSeconds = 30,
    budgetMs = 60_000,
    clock = () => new Date(),
    orgId,
  }: DispatchDueOptions = {},
): Promise<TDispatchCounts & { more: boolean }> {
  const counts: TDispatchCounts = { sent: 0, failed: 0, skipped: 0, rescheduled: 0 };
  const started = Date.now();
  const host = messageHost(deps.config.publicUrl);
  const claims = holdClaims(deps, clock, leaseSeconds);

  const claimAndPrepare = async () => {
    const claimed = await unsafeClaimDueInvitations(deps.db, {
      now: clock(),
      limit: batchSize,
      leaseSeconds,
      messageHost: host,
      orgId,
    });
    if (!claimed.length) return null;
    claims.add(claimed);
    const prepared = await prepareBatch(deps, await loadSendContexts(deps.db, claimed), clock());
    const ready = new Set(prepared.ready.map((r) => r.c.claim));
    for (const c of claimed) if (!ready.has(c)) claims.drop(c);
    counts.skipped += prepared.skipped;
    counts.rescheduled += prepared.rescheduled;
    for (const { c, error } of prepared.broken) {
      const message = `internal: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
      const failure = { permanentRecipient: false, message };
      await markFailed(deps.db, c.invitation, {
        now: clock(),
        attempts: c.claim.attempts,
        contactId: null,
        failure,
      });
      counts.failed++;
    }
    return prepared.ready;
  };

  // Accepted messages are recorded in groups; a claim is let go once its message is recorded.
  const recorder = new SentRecorder(deps.db, (group) => {
    for (const sent of group) claims.drop(sent);
  });
  let next: Promise<TReady[] | null> | null = claimAndPrepare();
  let more = false;
  try {
    while (next) {
      const ready = await next;
      if (!ready) break;
      // Whatever was claimed is delivered; only a new claim waits for the budget.
      more = Date.now() - started > budgetMs;
      next = more ? null : claimAndPrepare();
      next?.catch(() => {}); // awaited on the next round; keeps a failure from going unhandled meanwhile
      await eachLimited(ready, concurrency, async (r) => {
        const sent = await deliverInvitation(deps, r, clock, (accepted) => recorder.add(accepted));
        counts[sent ? "sent" : "failed"]++;
        if (!sent) claims.drop(r.c.claim);
      });
    }
    await recorder.drain();
  } finally {
    await recorder.drain().catch(() => {});
    claims.stop();
  }
  return { ...counts, more };
}
