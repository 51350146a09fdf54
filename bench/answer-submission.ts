/**
 * Answer submission throughput: POST /s/:token (JSON, a first answer per invitation) over real HTTP on
 * loopback, against a bare Fastify server doing one INSERT per request on the same database. Runs on the
 * embedded PGlite database and, when DATABASE_URL is set, on PostgreSQL. Prints answers/s, p50/p99 latency
 * and the ratio to the baseline. Run: npx node bench/answer-submission.ts [requests] [concurrency]
 */
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/db/connect.ts";
import { createDeps } from "../src/deps.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { issueSentInvitation } from "../src/modules/responses/issue-invitation.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 20);

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Fires `bodies.length` POSTs with at most CONCURRENCY in flight; bounded in count, loopback only. */
async function load(urls: string[], body: (i: number) => string): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(urls[i], {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: body(i),
        });
        await res.arrayBuffer();
        if (res.status >= 300) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: urls.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}

async function baseline(db: Db): Promise<Result> {
  await db.execute(
    sql`create table if not exists bench_answer (id bigserial primary key, score int not null, comment text, at timestamptz not null default now())`,
  );
  const app = Fastify();
  app.post("/answer", async (request) => {
    const b = request.body as { score: number; comment: string };
    await db.execute(sql`insert into bench_answer (score, comment) values (${b.score}, ${b.comment})`);
    return { ok: true };
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    return await load(
      Array.from({ length: REQUESTS }, () => `${address}/answer`),
      (i) => JSON.stringify({ score: i % 11, comment: "Aitäh!" }),
    );
  } finally {
    await app.close();
    await db.execute(sql`drop table bench_answer`);
  }
}

async function run(label: string, databaseUrl: string | undefined) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: "http://127.0.0.1",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: true });
  const app = await buildApp(deps);
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
    const tokens: string[] = [];
    for (let i = 0; i < REQUESTS; i++)
      tokens.push(
        (await issueSentInvitation(deps.db, { orgId: org.id, surveyId: survey.id, locale: "et" })).token,
      );
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const kaja = await load(
      tokens.map((t) => `${address}/s/${t}`),
      (i) => JSON.stringify({ score: i % 11, comment: "Aitäh, väga hea teenindus!" }),
    );
    await app.close();
    const bare = await baseline(deps.db);
    const fmt = (r: Result) =>
      `${r.perSecond.toFixed(0).padStart(6)} answers/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`;
    console.log(`${label} (${REQUESTS} requests, concurrency ${CONCURRENCY})`);
    console.log(`  Kaja POST /s/:token      ${fmt(kaja)}`);
    console.log(`  bare Fastify + INSERT    ${fmt(bare)}`);
    console.log(`  ratio Kaja / baseline    ${(kaja.perSecond / bare.perSecond).toFixed(2)}`);
  } finally {
    await deps.database.close();
  }
}

await run("PGlite (embedded)", undefined);
if (process.env.DATABASE_URL) await run("PostgreSQL", process.env.DATABASE_URL);
