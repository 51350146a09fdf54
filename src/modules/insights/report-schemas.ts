import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import { ZCalendarDate } from "../../http/strict-input.ts";
import { SURVEY_LOCALES, UI_LOCALES } from "../../i18n/locales.ts";
import { AUDIENCES, SERVICE_TYPES } from "../catalog/routes.ts";
import { GROUP_BY, SUMMARY_SOURCES, type TGroupBy } from "./report-types.ts";

/** Why a groupBy value is not acceptable, or null when it is. */
function groupByProblem(value: string | undefined): string | null {
  if (!value) return null;
  const parts = value.split(",").map((g) => g.trim());
  const unknown = parts.filter((g) => !(GROUP_BY as readonly string[]).includes(g));
  if (unknown.length)
    return `unknown grouping ${unknown.join(", ")}; use one or two of ${GROUP_BY.join(", ")}`;
  if (parts.length > 2) return "at most two groupings";
  if (new Set(parts).size !== parts.length) return "a grouping may appear only once";
  return null;
}

const ZGroupBy = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    const problem = groupByProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => (value ? (value.split(",").map((g) => g.trim()) as TGroupBy[]) : []));

/** Filters and groupings of GET /reports/summary (and of the exports built on it). */
export const ZSummaryQuery = z
  .object({
    surveyId: z.uuid().optional(),
    serviceId: z.uuid().optional(),
    serviceType: z.enum(SERVICE_TYPES).optional(),
    departmentId: z.uuid().optional(),
    employeeId: z.uuid().optional(),
    channelId: z.uuid().optional(),
    audience: z.enum(AUDIENCES).optional(),
    language: z.enum(SURVEY_LOCALES).optional(),
    from: ZCalendarDate.optional().describe("first day, inclusive (organisation's time zone)"),
    to: ZCalendarDate.optional().describe("day after the last, exclusive (organisation's time zone)"),
    groupBy: ZGroupBy.describe(`one or two of ${GROUP_BY.join(", ")}, comma-separated (e.g. month,service)`),
    locale: z.enum(UI_LOCALES).default("et").describe("language of names in the labels"),
    compare: z
      .enum(["previous"])
      .optional()
      .describe(
        "previous: also the total of the equally long period before, with the change and its significance",
      ),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: "custom", path: ["from"], ...refinement("problem.field.beforeToExclusive") });
    if (q.compare && !(q.from && q.to))
      ctx.addIssue({ code: "custom", path: ["compare"], ...refinement("problem.field.needsFromAndTo") });
  });

const ZInterval = z.object({ low: z.number(), high: z.number() });

/** Figures of a group or the total (score-derived figures are null when withheld). */
export const ZFigures = z.object({
  answers: z.number().int(),
  withheld: z.boolean(),
  lowReliability: z.boolean(),
  promoters: z.number().int().nullable(),
  passives: z.number().int().nullable(),
  detractors: z.number().int().nullable(),
  promoterPct: z.number().nullable(),
  passivePct: z.number().nullable(),
  detractorPct: z.number().nullable(),
  nps: z.number().nullable(),
  npsInterval: ZInterval.nullable(),
  scores: z.array(z.number().int()).nullable(),
  satisfaction: z.object({
    answers: z.number().int(),
    withheld: z.boolean(),
    lowReliability: z.boolean(),
    index: z.number().nullable(),
    interval: ZInterval.nullable(),
  }),
  invitationsSent: z.number().int(),
  invitationAnswers: z.number().int(),
  responseRate: z.number().nullable(),
});

export const ZSummary = z.object({
  meta: z.object({
    timeZone: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    groupBy: z.array(z.enum(GROUP_BY)),
    locale: z.string(),
    minSample: z.number().int(),
    lowReliabilityBelow: z.number().int(),
    interval: z.object({ method: z.literal("adjusted-wald"), confidence: z.literal(0.95) }),
    groupLabels: z.object({ promoter: z.string(), passive: z.string(), detractor: z.string() }),
    scope: z.enum(["organisation", "departments", "employees"]),
    source: z.enum(SUMMARY_SOURCES),
  }),
  groups: z.array(
    ZFigures.extend({
      keys: z.array(
        z.object({ dimension: z.enum(GROUP_BY), id: z.string().nullable(), label: z.string().nullable() }),
      ),
    }),
  ),
  total: ZFigures,
  comparison: z
    .object({
      from: z.string(),
      to: z.string(),
      total: ZFigures,
      npsChange: z.number().nullable(),
      npsChangeSignificant: z.boolean().nullable(),
      satisfactionChange: z.number().nullable(),
      satisfactionChangeSignificant: z.boolean().nullable(),
    })
    .nullable(),
});
