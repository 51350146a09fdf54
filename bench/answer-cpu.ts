/**
 * CPU per request of the answer path against the bare baseline of bench/answer-submission.ts, with the two
 * alternating in batches (Kaja GET, bare GET, Kaja POST, bare POST, again) so that both see the same load from
 * other work on a shared machine; requests per second of separate phases do not. Prints the Node process's CPU
 * (user + system, server and fetch client together) per request and the ratio bare / Kaja, which is what the
 * throughput ratio tends to when Node is the bottleneck. PostgreSQL only (DATABASE_URL). Run:
 * npx node bench/answer-cpu.ts [rounds] [batch]
 */
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { issueSentInvitation } from "../src/modules/responses/issue-invitation.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { benchArgs } from "./phase-profile.ts";

const ROUNDS = Number(benchArgs[0] ?? 8);
const BATCH = Number(benchArgs[1] ?? 200);
const CONCURRENCY = 20;
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL must name a PostgreSQL database");

/** Sends one request per URL, CONCURRENCY in flight; returns the process's CPU time (ms) it took. */
async function load(urls: string[], body?: (i: number) => string): Promise<number> {
  let next = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const i = next++;
        const res = await fetch(
          urls[i],
          body
            ? { method: "POST", headers: { "content-type": "application/json" }, body: body(i) }
            : { method: "GET" },
        );
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`${urls[i]}: ${res.status}`);
      }
    }),
  );
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1000;
}

const config = loadConfig({
  NODE_ENV: "test",
  DATABASE_URL: process.env.DATABASE_URL,
  PUBLIC_URL: "http://127.0.0.1",
  LOG_LEVEL: "silent",
});
const deps = await createDeps(config, { inMemory: true });
const db = deps.db;
const app = await buildApp(deps, { linkRateLimit: 1_000_000_000, apiRateLimit: 1_000_000_000 });
const slug = `bench-cpu-${Date.now()}`;
const { org } = await createOrganization(deps, { name: "Bench", slug, ownerEmail: `${slug}@example.test` });
const survey = await createSurvey(db, org.id, {
  name: "Bench",
  kind: "transactional",
  definition: standardDefinition({ locales: ["et"] }),
});
const tokens: string[] = [];
for (let i = 0; i < (ROUNDS + 1) * BATCH; i++)
  tokens.push((await issueSentInvitation(db, { orgId: org.id, surveyId: survey.id, locale: "et" })).token);

await db.execute(
  sql`create table if not exists bench_answer_cpu (id bigserial primary key, score int not null, comment text, at timestamptz not null default now())`,
);
await db.execute(
  sql`insert into bench_answer_cpu (score, comment) select g % 11, 'Aitäh!' from generate_series(1, 1000) g`,
);
const bare = Fastify();
bare.get("/answer/:id", async (request) => {
  const id = Number((request.params as { id: string }).id);
  return (
    (await db.execute(sql`select id, score, comment from bench_answer_cpu where id = ${id}`)).rows[0] ?? null
  );
});
bare.post("/answer", async (request) => {
  const b = request.body as { score: number; comment: string };
  await db.execute(sql`insert into bench_answer_cpu (score, comment) values (${b.score}, ${b.comment})`);
  return { ok: true };
});

try {
  const kaja = await app.listen({ port: 0, host: "127.0.0.1" });
  const base = await bare.listen({ port: 0, host: "127.0.0.1" });
  const body = (i: number) => JSON.stringify({ score: i % 11, comment: "Aitäh, väga hea teenindus!" });
  const bareGets = (from: number) =>
    Array.from({ length: BATCH }, (_, i) => `${base}/answer/${((from + i) % 1000) + 1}`);
  const barePosts = Array.from({ length: BATCH }, () => `${base}/answer`);
  // Warm-up, unmeasured: one batch of each.
  const warm = tokens.splice(0, BATCH).map((t) => `${kaja}/s/${t}`);
  await load(warm);
  await load(warm, body);
  await load(bareGets(0));
  await load(barePosts, body);
  const loadBefore = loadavg()[0].toFixed(1);
  const cpu = { kajaGet: 0, bareGet: 0, kajaPost: 0, barePost: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    const links = tokens.slice(r * BATCH, (r + 1) * BATCH).map((t) => `${kaja}/s/${t}`);
    cpu.kajaGet += await load(links);
    cpu.bareGet += await load(bareGets(r * BATCH));
    cpu.kajaPost += await load(links, body);
    cpu.barePost += await load(barePosts, body);
  }
  const per = (ms: number) => (ms / (ROUNDS * BATCH)).toFixed(3);
  console.log(
    `PostgreSQL, ${ROUNDS} × ${BATCH} requests of each kind, concurrency ${CONCURRENCY}; load average ${loadBefore} → ${loadavg()[0].toFixed(1)}`,
  );
  console.log(
    `  GET  Node CPU ms/request: Kaja ${per(cpu.kajaGet)}, bare ${per(cpu.bareGet)}; bare / Kaja ${(cpu.bareGet / cpu.kajaGet).toFixed(2)} (goal of the throughput ratio ≥ 0.60)`,
  );
  console.log(
    `  POST Node CPU ms/request: Kaja ${per(cpu.kajaPost)}, bare ${per(cpu.barePost)}; bare / Kaja ${(cpu.barePost / cpu.kajaPost).toFixed(2)} (goal ≥ 0.50)`,
  );
} finally {
  await app.close();
  await bare.close();
  await db.execute(sql`drop table if exists bench_answer_cpu`);
  await deps.database.close();
}
