import { desc, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { answerFilterConditions } from "../insights/comments/comment-filters.ts";
import { personalDataView } from "../privacy/personal-data-view.ts";
import { answerVisibility } from "../responses/visibility.ts";
import type { TThemeFilters } from "./contracts.ts";
import { commentAnalysis } from "./schema.ts";

/** Analysed comments the actor may read in the period, newest first, with an extra condition on the analysis. */
export async function findAnalysedComments(
  db: Db,
  actor: TActor,
  f: TThemeFilters,
  where: SQL,
  limit: number,
) {
  const view = personalDataView(actor);
  const rows = await db
    .select({
      responseId: response.id,
      comment: sql<string>`${response.comment}`,
      score: response.score,
      locale: response.locale,
      tone: commentAnalysis.tone,
      textTone: commentAnalysis.textTone,
      receivedAt: response.receivedAt,
    })
    .from(response)
    .innerJoin(
      commentAnalysis,
      sql`${commentAnalysis.orgId} = ${response.orgId} and ${commentAnalysis.responseId} = ${response.id}`,
    )
    .where(
      inOrg(response, actor.orgId, await answerVisibility(db, actor), ...answerFilterConditions(f), where),
    )
    .orderBy(desc(response.receivedAt), desc(response.id))
    .limit(limit);
  // Personal codes, e-mail addresses, phone numbers and IBANs typed into comments stay masked for roles
  // without the personal-data capability, here as in every comment list.
  return rows.map((r) => ({ ...r, comment: view(r.comment) }));
}
