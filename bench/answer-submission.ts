/**
 * The answer path over real HTTP on loopback: GET /s/:token (the answer page of an unanswered link) and
 * POST /s/:token (JSON, a first answer per invitation, to the links just viewed, as a respondent answers the page
 * the process served; then once more to links never viewed, whose answer reads the link first), against a bare Fastify server doing one SELECT by key
 * (GET) or one INSERT (POST) per request on the same database, in the same run. Every answer falls into one
 * rollup cell (same organisation, survey, day and tags): the worst case for shared rows. Runs on the embedded
 * PGlite database and, when DATABASE_URL is set, on PostgreSQL. Prints requests/s, p50/p99 latency, the ratio
 * to the baseline and the load average. Each side first gets 1,000 unmeasured requests (warm-up), then its
 * database's statistics are gathered (bench/http-load.ts, settle; --fresh-plans: 100 and none). Run:
 * npx node bench/answer-submission.ts [requests] [concurrency] [--profile-dir=<folder>] [--postgres-only]
 *   [--fresh-plans]
 */
import { formatLoad, httpLoad, settle, type TLoadResult, WARM_UP } from "./http-load.ts";
import { backendPids, loadAverage } from "./process-cpu.ts";
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/db/connect.ts";
import { createDeps } from "../src/deps.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { issueSentInvitation } from "../src/modules/responses/issue-invitation.ts";
import { firstAnswerBatchStats } from "../src/modules/responses/first-answer.ts";
import { linkReadBatchStats } from "../src/modules/responses/record-answer.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { batchSummary, benchArgs, profiled } from "./phase-profile.ts";
import { registerHotStatement } from "../src/db/pglite-named-statements.ts";

const REQUESTS = Number(benchArgs[0] ?? 2000);
const CONCURRENCY = Number(benchArgs[1] ?? 20);

/** The PostgreSQL backends of the bench's database, while a phase runs (their CPU is read from /proc). */
let pidsNow: () => Promise<number[]> = async () => [];

/** Sends one request per URL (a POST of `body(i)` when given) with at most CONCURRENCY in flight. */
async function load(urls: string[], body?: (i: number) => string): Promise<TLoadResult> {
  return httpLoad(
    urls.length,
    CONCURRENCY,
    (i) => [
      urls[i],
      body
        ? { method: "POST", headers: { "content-type": "application/json" }, body: body(i) }
        : { method: "GET" },
    ],
    await pidsNow(),
  );
}

/** Bare Fastify with one SELECT by key (GET) and one INSERT (POST) per request. */
async function baseline(db: Db, tag: string): Promise<{ get: TLoadResult; post: TLoadResult }> {
  await db.execute(
    sql`create table if not exists bench_answer (id bigserial primary key, score int not null, comment text, at timestamptz not null default now())`,
  );
  await db.execute(
    sql`insert into bench_answer (score, comment) select g % 11, 'Aitäh!' from generate_series(1, 1000) g`,
  );
  // The embedded database names only registered statements (src/db/pglite-named-statements.ts): the
  // baseline's two statements are registered as Kaja's hot ones are, so both sides run alike.
  registerHotStatement("select id, score, comment from bench_answer where id = $1");
  registerHotStatement("insert into bench_answer (score, comment) values ($1, $2)");
  const app = Fastify();
  app.get("/answer/:id", async (request) => {
    const id = Number((request.params as { id: string }).id);
    const r = await db.execute(sql`select id, score, comment from bench_answer where id = ${id}`);
    return r.rows[0] ?? null;
  });
  app.post("/answer", async (request) => {
    const b = request.body as { score: number; comment: string };
    await db.execute(sql`insert into bench_answer (score, comment) values (${b.score}, ${b.comment})`);
    return { ok: true };
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    await load(Array.from({ length: WARM_UP }, (_, i) => `${address}/answer/${i + 1}`));
    await load(
      Array.from({ length: WARM_UP }, () => `${address}/answer`),
      (i) => JSON.stringify({ score: i % 11, comment: "Aitäh!" }),
    );
    await settle(db);
    const get = await profiled(`${tag}-bare-get`, () =>
      load(Array.from({ length: REQUESTS }, (_, i) => `${address}/answer/${(i % 1000) + 1}`)),
    );
    const post = await load(
      Array.from({ length: REQUESTS }, () => `${address}/answer`),
      (i) => JSON.stringify({ score: i % 11, comment: "Aitäh!" }),
    );
    return { get, post };
  } finally {
    await app.close();
    await db.execute(sql`drop table bench_answer`);
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
  // The per-address link limit would turn a load from one address into 429s.
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
    const tokens: string[] = [];
    for (let i = 0; i < 2 * REQUESTS + WARM_UP; i++)
      tokens.push(
        (await issueSentInvitation(deps.db, { orgId: org.id, surveyId: survey.id, locale: "et" })).token,
      );
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const loadBefore = loadAverage();
    const warm = tokens.splice(2 * REQUESTS).map((t) => `${address}/s/${t}`);
    const unviewed = tokens.splice(REQUESTS);
    await load(warm);
    await load(warm, (i) => JSON.stringify({ score: i % 11, comment: "Aitäh, väga hea teenindus!" }));
    await settle(deps.db);
    const readsBefore = { ...(linkReadBatchStats(deps.db) ?? {}) };
    const kajaGet = await profiled(`${tag}-get`, () => load(tokens.map((t) => `${address}/s/${t}`)));
    const readsGrouped = batchSummary(readsBefore, linkReadBatchStats(deps.db), "reads");
    const before = { ...(firstAnswerBatchStats(deps.db) ?? {}) };
    const kajaPost = await profiled(`${tag}-post`, () =>
      load(
        tokens.map((t) => `${address}/s/${t}`),
        (i) => JSON.stringify({ score: i % 11, comment: "Aitäh, väga hea teenindus!" }),
      ),
    );
    const grouped = batchSummary(before, firstAnswerBatchStats(deps.db));
    const kajaPostCold = await load(
      unviewed.map((t) => `${address}/s/${t}`),
      (i) => JSON.stringify({ score: i % 11, comment: "Aitäh, väga hea teenindus!" }),
    );
    await app.close();
    const bare = await baseline(deps.db, tag);
    const fmt = formatLoad;
    console.log(
      `${label} (${REQUESTS} requests, concurrency ${CONCURRENCY}; load average ${loadBefore} → ${loadAverage()})`,
    );
    console.log(`  Kaja GET /s/:token       ${fmt(kajaGet)}`);
    if (readsGrouped) console.log(`  link reads grouped       ${readsGrouped}`);
    console.log(`  bare Fastify + SELECT    ${fmt(bare.get)}`);
    console.log(
      `  ratio GET                ${(kajaGet.perSecond / bare.get.perSecond).toFixed(2)}  (goal ≥ 0.60)`,
    );
    console.log(`  Kaja POST /s/:token      ${fmt(kajaPost)}`);
    console.log(`  bare Fastify + INSERT    ${fmt(bare.post)}`);
    console.log(
      `  ratio POST               ${(kajaPost.perSecond / bare.post.perSecond).toFixed(2)}  (goal ≥ 0.50)`,
    );
    if (grouped) console.log(`  first answers grouped    ${grouped}`);
    console.log(`  Kaja POST, link unviewed ${fmt(kajaPostCold)}`);
    console.log(
      `  ratio POST, unviewed     ${(kajaPostCold.perSecond / bare.post.perSecond).toFixed(2)}  (the link read first)`,
    );
  } finally {
    await deps.database.close();
  }
}

if (!process.argv.includes("--postgres-only")) await run("PGlite (embedded)", "pglite", undefined);
if (process.env.DATABASE_URL) await run("PostgreSQL", "postgres", process.env.DATABASE_URL);
