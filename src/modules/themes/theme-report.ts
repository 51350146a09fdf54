import { eq, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { organization, response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { addCounts, emptyCounts, figuresFromCounts, round1, type TCellCounts } from "../insights/figures.ts";
import { answerVisibility } from "../responses/visibility.ts";
import { answerFilterConditions } from "../insights/comments/comment-filters.ts";
import type { TThemeFilters } from "./contracts.ts";
import { orgThemes, staleComments } from "./analyse-comments.ts";
import { findThemes } from "./themes.ts";

export type TThemeReportBy = "total" | "month" | "service" | "channel";

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function groupExpression(by: TThemeReportBy, timeZone: string): SQL {
  if (by === "month") return sql`to_char(${response.receivedAt} at time zone ${timeZone}, 'YYYY-MM')`;
  if (by === "service") return sql`${response.serviceId}`;
  if (by === "channel") return sql`${response.channelId}`;
  return sql`null::text`;
}

interface TThemeCounts {
  themeId: string;
  group: string | null;
  counts: TCellCounts;
}

/** Score histograms of the answers mentioning each theme, per group, in [from, to), as the actor may see them. */
async function themeCounts(
  db: Db,
  actor: TActor,
  f: TThemeFilters,
  by: TThemeReportBy,
  timeZone: string,
): Promise<TThemeCounts[]> {
  const where = sql.join(
    [inOrg(response, actor.orgId), await answerVisibility(db, actor), ...answerFilterConditions(f)].filter(
      (c): c is SQL => c !== undefined,
    ),
    sql` and `,
  );
  const histogram = sql.raw(
    SCORES.map((i) => `count(*) filter (where response.score = ${i})::int as r${i}`)
      .concat(SCORES.map((i) => `count(*) filter (where response.satisfaction = ${i})::int as s${i}`))
      .join(", "),
  );
  const result = await db.execute(sql`select u.theme_id, ${groupExpression(by, timeZone)} as g, ${histogram}
    from response
    join comment_analysis a on a.org_id = response.org_id and a.response_id = response.id
    cross join lateral unnest(a.theme_ids) as u(theme_id)
    where ${where}
    group by 1, 2`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    themeId: String(row.theme_id),
    group: row.g === null ? null : String(row.g),
    counts: {
      r: SCORES.map((i) => Number(row[`r${i}`])),
      s: SCORES.map((i) => Number(row[`s${i}`])),
      invitationAnswers: 0,
      invitationsSent: 0,
    },
  }));
}

const mentionsOf = (c: TCellCounts) => c.r.reduce((a, b) => a + b, 0);

function totals(rows: TThemeCounts[]): Map<string, TCellCounts> {
  const byTheme = new Map<string, TCellCounts>();
  for (const row of rows) {
    const sum = byTheme.get(row.themeId) ?? emptyCounts();
    byTheme.set(row.themeId, addCounts(sum, row.counts));
  }
  return byTheme;
}

async function commentCounts(db: Db, actor: TActor, f: TThemeFilters) {
  const { hash } = await orgThemes(db, actor.orgId);
  const where = sql.join(
    [inOrg(response, actor.orgId), ...answerFilterConditions({ ...f, hasComment: true })].filter(
      (c): c is SQL => c !== undefined,
    ),
    sql` and `,
  );
  const [analysed, waiting] = await Promise.all([
    db.execute(sql`select count(*)::int as n from response
      join comment_analysis a on a.org_id = response.org_id and a.response_id = response.id where ${where}`),
    db.execute(sql`select count(*)::int as n ${staleComments(actor.orgId, hash)}
      and response.received_at >= ${f.from} and response.received_at < ${f.to}`),
  ]);
  return { analysed: Number(analysed.rows[0].n), waiting: Number(waiting.rows[0].n) };
}

/**
 * Themes of the period: for each active theme, how many answers mention it, their NPS, shares and satisfaction
 * index with intervals (withheld under the organisation's minimum sample, as every figure), the same for the
 * period of equal length just before, and the figures per month, service or channel.
 */
export async function themeReport(db: Db, actor: TActor, f: TThemeFilters, by: TThemeReportBy) {
  const [org] = await db
    .select({ timeZone: organization.timeZone, minSample: organization.minSample })
    .from(organization)
    .where(eq(organization.id, actor.orgId));
  const previousFrom = new Date(f.from.getTime() - (f.to.getTime() - f.from.getTime()));
  const previousFilters = { ...f, from: previousFrom, to: f.from };
  const [themes, now, before, cells, comments] = await Promise.all([
    findThemes(db, actor.orgId),
    themeCounts(db, actor, f, "total", org.timeZone),
    themeCounts(db, actor, previousFilters, "total", org.timeZone),
    by === "total" ? Promise.resolve([]) : themeCounts(db, actor, f, by, org.timeZone),
    commentCounts(db, actor, f),
  ]);
  const nowTotals = totals(now);
  const beforeTotals = totals(before);
  const active = new Set(themes.map((t) => t.id));
  return {
    from: f.from,
    to: f.to,
    previousFrom,
    by,
    minSample: org.minSample,
    commentsAnalysed: comments.analysed,
    commentsWaiting: comments.waiting,
    themes: themes.map((t) => {
      const c = nowTotals.get(t.id) ?? emptyCounts();
      const p = beforeTotals.get(t.id) ?? emptyCounts();
      const figures = figuresFromCounts(c, org.minSample);
      const previous = figuresFromCounts(p, org.minSample);
      const npsChange =
        figures.nps === null || previous.nps === null ? null : round1(figures.nps - previous.nps);
      return {
        themeId: t.id,
        key: t.key,
        names: t.names,
        mentions: mentionsOf(c),
        previousMentions: mentionsOf(p),
        figures,
        previous,
        npsChange,
      };
    }),
    cells: cells
      .filter((c) => active.has(c.themeId))
      .map((c) => ({
        themeId: c.themeId,
        group: c.group,
        mentions: mentionsOf(c.counts),
        figures: figuresFromCounts(c.counts, org.minSample),
      })),
  };
}
