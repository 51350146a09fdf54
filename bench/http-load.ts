/**
 * The HTTP load of the request benches (answer-submission.ts, service-events.ts): sends `count` requests over
 * loopback with at most `concurrency` in flight and measures their rate, latency and CPU: this process's (the
 * server under test and the fetch client together) and the PostgreSQL backends' of the database (`pids`, read
 * from /proc; none on PGlite).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/connect.ts";
import { processCpu } from "./process-cpu.ts";

/**
 * With `--fresh-plans` on the command line: each side is measured right after a warm-up of 100 requests on a fresh
 * database without statistics, as in the first minute of a new database (see settle).
 */
export const FRESH_PLANS = process.argv.includes("--fresh-plans");

/**
 * Requests sent to each side before it is measured, so that neither is timed while still being compiled, and so
 * that the tables hold rows when their statistics are gathered (settle).
 */
export const WARM_UP = FRESH_PLANS ? 100 : 1000;

/**
 * After the warm-up, gathers the statistics that autovacuum gathers in a running database within a minute
 * (`analyze`), so that each side is measured as it runs from then on. A fresh database has none, and a statement
 * planned on nearly empty tables (on each pooled connection, and kept) may read all of an organisation's rows for
 * each look-up by key: a cost that grows with every row written until autovacuum's statistics make PostgreSQL
 * plan it again (decision 066). With --fresh-plans nothing is gathered: the first minute is measured.
 */
export async function settle(db: Db): Promise<void> {
  if (!FRESH_PLANS) await db.execute(sql`analyze`);
}

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
