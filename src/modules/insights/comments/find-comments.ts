import { desc, eq, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { praise, response } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { scoreGroup } from "../../../domain/nps.ts";
import { fieldProblem } from "../../../http/errors.ts";
import { answerVisibility } from "../../responses/visibility.ts";
import { answerFilterConditions, type CommentFilterOptions, receivedAtKey } from "./comment-filters.ts";
import { personalDataView } from "../../privacy/personal-data-view.ts";

export interface FindCommentsOptions extends Omit<CommentFilterOptions, "hasComment"> {
  /** Words to look for, in any survey language. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/** Below this word similarity a comment is not a match for a misspelt or inflected word. */
export const WORD_SIMILARITY_MIN = 0.3;

type TCursor = { rank: string | null; at: string; id: string };

function encodeCursor(c: TCursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.at, c.id])).toString("base64url");
}

function decodeCursor(cursor: string, searching: boolean): TCursor {
  try {
    const [rank, at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const okRank = searching ? typeof rank === "string" && /^-?\d+(\.\d+)?$/.test(rank) : rank === null;
    if (!okRank || typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string")
      throw new Error("bad cursor");
    return { rank: rank as string | null, at, id };
  } catch {
    throw fieldProblem(
      "querystring.cursor",
      { key: "problem.field.invalidCursor" },
      { detail: { key: "problem.cursor.invalidSearch" } },
    );
  }
}

/**
 * Full text with the `simple` configuration (no stemming, so it works for every survey language) finds exact
 * words; trigram similarity finds typos and inflected forms (Estonian cases, Russian endings) that it misses.
 */
function searchTerms(q: string) {
  const tsv = sql`to_tsvector('simple', coalesce(${response.comment}, ''))`;
  const tsq = sql`plainto_tsquery('simple', ${q})`;
  const similarity = sql`word_similarity(${q}, ${response.comment})`;
  return {
    match: sql`(${tsv} @@ ${tsq} or ${response.comment} % ${q} or ${similarity} > ${WORD_SIMILARITY_MIN})`,
    rank: sql`round((ts_rank(${tsv}, ${tsq}) + ${similarity})::numeric, 6)`,
  };
}

/** A page of answers with a comment the actor may see: best match first when searching, else newest first. */
export async function findComments(
  db: Db,
  actor: TActor,
  { q, cursor, limit = 50, ...f }: FindCommentsOptions,
) {
  const query = q?.trim() ? q.trim() : undefined;
  const search = query ? searchTerms(query) : undefined;
  const conds: (SQL | undefined)[] = [
    await answerVisibility(db, actor),
    ...answerFilterConditions({ ...f, hasComment: true }),
    search?.match,
  ];
  if (cursor) {
    const c = decodeCursor(cursor, Boolean(search));
    conds.push(
      search
        ? sql`(${search.rank}, ${response.receivedAt}, ${response.id}) < (${c.rank}::numeric, ${c.at}::timestamptz, ${c.id})`
        : sql`(${response.receivedAt}, ${response.id}) < (${c.at}::timestamptz, ${c.id})`,
    );
  }
  const rankExpr = search?.rank ?? sql`null::numeric`;
  const rows = await db
    .select({
      id: response.id,
      surveyId: response.surveyId,
      comment: response.comment,
      score: response.score,
      satisfaction: response.satisfaction,
      locale: response.locale,
      serviceId: response.serviceId,
      departmentId: response.departmentId,
      employeeId: response.employeeId,
      channelId: response.channelId,
      audience: response.audience,
      receivedAt: response.receivedAt,
      atKey: receivedAtKey,
      rank: sql<string | null>`${rankExpr}::text`,
      praiseTarget: praise.target,
      praiseEmployeeId: praise.employeeId,
      praiseServiceId: praise.serviceId,
      praiseText: praise.text,
      praiseApprovedAt: praise.approvedAt,
    })
    .from(response)
    .leftJoin(praise, inOrg(praise, response.orgId, eq(praise.responseId, response.id)))
    .where(inOrg(response, actor.orgId, ...conds))
    .orderBy(...(search ? [desc(search.rank)] : []), desc(response.receivedAt), desc(response.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const view = personalDataView(actor);
  return {
    items: page.map((r) => {
      const shown = presentComment(r);
      return { ...shown, comment: view(shown.comment) };
    }),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ rank: last.rank, at: last.atKey, id: last.id }) : null,
  };
}

type TRow = {
  score: number;
  comment: string | null;
  atKey: string;
  rank: string | null;
  praiseTarget: string | null;
  praiseEmployeeId: string | null;
  praiseServiceId: string | null;
  praiseText: string | null;
  praiseApprovedAt: Date | null;
};

function presentComment<T extends TRow>(r: T) {
  const {
    atKey: _k,
    praiseTarget,
    praiseEmployeeId,
    praiseServiceId,
    praiseText,
    praiseApprovedAt,
    ...rest
  } = r;
  return {
    ...rest,
    comment: r.comment ?? "",
    group: scoreGroup(r.score),
    rank: r.rank === null ? null : Number(r.rank),
    praise: praiseTarget
      ? {
          target: praiseTarget as "employee" | "service",
          employeeId: praiseEmployeeId,
          serviceId: praiseServiceId,
          text: praiseText ?? "",
          approved: praiseApprovedAt !== null,
          approvedAt: praiseApprovedAt,
        }
      : null,
  };
}
