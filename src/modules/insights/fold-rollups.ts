import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";

/** Deltas folded per statement (one transaction each). */
export const FOLD_BATCH = 5000;

export interface FoldResult {
  folded: number;
  /** Stopped at `maxBatches` with deltas left: run again. */
  more: boolean;
}

async function fold(db: Db, orgId: string | null, batch: number, maxBatches: number): Promise<FoldResult> {
  let folded = 0;
  for (let i = 0; i < maxBatches; i++) {
    const r = await db.execute(sql`select kaja_rollup_fold(${batch}::int, ${orgId}::text) as n`);
    const n = Number((r.rows[0] as { n: number }).n);
    folded += n;
    if (n < batch) return { folded, more: false };
  }
  return { folded, more: true };
}

/**
 * Moves the answers and invitations written since the last fold from `rollup_delta` into the rollups, of every
 * organisation (the fold job), in batches of `batch` rows, each in a transaction of its own. Deltas another fold
 * holds are skipped. Reports are exact before and after: they add the deltas still pending (decision 014).
 */
export function unsafeFoldAllRollups(
  db: Db,
  { batch = FOLD_BATCH, maxBatches = 20 }: { batch?: number; maxBatches?: number } = {},
): Promise<FoldResult> {
  return fold(db, null, batch, maxBatches);
}

/** Folds one organisation's pending deltas (a check or a test that wants the cells themselves up to date). */
export function foldRollups(
  db: Db,
  orgId: string,
  { batch = FOLD_BATCH, maxBatches = 1000 }: { batch?: number; maxBatches?: number } = {},
): Promise<FoldResult> {
  return fold(db, orgId, batch, maxBatches);
}
