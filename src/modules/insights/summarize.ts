import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { comparePrevious } from "./compare-previous.ts";
import { addCounts, emptyCounts, figuresFromCounts } from "./figures.ts";
import { codeLabel, groupLabels, nameIn } from "./labels.ts";
import { isoWeekLabel } from "./periods.ts";
import type {
  SummaryOptions,
  TGroupBy,
  TReportScope,
  TSummary,
  TSummaryGroup,
  TSummarySource,
} from "./report-types.ts";
import { reportScope } from "./report-scope.ts";
import { chooseSource } from "./source-plan.ts";
import { queryGroupCounts } from "./summary-query.ts";

/** Groups under this many answers are flagged as of low reliability. */
export const LOW_RELIABILITY_BELOW = 30;

function timeLabel(dimension: TGroupBy, id: string): string {
  if (dimension === "month") return id.slice(0, 7);
  if (dimension === "week") return isoWeekLabel(id);
  return id;
}

/** The label of a group's key: a period as text, a code in `locale`, else the name its catalogue row holds. */
function groupLabel(
  dimension: TGroupBy,
  id: string,
  name: Record<string, string> | string | null,
  locale: string,
): string {
  if (dimension === "month" || dimension === "week" || dimension === "day") return timeLabel(dimension, id);
  if (dimension === "serviceType" || dimension === "audience") return codeLabel(dimension, id, locale);
  if (typeof name === "string") return name;
  return nameIn(name, locale) ?? id;
}

/**
 * The organisation and the report's grouped counts. The rollups' `_live` views cut days in the organisation's time
 * zone themselves, so for them both queries go out at once; only raw answers need the time zone first.
 */
async function orgAndCells(
  db: Db,
  orgId: string,
  options: SummaryOptions,
  scope: TReportScope,
  source: TSummarySource,
) {
  const orgQuery = db
    .select({
      id: organization.id,
      timeZone: organization.timeZone,
      minSample: organization.minSample,
      labels: organization.groupLabels,
    })
    .from(organization)
    .where(eq(organization.id, orgId));
  const notFound = () => new AppError("NOT_FOUND", { message: { key: "problem.organization.notFound" } });
  if (source.includes("answers")) {
    const [org] = await orgQuery;
    if (!org) throw notFound();
    return { org, cells: await queryGroupCounts(db, orgId, org.timeZone, options, scope, source) };
  }
  const [[org], cells] = await Promise.all([
    orgQuery,
    queryGroupCounts(db, orgId, null, options, scope, source),
  ]);
  if (!org) throw notFound();
  return { org, cells };
}

/**
 * NPS, satisfaction index, intervals, invitations and response rate of an organisation's answers, filtered and
 * grouped by up to two dimensions, read from the rollups (see docs/insights.md), limited to `scope`.
 * Ids in the filters are not checked here (an id of another organisation simply matches nothing).
 */
export async function summarize(
  db: Db,
  orgId: string,
  options: SummaryOptions,
  scope: TReportScope = { kind: "organisation" },
): Promise<TSummary> {
  const groupBy = options.groupBy ?? [];
  const locale = options.locale ?? "et";
  const source = chooseSource(options, scope);
  const { org, cells } = await orgAndCells(db, orgId, options, scope, source);
  const rows = cells.filter(
    (row) =>
      row.counts.invitationsSent > 0 || row.counts.r.some((n) => n > 0) || row.counts.s.some((n) => n > 0),
  );
  const total = emptyCounts();
  const groups: TSummaryGroup[] = rows.map((row) => {
    addCounts(total, row.counts);
    return {
      keys: groupBy.map((dimension, i) => {
        const id = row.keys[i];
        const label = id === null ? null : groupLabel(dimension, id, row.names[i], locale);
        return { dimension, id, label };
      }),
      ...figuresFromCounts(row.counts, org.minSample),
    };
  });
  return {
    meta: {
      timeZone: org.timeZone,
      from: options.from ?? null,
      to: options.to ?? null,
      groupBy,
      locale,
      minSample: org.minSample,
      lowReliabilityBelow: LOW_RELIABILITY_BELOW,
      interval: { method: "adjusted-wald", confidence: 0.95 },
      groupLabels: groupLabels(org.labels, locale),
      scope: scope.kind,
      source,
    },
    groups: groupBy.length ? groups : [],
    total: figuresFromCounts(total, org.minSample),
    comparison:
      options.compare === "previous" && options.from && options.to
        ? await comparePrevious(db, org, { ...options, from: options.from, to: options.to }, scope, total)
        : null,
  };
}

/** `summarize` for the organisation of `actor`, limited to what the actor may see (reportScope). */
export async function getSummary(db: Db, actor: TActor, options: SummaryOptions): Promise<TSummary> {
  return summarize(db, actor.orgId, options, await reportScope(db, actor));
}
