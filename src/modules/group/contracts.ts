import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import { ZCalendarDate } from "../../http/strict-input.ts";
import { UI_LOCALES } from "../../i18n/locales.ts";
import { SERVICE_TYPES } from "../catalog/routes.ts";
import { CHANNEL_KINDS } from "../catalog/seed-channels.ts";
import { ZFigures } from "../insights/report-schemas.ts";
import { CONTACT_KINDS } from "../kpi/contracts.ts";
import { GROUP_LINK_STATES } from "./schema.ts";

const ZOrgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });

export const ZGroupLink = z.object({
  id: z.string(),
  state: z.enum(GROUP_LINK_STATES),
  parent: ZOrgRef,
  agency: ZOrgRef,
  requestedAt: z.date(),
  respondedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  endedBy: z.enum(["parent", "agency"]).nullable(),
});
export type TGroupLink = z.infer<typeof ZGroupLink>;

export const ZGroupLinks = z.object({
  /** Agencies this organisation oversees or asked to oversee. */
  overseen: z.array(ZGroupLink),
  /** Parent bodies that oversee this organisation or asked to. */
  parents: z.array(ZGroupLink),
});

export const ZRequestLinkBody = z.object({
  agency: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(200, "at most 200 characters")
    .describe("the agency's organisation slug or id"),
});

/** Channel groups across organisations: the built-in kinds, an organisation's own channels, or none. */
export const GROUP_CHANNELS = [...CHANNEL_KINDS, "own", "none"] as const;
export const GROUP_DIMENSIONS = ["month", "serviceType", "channel"] as const;
export type TGroupDimension = (typeof GROUP_DIMENSIONS)[number];

export const ZGroupFilters = z
  .object({
    from: ZCalendarDate.optional().describe("first day, inclusive (each agency's time zone)"),
    to: ZCalendarDate.optional().describe("day after the last, exclusive (each agency's time zone)"),
    serviceType: z.enum(SERVICE_TYPES).optional(),
    channel: z
      .enum(CHANNEL_KINDS)
      .optional()
      .describe("a built-in channel kind; each agency's channel of that kind"),
    locale: z.enum(UI_LOCALES).default("et").describe("language of service names"),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: "custom", path: ["from"], ...refinement("problem.field.beforeToExclusive") });
  });
export type TGroupFilters = z.infer<typeof ZGroupFilters>;

export const ZGroupFiguresQuery = ZGroupFilters.and(
  z.object({
    groupBy: z
      .enum(GROUP_DIMENSIONS)
      .optional()
      .describe("split every agency's and the pooled figures by month, service type or channel kind"),
    contactKind: z
      .enum(CONTACT_KINDS)
      .default("call")
      .describe("the contacts whose KPI figures are shown: calls, chats or office visits"),
  }),
);

const ZGroupKey = z.object({ key: z.string().nullable() });

const ZInterval = z.object({ low: z.number(), high: z.number() });

/** A KPI share beside its target, with its 95 % adjusted-Wald interval; null when there is nothing to count. */
const ZKpiShare = z
  .object({ value: z.number(), target: z.number(), meetsTarget: z.boolean(), interval: ZInterval.nullable() })
  .nullable();

/** KPI figures of one agency, month or pool; each part null when nothing is recorded (no data, not zero). */
const ZKpiFigures = z.object({
  contacts: z
    .object({
      offered: z.number().int(),
      answered: z.number().int(),
      answeredWithinThreshold: z.number().int(),
      fcrMeasured: z.number().int(),
      fcrResolved: z.number().int(),
      serviceLevel: ZKpiShare,
      answerRate: ZKpiShare,
      firstContactResolution: ZKpiShare,
      averageSpeedOfAnswerSeconds: z.number().nullable(),
    })
    .nullable(),
  repliesOnTime: z
    .object({
      due: z.number().int(),
      onTime: z.number().int(),
      pending: z.number().int(),
      rate: ZKpiShare,
    })
    .nullable(),
});

const ZKpiTargets = z.object({
  serviceLevel: z.number(),
  answerRate: z.number(),
  firstContactResolution: z.number(),
  repliesOnTime: z.number(),
});

/** The KPI block; null when a channel filter is set (contact records carry a contact kind, not a channel). */
const ZKpiBlock = z
  .object({
    /** The answer threshold of the service level in seconds; null in the pool when the agencies' differ. */
    serviceLevelSeconds: z.number().int().nullable(),
    targets: ZKpiTargets,
    total: ZKpiFigures,
    /** By month (key: its first day) when grouped by month; empty otherwise. */
    groups: z.array(ZKpiFigures.extend(ZGroupKey.shape)),
  })
  .nullable();

/** Follow-up cases opened in the period, each in its state now. */
const ZCases = z.object({
  opened: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Cases whose deadline outcome is known (contacted, or past the deadline). */
  dueOrContacted: z.number().int(),
  /** Null when withheld. */
  contactedInTime: z.number().int().nullable(),
  /** Fewer known outcomes than the minimum sample: the share and its interval are not shown. */
  withheld: z.boolean(),
  lowReliability: z.boolean(),
  contactedWithinDeadlinePct: z.number().nullable(),
  contactedWithinDeadlineInterval: ZInterval.nullable(),
});

export const ZAgencyFigures = z.object({
  agency: ZOrgRef,
  linkedSince: z.date(),
  minSample: z.number().int(),
  total: ZFigures,
  groups: z.array(ZFigures.extend(ZGroupKey.shape)),
  /** The agency's follow-up cases opened in the period (from, to), with their state now. */
  cases: ZCases,
  /** Contact-centre KPIs and written replies on time, with the agency's own targets. */
  kpi: ZKpiBlock,
});

export const ZGroupFigures = z.object({
  meta: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    serviceType: z.string().nullable(),
    channel: z.string().nullable(),
    groupBy: z.enum(GROUP_DIMENSIONS).nullable(),
    contactKind: z.enum(CONTACT_KINDS),
    /** The minimum sample of the pooled figures (the parent body's own). */
    minSample: z.number().int(),
    lowReliabilityBelow: z.number().int(),
    interval: z.object({ method: z.literal("adjusted-wald"), confidence: z.literal(0.95) }),
  }),
  agencies: z.array(ZAgencyFigures),
  pooled: z.object({
    /** Agencies whose answers are in the pooled total (those not withheld). */
    agencies: z.number().int(),
    total: ZFigures,
    groups: z.array(ZFigures.extend(ZGroupKey.shape).extend({ agencies: z.number().int() })),
    /** Summed over all agencies; the share only from agencies not withheld, against the parent's minimum. */
    cases: ZCases.extend({ agencies: z.number().int() }),
    /** Summed counts of every agency with data, against the parent body's own targets. */
    kpi: ZKpiBlock,
  }),
});

export const ZAgencyServices = z.object({
  agency: ZOrgRef,
  minSample: z.number().int(),
  services: z.array(
    ZFigures.extend({
      serviceId: z.string().nullable(),
      name: z.string().nullable(),
      serviceType: z.string().nullable(),
    }),
  ),
  total: ZFigures,
});
