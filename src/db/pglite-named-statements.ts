import type { PGlite, QueryOptions, Results, Transaction } from "@electric-sql/pglite";
import { parse, protocol } from "@electric-sql/pglite";

/**
 * Hot statements run on PGlite as named prepared statements. PGlite's `query` parses and plans its text
 * again on every call (an unnamed statement); for the answer link's nine-table join planning took 15–21 ms
 * against 0.2–4 ms of execution. A named statement is parsed once per database; PostgreSQL then plans it as it
 * does node-postgres' named statements on a server (plan_cache_mode auto: custom plans first, a generic plan
 * only where it is estimated no dearer, so a statement whose best plan depends on its parameters keeps being
 * planned per call).
 */
const hotTexts = new Set<string>();

/**
 * Marks a statement text to run as a named statement from its first call. Only registered texts are named: naming
 * every repeated text let PostgreSQL settle on generic plans for the set-based statements of a mass mailing (a
 * JSON parameter unpacked into rows), and a 100,000-row mailing took 138 s instead of 10 s.
 */
export function registerHotStatement(text: string): void {
  hotTexts.add(text);
}

/** At most this many named statements per database (the texts are the code's own, so few in practice). */
const MAX_NAMED = 300;

/** The mutexes PGlite's own `query` takes: one statement at a time, never inside another caller's transaction. */
interface TPgliteLocks {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
}

type TQuery = PGlite["query"];

/**
 * Routes `query` calls with parameters on `client` and on its transactions through named statements when their
 * text is registered (`registerHotStatement`). Without PGlite's lock methods (another version) nothing changes.
 */
export function prepareHotStatements(client: PGlite): void {
  const locks = client as unknown as Partial<TPgliteLocks>;
  const { _runExclusiveTransaction: outerLock, _runExclusiveQuery: queryLock } = locks;
  if (typeof outerLock !== "function" || typeof queryLock !== "function") return;
  const prepared = new Map<string, { name: string; types: number[] }>();
  let named = 0;

  const wanted = (text: string, params: unknown[] | undefined) => {
    if (!params?.length) return false;
    if (prepared.has(text)) return true;
    if (prepared.size >= MAX_NAMED) return false;
    return hotTexts.has(text);
  };

  const exec = async (message: Uint8Array) =>
    (await client.execProtocol(message, { syncToFs: false })).messages;

  /** Binds and runs the named statement for `text` (preparing it first); the caller holds PGlite's locks. */
  const runNamed = async (text: string, params: unknown[], options?: QueryOptions): Promise<Results> => {
    const messages = [];
    try {
      let statement = prepared.get(text);
      if (!statement) {
        const name = `kaja_named_${++named}`;
        await exec(protocol.serialize.parse({ name, text }));
        const types = parse.parseDescribeStatementResults(
          await exec(protocol.serialize.describe({ type: "S", name })),
        );
        statement = { name, types };
        prepared.set(text, statement);
      }
      const types = statement.types;
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serialize = options?.serializers?.[types[i]] ?? client.serializers[types[i]];
        return serialize ? serialize(value) : String(value);
      });
      messages.push(
        ...(await exec(protocol.serialize.bind({ statement: statement.name, values }))),
        ...(await exec(protocol.serialize.describe({ type: "P" }))),
        ...(await exec(protocol.serialize.execute({}))),
      );
    } finally {
      messages.push(...(await exec(protocol.serialize.sync())));
    }
    return parse.parseResults(messages, client.parsers, options)[0];
  };

  const plainQuery: TQuery = client.query.bind(client);
  client.query = (async (text: string, params?: unknown[], options?: QueryOptions) => {
    // A closed or not yet ready database answers with PGlite's own error (the app maps it to 503).
    if (client.closed || !client.ready || !wanted(text, params)) return plainQuery(text, params, options);
    return outerLock.call(client, () =>
      queryLock.call(client, async () => {
        const result = await runNamed(text, params as unknown[], options);
        await client.syncToFs();
        return result;
      }),
    );
  }) as TQuery;

  // A transaction already holds the outer lock; its statements take the statement lock, as PGlite's own do.
  const plainTransaction = client.transaction.bind(client);
  client.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) =>
    plainTransaction((tx) => {
      const txQuery = tx.query.bind(tx);
      const named = Object.create(tx) as Transaction;
      named.query = (async (text: string, params?: unknown[], options?: QueryOptions) => {
        if (tx.closed || !wanted(text, params)) return txQuery(text, params, options);
        return queryLock.call(client, () => runNamed(text, params as unknown[], options));
      }) as Transaction["query"];
      return callback(named);
    })) as PGlite["transaction"];
}
