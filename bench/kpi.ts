/**
 * KPI report speed over the rollups against the same figures from the raw contact records. Creates one
 * organisation with queues, employees and services, generates N contact records (default 10,000,000; the first
 * argument changes it) over the last 12 whole months with `insert … select … from generate_series` straight into
 * contact_record, in chunks of 500,000 and in arrival order (so the indexes grow at their end), then builds the
 * day and month rollups with rebuildKpiRollups (the recount used after a settings change or a bulk load: one
 * pass over the records for the day cells, the month cells summed from them; work_mem 256 MB in that transaction
 * only). Then times GET /api/v1/kpi for 12 months by month × queue (p50/p95) next to plain SQL over
 * contact_record (BENCH_REPEAT and BENCH_RAW_REPEAT runs), checks that every month × queue cell has the same
 * counts both ways, and prints the load average.
 * PostgreSQL only (DATABASE_URL; use a database of its own: it adds N rows). Not a test: it prints figures.
 * With BENCH_REUSE=1 an organisation an earlier run loaded with the same number of records is measured again
 * without loading (the load takes minutes at 10 M; the timings then need only a quiet moment).
 *   npx node bench/kpi.ts [records]
 */
import { loadavg } from "node:os";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { AppDeps } from "../src/context.ts";
import type { Db } from "../src/db/connect.ts";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { employee, service } from "../src/db/schema.ts";
import { createDeps } from "../src/deps.ts";
import { createApiKey } from "../src/modules/accounts/api-keys.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { saveQueue } from "../src/modules/kpi/queues.ts";
import { rebuildKpiRollups } from "../src/modules/kpi/rollup-cells.ts";
import { getKpiSettings } from "../src/modules/kpi/settings.ts";

const RECORDS = Number(process.argv[2] ?? 10_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 50);
/** The plain-SQL baseline reads every record each time (seconds at 10 M): fewer runs. */
const RAW_REPEAT = Number(process.env.BENCH_RAW_REPEAT ?? 10);
const QUEUES = 12;
const SERVICES = 30;
const EMPLOYEES = 150;
const CHUNK = 500_000;
const now = new Date();
const monthsBack = (n: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
/** The 12 whole months before this one. */
const FROM = monthsBack(12);
const LAST_DAY = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
const TO_EXCL = monthsBack(0);

const textArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::text[]`;
const percentile = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];

async function time(
  fn: () => Promise<unknown>,
  warm: number,
  runs: number,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warm; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** Creates the organisation and loads RECORDS contact records and their rollups; returns the organisation's id. */
async function load(db: Db, deps: AppDeps, slug: string): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const { org } = await createOrganization(deps, {
    name: "Bench KPI",
    slug: `${slug}-${tag}`,
    ownerEmail: `bench-kpi-${tag}@example.test`,
  });
  const queues = Array.from({ length: QUEUES }, (_, i) => `q${i}`);
  for (const id of queues) await saveQueue(db, org.id, { id, name: `Järjekord ${id}`, kind: "call" });
  const services = Array.from({ length: SERVICES }, () => randomUUID());
  await db.insert(service).values(
    services.map((id, s) => ({
      orgId: org.id,
      id,
      names: { et: `Teenus ${s}` },
      type: "customer_service",
      audience: "external",
    })),
  );
  const employees = Array.from({ length: EMPLOYEES }, () => randomUUID());
  await db.insert(employee).values(employees.map((id, e) => ({ orgId: org.id, id, name: `Töötaja ${e}` })));
  const settings = await getKpiSettings(db, org.id);

  const started = performance.now();
  for (let done = 0; done < RECORDS; done += CHUNK) {
    const n = Math.min(CHUNK, RECORDS - done);
    // Records come in arrival order (as a phone system delivers them) with ids that sort the same way, so every
    // index of contact_record grows at its end instead of being written all over. 80 % answered after 0–120 s,
    // 20 % abandoned after 0–300 s; a quarter with an FCR flag. One transaction per chunk, committed without
    // waiting for the disk (nothing is lost but the bench's own rows if the server crashed).
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      await tx.execute(sql`
      insert into contact_record (org_id, id, source_id, kind, queue_id, arrived_at, answered_at, abandoned_at,
        ended_at, employee_id, service_id, fcr_flag, fcr_outcome, content_hash)
      select ${org.id}, 'b' || lpad(g::text, 9, '0'), 's' || lpad(g::text, 9, '0'), 'call',
        (${textArray(queues)})[1 + g % ${QUEUES}], a,
        case when ans then a + w end, case when not ans then a + w end, a + w + interval '3 minutes',
        case when ans then (${textArray(employees)})[1 + g % ${EMPLOYEES}] end,
        (${textArray(services)})[1 + g % ${SERVICES}], f, case when ans then f end, md5(g::text)
      from (select g, ans, f,
          ${FROM}::timestamptz + (g - 1 + random()) / ${RECORDS}::float8 * (${TO_EXCL}::timestamptz - ${FROM}::timestamptz) as a,
          make_interval(secs => case when ans then random() * 120 else random() * 300 end) as w
        from (select g, random() < 0.8 as ans, case when random() < 0.25 then random() < 0.7 end as f
          from generate_series(${done + 1}::int, ${done + n}::int) g) s0) s`);
    });
    if (RECORDS > CHUNK)
      console.log(
        `  ${(done + n).toLocaleString("en")} records, ${((performance.now() - started) / 1000).toFixed(0)} s, load ${loadavg()[0].toFixed(1)}`,
      );
  }
  const insertSeconds = (performance.now() - started) / 1000;
  const rollupStarted = performance.now();
  await db.transaction(async (tx) => {
    // The recount groups every record once; room to do it in memory (a setting of this transaction only).
    await tx.execute(sql`set local work_mem = '256MB'`);
    await rebuildKpiRollups(tx, org.id, settings);
  });
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await db.execute(sql`analyze contact_record`);
  await db.execute(sql`analyze kpi_rollup_month`);
  await db.execute(sql`analyze kpi_rollup_day`);
  const counts = (
    await db.execute(sql`select
      (select count(*)::int from kpi_rollup_month where org_id = ${org.id}) as month_rows,
      (select count(*)::int from kpi_rollup_day where org_id = ${org.id}) as day_rows`)
  ).rows[0] as Record<string, number>;
  console.log(
    `loaded in ${(insertSeconds + rollupSeconds).toFixed(0)} s: insert ${insertSeconds.toFixed(0)} s ` +
      `(${Math.round(RECORDS / insertSeconds).toLocaleString("en")} records/s), rollup rebuild ${rollupSeconds.toFixed(0)} s; ` +
      `kpi_rollup_month ${counts.month_rows.toLocaleString("en")} rows, kpi_rollup_day ${counts.day_rows.toLocaleString("en")} rows\n`,
  );

  return org.id;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.error(
      "bench/kpi.ts needs PostgreSQL: set DATABASE_URL to a database of its own (the embedded database is not measured).",
    );
    process.exit(2);
  }
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: process.env.DATABASE_URL,
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config);
  const db = deps.db;
  console.log(
    `PostgreSQL: ${RECORDS.toLocaleString("en")} contact records over ${FROM}…${LAST_DAY}; API ${REPEAT} runs, plain SQL ${RAW_REPEAT} runs\n`,
  );

  const slug = `bench-kpi-${RECORDS}`;
  const reuse = process.env.BENCH_REUSE === "1";
  const [earlier] = (
    await db.execute(sql`select o.id, (select count(*)::int from contact_record r where r.org_id = o.id) as n
      from organization o where o.slug like ${`${slug}-%`} order by o.created_at desc limit 1`)
  ).rows as { id: string; n: number }[];
  let orgId: string;
  if (reuse && earlier?.n === RECORDS) {
    orgId = earlier.id;
    console.log(
      `reusing organisation ${orgId} with its ${RECORDS.toLocaleString("en")} records (BENCH_REUSE=1)\n`,
    );
  } else {
    orgId = await load(db, deps, slug);
  }
  const settings = await getKpiSettings(db, orgId);
  const org = { id: orgId };

  const app = await buildApp(deps, { apiRateLimit: 1_000_000 });
  await app.ready();
  const { key } = await createApiKey(db, { orgId: org.id, name: "bench", scopes: ["kpi:read"] });
  const url = `/api/v1/kpi?from=${FROM}&to=${LAST_DAY}&period=month&by=queue&kind=call`;
  let apiRows: {
    period: string;
    key: string;
    offered: number;
    answered: number;
    answeredWithinThreshold: number;
  }[] = [];
  const viaApi = async () => {
    const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${key}` } });
    if (res.statusCode !== 200) throw new Error(res.body);
    apiRows = res.json().rows;
  };
  // Plain SQL over the raw records with the same rules (short abandons are not offered).
  const wait = "extract(epoch from coalesce(r.answered_at, r.abandoned_at) - r.arrived_at)";
  const short = `(r.answered_at is null and ${wait} < ${settings.shortAbandonSeconds})`;
  const rawQuery = sql`
    select to_char(r.arrived_at at time zone o.time_zone, 'YYYY-MM') as period, r.queue_id as key,
      count(*) filter (where not ${sql.raw(short)})::int as offered,
      count(*) filter (where r.answered_at is not null)::int as answered,
      count(*) filter (where r.answered_at is not null and ${sql.raw(wait)} <= ${settings.serviceLevelSeconds})::int as within
    from contact_record r join organization o on o.id = r.org_id
    where r.org_id = ${org.id} and r.kind = 'call'
      and r.arrived_at >= (${FROM}::timestamp at time zone o.time_zone)
      and r.arrived_at < (${TO_EXCL}::timestamp at time zone o.time_zone)
    group by 1, 2 order by 1, 2`;
  let rawRows: { period: string; key: string; offered: number; answered: number; within: number }[] = [];
  const viaRaw = async () => {
    rawRows = (await db.execute(rawQuery)).rows as typeof rawRows;
  };
  const a = await time(viaApi, 3, REPEAT);
  const b = await time(viaRaw, 1, RAW_REPEAT);
  const f = (t: { p50: number; p95: number }) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
  console.log(`${"query".padEnd(52)} ${"p50 / p95 ms".padStart(16)}`);
  console.log(`${"GET /api/v1/kpi, 12 months, month × queue".padEnd(52)} ${f(a).padStart(16)}`);
  console.log(`${"plain SQL over contact_record, same figures".padEnd(52)} ${f(b).padStart(16)}`);
  console.log(`ratio (p50, plain SQL / API): ${(b.p50 / a.p50).toFixed(1)}×\n`);

  // Every cell, not a sample: the same (month, queue) cells with the same counts.
  const cellOf = (p: string, k: string, o: number, an: number, w: number) => `${p} ${k} ${o} ${an} ${w}`;
  const apiCells = new Set(
    apiRows.map((c) => cellOf(c.period, c.key, c.offered, c.answered, c.answeredWithinThreshold)),
  );
  const rawCells = rawRows.map((r) => cellOf(r.period, r.key, r.offered, r.answered, r.within));
  const differing = rawCells.filter((c) => !apiCells.has(c));
  const match = apiRows.length === rawRows.length && differing.length === 0;
  const sample = apiRows[Math.floor(apiRows.length / 2)];
  if (sample)
    console.log(
      `e.g. cell ${sample.period} ${sample.key}: offered ${sample.offered}, answered ${sample.answered}, ` +
        `within ${sample.answeredWithinThreshold}`,
    );
  for (const c of differing.slice(0, 5)) console.log(`SQL cell not in the API's answer: ${c}`);
  console.log(
    `cells (month × queue): API ${apiRows.length}, SQL ${rawRows.length}; ` +
      `${match ? "every cell has the same offered, answered and within-threshold counts" : "cells DIFFER"}`,
  );
  console.log(
    `load average (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}`,
  );
  await app.close();
  await deps.database.close();
}

await main();
