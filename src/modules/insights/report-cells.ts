import { type SQL, sql } from "drizzle-orm";
import { splitByMonths } from "./periods.ts";
import type { SummaryOptions, TReportScope, TSummarySource } from "./report-types.ts";

/** Report cells in one shape, whatever the source: org_id, t (a date), the tags and the 24 counts. */

export const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Count columns of the rollups, in order. */
export const COUNT_COLUMNS = [
  ...SCORES.map((i) => `r${i}`),
  ...SCORES.map((i) => `s${i}`),
  "invited_answers",
  "invitations_sent",
];

const list = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** Conditions on the tag columns shared by response, survey_invitation and both rollups (alias x). */
function tagConditions(orgId: string, o: SummaryOptions, scope: TReportScope): SQL[] {
  const c: SQL[] = [sql`x.org_id = ${orgId}`];
  if (o.surveyId) c.push(sql`x.survey_id = ${o.surveyId}`);
  if (o.serviceId) c.push(sql`x.service_id = ${o.serviceId}`);
  if (o.serviceType)
    c.push(
      sql`x.service_id in (select s.id from service s where s.org_id = ${orgId} and s.type = ${o.serviceType})`,
    );
  if (o.departmentId) c.push(sql`x.department_id = ${o.departmentId}`);
  if (o.employeeId) c.push(sql`x.employee_id = ${o.employeeId}`);
  if (o.channelId) c.push(sql`x.channel_id = ${o.channelId}`);
  if (o.audience) c.push(sql`x.audience = ${o.audience}`);
  if (o.language) c.push(sql`x.locale = ${o.language}`);
  if (scope.kind === "departments")
    c.push(scope.departmentIds.length ? sql`x.department_id in (${list(scope.departmentIds)})` : sql`false`);
  if (scope.kind === "employees")
    c.push(scope.employeeIds.length ? sql`x.employee_id in (${list(scope.employeeIds)})` : sql`false`);
  return c;
}

const where = (conds: SQL[]) => sql.join(conds, sql` and `);

export type TRollupTable =
  | "rollup_month"
  | "rollup_month_coarse"
  | "rollup_day"
  | "rollup_month_service"
  | "rollup_month_employee"
  | "rollup_day_employee";

/** Tag columns of the common cell shape, in order; a rollup without one gives null for it. */
const TAGS = ["survey_id", "service_id", "department_id", "employee_id", "locale", "channel_id", "audience"];

/** The tags each rollup is keyed on (besides org_id and its month or day). */
export const ROLLUP_TAGS: Record<TRollupTable, readonly string[]> = {
  rollup_month: TAGS,
  rollup_month_coarse: ["survey_id", "service_id", "channel_id", "audience"],
  rollup_day: ["survey_id", "service_id", "channel_id", "audience"],
  rollup_month_service: ["service_id", "audience"],
  rollup_month_employee: ["department_id", "employee_id"],
  rollup_day_employee: ["department_id", "employee_id"],
};

/** Date conditions: any of the ranges (each from inclusive, to exclusive; null = open). */
export function inRanges(col: SQL, ranges: { from: string | null; to: string | null }[]): SQL {
  if (ranges.length === 0) return sql`false`;
  return sql.join(
    ranges.map(({ from, to }) => {
      const parts = [
        from ? sql`${col} >= ${from}::date` : sql`true`,
        to ? sql`${col} < ${to}::date` : sql`true`,
      ];
      return sql`(${sql.join(parts, sql` and `)})`;
    }),
    sql` or `,
  );
}

/**
 * Cells of one rollup in the common shape (t, tags, counts); the coarse rollups give null fine tags. Read through
 * the rollup's `_live` view: the folded cells plus the deltas not folded yet, so the figures are exact (decision 014).
 */
export function rollupCells(
  table: TRollupTable,
  conds: SQL[],
  ranges: { from: string | null; to: string | null }[],
): SQL {
  const t = table.startsWith("rollup_day") ? sql`x.day` : sql`x.month`;
  const tags = sql.raw(
    TAGS.map((tag) => (ROLLUP_TAGS[table].includes(tag) ? `x.${tag}` : `null::text as ${tag}`)).join(", "),
  );
  return sql`select x.org_id, ${t} as t, ${tags}, ${sql.raw(
    COUNT_COLUMNS.map((col) => `x.${col}`).join(", "),
  )} from ${sql.raw(`${table}_live`)} x where ${where(conds)} and (${inRanges(t, ranges)})`;
}

/** Answers and sent invitations as one-row cells, for ranges the rollups cannot answer exactly. */
function rawCells(conds: SQL[], timeZone: string, pieces: { from: string | null; to: string | null }[]): SQL {
  const within = (col: SQL) =>
    sql.join(
      pieces.map(({ from, to }) => {
        const parts = [
          from ? sql`${col} >= (${from}::date::timestamp at time zone ${timeZone})` : sql`true`,
          to ? sql`${col} < (${to}::date::timestamp at time zone ${timeZone})` : sql`true`,
        ];
        return sql`(${sql.join(parts, sql` and `)})`;
      }),
      sql` or `,
    );
  const answerCounts = sql.raw(
    [
      ...SCORES.map((i) => `(x.score = ${i})::int`),
      ...SCORES.map((i) => `coalesce((x.satisfaction = ${i})::int, 0)`),
      "(x.invitation_id is not null)::int",
      "0",
    ]
      .map((expr, i) => `${expr} as ${COUNT_COLUMNS[i]}`)
      .join(", "),
  );
  const invitationCounts = sql.raw([...COUNT_COLUMNS.slice(0, -1).map(() => "0"), "1"].join(", "));
  const tags = sql.raw(TAGS.map((tag) => `x.${tag}`).join(", "));
  return sql`select x.org_id, (x.received_at at time zone ${timeZone})::date as t, ${tags}, ${answerCounts}
    from response x where ${where(conds)} and (${within(sql`x.received_at`)})
    union all
    select x.org_id, (x.sent_at at time zone ${timeZone})::date as t, ${tags}, ${invitationCounts}
    from survey_invitation x where ${where(conds)} and x.sent_at is not null and (${within(sql`x.sent_at`)})`;
}

/** The cells of a report from the chosen source, limited by the filters, the range and the scope. */
export function cellsFor(
  source: TSummarySource,
  orgId: string,
  timeZone: string | null,
  o: SummaryOptions,
  scope: TReportScope,
): SQL {
  const conds = tagConditions(orgId, o, scope);
  const range = { from: o.from ?? null, to: o.to ?? null };
  if (
    source === "rollup_month" ||
    source === "rollup_month_coarse" ||
    source === "rollup_day" ||
    source === "rollup_month_service" ||
    source === "rollup_month_employee" ||
    source === "rollup_day_employee"
  )
    return rollupCells(source, conds, [range]);
  const raw = (pieces: { from: string | null; to: string | null }[]) => {
    if (timeZone === null) throw new Error(`The source ${source} reads raw answers and needs the time zone.`);
    return rawCells(conds, timeZone, pieces);
  };
  if (source === "answers") return raw([range]);
  const split = splitByMonths(range);
  const months = split.months ?? range;
  const [whole, partial] = source.split("+") as [TRollupTable, TRollupTable | "answers"];
  const ends = partial === "answers" ? raw(split.partial) : rollupCells(partial, conds, split.partial);
  return sql`${rollupCells(whole, conds, [months])} union all ${ends}`;
}
