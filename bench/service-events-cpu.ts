/**
 * Service events in process, without HTTP: events through `app.inject` (an API key, a new contact per event, an
 * idempotency key), a few at a time, against bench/service-events.ts' bare baseline (Fastify, a key looked up by
 * its hash, one INSERT) on the same database. The two alternate in rounds (Kaja, bare, Kaja, bare, …) so that
 * both see the same load from other work on a shared machine. Prints per event: the Node process's CPU, the CPU
 * of the PostgreSQL backends serving the bench's database (from /proc; PostgreSQL only) and the SQL statements
 * (counted on node-postgres' Client.query), and the ratios bare / Kaja. On the embedded PGlite database the
 * database runs in the process, so its Node CPU is all there is.
 * Where the CPU goes: give `--profile-dir=<folder>` to profile Kaja's measured events (all rounds, one file per
 * round).
 * Run: npx node bench/service-events-cpu.ts [events per round] [in flight] [rounds]
 */
import { backendPids, processCpu } from "./process-cpu.ts";
import { loadavg } from "node:os";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createApiKey } from "../src/modules/accounts/api-keys.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { bareEventApp } from "./bare-event-app.ts";
import { benchArgs, profiled } from "./phase-profile.ts";

const EVENTS = Number(benchArgs[0] ?? 1000);
const IN_FLIGHT = Number(benchArgs[1] ?? 4);
const ROUNDS = Number(benchArgs[2] ?? 3);
const WARM_UP = 200;

let statements = 0;
/** Counts the statements sent through a driver method. */
function count<T extends object>(proto: T, method: keyof T) {
  const original = proto[method] as (...args: unknown[]) => unknown;
  (proto as Record<keyof T, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
}
count(pg.Client.prototype, "query");

interface Figures {
  node: number;
  db: number;
  statements: number;
  errors: number;
}

type Request = (prefix: string, i: number) => Promise<{ statusCode: number }>;

/** Sends `count` requests, IN_FLIGHT at a time; returns the CPU and statements per request. */
async function send(request: Request, prefix: string, count: number, pids: number[]): Promise<Figures> {
  let next = 0;
  let errors = 0;
  statements = 0;
  const db = processCpu(pids);
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const res = await request(prefix, next++);
        if (res.statusCode >= 300) errors++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    node: (used.user + used.system) / count / 1000,
    db: (processCpu(pids) - db) / count,
    statements: statements / count,
    errors,
  };
}

async function run(label: string, tag: string, databaseUrl: string | undefined) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: "http://127.0.0.1",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: true });
  const app = await buildApp(deps, { linkRateLimit: 1_000_000_000, apiRateLimit: 1_000_000_000 });
  const bare = await bareEventApp(deps.db);
  try {
    const slug = `bench-cpu-${Date.now()}`;
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
    const stamp = Date.now();
    const kaja: Request = (prefix, i) =>
      app.inject({
        method: "POST",
        url: "/api/v1/service-events",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "idempotency-key": `${prefix}-${i}-${stamp}`,
        },
        payload: JSON.stringify({
          surveyId: survey.id,
          contact: { email: `${prefix}${i}-${stamp}@example.test` },
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        }),
      });
    const baseline: Request = (prefix, i) =>
      bare.app.inject({
        method: "POST",
        url: "/events",
        headers: { authorization: "Bearer bench-key", "content-type": "application/json" },
        payload: JSON.stringify({
          contact: { email: `${prefix}${i}-${stamp}@example.test` },
          occurredAt: new Date().toISOString(),
        }),
      });
    await send(kaja, "w", WARM_UP, []);
    await send(baseline, "w", WARM_UP, []);
    const pids = databaseUrl ? await backendPids(deps.db) : [];
    const loadBefore = loadavg()[0].toFixed(2);
    const sums = { kaja: zero(), bare: zero() };
    for (let r = 0; r < ROUNDS; r++) {
      add(sums.kaja, await profiled(`${tag}-${r}`, () => send(kaja, `p${r}-`, EVENTS, pids)));
      add(sums.bare, await send(baseline, `p${r}-`, EVENTS, pids));
    }
    const per = (f: Figures, k: keyof Figures) => f[k] / ROUNDS;
    const line = (name: string, f: Figures) =>
      `  ${name} Node CPU ${per(f, "node").toFixed(2)} ms/event, PostgreSQL CPU ${databaseUrl ? per(f, "db").toFixed(2) : "–"} ms/event, statements ${databaseUrl ? per(f, "statements").toFixed(2) : "(not counted)"}/event, errors ${f.errors}`;
    console.log(
      `${label}: ${ROUNDS} rounds of ${EVENTS} events each side, ${IN_FLIGHT} in flight; load average ${loadBefore} → ${loadavg()[0].toFixed(2)}`,
    );
    console.log(line("Kaja", sums.kaja));
    console.log(line("bare", sums.bare));
    const ratio = (k: "node" | "db") => (sums.bare[k] / sums.kaja[k]).toFixed(2);
    const both = (f: Figures) => f.node + f.db;
    console.log(
      `  ratio bare / Kaja: Node CPU ${ratio("node")}${databaseUrl ? `, PostgreSQL CPU ${ratio("db")}, both ${(both(sums.bare) / both(sums.kaja)).toFixed(2)}` : ""}`,
    );
  } finally {
    await app.close();
    await bare.app.close();
    await bare.drop();
    await deps.database.close();
  }
}

function zero(): Figures {
  return { node: 0, db: 0, statements: 0, errors: 0 };
}

function add(sum: Figures, f: Figures) {
  sum.node += f.node;
  sum.db += f.db;
  sum.statements += f.statements;
  sum.errors += f.errors;
}

await run("PGlite (embedded)", "pglite-events-cpu", undefined);
if (process.env.DATABASE_URL) await run("PostgreSQL", "postgres-events-cpu", process.env.DATABASE_URL);
