/**
 * The HTTP load of the request benches (answer-submission.ts, service-events.ts): sends `count` requests over
 * loopback with at most `concurrency` in flight and measures their rate, latency and CPU: this process's (the
 * server under test and the fetch client together) and the PostgreSQL backends' of the database (`pids`, read
 * from /proc; none on PGlite).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/connect.ts";
import { processCpu } from "./process-cpu.ts";

export interface TLoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  /** Responses with a status of 300 or more. */
  errors: number;
  /** CPU of this process per request (user + system, ms): the server and the fetch client together. */
  nodeCpu: number;
  /** CPU of the PostgreSQL backends serving the database per request (ms); NaN on PGlite. */
  dbCpu: number;
}

export async function httpLoad(
  count: number,
  concurrency: number,
  request: (i: number) => [url: string, init: RequestInit],
  pids: number[] = [],
): Promise<TLoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const dbBefore = processCpu(pids);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(...request(i));
        await res.arrayBuffer();
        if (res.status >= 300) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    perSecond: count / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    nodeCpu: (cpu.user + cpu.system) / 1000 / count,
    dbCpu: pids.length ? (processCpu(pids) - dbBefore) / count : Number.NaN,
  };
}

/** One result on a line: rate, latency, errors and CPU per request. */
export function formatLoad(r: TLoadResult): string {
  return (
    `${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}` +
    `  CPU/request: Node ${r.nodeCpu.toFixed(3)} ms${Number.isNaN(r.dbCpu) ? "" : `, PostgreSQL ${r.dbCpu.toFixed(3)} ms`}`
  );
}

/** The PIDs of the PostgreSQL backends serving `db`'s database now (none on PGlite). */
export async function backendPids(db: Db, postgres: boolean): Promise<number[]> {
  if (!postgres) return [];
  const r = await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`);
  return r.rows.map((row) => Number(row.pid));
}
