import type { AppDeps } from "../../context.ts";
import { renewClaims, type TClaimedInvitation, unsafeClaimDueInvitations } from "./claim-due-invitations.ts";
import { deliverInvitation } from "./deliver-invitation.ts";
import { loadSendContexts } from "./load-send-contexts.ts";
import { prepareBatch, type TReady } from "./prepare-batch.ts";
import { markFailed } from "./record-send-outcome.ts";
import { SentRecorder } from "./sent-recorder.ts";
import { messageHost } from "./survey-link.ts";

export interface DispatchDueOptions {
  /**
   * Invitations claimed per round. A batch costs about seven statements whatever its size (claim, contexts,
   * recheck, put-backs, token hashes, transaction); 100 rather than 50 since decision 061 spreads them over twice
   * the messages.
   */
  batchSize?: number;
  /**
   * Batches claimed ahead at most: the next ones are claimed and rechecked while earlier ones go out, so the
   * mail server is never left waiting for the database.
   */
  batchesInFlight?: number;
  /**
   * Messages handed to the mail server at the same time, across batches; a sender takes its next message
   * only once the last one is recorded, so this is also the most a crash can repeat (with the same
   * Message-ID). Several senders' messages are recorded by one group statement.
   */
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
 * Sends every invitation that is due (scheduled, retry due, or abandoned by a dead worker) until none is left
 * or the time budget is spent. Up to `batchesInFlight` batches are claimed and rechecked ahead while earlier
 * ones go out (on PostgreSQL on separate connections; the claims are exclusive across workers and processes,
 * see unsafeClaimDueInvitations), and `concurrency` senders take the cleared invitations one by one whichever
 * batch they came from, so the mail server does not wait for a batch's slowest message. Accepted messages are
 * recorded in groups, and the claims still held are renewed while the run works. Safe to run in several
 * processes at once.
 */
export async function dispatchDue(
  deps: AppDeps,
  {
    batchSize = 100,
    batchesInFlight = 3,
    concurrency = 16,
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

  /** Cleared invitations not yet handed to a sender, from however many batches. */
  const queue: TReady[] = [];
  let claiming = 0;
  let claimed = false;
  /** No more claims: nothing was due, the budget is spent, or a claim failed. */
  let done = false;
  let more = false;
  let claimFailure: unknown = null;
  let wake: () => void = () => {};
  let woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const signal = () => {
    wake();
    woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
  };

  /** Claims further batches while fewer than `batchesInFlight` are waiting or being claimed. */
  const refill = () => {
    while (
      !done &&
      claiming < batchesInFlight &&
      queue.length + claiming * batchSize < batchesInFlight * batchSize
    ) {
      // Whatever was claimed is delivered; only a new claim (after the first) waits for the budget.
      if (claimed && Date.now() - started > budgetMs) {
        more = true;
        done = true;
        break;
      }
      claiming++;
      claimed = true;
      claimAndPrepare()
        .then(
          (ready) => {
            if (ready) queue.push(...ready);
            else done = true;
          },
          (err) => {
            claimFailure ??= err;
            done = true;
          },
        )
        .finally(() => {
          claiming--;
          signal();
        });
    }
  };

  const sender = async () => {
    for (;;) {
      refill();
      const r = queue.shift();
      if (!r) {
        if (done && !claiming) return;
        await woken;
        continue;
      }
      const sent = await deliverInvitation(deps, r, clock, (accepted) => recorder.add(accepted));
      counts[sent ? "sent" : "failed"]++;
      if (!sent) claims.drop(r.c.claim);
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, sender));
    await recorder.drain();
    if (claimFailure) throw claimFailure;
  } finally {
    await recorder.drain().catch(() => {});
    claims.stop();
  }
  return { ...counts, more };
}
