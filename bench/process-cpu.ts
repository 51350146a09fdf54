import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/connect.ts";

/** CPU time (ms) used so far by the processes `pids` (utime + stime from /proc; 0 for one that is gone). */
export function processCpu(pids: number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let sum = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      // ended meanwhile
    }
  }
  return sum;
}

/** The load average (1, 5 and 15 minutes) as the benches print it. */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** The PostgreSQL backends serving `db`'s database now (their CPU is read from /proc). */
export async function backendPids(db: Db): Promise<number[]> {
  const r = await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`);
  return r.rows.map((row) => Number(row.pid));
}
