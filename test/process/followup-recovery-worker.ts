/**
 * An app process running the recovery-question job for one organisation until every eligible case has its
 * question sent. The two-process test starts two of these on one PostgreSQL database at once.
 * Environment: the usual Kaja settings plus KAJA_TEST_ORG.
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";

const orgId = process.env.KAJA_TEST_ORG ?? "";
const deps = await createDeps(loadConfig(process.env));
const job = jobDefinitions({ orgId }).find((j) => j.name === "send-recovery-questions");
if (!job) throw new Error("the recovery job is not registered");
const waiting = async () =>
  (
    await deps.db
      .select({ n: count() })
      .from(followUpCase)
      .where(
        and(
          eq(followUpCase.orgId, orgId),
          eq(followUpCase.contactChannel, "email"),
          isNull(followUpCase.recoverySentAt),
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
