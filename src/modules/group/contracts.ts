import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import { ZCalendarDate } from "../../http/strict-input.ts";
import { UI_LOCALES } from "../../i18n/locales.ts";
import { SERVICE_TYPES } from "../catalog/routes.ts";
import { CHANNEL_KINDS } from "../catalog/seed-channels.ts";
import { ZFigures } from "../insights/report-schemas.ts";
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
  }),
);

const ZGroupKey = z.object({ key: z.string().nullable() });

const ZCases = z
  .object({
    open: z.number().int(),
    overdue: z.number().int(),
    contactedWithinDeadlinePct: z.number().nullable(),
  })
  .nullable();

export const ZAgencyFigures = z.object({
  agency: ZOrgRef,
  linkedSince: z.date(),
  minSample: z.number().int(),
  total: ZFigures,
  groups: z.array(ZFigures.extend(ZGroupKey.shape)),
  /** The agency's follow-up cases now (not limited by the filters). */
  cases: ZCases,
});

export const ZGroupFigures = z.object({
  meta: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    serviceType: z.string().nullable(),
    channel: z.string().nullable(),
    groupBy: z.enum(GROUP_DIMENSIONS).nullable(),
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
