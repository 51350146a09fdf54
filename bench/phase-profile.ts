/**
 * CPU profile of one bench phase: with `--profile-dir=<dir>` on the command line, runs the phase under the
 * inspector's sampling profiler and writes `<dir>/<name>.cpuprofile` (open it in Chrome DevTools). Profiling
 * one phase keeps set-up (invitations, organisations) and the baseline out of the figures.
 */
import type { TBatcherStats } from "../src/db/statement-batcher.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";

const dir = process.argv.find((a) => a.startsWith("--profile-dir="))?.slice("--profile-dir=".length);

/** Runs `phase`, profiled when the bench was started with --profile-dir. */
export async function profiled<T>(name: string, phase: () => Promise<T>): Promise<T> {
  if (!dir) return phase();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await phase();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** The positional (non-flag) command-line arguments. */
export const benchArgs = process.argv.slice(2).filter((a) => !a.startsWith("--"));

/** How the writes between two readings of a batcher's counters were grouped into statements (decision 062). */
export function batchSummary(
  before: Partial<TBatcherStats>,
  after: TBatcherStats | undefined,
  what = "writes",
): string | undefined {
  if (!after) return undefined;
  const statements = after.statements - (before.statements ?? 0);
  const batches = after.batches - (before.batches ?? 0);
  const batched = after.batched - (before.batched ?? 0);
  return `${statements} statements, ${batches} of them batches of ${(batched / Math.max(batches, 1)).toFixed(1)} ${what} on average, ${after.retried - (before.retried ?? 0)} retried alone`;
}
