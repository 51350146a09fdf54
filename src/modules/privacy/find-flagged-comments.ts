import { asc, gt, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { findPersonalData, type TPersonalDataKind } from "../../domain/personal-data.ts";

// Only comments with an @ or a digit can hold what the detector finds; the rest are never read.
const CANDIDATE = sql`${response.comment} ~ '[@0-9]'`;
const BATCH = 1000;

/** Every comment of the organisation that holds personal data, oldest answer id first. */
export async function* flaggedComments(db: Db, orgId: string) {
  let after = "";
  for (;;) {
    const rows = await db
      .select({ id: response.id, receivedAt: response.receivedAt, comment: response.comment })
      .from(response)
      .where(
        inOrg(
          response,
          orgId,
          isNotNull(response.comment),
          CANDIDATE,
          after ? gt(response.id, after) : undefined,
        ),
      )
      .orderBy(asc(response.id))
      .limit(BATCH);
    for (const r of rows) {
      const found = findPersonalData(r.comment ?? "");
      if (found.length > 0)
        yield {
          responseId: r.id,
          receivedAt: r.receivedAt,
          comment: r.comment ?? "",
          kinds: [...new Set(found.map((f) => f.kind))] as TPersonalDataKind[],
        };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

/** How many comments hold personal data, and the first `limit` of them (newest answers are not preferred). */
export async function findFlaggedComments(db: Db, orgId: string, limit = 50) {
  let count = 0;
  const items = [];
  for await (const c of flaggedComments(db, orgId)) {
    count++;
    if (items.length < limit) items.push(c);
  }
  return { count, items };
}
