import { and, eq, gte, isNotNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { response } from "../../../db/schema.ts";

export type TScoreGroup = "promoter" | "passive" | "detractor";

/** Filters shared by the comment search and the answer export. */
export interface CommentFilterOptions {
  surveyId?: string;
  serviceId?: string;
  departmentId?: string;
  employeeId?: string;
  channelId?: string;
  audience?: string;
  /** Only answers whose comment the text analysis found to mention this theme. */
  themeId?: string;
  group?: TScoreGroup;
  scoreMin?: number;
  scoreMax?: number;
  from?: Date;
  to?: Date;
  hasComment?: boolean;
}

const GROUP_RANGE = { promoter: [9, 10], passive: [7, 8], detractor: [0, 6] } as const;

/** The WHERE conditions on `response` for the given filters (the tenant and visibility conditions come on top). */
export function answerFilterConditions(f: CommentFilterOptions): (SQL | undefined)[] {
  return [
    f.surveyId ? eq(response.surveyId, f.surveyId) : undefined,
    f.serviceId ? eq(response.serviceId, f.serviceId) : undefined,
    f.departmentId ? eq(response.departmentId, f.departmentId) : undefined,
    f.employeeId ? eq(response.employeeId, f.employeeId) : undefined,
    f.channelId ? eq(response.channelId, f.channelId) : undefined,
    f.audience ? eq(response.audience, f.audience) : undefined,
    f.themeId
      ? sql`exists (select 1 from comment_analysis a where a.org_id = ${response.orgId} and a.response_id = ${response.id} and ${f.themeId} = any(a.theme_ids))`
      : undefined,
    f.group
      ? and(gte(response.score, GROUP_RANGE[f.group][0]), lte(response.score, GROUP_RANGE[f.group][1]))
      : undefined,
    f.scoreMin !== undefined ? gte(response.score, f.scoreMin) : undefined,
    f.scoreMax !== undefined ? lte(response.score, f.scoreMax) : undefined,
    f.from ? gte(response.receivedAt, f.from) : undefined,
    f.to ? lt(response.receivedAt, f.to) : undefined,
    f.hasComment ? and(isNotNull(response.comment), sql`btrim(${response.comment}) <> ''`) : undefined,
  ];
}

/**
 * The exact receipt time as text with microseconds, for cursors: a JavaScript Date keeps only milliseconds, and
 * PostgreSQL's `now()` has microseconds, so a Date-based cursor could skip answers on a page boundary.
 */
export const receivedAtKey = sql<string>`to_char(${response.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
