/**
 * A dispatcher process for the kill test: opens the database (PostgreSQL from DATABASE_URL, else the embedded
 * database in DATA_DIR), starts the background jobs for one organisation and exits when none of its
 * invitations is left to send. The kill test runs it, kills it with SIGKILL mid-batch and runs it again.
 *
 * Environment: the usual Kaja settings plus KAJA_TEST_ORG (organisation id), KAJA_TEST_CLOCK (the jobs' fixed
 * "now", an ISO instant inside the send window), KAJA_TEST_CONCURRENCY and optionally KAJA_TEST_LEASE_SECONDS.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { DatabaseLockedError } from "../../src/db/connect.ts";
import { surveyInvitation } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { startJobs, stopJobs } from "../../src/jobs/boss.ts";

const env = process.env;
const orgId = env.KAJA_TEST_ORG ?? "";
// Time runs from KAJA_TEST_CLOCK on (claims must be able to lapse), so the whole run stays in the send window.
const offset = new Date(env.KAJA_TEST_CLOCK ?? Date.now()).getTime() - Date.now();
const clock = () => new Date(Date.now() + offset);

/** After a SIGKILL the embedded database's lock file looks taken until it goes stale (15 s): wait for it. */
async function openDeps() {
  const config = loadConfig(env);
  for (let tries = 0; ; tries++) {
    try {
      return await createDeps(config);
    } catch (err) {
      if (!(err instanceof DatabaseLockedError) || tries > 60) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const deps = await openDeps();
const pending = (states: string[]) =>
  deps.db
    .select({ n: count() })
    .from(surveyInvitation)
    .where(and(eq(surveyInvitation.orgId, orgId), inArray(surveyInvitation.state, states)))
    .then(([row]) => row.n);
// Claims left by a killed run (taken over at once on the embedded database, after the lease on PostgreSQL).
console.log(`worker: found ${await pending(["sending"])} invitations left in sending`);
await startJobs(deps, {
  tickSeconds: 1,
  clock,
  orgId,
  dispatch: {
    // Unset: the dispatcher's default lease (the kill test relies on it being short).
    leaseSeconds: env.KAJA_TEST_LEASE_SECONDS ? Number(env.KAJA_TEST_LEASE_SECONDS) : undefined,
    concurrency: Number(env.KAJA_TEST_CONCURRENCY ?? 8),
  },
  onError: (err, job) => console.error(`worker: job ${job} failed`, err),
});
console.log("worker: started");

while ((await pending(["scheduled", "sending", "failed"])) > 0) {
  await new Promise((r) => setTimeout(r, 500));
}
await stopJobs();
await deps.mailer.close();
await deps.database.close();
console.log("worker: done");
process.exit(0);
