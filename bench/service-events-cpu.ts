/**
 * Service events in process, without HTTP: N events through `app.inject` (an API key, a new contact per event, an
 * idempotency key), a few at a time. Prints the process CPU time per event and the SQL statements per event
 * (counted on the driver: node-postgres' Client.query, PGlite's query and exec), on the embedded PGlite
 * database and, when DATABASE_URL is set, on PostgreSQL. Where the CPU goes: run it under
 * `npx node --cpu-prof --cpu-prof-dir=<folder> bench/service-events-cpu.ts`, or give `--profile-dir=<folder>`
 * to profile only the measured events.
 * The same is measured for bench/service-events.ts' bare baseline (Fastify, a key looked up by its hash, one
 * INSERT), so the CPU ratio is beside Kaja's figure.
 * Run: npx node bench/service-events-cpu.ts [events] [in flight]
 */
import { loadavg } from "node:os";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createApiKey } from "../src/modules/accounts/api-keys.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import type { Db } from "../src/db/connect.ts";
import { bareEventApp } from "./bare-event-app.ts";
import { benchArgs, profiled } from "./phase-profile.ts";

const EVENTS = Number(benchArgs[0] ?? 1000);
const IN_FLIGHT = Number(benchArgs[1] ?? 4);
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

async function run(label: string, tag: string, databaseUrl: string | undefined) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: "http://127.0.0.1",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: true });
  const app = await buildApp(deps, { linkRateLimit: 1_000_000_000, apiRateLimit: 1_000_000_000 });
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
    const counted = databaseUrl !== undefined;
    const kaja = await measure(label, tag, counted, (prefix, i) =>
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
      }),
    );
    const bare = await bareBaseline(deps.db, tag, counted);
    console.log(`  CPU ratio bare/Kaja ${(bare / kaja).toFixed(2)}`);
  } finally {
    await app.close();
    await deps.database.close();
  }
}

/** Sends WARM_UP then EVENTS requests, IN_FLIGHT at a time; prints and returns the CPU ms per request. */
async function measure(
  label: string,
  tag: string,
  countStatements: boolean,
  request: (prefix: string, i: number) => Promise<{ statusCode: number }>,
): Promise<number> {
  {
    const send = async (prefix: string, count: number) => {
      let next = 0;
      let errors = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < count) {
            const res = await request(prefix, next++);
            if (res.statusCode >= 300) errors++;
          }
        }),
      );
      return errors;
    };
    await send("w", WARM_UP);
    statements = 0;
    const before = loadavg()[0].toFixed(2);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const errors = await profiled(tag, () => send("p", EVENTS));
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    console.log(
      `${label}: ${EVENTS} events, ${IN_FLIGHT} in flight; load average ${before} → ${loadavg()[0].toFixed(2)}`,
    );
    console.log(
      `  CPU ${((used.user + used.system) / EVENTS / 1000).toFixed(2)} ms/event, wall ${(wall / EVENTS).toFixed(2)} ms/event, statements ${countStatements ? (statements / EVENTS).toFixed(2) : "(not counted)"}/event, errors ${errors}`,
    );
    return (used.user + used.system) / EVENTS / 1000;
  }
}

/** bench/service-events.ts' bare baseline, in process. */
async function bareBaseline(db: Db, tag: string, countStatements: boolean): Promise<number> {
  const { app, drop } = await bareEventApp(db);
  try {
    return await measure("  bare Fastify + key check + INSERT", `${tag}-bare`, countStatements, (prefix, i) =>
      app.inject({
        method: "POST",
        url: "/events",
        headers: { authorization: "Bearer bench-key", "content-type": "application/json" },
        payload: JSON.stringify({
          contact: { email: `${prefix}${i}@example.test` },
          occurredAt: new Date().toISOString(),
        }),
      }),
    );
  } finally {
    await app.close();
    await drop();
  }
}

await run("PGlite (embedded)", "pglite-events-cpu", undefined);
if (process.env.DATABASE_URL) await run("PostgreSQL", "postgres-events-cpu", process.env.DATABASE_URL);
