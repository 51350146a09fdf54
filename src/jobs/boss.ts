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
import { FOLD_ROLLUPS } from "./fold-rollups.ts";
import { listenForDispatch } from "./listen-for-dispatch.ts";

export interface StartJobsOptions extends JobSettings {
  /** Seconds between wake-ups of the dispatcher, the webhook deliverer and the rollup fold (the cron floor is a minute). */
  tickSeconds?: number;
  /** Run the cron floors in this process (default true; a test of what else wakes a job turns them off). */
  cron?: boolean;
  /** Where job errors go (default: stderr). */
  onError?: (err: unknown, job: string) => void;
}

interface TRunning {
  boss: PgBoss;
  /** This process's worker of each queue, to fetch a job it was just sent without waiting for its poll. */
  workers: Map<string, string>;
  timer: NodeJS.Timeout;
  unlisten: () => Promise<void>;
  onError: (err: unknown, job: string) => void;
}

let running: TRunning | null = null;

/** pg-boss on the app's own database: its pool on PostgreSQL, the one embedded connection on PGlite. */
function createBoss(deps: AppDeps, schedule: boolean): PgBoss {
  if (deps.database.kind === "postgres") {
    return new PgBoss({ connectionString: deps.config.DATABASE_URL, max: 4, schedule });
  }
  const client = (deps.db as unknown as { $client: PGliteLike }).$client;
  return new PgBoss({ db: fromPglite(client), backend: "pglite", schedule });
}

function enqueue(name: string): void {
  const r = running;
  if (!r) return;
  // The queues keep one run waiting at most ("short" policy): a wake-up while one waits is dropped.
  r.boss
    .send(name, {})
    .then(() => {
      const worker = r.workers.get(name);
      if (worker) r.boss.notifyWorker(worker);
    })
    .catch((err) => r.onError(err, name));
}

/**
 * Asks the dispatcher to look for due invitations now. Scheduling code does not call it: it calls
 * requestDispatch inside its transaction, and the notification arrives here once that commits.
 */
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
 * Starts pg-boss with Kaja's jobs: a worker per queue, cron floors, a ticker that wakes the dispatcher and
 * the webhook deliverer every few seconds, and a listener that wakes the dispatcher as soon as a transaction
 * that scheduled due invitations commits. On the embedded database every claim still open belongs to
 * a process that died (one process holds the data folder), so those invitations are made due at once.
 */
export async function startJobs(deps: AppDeps, options: StartJobsOptions = {}): Promise<void> {
  if (running) throw new Error("background jobs are already running");
  const {
    tickSeconds = 5,
    cron = true,
    // Serialised like the server log: a database error's query parameters may hold personal data.
    onError = (err, job) => console.error(`job ${job} failed:`, serializeError(err)),
  } = options;
  const boss = createBoss(deps, cron);
  boss.on("error", (err) => onError(err, "pg-boss"));
  await boss.start();
  if (deps.database.kind === "pglite") await unsafeReleaseAllClaims(deps.db);
  const workers = new Map<string, string>();
  for (const job of jobDefinitions(options)) {
    await boss.createQueue(job.name, { policy: job.policy, retryLimit: 0, expireInSeconds: 900 });
    const worker = await boss.work(job.name, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([j]) => {
      try {
        const result = await job.handler(deps, job.payload.parse(j.data ?? {}));
        // A run that stopped at its time budget asks for the next run at once.
        if ((result as { more?: boolean } | undefined)?.more) enqueue(job.name);
      } catch (err) {
        onError(err, job.name);
        throw err;
      }
    });
    workers.set(job.name, worker);
    if (job.cron && cron) await boss.schedule(job.name, job.cron);
  }
  const timer = setInterval(() => {
    wakeDispatcher();
    wakeWebhooks();
    enqueue(FOLD_ROLLUPS);
  }, tickSeconds * 1000);
  timer.unref();
  const unlisten = await listenForDispatch(deps, {
    onSignal: wakeDispatcher,
    onError: (err) => onError(err, "dispatch listener"),
  });
  running = { boss, workers, timer, unlisten, onError };
  wakeDispatcher();
  wakeWebhooks();
}

/** Stops the ticker and the workers, letting running jobs finish (up to `timeoutMs`); before closing the database. */
export async function stopJobs({ timeoutMs = 15_000 } = {}): Promise<void> {
  const r = running;
  if (!r) return;
  running = null;
  clearInterval(r.timer);
  await r.unlisten();
  await r.boss.stop({ graceful: true, timeout: timeoutMs });
}
