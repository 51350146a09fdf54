import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { outbox } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";

/** The organisation's newest messages kept in the local outbox (without HTML bodies). */
export function findOutbox(db: Db, orgId: string, { limit = 50 } = {}) {
  return db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      kind: outbox.kind,
      sentVia: outbox.sentVia,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(inOrg(outbox, orgId))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** One outbox message with its HTML; NOT_FOUND across organisations. */
export async function getOutboxMessage(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(outbox)
    .where(inOrg(outbox, orgId, eq(outbox.id, id)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.outbox.notFound" } });
  return row;
}
