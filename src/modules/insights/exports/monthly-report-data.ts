import { eq } from "drizzle-orm";
import { can, type TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { organization } from "../../../db/schema.ts";
import { zonedTimeToInstant } from "../../../domain/time-zone.ts";
import { findComments } from "../comments/find-comments.ts";
import type { TFigures } from "../report-types.ts";
import { reportScope } from "../report-scope.ts";
import { summarize } from "../summarize.ts";
import { shiftMonth } from "./format.ts";
import { monthlyQuality, type TMonthlyQuality } from "../../quality/report.ts";
import { themeReport } from "../../themes/theme-report.ts";
import { addDays, type CivilDate } from "../../../domain/time-zone.ts";
import type { TKpiFigures } from "../../kpi/kpi-figures.ts";
import { findKpis } from "../../kpi/find-kpis.ts";
import { findReplyCompliance } from "../../kpi/written-requests.ts";

/** Services listed at the top and at the bottom of the report. */
const SERVICES_EACH_END = 3;
/** Comments in the report (approved praise first). */
const COMMENTS = 5;
/** Longest comment text in the report; longer ones are cut at a word. */
const COMMENT_CHARS = 400;

export interface TMonthlyReportData {
  orgName: string;
  locale: string;
  /** YYYY-MM */
  month: string;
  minSample: number;
  groupLabels: { promoter: string; passive: string; detractor: string };
  current: TFigures;
  /** The change of NPS and of the satisfaction index from the previous month (null when either is withheld). */
  npsChange: TChange | null;
  satisfactionChange: TChange | null;
  /** NPS of the 12 months ending with `month`, oldest first; null where withheld. */
  trend: { month: string; nps: number | null }[];
  top: { name: string; nps: number; answers: number }[];
  bottom: { name: string; nps: number; answers: number }[];
  comments: { text: string; score: number; praise: boolean }[];
  /** The month's quality evaluations the reader sees, or null when there are none (no quality page then). */
  quality: TMonthlyQuality | null;
  /** The comment themes of the month, most mentioned first, or null when the organisation has no themes. */
  themes: { name: string; mentions: number; nps: number | null; npsChange: number | null }[] | null;
  /** The month's call KPIs and written replies on time, or null without KPI data or kpi:read. */
  kpi: {
    calls: TKpiFigures | null;
    repliesOnTime: { value: number; target: number; meetsTarget: boolean } | null;
  } | null;
}

/** A change in points (one decimal) and whether it is statistically significant (5 %, two-sided). */
export interface TChange {
  diff: number;
  significant: boolean;
}

const firstDay = (month: string) => `${month}-01`;

function changeOf(diff: number | null, significant: boolean | null): TChange | null {
  return diff === null || significant === null ? null : { diff, significant };
}

function shorten(text: string): string {
  if (text.length <= COMMENT_CHARS) return text;
  const cut = text.slice(0, COMMENT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), COMMENT_CHARS - 40)).trimEnd()}…`;
}

async function selectedComments(db: Db, actor: TActor, month: string, timeZone: string) {
  if (!can(actor, "responses:read")) return [];
  const from = zonedTimeToInstant(firstDay(month), "00:00", timeZone);
  const to = zonedTimeToInstant(firstDay(shiftMonth(month, 1)), "00:00", timeZone);
  const { items } = await findComments(db, actor, { from, to, limit: 200 });
  const praise = items.filter((c) => c.praise?.approved);
  const others = items.filter((c) => !c.praise?.approved && c.comment.trim());
  return [...praise, ...others].slice(0, COMMENTS).map((c) => ({
    text: shorten(c.praise?.approved ? c.praise.text : c.comment.trim()),
    score: c.score,
    praise: Boolean(c.praise?.approved),
  }));
}

/**
 * Everything the monthly report shows, for what `actor` may see: the figures, and the change against the previous
 * month with its significance, come from the same summary function as GET /reports/summary (compare=previous), so
 * the report and the API never disagree.
 */
export async function monthlyReportData(
  db: Db,
  actor: TActor,
  { month, locale }: { month: string; locale: string },
): Promise<TMonthlyReportData> {
  const [org] = await db
    .select({ name: organization.name, timeZone: organization.timeZone, minSample: organization.minSample })
    .from(organization)
    .where(eq(organization.id, actor.orgId));
  const scope = await reportScope(db, actor);
  const range = (from: string, to: string) => ({ from: firstDay(from), to: firstDay(to), locale });
  const [current, trend, services, comments] = await Promise.all([
    summarize(db, actor.orgId, { ...range(month, shiftMonth(month, 1)), compare: "previous" }, scope),
    summarize(
      db,
      actor.orgId,
      { ...range(shiftMonth(month, -11), shiftMonth(month, 1)), groupBy: ["month"] },
      scope,
    ),
    summarize(db, actor.orgId, { ...range(month, shiftMonth(month, 1)), groupBy: ["service"] }, scope),
    selectedComments(db, actor, month, org.timeZone),
  ]);
  const quality = can(actor, "quality:read") ? await monthlyQuality(db, actor, month) : null;
  const themes = await monthThemes(db, actor, month, org.timeZone, locale);
  const kpi = can(actor, "kpi:read") ? await monthKpis(db, actor.orgId, month) : null;
  const cmp = current.comparison;
  const ranked = services.groups
    .filter((g) => g.keys[0].id !== null && !g.withheld && g.nps !== null)
    .map((g) => ({ name: g.keys[0].label ?? "", nps: g.nps as number, answers: g.answers }))
    .sort((a, b) => b.nps - a.nps || b.answers - a.answers || a.name.localeCompare(b.name));
  const top = ranked.slice(0, SERVICES_EACH_END);
  const bottom = ranked.slice(top.length).slice(-SERVICES_EACH_END).reverse();
  const byMonth = new Map(trend.groups.map((g) => [g.keys[0].id?.slice(0, 7), g.nps]));
  return {
    orgName: org.name,
    locale,
    month,
    minSample: current.meta.minSample,
    groupLabels: current.meta.groupLabels,
    current: current.total,
    npsChange: cmp && changeOf(cmp.npsChange, cmp.npsChangeSignificant),
    satisfactionChange: cmp && changeOf(cmp.satisfactionChange, cmp.satisfactionChangeSignificant),
    trend: Array.from({ length: 12 }, (_, i) => {
      const m = shiftMonth(month, i - 11);
      return { month: m, nps: byMonth.get(m) ?? null };
    }),
    top,
    bottom,
    comments,
    quality,
    themes,
    kpi,
  };
}

/** The month's KPIs for the report: calls over the whole month and written replies on time. */
async function monthKpis(db: Db, orgId: string, month: string) {
  const from = `${month}-01` as CivilDate;
  const to = addDays(`${shiftMonth(month, 1)}-01` as CivilDate, -1);
  const [calls, replies] = await Promise.all([
    findKpis(db, orgId, { from, to, period: "month", by: "none", kind: "call" }),
    findReplyCompliance(db, orgId, { from, to }),
  ]);
  if (!calls.total && replies.due === 0) return null;
  return { calls: calls.total, repliesOnTime: replies.kpi };
}

/** The month's themes for the report: mentions, NPS (withheld under the minimum sample) and its change. */
async function monthThemes(db: Db, actor: TActor, month: string, timeZone: string, locale: string) {
  const from = zonedTimeToInstant(firstDay(month), "00:00", timeZone);
  const to = zonedTimeToInstant(firstDay(shiftMonth(month, 1)), "00:00", timeZone);
  const report = await themeReport(db, actor, { from, to }, "total");
  if (report.themes.length === 0) return null;
  const language = locale === "et" || locale === "ru" ? locale : "en";
  return report.themes
    .map((t) => ({
      name: t.names[language],
      mentions: t.mentions,
      nps: t.figures.nps,
      npsChange: t.npsChange,
    }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}
