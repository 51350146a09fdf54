/**
 * An app process running the overdue-alert job for one organisation until none of its cases waits for an
 * alert. The two-process test starts two of these on one PostgreSQL database at once.
 * Environment: the usual Kaja settings plus KAJA_TEST_ORG.
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";

const orgId = process.env.KAJA_TEST_ORG ?? "";
const deps = await createDeps(loadConfig(process.env));
const job = jobDefinitions({ orgId }).find((j) => j.name === "alert-overdue-cases");
if (!job) throw new Error("the overdue job is not registered");
const waiting = async () =>
  (
    await deps.db
      .select({ n: count() })
      .from(followUpCase)
      .where(and(eq(followUpCase.orgId, orgId), isNull(followUpCase.overdueAlertedAt)))
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
