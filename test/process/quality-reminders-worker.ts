/**
 * An app process running the agreement-reminder job for one organisation until none of its open agreements
 * waits for a reminder. The two-process test starts two of these on one PostgreSQL database at once.
 * Environment: the usual Kaja settings plus KAJA_TEST_ORG.
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { qualityAgreement } from "../../src/modules/quality/schema.ts";

const orgId = process.env.KAJA_TEST_ORG ?? "";
const deps = await createDeps(loadConfig(process.env));
const job = jobDefinitions({ orgId }).find((j) => j.name === "remind-quality-agreements");
if (!job) throw new Error("the agreement-reminder job is not registered");
const waiting = async () =>
  (
    await deps.db
      .select({ n: count() })
      .from(qualityAgreement)
      .where(
        and(
          eq(qualityAgreement.orgId, orgId),
          eq(qualityAgreement.state, "open"),
          isNull(qualityAgreement.reminderSentAt),
        ),
      )
  )[0].n;
let runs = 0;
const started = Date.now();
while ((await waiting()) > 0 && Date.now() - started < 60_000) {
  await job.handler(deps, {});
  runs++;
}
console.log(`worker: ${runs} runs`);
await deps.mailer.close();
await deps.database.close();
