/**
 * Service events over real HTTP on loopback: POST /api/v1/service-events (an API key, a new contact per event,
 * an idempotency key) against a bare Fastify server that checks a key in a table and does one INSERT per
 * request, on the same database, in the same run. Runs on the embedded PGlite database and, when DATABASE_URL is
 * set, on PostgreSQL. Prints requests/s, p50/p99 latency, CPU per request (this process; PostgreSQL's backends),
 * the ratio and the load average. Each side first gets 1,000 unmeasured requests (warm-up), then its database's
 * statistics are gathered (see settle); with --fresh-plans, 100 requests and no statistics.
 * Run: npx node bench/service-events.ts [requests] [concurrency] [--profile-dir=<folder>] [--postgres-only]
 *   [--fresh-plans]
 */
import { randomUUID } from "node:crypto";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/db/connect.ts";
import { createDeps } from "../src/deps.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { createApiKey } from "../src/modules/accounts/api-keys.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { bareEventApp } from "./bare-event-app.ts";
import { formatLoad, httpLoad, settle, type TLoadResult, WARM_UP } from "./http-load.ts";
import { backendPids, loadAverage } from "./process-cpu.ts";
import { batchSummary, benchArgs, profiled } from "./phase-profile.ts";
import { serviceEventBatchStats } from "../src/modules/distribution/service-event.ts";

const REQUESTS = Number(benchArgs[0] ?? 2000);

const CONCURRENCY = Number(benchArgs[1] ?? 20);

/** The PostgreSQL backends of the bench's database, while a phase runs (their CPU is read from /proc). */
let pidsNow: () => Promise<number[]> = async () => [];

/** POSTs one body per request with at most CONCURRENCY in flight; bounded in count, loopback only. */
async function load(
  url: string,
  headers: Record<string, string>,
  body: (i: number) => string,
  count = REQUESTS,
): Promise<TLoadResult> {
  return httpLoad(
    count,
    CONCURRENCY,
    (i) => [
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...headers,
          "idempotency-key": `bench-${i}-${randomUUID()}`,
        },
        body: body(i),
      },
    ],
    await pidsNow(),
  );
}

/** Bare Fastify: looks the bearer key up by its hash, then one INSERT. */
async function baseline(db: Db, tag: string): Promise<TLoadResult> {
  const { app, drop } = await bareEventApp(db);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    await load(
      `${address}/events`,
      { authorization: "Bearer bench-key" },
      (i) =>
        JSON.stringify({ contact: { email: `w${i}@example.test` }, occurredAt: new Date().toISOString() }),
      WARM_UP,
    );
    await settle(db);
    return await profiled(`${tag}-bare`, () =>
      load(`${address}/events`, { authorization: "Bearer bench-key" }, (i) =>
        JSON.stringify({ contact: { email: `p${i}@example.test` }, occurredAt: new Date().toISOString() }),
      ),
    );
  } finally {
    await app.close();
    await drop();
  }
}

async function run(label: string, tag: string, databaseUrl: string | undefined) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: "http://127.0.0.1",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: true });
  pidsNow = async () => (databaseUrl ? backendPids(deps.db) : []);
  const app = await buildApp(deps, { linkRateLimit: 1_000_000_000, apiRateLimit: 1_000_000_000 });
  try {
    const slug = `bench-${Date.now()}`;
    const { org } = await createOrganization(deps, {
      name: "Bench",
      slug,
      ownerEmail: `${slug}@example.test`,
    });
    const survey = await createSurvey(deps.db, org.id, {
      name: "Bench",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const { key } = await createApiKey(deps.db, { orgId: org.id, name: "bench", scopes: ["events:write"] });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const loadBefore = loadAverage();
    const run = Date.now();
    await load(
      `${address}/api/v1/service-events`,
      { authorization: `Bearer ${key}` },
      (i) =>
        JSON.stringify({
          surveyId: survey.id,
          contact: { email: `w${i}-${run}@example.test` },
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        }),
      WARM_UP,
    );
    await settle(deps.db);
    const before = { ...(serviceEventBatchStats(deps.db) ?? {}) };
    const kaja = await profiled(tag, () =>
      load(`${address}/api/v1/service-events`, { authorization: `Bearer ${key}` }, (i) =>
        JSON.stringify({
          surveyId: survey.id,
          contact: { email: `p${i}-${run}@example.test` },
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        }),
      ),
    );
    const grouped = batchSummary(before, serviceEventBatchStats(deps.db));
    await app.close();
    const bare = await baseline(deps.db, tag);
    const fmt = formatLoad;
    console.log(
      `${label} (${REQUESTS} requests, concurrency ${CONCURRENCY}; load average ${loadBefore} → ${loadAverage()})`,
    );
    console.log(`  Kaja POST /api/v1/service-events  ${fmt(kaja)}`);
    console.log(`  bare Fastify + key check + INSERT ${fmt(bare)}`);
    if (grouped) console.log(`  events grouped                    ${grouped}`);
    console.log(
      `  ratio                             ${(kaja.perSecond / bare.perSecond).toFixed(2)}  (goal ≥ 0.50)`,
    );
  } finally {
    await deps.database.close();
  }
}

if (!process.argv.includes("--postgres-only")) await run("PGlite (embedded)", "pglite-events", undefined);
if (process.env.DATABASE_URL) await run("PostgreSQL", "postgres-events", process.env.DATABASE_URL);
