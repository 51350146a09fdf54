import { readFileSync } from "node:fs";

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
