/**
 * Times accepting a 100,000-row mass mailing (POST /api/v1/surveys/:id/bulk-sends, CSV): the dry run, then the
 * real run, through the HTTP layer, on the embedded PGlite database and, when DATABASE_URL is set, on
 * PostgreSQL. Prints rows per second. Run: npx node bench/bulk-upload.ts [rows]
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { seedCatalog, seedSurvey } from "../test/fixtures/distribution/setup.ts";
import { asUser, createTestOrg } from "../test/helpers/app.ts";

const ROWS = Number(process.argv[2] ?? 100_000);

/** A file like an agency's export: one row per client, a tenth without a contact time, some tagged. */
function makeCsv(rows: number, serviceId: string, channelId: string): string {
  const tag = randomUUID().slice(0, 8);
  const lines = ["email,name,locale,external_id,occurred_at,service_id,channel_id,audience"];
  const start = Date.now() - 6 * 3_600_000;
  for (let i = 0; i < rows; i++) {
    const at = i % 10 === 0 ? "" : new Date(start + (i % 3600) * 1000).toISOString();
    const locale = ["et", "ru", "en"][i % 3];
    lines.push(
      `klient${i}-${tag}@example.test,Klient ${i},${locale},${tag}-${i},${at},${i % 2 ? serviceId : ""},${channelId},external`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function bench(label: string, databaseUrl: string | undefined): Promise<void> {
  // PGlite as deployed: a data folder on disk (its in-memory mode slows down as the database grows).
  const dataDir = databaseUrl ? undefined : await mkdtemp(path.join(tmpdir(), "kaja-bench-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: Boolean(databaseUrl), signInPerMinute: 10_000 });
  const app = await buildApp(deps, { apiRateLimit: 1_000_000 });
  await app.ready();
  try {
    const org = await createTestOrg({ app, deps, close: async () => {} }, "Bench");
    const cat = await seedCatalog(deps.db, org.orgId);
    const surveyId = await seedSurvey(deps.db, org.orgId, "relationship");
    const csv = makeCsv(ROWS, cat.serviceId, cat.channelId);
    console.log(`${label}: ${ROWS} rows, ${(csv.length / 1_048_576).toFixed(1)} MB CSV`);
    for (const dryRun of [true, false]) {
      const started = performance.now();
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=${dryRun}`,
        headers: { ...asUser(org.owner), "content-type": "text/csv" },
        payload: csv,
      });
      const seconds = (performance.now() - started) / 1000;
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 500)}`);
      const report = res.json() as { rows: number; scheduled: number; skipped: number };
      const rss = Math.round(process.memoryUsage().rss / 1_048_576);
      console.log(
        `  ${dryRun ? "dry run " : "real run"}  ${seconds.toFixed(1)} s  ${Math.round(report.rows / seconds)} rows/s  ` +
          `(scheduled ${report.scheduled}, skipped ${report.skipped}; response ${(res.body.length / 1_048_576).toFixed(1)} MB; RSS ${rss} MB)`,
      );
    }
  } finally {
    await app.close();
    await deps.database.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await bench("PGlite (embedded, data folder on disk)", undefined);
if (process.env.DATABASE_URL) await bench("PostgreSQL", process.env.DATABASE_URL);
