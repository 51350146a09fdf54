/**
 * An app process running the monthly-report job for one organisation a few times in a row. The two-process
 * test starts two of these on one PostgreSQL database at once.
 * Environment: the usual Kaja settings plus KAJA_TEST_ORG.
 */
import { loadConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";

const orgId = process.env.KAJA_TEST_ORG ?? "";
const deps = await createDeps(loadConfig(process.env));
const job = jobDefinitions({ orgId }).find((j) => j.name === "send-monthly-reports");
if (!job) throw new Error("the monthly-report job is not registered");
const results = [];
for (let i = 0; i < 3; i++) results.push(await job.handler(deps, {}));
console.log(`worker: ${JSON.stringify(results)}`);
await deps.mailer.close();
await deps.database.close();
