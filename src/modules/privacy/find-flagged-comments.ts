import { asc, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { answerTexts, findPersonalData, type TPersonalDataKind } from "../../domain/personal-data.ts";

// Only texts with an @ or a digit can hold what the detector finds; the rest are never read. Text answers are
// read when the further answers hold any value of the kind (their keys are question ids, not data).
const CANDIDATE = sql`(${response.comment} ~ '[@0-9]' or ${response.answers} <> '{}'::jsonb)`;
const BATCH = 1000;

/** Every answer of the organisation whose comment or text answers hold personal data, oldest answer id first. */
export async function* flaggedComments(db: Db, orgId: string) {
  let after = "";
  for (;;) {
    const rows = await db
      .select({
        id: response.id,
        receivedAt: response.receivedAt,
        comment: response.comment,
        answers: response.answers,
      })
      .from(response)
      .where(inOrg(response, orgId, CANDIDATE, after ? gt(response.id, after) : undefined))
      .orderBy(asc(response.id))
      .limit(BATCH);
    for (const r of rows) {
      const found = answerTexts(r.comment, r.answers).flatMap((t) => findPersonalData(t));
      if (found.length > 0)
        yield {
          responseId: r.id,
          receivedAt: r.receivedAt,
          comment: r.comment ?? "",
          textAnswers: answerTexts(null, r.answers).filter((t) => findPersonalData(t).length > 0),
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
