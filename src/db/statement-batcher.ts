import pg from "pg";
import type { Db } from "./connect.ts";

/**
 * Group commit for a hot single-row write: calls that arrive while earlier ones are still in the database are
 * written together by one set-based statement, so that PostgreSQL sets up the statement, fires its
 * statement-level triggers and flushes its commit once for the group instead of once per call (decision 062).
 *
 * A call never waits for company: when fewer than `inFlight` statements are running it goes at once (alone, by
 * `runOne`); only calls that would otherwise queue for the database join the next batch. A batch is one
 * statement, atomic by itself; when it fails as a whole nothing of it is written, and each of its calls is
 * tried again alone, so that one call's error is that call's alone.
 */
export interface TBatcherOptions<TIn, TOut> {
  /** Statements (single or batch) running at once. */
  inFlight: number;
  /** The most calls one batch takes. */
  maxBatch: number;
  runOne(input: TIn): Promise<TOut>;
  /** The results in the order of `inputs`. */
  runMany(inputs: TIn[]): Promise<TOut[]>;
}

interface TWaiting<TIn, TOut> {
  input: TIn;
  resolve(value: TOut): void;
  reject(reason: unknown): void;
}

export interface TBatcherStats {
  /** Statements run, single and batch. */
  statements: number;
  /** Batch statements run (two calls or more). */
  batches: number;
  /** Calls written by a batch statement. */
  batched: number;
  /** Batches that failed as a whole and whose calls were tried again alone. */
  retried: number;
}

export function createBatcher<TIn, TOut>(options: TBatcherOptions<TIn, TOut>) {
  const waiting: TWaiting<TIn, TOut>[] = [];
  const stats: TBatcherStats = { statements: 0, batches: 0, batched: 0, retried: 0 };
  let running = 0;

  function settleAlone(call: TWaiting<TIn, TOut>): Promise<void> {
    return options.runOne(call.input).then(call.resolve, call.reject);
  }

  async function runBatch(calls: TWaiting<TIn, TOut>[]): Promise<void> {
    let results: TOut[];
    try {
      results = await options.runMany(calls.map((c) => c.input));
    } catch {
      stats.retried++;
      await Promise.all(calls.map(settleAlone));
      return;
    }
    for (let i = 0; i < calls.length; i++) calls[i].resolve(results[i]);
  }

  function next(): void {
    while (running < options.inFlight && waiting.length > 0) {
      const calls = waiting.splice(0, options.maxBatch);
      running++;
      stats.statements++;
      if (calls.length > 1) {
        stats.batches++;
        stats.batched += calls.length;
      }
      (calls.length === 1 ? settleAlone(calls[0]) : runBatch(calls)).finally(() => {
        running--;
        next();
      });
    }
  }

  return {
    stats,
    run(input: TIn): Promise<TOut> {
      return new Promise<TOut>((resolve, reject) => {
        waiting.push({ input, resolve, reject });
        next();
      });
    },
  };
}

export type TBatcher<TIn, TOut> = ReturnType<typeof createBatcher<TIn, TOut>>;

/**
 * One batcher per PostgreSQL connection pool, made on first use from the database handle; undefined on PGlite,
 * which runs one statement at a time on the main thread and keeps its single statements.
 */
export function batcherPerPool<TIn, TOut>(options: (db: Db) => TBatcherOptions<TIn, TOut>) {
  const batchers = new WeakMap<pg.Pool, TBatcher<TIn, TOut>>();
  return (db: Db): TBatcher<TIn, TOut> | undefined => {
    const pool = (db as unknown as { $client?: unknown }).$client;
    if (!(pool instanceof pg.Pool)) return undefined;
    let batcher = batchers.get(pool);
    if (!batcher) {
      batcher = createBatcher(options(db));
      batchers.set(pool, batcher);
    }
    return batcher;
  };
}
