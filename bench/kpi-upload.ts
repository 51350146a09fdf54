/**
 * Times accepting a file of contact records (POST /api/v1/contact-records/upload, CSV streamed over HTTP), by
 * default 1,000,000 rows: the dry run, then the real run. Prints the time, rows per second, the server process's
 * peak RSS during the request (VmHWM, reset before each), a plain COPY of the same file into a bare table with pg
 * as the baseline, the ratio, the CPU time of the server process and of the database's processes during each
 * request (so that runs on a busy machine can be compared), and the load average. PostgreSQL (DATABASE_URL; use a database of its own: it adds
 * the rows); BENCH_PGLITE=1 also measures the embedded database.
 *   npx node --expose-gc bench/kpi-upload.ts [rows]
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { employee, service } from "../src/db/schema.ts";
import { saveQueue } from "../src/modules/kpi/queues.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { createApiKey } from "../src/modules/accounts/api-keys.ts";
import {
  CONTACT_RECORD_HEADER,
  contactRecordLine,
  copyBaseline,
  load,
  postDryThenReal,
  startBenchServer,
  writeCsv,
} from "./upload-helpers.ts";

const ROWS = Number(process.argv[2] ?? 1_000_000);

async function bench(label: string, databaseUrl: string | undefined, work: string): Promise<void> {
  const server = await startBenchServer(databaseUrl);
  const { deps, base } = server;
  try {
    // Created through the product's own functions, not the test helpers: their node:test hooks track every
    // promise of the process and slow a million-row run by seconds.
    const slug = `bench-kpi-upload-${randomUUID().slice(0, 8)}`;
    const { org: created } = await createOrganization(deps, {
      name: "Bench KPI",
      slug,
      ownerEmail: `${slug}@example.test`,
    });
    const org = { orgId: created.id };
    const { key } = await createApiKey(deps.db, { orgId: org.orgId, name: "bench", scopes: ["kpi:write"] });
    const queues = Array.from({ length: 12 }, (_, i) => `q${i}`);
    for (const id of queues)
      await saveQueue(deps.db, org.orgId, { id, name: `Järjekord ${id}`, kind: "call" });
    const services = Array.from({ length: 30 }, () => randomUUID());
    await deps.db.insert(service).values(
      services.map((id, s) => ({
        orgId: org.orgId,
        id,
        names: { et: `Teenus ${s}` },
        type: "customer_service" as const,
        audience: "external" as const,
      })),
    );
    const employees = Array.from({ length: 150 }, () => randomUUID());
    await deps.db
      .insert(employee)
      .values(employees.map((id, e) => ({ orgId: org.orgId, id, name: `Töötaja ${e}` })));
    // Over the last 30 days; 80 % answered, 20 % abandoned; a quarter flagged for FCR; a caller on a tenth.
    const start = Date.now() - 30 * 86_400_000;
    const tag = randomUUID().slice(0, 8);
    const file = path.join(work, `kpi-${label.split(" ")[0]}.csv`);
    const bytes = await writeCsv(file, CONTACT_RECORD_HEADER, ROWS, (i) =>
      contactRecordLine(i, { idPrefix: tag, start, queues, employees, services }),
    );
    const copy = databaseUrl ? await copyBaseline(databaseUrl, file, CONTACT_RECORD_HEADER.split(",")) : null;
    console.log(
      `${label}: ${ROWS.toLocaleString("en")} rows, ${(bytes / 1_048_576).toFixed(0)} MB CSV; load average ${load()}`,
    );
    if (copy !== null)
      console.log(`  baseline: plain COPY of the file into a bare table  ${copy.toFixed(2)} s`);
    await postDryThenReal<{ rows: number; created: number; errorCount: number }>(
      (dryRun) => `${base}/api/v1/contact-records/upload?dryRun=${dryRun}`,
      { authorization: `Bearer ${key}`, "content-type": "text/csv" },
      file,
      copy,
      (report) => `created ${report.created}, errors ${report.errorCount}`,
      databaseUrl,
      server.pid,
    );
  } finally {
    await server.close();
  }
}

const work = await mkdtemp(path.join(tmpdir(), "kaja-bench-files-"));
try {
  if (process.env.DATABASE_URL) await bench("PostgreSQL", process.env.DATABASE_URL, work);
  else console.error("Set DATABASE_URL to measure PostgreSQL (a database of its own: the rows stay).");
  if (process.env.BENCH_PGLITE === "1")
    await bench("PGlite (embedded, data folder on disk)", undefined, work);
} finally {
  await rm(work, { recursive: true, force: true });
}
