import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { AppDeps } from "../context.ts";
import { DISPATCH_CHANNEL } from "../modules/delivery/request-dispatch.ts";

/** Seconds before a dropped listening connection is opened again (the ticker covers the gap). */
const RECONNECT_SECONDS = 5;

export interface ListenForDispatchOptions {
  onSignal: () => void;
  onError: (err: unknown) => void;
}

/**
 * Calls `onSignal` whenever a committed transaction asked for a dispatch (see requestDispatch), in this process
 * or another on the same database. On PostgreSQL a connection of its own LISTENs and reconnects when dropped;
 * on the embedded database its one connection delivers the notifications. Returns the function that stops it.
 */
export async function listenForDispatch(
  deps: AppDeps,
  { onSignal, onError }: ListenForDispatchOptions,
): Promise<() => Promise<void>> {
  if (deps.database.kind === "pglite") {
    const client = (deps.db as unknown as { $client: PGlite }).$client;
    const unlisten = await client.listen(DISPATCH_CHANNEL, () => onSignal());
    return async () => {
      await unlisten().catch(() => {}); // the database may be closed already
    };
  }
  return listenOnPostgres(deps.config.DATABASE_URL ?? "", onSignal, onError);
}

async function listenOnPostgres(url: string, onSignal: () => void, onError: (err: unknown) => void) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const reconnectSoon = (dropped: pg.Client) => {
    dropped.end().catch(() => {});
    if (stopped || retry || client !== dropped) return;
    client = null;
    retry = setTimeout(() => {
      retry = undefined;
      // Signals sent while no connection listened are lost: look once after reconnecting.
      void connect().then((ok) => ok && onSignal());
    }, RECONNECT_SECONDS * 1000);
    retry.unref();
  };

  const connect = async (): Promise<boolean> => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on("notification", () => onSignal());
    c.on("error", (err) => {
      onError(err);
      reconnectSoon(c);
    });
    c.on("end", () => reconnectSoon(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${DISPATCH_CHANNEL}`);
      return true;
    } catch (err) {
      onError(err);
      reconnectSoon(c);
      return false;
    }
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
