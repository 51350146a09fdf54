/**
 * Times accepting a 100,000-row mass mailing (POST /api/v1/surveys/:id/bulk-sends, CSV streamed over HTTP): the
 * dry run, then the real run, on the embedded PGlite database and, when DATABASE_URL is set, on PostgreSQL. Prints
 * the time, rows per second, the server process's peak RSS during the request (VmHWM, reset before each), the
 * response size, a plain COPY of the same file into a bare table with pg as the baseline (PostgreSQL), the ratio,
 * and the load average. The organisation is made and reached as a client would (an API key), without the test
 * helpers: those load node:test, whose hooks make every promise of the process several times dearer. Run:
 * npx node --expose-gc --max-semi-space-size=16 --heap-growing-percent=100 bench/bulk-upload.ts [rows]
 * (the Node flags as `npm start` sets them, so that an inline server's memory is the server's as deployed;
 * decisions 043 and 060; on PostgreSQL the server is `npm start`'s own process, with its flags).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { bearer, seedCatalog, seedSurvey } from "../test/fixtures/distribution/setup.ts";
import { copyBaseline, load, postDryThenReal, startBenchServer, writeCsv } from "./upload-helpers.ts";

const ROWS = Number(process.argv[2] ?? 100_000);
const HEADER = "email,name,locale,external_id,occurred_at,service_id,channel_id,audience";

/** A file like an agency's export: one row per client, a tenth without a contact time, some tagged. */
function makeCsv(file: string, rows: number, serviceId: string, channelId: string) {
  const tag = randomUUID().slice(0, 8);
  const start = Date.now() - 6 * 3_600_000;
  return writeCsv(file, HEADER, rows, (i) => {
    const at = i % 10 === 0 ? "" : new Date(start + (i % 3600) * 1000).toISOString();
    const locale = ["et", "ru", "en"][i % 3];
    return `klient${i}-${tag}@example.test,Klient ${i},${locale},${tag}-${i},${at},${i % 2 ? serviceId : ""},${channelId},external`;
  });
}

async function bench(label: string, databaseUrl: string | undefined, work: string): Promise<void> {
  const server = await startBenchServer(databaseUrl);
  const { deps, base } = server;
  try {
    const slug = `bench-${randomUUID().slice(0, 8)}`;
    const { org } = await createOrganization(deps, {
      name: "Bench",
      slug,
      ownerEmail: `${slug}@example.test`,
    });
    const auth = await bearer(deps.db, org.id, ["surveys:write"]);
    const cat = await seedCatalog(deps.db, org.id);
    const surveyId = await seedSurvey(deps.db, org.id, "relationship");
    const file = path.join(work, `bulk-${label.split(" ")[0]}.csv`);
    const bytes = await makeCsv(file, ROWS, cat.serviceId, cat.channelId);
    const copy = databaseUrl ? await copyBaseline(databaseUrl, file, HEADER.split(",")) : null;
    console.log(`${label}: ${ROWS} rows, ${(bytes / 1_048_576).toFixed(1)} MB CSV; load average ${load()}`);
    if (copy !== null)
      console.log(`  baseline: plain COPY of the file into a bare table  ${copy.toFixed(2)} s`);
    await postDryThenReal<{ rows: number; scheduled: number; skipped: number }>(
      (dryRun) => `${base}/api/v1/surveys/${surveyId}/bulk-sends?dryRun=${dryRun}`,
      { ...auth, "content-type": "text/csv" },
      file,
      copy,
      (r, res) =>
        `scheduled ${r.scheduled}, skipped ${r.skipped}; response ${(res.body.length / 1024).toFixed(1)} kB`,
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
  if (process.env.BENCH_PGLITE !== "0")
    await bench("PGlite (embedded, data folder on disk)", undefined, work);
} finally {
  await rm(work, { recursive: true, force: true });
}
