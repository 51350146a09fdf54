import { fromPglite, PgBoss, type PGliteLike } from "pg-boss";
import type { AppDeps } from "../context.ts";
import { unsafeReleaseAllClaims } from "../modules/delivery/claim-due-invitations.ts";
import { serializeError } from "../http/log.ts";
import {
  DELIVER_WEBHOOKS,
  DISPATCH_DUE,
  type JobSettings,
  jobDefinitions,
  SEND_PASSWORD_RESETS,
} from "./definitions.ts";

export interface StartJobsOptions extends JobSettings {
  /** Seconds between wake-ups of the dispatcher and the webhook deliverer (the cron floor is a minute). */
  tickSeconds?: number;
  /** Where job errors go (default: stderr). */
  onError?: (err: unknown, job: string) => void;
}

interface TRunning {
  boss: PgBoss;
  timer: NodeJS.Timeout;
  onError: (err: unknown, job: string) => void;
}

let running: TRunning | null = null;

/** pg-boss on the app's own database: its pool on PostgreSQL, the one embedded connection on PGlite. */
function createBoss(deps: AppDeps): PgBoss {
  if (deps.database.kind === "postgres") {
    return new PgBoss({ connectionString: deps.config.DATABASE_URL, max: 4 });
  }
  const client = (deps.db as unknown as { $client: PGliteLike }).$client;
  return new PgBoss({ db: fromPglite(client), backend: "pglite" });
}

function enqueue(name: string): void {
  const r = running;
  if (!r) return;
  // The queues keep one run waiting at most ("short" policy): a wake-up while one waits is dropped.
  r.boss.send(name, {}).catch((err) => r.onError(err, name));
}

/** Asks the dispatcher to look for due invitations now; call after the scheduling transaction commits. */
export function wakeDispatcher(): void {
  enqueue(DISPATCH_DUE);
}

/** Asks the webhook deliverer to look for due deliveries now. */
export function wakeWebhooks(): void {
  enqueue(DELIVER_WEBHOOKS);
}

/** Asks the job that mails password-reset links to run now; called after a request is queued. */
export function wakePasswordResets(): void {
  enqueue(SEND_PASSWORD_RESETS);
}

/**
 * Starts pg-boss with Kaja's jobs: a worker per queue, cron floors, and a ticker that wakes the dispatcher
 * and the webhook deliverer every few seconds. On the embedded database every claim still open belongs to
 * a process that died (one process holds the data folder), so those invitations are made due at once.
 */
export async function startJobs(deps: AppDeps, options: StartJobsOptions = {}): Promise<void> {
  if (running) throw new Error("background jobs are already running");
  const {
    tickSeconds = 5,
    // Serialised like the server log: a database error's query parameters may hold personal data.
    onError = (err, job) => console.error(`job ${job} failed:`, serializeError(err)),
  } = options;
  const boss = createBoss(deps);
  boss.on("error", (err) => onError(err, "pg-boss"));
  await boss.start();
  if (deps.database.kind === "pglite") await unsafeReleaseAllClaims(deps.db);
  for (const job of jobDefinitions(options)) {
    await boss.createQueue(job.name, { policy: job.policy, retryLimit: 0, expireInSeconds: 900 });
    await boss.work(job.name, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([j]) => {
      try {
        const result = await job.handler(deps, job.payload.parse(j.data ?? {}));
        // A run that stopped at its time budget asks for the next run at once.
        if ((result as { more?: boolean } | undefined)?.more) enqueue(job.name);
      } catch (err) {
        onError(err, job.name);
        throw err;
      }
    });
    if (job.cron) await boss.schedule(job.name, job.cron);
  }
  const timer = setInterval(() => {
    wakeDispatcher();
    wakeWebhooks();
  }, tickSeconds * 1000);
  timer.unref();
  running = { boss, timer, onError };
  wakeDispatcher();
  wakeWebhooks();
}

/** Stops the ticker and the workers, letting running jobs finish (up to `timeoutMs`); before closing the database. */
export async function stopJobs({ timeoutMs = 15_000 } = {}): Promise<void> {
  const r = running;
  if (!r) return;
  running = null;
  clearInterval(r.timer);
  await r.boss.stop({ graceful: true, timeout: timeoutMs });
}
