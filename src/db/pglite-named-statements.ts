import type { PGlite, QueryOptions, Results } from "@electric-sql/pglite";
import { parse, protocol } from "@electric-sql/pglite";

/**
 * Hot statements run on PGlite as named prepared statements. PGlite's `query` parses and plans its text again
 * on every call (an unnamed statement); for the answer link's nine-table join planning took 15–21 ms against
 * 0.2–4 ms of execution. A named statement is parsed once per database and, after PostgreSQL's first five
 * custom plans, reuses a generic plan, as node-postgres named statements do on PostgreSQL.
 */
const hotTexts = new Set<string>();

/** Marks a statement text (a constant of the code, `$1…$n` parameters) to be prepared once per PGlite database. */
export function registerHotStatement(text: string): void {
  hotTexts.add(text);
}

/** The mutexes PGlite's own `query` takes: one statement at a time, never inside another caller's transaction. */
interface TPgliteLocks {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
}

type TQuery = PGlite["query"];

/**
 * Routes `query` calls on `client` whose text was registered hot (and which carry parameters) through a named
 * statement; every other call, and every call inside a transaction (those use the transaction's own `query`),
 * goes to PGlite as before. Without the lock methods (another PGlite version) nothing changes.
 */
export function prepareHotStatements(client: PGlite): void {
  const locks = client as unknown as Partial<TPgliteLocks>;
  if (typeof locks._runExclusiveTransaction !== "function" || typeof locks._runExclusiveQuery !== "function")
    return;
  const plain: TQuery = client.query.bind(client);
  const prepared = new Map<string, { name: string; types: number[] }>();
  let named = 0;
  const runNamed = async (text: string, params: unknown[], options?: QueryOptions): Promise<Results> => {
    const exec = async (message: Uint8Array) =>
      (await client.execProtocol(message, { syncToFs: false })).messages;
    const messages = [];
    try {
      let statement = prepared.get(text);
      if (!statement) {
        const name = `kaja_hot_${++named}`;
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
    await client.syncToFs();
    return parse.parseResults(messages, client.parsers, options)[0];
  };
  client.query = (async (text: string, params?: unknown[], options?: QueryOptions) => {
    if (!params?.length || !hotTexts.has(text)) return plain(text, params, options);
    await client.waitReady;
    return locks._runExclusiveTransaction?.(() =>
      (locks as TPgliteLocks)._runExclusiveQuery(() => runNamed(text, params, options)),
    );
  }) as TQuery;
}
