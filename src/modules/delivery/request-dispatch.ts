import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";

/** The database channel on which committed work asks the dispatchers to look for due invitations. */
export const DISPATCH_CHANNEL = "kaja_dispatch";

/**
 * Asks every listening dispatcher (this process and others on the same database) to look for due invitations
 * now rather than at the next tick. Call it inside the transaction that scheduled them: PostgreSQL delivers a
 * NOTIFY only when, and if, the transaction commits, and several in one transaction arrive as one.
 */
export async function requestDispatch(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT ${dispatchRequest()}`);
}

/** The expression requestDispatch selects, for a statement that writes and asks in one round trip. */
export function dispatchRequest() {
  return sql`pg_notify(${DISPATCH_CHANNEL}, '')`;
}
