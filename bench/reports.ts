/**
 * Report speed over the rollups against the same figures from the raw answers, in the same run. Generates N answers
 * (default 200,000; BENCH_ANSWERS or the first argument raises it) from 1 / BENCH_RESPONSE_RATE (default 0.5) as
 * many sent invitations across BENCH_ORGS organisations (default 20) over 24 months. The rows are generated inside
 * the database (decision 059): one INSERT … SELECT per organisation writes its sent invitations straight into
 * survey_invitation and, through a data-modifying WITH, its answers into response, with the triggers and
 * foreign-key checks off (session_replication_role = replica). On PostgreSQL BENCH_JOBS organisations (default 2)
 * are written at once, each worker on a connection of its own, with the two tables' secondary indexes dropped for
 * the load and built afterwards (bench/reports-load.ts); BENCH_LOADER=copy streams rows generated in this process
 * with COPY instead (decision 049). On PGlite the organisations are written one after the other. Then the raw
 * rows are analyzed and the product's rebuild counts the rollups (kaja_rollup_rebuild, as after a time-zone
 * change; on PostgreSQL one organisation per call, BENCH_JOBS at once). The load time is printed per phase with
 * the load average. BENCH_VERIFY=1 then runs verify-rollups on the first organisation; BENCH_LOAD_ONLY=1 stops
 * there. Then times, over BENCH_REPEAT runs (p50/p95; plain SQL over BENCH_BASELINE_REPEAT runs, default the
 * same), each next to plain SQL over the raw rows:
 *   - one organisation over 12 months by month × service (function and HTTP API),
 *   - one organisation by month × employee with a date range that cuts months,
 *   - all organisations by month,
 *   - a benchmark network of all organisations over 12 months (rollup_month_service_type, decision 046),
 * and prints the load average. Runs on PostgreSQL when DATABASE_URL is set (use a database of its own: the load
 * drops and rebuilds indexes), else on an in-memory PGlite. BENCH_REUSE=1 measures an earlier load again. Not a
 * test: it prints figures.
 *   npx node bench/reports.ts [answers]
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { type SQL, sql } from "drizzle-orm";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/db/connect.ts";
import { benchmarkMember, channel, department, employee, service } from "../src/db/schema.ts";
import { createDeps } from "../src/deps.ts";
import { createApiKey } from "../src/modules/accounts/api-keys.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { getNetworkSummary } from "../src/modules/insights/benchmark/network-summary.ts";
import { createBenchmarkNetwork } from "../src/modules/insights/benchmark/networks.ts";
import { summarize } from "../src/modules/insights/summarize.ts";
import { verifyRollups } from "../src/modules/insights/verify-rollups.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import {
  buildIndexes,
  copyRows,
  dropIndexes,
  generateRows,
  generateRowsSql,
  inParallel,
  rebuildRollups,
} from "./reports-load.ts";

const ANSWERS = Number(process.argv[2] ?? process.env.BENCH_ANSWERS ?? 200_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 20);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
/** Runs of plain SQL per query (BENCH_BASELINE_REPEAT; at 10 M answers one run of it takes seconds). */
const BASELINE_REPEAT = Number(process.env.BENCH_BASELINE_REPEAT ?? REPEAT);
/** Organisations loaded and rebuilt at once (PostgreSQL), each on connections of its own. */
const JOBS = Number(process.env.BENCH_JOBS ?? 2);
/** Share of sent invitations answered (every answer comes from an invitation). */
const RESPONSE_RATE = Number(process.env.BENCH_RESPONSE_RATE ?? 0.5);
const SERVICES = 30;
const EMPLOYEES = 200;
const DEPARTMENTS = 12;
/** Data spans the 24 months before this month; reports read the last 12 whole months. */
const now = new Date();
const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const monthsBack = (n: number) =>
  new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
const FROM = monthsBack(12);
const TO = monthsBack(0);

interface BenchOrg {
  id: string;
  surveyId: string;
  services: string[];
  employees: string[];
  departments: string[];
  channels: string[];
}

async function createOrg(deps: Awaited<ReturnType<typeof createDeps>>, i: number): Promise<BenchOrg> {
  const tag = randomUUID().slice(0, 8);
  const { org } = await createOrganization(deps, {
    name: `Bench ${i}`,
    slug: `bench-${tag}`,
    ownerEmail: `bench-${tag}@example.test`,
  });
  const db = deps.db;
  const departments = Array.from({ length: DEPARTMENTS }, () => randomUUID());
  await db
    .insert(department)
    .values(departments.map((id, d) => ({ orgId: org.id, id, name: `Osakond ${d}` })));
  const types = ["customer_service", "e_service", "training", "internal_process"] as const;
  const services = Array.from({ length: SERVICES }, () => randomUUID());
  await db.insert(service).values(
    services.map((id, s) => ({
      orgId: org.id,
      id,
      names: { et: `Teenus ${s}` },
      type: types[s % types.length],
      audience: s % 5 === 4 ? "internal" : "external",
    })),
  );
  const employees = Array.from({ length: EMPLOYEES }, () => randomUUID());
  await db.insert(employee).values(
    employees.map((id, e) => ({
      orgId: org.id,
      id,
      name: `Töötaja ${e}`,
      departmentId: departments[e % DEPARTMENTS],
    })),
  );
  const channels = (
    await db.select({ id: channel.id }).from(channel).where(sql`${channel.orgId} = ${org.id}`)
  ).map((c) => c.id);
  const survey = await createSurvey(db, org.id, {
    name: "Bench",
    kind: "transactional",
    slug: `bench-${tag}`,
    definition: standardDefinition({ object: "service" }),
  });
  return { id: org.id, surveyId: survey.id, services, employees, departments, channels };
}

const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `fn` `repeat` times after `warmUps` runs; returns p50 and p95 in ms. */
async function time(
  fn: () => Promise<unknown>,
  repeat: number,
  warmUps: number,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmUps; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const COUNTS = sql.raw(
  [
    ...Array.from({ length: 11 }, (_, i) => `count(*) filter (where r.score = ${i})::int`),
    ...Array.from({ length: 11 }, (_, i) => `count(*) filter (where r.satisfaction = ${i})::int`),
  ].join(", "),
);

const ZEROS = sql.raw(Array.from({ length: 22 }, () => "0").join(", "));

/** The same figures from the raw answers (and, for the summary, the invitations), by plain SQL. */
const raw = {
  orgByMonthService: (orgId: string): SQL => sql`
    select date_trunc('month', r.received_at at time zone 'Europe/Tallinn') as m, r.service_id, ${COUNTS},
      count(*) filter (where r.invitation_id is not null)::int
    from response r where r.org_id = ${orgId}
      and r.received_at >= (${FROM}::timestamp at time zone 'Europe/Tallinn')
      and r.received_at < (${TO}::timestamp at time zone 'Europe/Tallinn')
    group by 1, 2
    union all
    select date_trunc('month', i.sent_at at time zone 'Europe/Tallinn'), i.service_id, ${ZEROS}, count(*)::int
    from survey_invitation i where i.org_id = ${orgId}
      and i.sent_at >= (${FROM}::timestamp at time zone 'Europe/Tallinn')
      and i.sent_at < (${TO}::timestamp at time zone 'Europe/Tallinn')
    group by 1, 2`,
  orgByMonthEmployee: (orgId: string, from: string, to: string): SQL => sql`
    select date_trunc('month', r.received_at at time zone 'Europe/Tallinn') as m, r.employee_id, ${COUNTS}
    from response r where r.org_id = ${orgId}
      and r.received_at >= (${from}::timestamp at time zone 'Europe/Tallinn')
      and r.received_at < (${to}::timestamp at time zone 'Europe/Tallinn')
    group by 1, 2`,
  allByMonth: (): SQL => sql`
    select date_trunc('month', r.received_at at time zone o.time_zone) as m, ${COUNTS}
    from response r join organization o on o.id = r.org_id group by 1`,
  network: (networkId: string): SQL => sql`
    select r.org_id, s.type, coalesce(r.audience, s.audience), ${COUNTS}
    from benchmark_member m join organization o on o.id = m.org_id
    join response r on r.org_id = m.org_id
    join service s on s.org_id = r.org_id and s.id = r.service_id
    where m.network_id = ${networkId}
      and r.received_at >= (${FROM}::timestamp at time zone o.time_zone)
      and r.received_at < (${TO}::timestamp at time zone o.time_zone)
    group by 1, 2, 3`,
};

const rollupAllByMonth = sql.raw(
  `select month, ${[...Array.from({ length: 11 }, (_, i) => `sum(r${i})::int`), ...Array.from({ length: 11 }, (_, i) => `sum(s${i})::int`)].join(", ")} from rollup_month_coarse group by month`,
);

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: process.env.DATABASE_URL,
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: true });
  const db = deps.db;
  const label = config.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)";
  console.log(
    `${label}: ${ANSWERS.toLocaleString("en")} answers wanted in ${ORGS} organisations; ` +
      `${REPEAT} runs each (plain SQL ${BASELINE_REPEAT})\n`,
  );
  if (process.env.BENCH_REUSE) return measure(deps, await loadedOrgs(db));
  const phases: [string, number, number[]][] = [];
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    phases.push([name, (t - mark) / 1000, os.loadavg()]);
    mark = t;
  };
  const loadBefore = os.loadavg();
  const started = performance.now();
  const orgs: BenchOrg[] = [];
  for (let i = 0; i < ORGS; i++) orgs.push(await createOrg(deps, i));
  phase("organisations");
  const invitations = Math.round(ANSWERS / ORGS / RESPONSE_RATE);
  const shape = {
    employees: EMPLOYEES,
    departments: DEPARTMENTS,
    services: SERVICES,
    responseRate: RESPONSE_RATE,
    start: new Date(monthsBack(24)),
    end: new Date(TO),
  };
  if (config.DATABASE_URL) {
    // Secondary indexes off, rows streamed with COPY (triggers off), indexes built after.
    const url = config.DATABASE_URL;
    const indexes = await dropIndexes(url);
    try {
      // JOBS streams of organisations at once, each organisation's rows in time order.
      const byJob = Array.from({ length: JOBS }, (_, j) =>
        [...orgs.entries()].filter(([i]) => i % JOBS === j),
      );
      if (process.env.BENCH_LOADER === "copy") {
        await inParallel(byJob, JOBS, async (part) => {
          await copyRows(url, part, invitations, shape);
        });
        phase("rows (COPY)");
      } else {
        await generateRows(url, [...orgs.entries()], invitations, shape, JOBS);
        phase("rows (SQL)");
      }
    } finally {
      await buildIndexes(url, indexes);
    }
    phase(`indexes (${indexes.length})`);
  } else {
    // The same statement as on PostgreSQL, one organisation after the other, with the triggers off.
    for (const [i, o] of orgs.entries())
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql.raw(generateRowsSql(o, i, invitations, shape)));
      });
    phase("rows (SQL)");
  }
  // Statistics of the raw rows first, as a live database has them: the rebuild's plans (hash aggregates) depend on them.
  await db.execute(sql`analyze response, survey_invitation`);
  phase("analyze (raw rows)");
  // The product's rebuild (as after a time-zone change): the three finest rollups from the raw rows, the rest from them.
  if (config.DATABASE_URL) {
    await rebuildRollups(
      config.DATABASE_URL,
      orgs.map((o) => o.id),
      JOBS,
    );
  } else {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '256MB'`);
      await tx.execute(sql`select kaja_rollup_rebuild(null)`);
    });
  }
  phase("rollups (kaja_rollup_rebuild)");
  await db.execute(sql`analyze`);
  phase("analyze");
  console.log(
    `loaded in ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${fmtLoad(loadBefore)} before`,
  );
  for (const [name, seconds, load] of phases)
    console.log(`  ${name.padEnd(32)} ${seconds.toFixed(1).padStart(7)} s   load after ${fmtLoad(load)}`);
  if (process.env.BENCH_VERIFY) {
    const t = performance.now();
    const v = await verifyRollups(db, orgs[0].id);
    console.log(
      `verify-rollups (first organisation): ${v.differences.length} differences, ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
  }
  if (process.env.BENCH_LOAD_ONLY) {
    await deps.database.close();
    return;
  }
  await measure(deps, orgs);
}

/** The organisations a previous run loaded (BENCH_REUSE=1 measures again without loading). */
async function loadedOrgs(db: Db): Promise<{ id: string }[]> {
  const result = await db.execute(sql`select id from organization where name like 'Bench %' order by name`);
  return (result.rows as { id: string }[]).map((r) => ({ id: r.id }));
}

async function measure(deps: Awaited<ReturnType<typeof createDeps>>, orgs: { id: string }[]): Promise<void> {
  const db = deps.db;
  const network = await createBenchmarkNetwork(db, { name: `Bench ${randomUUID().slice(0, 8)}` });
  await db.insert(benchmarkMember).values(orgs.map((o) => ({ networkId: network.id, orgId: o.id })));
  await db.execute(sql`analyze`);
  const counts = (
    await db.execute(sql`select
      (select count(*)::int from response) as answers, (select count(*)::int from survey_invitation) as invitations,
      (select count(*)::int from rollup_month) as month_rows, (select count(*)::int from rollup_day) as day_rows,
      (select count(*)::int from rollup_month_coarse) as coarse_rows,
      (select count(*)::int from rollup_month_service) as service_rows,
      (select count(*)::int from rollup_month_employee) as employee_rows,
      (select count(*)::int from rollup_day_employee) as day_employee_rows,
      (select count(*)::int from rollup_month_service_type) as service_type_rows`)
  ).rows[0] as Record<string, number>;
  console.log(
    `rows: answers ${counts.answers.toLocaleString("en")}, invitations ${counts.invitations.toLocaleString("en")}, ` +
      `rollup_month ${counts.month_rows.toLocaleString("en")}, rollup_month_coarse ${counts.coarse_rows.toLocaleString("en")}, ` +
      `rollup_day ${counts.day_rows.toLocaleString("en")}, rollup_month_service ${counts.service_rows.toLocaleString("en")}, ` +
      `rollup_month_employee ${counts.employee_rows.toLocaleString("en")}, rollup_day_employee ${counts.day_employee_rows.toLocaleString("en")}, ` +
      `rollup_month_service_type ${counts.service_type_rows.toLocaleString("en")} ` +
      "(whole database)\n",
  );

  const app = await buildApp(deps, { apiRateLimit: 1_000_000 });
  await app.ready();
  const { key } = await createApiKey(db, { orgId: orgs[0].id, name: "bench", scopes: ["reports:read"] });
  const org = orgs[0].id;
  const cutFrom = `${FROM.slice(0, 8)}10`;
  const cutTo = `${monthsBack(1).slice(0, 8)}20`;
  const rows: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      "one org, 12 months, month × service",
      () => summarize(db, org, { groupBy: ["month", "service"], from: FROM, to: TO }),
      () => db.execute(raw.orgByMonthService(org)),
    ],
    [
      "  … the same through GET /api/v1/reports/summary",
      async () => {
        const res = await app.inject({
          method: "GET",
          url: `/api/v1/reports/summary?groupBy=month,service&from=${FROM}&to=${TO}`,
          headers: { authorization: `Bearer ${key}` },
        });
        if (res.statusCode !== 200) throw new Error(res.body);
      },
      () => db.execute(raw.orgByMonthService(org)),
    ],
    [
      `one org, ${cutFrom}…${cutTo}, month × employee`,
      () => summarize(db, org, { groupBy: ["month", "employee"], from: cutFrom, to: cutTo }),
      () => db.execute(raw.orgByMonthEmployee(org, cutFrom, cutTo)),
    ],
    ["all organisations by month", () => db.execute(rollupAllByMonth), () => db.execute(raw.allByMonth())],
    [
      `benchmark network of ${ORGS}, 12 months`,
      () => getNetworkSummary(db, org, network.id, { from: FROM, to: TO }),
      () => db.execute(raw.network(network.id)),
    ],
  ];
  console.log(
    `${"query".padEnd(52)} ${"Kaja p50/p95 ms".padStart(20)} ${"plain SQL p50/p95 ms".padStart(22)}  ratio p50 / p95  load`,
  );
  for (const [name, viaRollups, viaRaw] of rows) {
    const a = await time(viaRollups, REPEAT, 3);
    const b = await time(viaRaw, BASELINE_REPEAT, BASELINE_REPEAT < REPEAT ? 1 : 3);
    const f = (t: { p50: number; p95: number }) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
    const ratios = `${(b.p50 / a.p50).toFixed(1)}× / ${(b.p95 / a.p95).toFixed(1)}×`;
    console.log(
      `${name.padEnd(52)} ${f(a).padStart(20)} ${f(b).padStart(22)}  ${ratios.padStart(15)}  ${fmtLoad(os.loadavg())}`,
    );
  }
  await app.close();
  await deps.database.close();
}

await main();
