import { z } from "zod";
import { ZFigures } from "../insights/report-schemas.ts";
import { ZKpiFigure, ZKpiTotal } from "../kpi/contracts.ts";

export const QUALITY_CHANNELS = ["face_to_face", "phone", "email", "self_service", "other"] as const;
export const VERSION_STATUSES = ["draft", "active", "retired"] as const;
export const EVALUATION_STATES = ["draft", "submitted", "seen", "disputed", "final"] as const;
export const BANDS = ["very_good", "good", "modest"] as const;
export const AGREEMENT_STATES = ["open", "done", "missed"] as const;

const ZKey = z.string().trim().min(1).max(80);
const ZDate = z.iso.date();

export const ZCriterion = z.object({
  key: ZKey,
  text: z.string().trim().min(1).max(2000),
  max: z.number().positive().max(1000),
  notApplicableAllowed: z.boolean().optional(),
  critical: z.boolean().optional(),
});

export const ZSection = z.object({
  key: ZKey,
  title: z.string().trim().min(1).max(300),
  weight: z
    .number()
    .min(0)
    .max(100)
    .describe("Share of the total in %; all sections must sum to 100 to activate"),
  criteria: z.array(ZCriterion).min(1).max(100),
});

/** A scorecard: weighted sections of criteria with their maxima. */
export const ZModelDefinition = z.object({
  title: z.string().trim().min(1).max(300),
  sections: z.array(ZSection).min(1).max(30),
  criticalCapsAtModest: z
    .boolean()
    .optional()
    .describe("A 0 on a critical criterion caps the band at modest"),
});
export type TModelDefinition = z.infer<typeof ZModelDefinition>;

export const ZTemplate = ZModelDefinition.extend({
  key: z.string(),
  channel: z.enum(QUALITY_CHANNELS),
  sourceNote: z.string(),
  weightSum: z.number(),
});

export const ZModelVersion = z.object({
  id: z.string(),
  modelId: z.string(),
  version: z.number().int(),
  status: z.enum(VERSION_STATUSES),
  frozen: z.boolean().describe("Used by an evaluation: editing it makes a new version"),
  weightSum: z.number(),
  definition: ZModelDefinition,
  activatedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});

export const ZModel = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(QUALITY_CHANNELS),
  templateKey: z.string().nullable(),
  archived: z.boolean(),
  activeVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  createdAt: z.iso.datetime(),
});
export const ZModelDetail = ZModel.extend({ versions: z.array(ZModelVersion) });

export const ZCreateModelRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    channel: z.enum(QUALITY_CHANNELS).optional().describe("Defaults to the template's channel"),
    templateKey: z.string().optional().describe("Copy one of GET /quality/templates"),
    definition: ZModelDefinition.optional().describe("The first draft, when not copying a template"),
  })
  .strict();
export type TCreateModelRequest = z.infer<typeof ZCreateModelRequest>;

export const ZUpdateModelRequest = z
  .object({ name: z.string().trim().min(1).max(200).optional(), archived: z.boolean().optional() })
  .strict();

export const ZVersionParams = z.object({
  id: z.uuid({ message: "must be a UUID" }),
  version: z.coerce.number().int().min(1),
});

export const ZSettings = z.object({
  bands: z.object({
    veryGoodFrom: z.number().int().min(1).max(100),
    goodFrom: z.number().int().min(1).max(100),
  }),
  defaultQuota: z.number().int().min(0).max(100).describe("Evaluations per employee per month"),
  quotas: z.record(z.string(), z.number().int().min(0).max(100)).describe("Per model id"),
  reminderDaysBefore: z.number().int().min(0).max(60),
});
export type TSettings = z.infer<typeof ZSettings>;

export const ZSectionResult = z.object({
  key: z.string(),
  title: z.string(),
  weight: z.number(),
  effectiveWeight: z.number(),
  given: z.number(),
  max: z.number(),
  pct: z.number().nullable(),
  score: z.number(),
  comment: z.string().nullable(),
});

export const ZScore = z.object({
  criterionKey: z.string(),
  sectionKey: z.string(),
  value: z.number().nullable(),
  notApplicable: z.boolean(),
  comment: z.string().nullable(),
  disputed: z.boolean(),
  disputeText: z.string().nullable(),
  resolution: z.enum(["upheld", "changed"]).nullable(),
  resolutionNote: z.string().nullable(),
});

export const ZContact = z.object({
  kind: z.enum(["response", "invitation", "reference"]),
  responseId: z.string().nullable(),
  invitationId: z.string().nullable(),
  reference: z.string().nullable(),
  durationSec: z.number().int().nullable(),
  date: ZDate,
});

export const ZEvaluation = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  departmentId: z.string().nullable(),
  channel: z.enum(QUALITY_CHANNELS),
  modelId: z.string(),
  modelVersionId: z.string(),
  modelVersion: z.number().int(),
  contact: ZContact,
  evaluatorId: z.string(),
  state: z.enum(EVALUATION_STATES),
  totalPct: z.number().nullable().describe("Unrounded total in %"),
  totalRounded: z
    .number()
    .int()
    .nullable()
    .describe("Rounded half-up to a whole percent; the band is read from it"),
  band: z.enum(BANDS).nullable(),
  criticalFailed: z.boolean(),
  revision: z.number().int(),
  previousId: z.string().nullable(),
  superseded: z.boolean(),
  submittedAt: z.iso.datetime().nullable(),
  seenAt: z.iso.datetime().nullable(),
  finalizedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});

export const ZAgreement = z.object({
  id: z.string(),
  evaluationId: z.string(),
  employeeId: z.string(),
  number: z.number().int(),
  text: z.string(),
  responsibleUserId: z.string().nullable(),
  responsibleEmployeeId: z.string().nullable(),
  deadline: ZDate,
  state: z.enum(AGREEMENT_STATES),
  reminderSentAt: z.iso.datetime().nullable(),
  followUpEvaluationId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const ZEvaluationDetail = ZEvaluation.extend({
  definition: ZModelDefinition,
  sections: z.array(ZSectionResult),
  scores: z.array(ZScore),
  employeeComment: z.string().nullable(),
  agreements: z.array(ZAgreement),
});

export const ZCreateEvaluationRequest = z
  .object({
    employeeId: z.string().min(1),
    modelVersionId: z.uuid({ message: "must be a UUID" }).describe("An active version"),
    contact: z
      .object({
        kind: z.enum(["response", "invitation", "reference"]),
        responseId: z.string().optional(),
        invitationId: z.string().optional(),
        reference: z.string().trim().min(1).max(200).optional(),
        durationSec: z.number().int().min(0).max(86_400).optional(),
        date: ZDate,
      })
      .strict(),
  })
  .strict();
export type TCreateEvaluationRequest = z.infer<typeof ZCreateEvaluationRequest>;

export const ZScoresRequest = z
  .object({
    scores: z
      .array(
        z
          .object({
            criterionKey: z.string().min(1),
            value: z.number().nullable().describe("null with notApplicable"),
            notApplicable: z.boolean().default(false),
            comment: z.string().max(4000).nullable().optional(),
          })
          .strict(),
      )
      .max(500),
    sectionComments: z.record(z.string(), z.string().max(4000)).optional(),
  })
  .strict();
export type TScoresRequest = z.infer<typeof ZScoresRequest>;

export const ZAcknowledgeRequest = z.object({ comment: z.string().trim().max(4000).optional() }).strict();
export const ZDisputeRequest = z
  .object({ criterionKey: z.string().min(1), text: z.string().trim().min(1).max(4000) })
  .strict();
export const ZResolveRequest = z
  .object({
    criterionKey: z.string().min(1),
    resolution: z.enum(["upheld", "changed"]),
    value: z.number().optional().describe("The corrected score, with resolution changed"),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();

export const ZEvaluationsQuery = z.object({
  employeeId: z.string().optional(),
  channel: z.enum(QUALITY_CHANNELS).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
    .optional(),
  state: z.enum(EVALUATION_STATES).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TEvaluationsQuery = z.infer<typeof ZEvaluationsQuery>;

export const ZCreateAgreementRequest = z
  .object({
    text: z.string().trim().min(1).max(4000),
    responsibleUserId: z.string().min(1).optional(),
    responsibleEmployeeId: z.string().min(1).optional(),
    deadline: ZDate,
  })
  .strict();
export type TCreateAgreementRequest = z.infer<typeof ZCreateAgreementRequest>;

export const ZUpdateAgreementRequest = z
  .object({
    state: z.enum(AGREEMENT_STATES).optional(),
    followUpEvaluationId: z.string().nullable().optional(),
  })
  .strict();

export const ZAgreementsQuery = z.object({
  state: z.enum(AGREEMENT_STATES).optional(),
  employeeId: z.string().optional(),
});

export const ZMonthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM"),
});

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM");
export const ZReportQuery = z.object({ from: ZMonth, to: ZMonth });

const ZBandCounts = z.object({
  very_good: z.number().int(),
  good: z.number().int(),
  modest: z.number().int(),
});
const ZGroup = z.object({
  key: z.string(),
  label: z.string(),
  evaluations: z.number().int(),
  averagePct: z.number().describe("Mean of the unrounded totals"),
  bands: ZBandCounts,
});

export const ZQualityReport = z.object({
  from: z.string(),
  to: z.string(),
  evaluations: z.number().int(),
  averagePct: z.number().nullable(),
  bands: ZBandCounts,
  byDepartment: z.array(ZGroup),
  byChannel: z.array(ZGroup),
  byMonth: z.array(ZGroup),
  sections: z.array(
    z.object({
      modelId: z.string(),
      sectionKey: z.string(),
      title: z.string(),
      evaluations: z.number().int(),
      averagePct: z.number(),
    }),
  ),
  criteria: z
    .array(
      z.object({
        modelId: z.string(),
        criterionKey: z.string(),
        sectionKey: z.string(),
        text: z.string(),
        scored: z.number().int(),
        failed: z.number().int().describe("Scored below its maximum"),
        failedPct: z.number(),
        averagePct: z.number(),
      }),
    )
    .describe("Most often failing first"),
});

export const ZQueue = z.object({
  month: z.string(),
  employees: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      departmentId: z.string().nullable(),
      models: z.array(
        z.object({
          modelId: z.string(),
          modelName: z.string(),
          channel: z.string(),
          quota: z.number().int(),
          done: z.number().int(),
          proposals: z.array(
            z.object({
              kind: z.enum(["response", "invitation"]),
              id: z.string(),
              date: z.string().nullable(),
              durationSec: z.number().nullable().describe("The contact's length when recorded"),
              stratum: z
                .enum(["short", "medium", "long"])
                .nullable()
                .describe("Length tercile it was drawn from; null when the length is unknown"),
            }),
          ),
        }),
      ),
    }),
  ),
  evaluators: z.array(z.object({ userId: z.string(), name: z.string(), evaluations: z.number().int() })),
});

export const ZOverviewQuery = z.object({
  from: ZMonth.optional().describe("First month; defaults to 11 months before `to`"),
  to: ZMonth.optional().describe("Last month; defaults to the current month"),
});

export const ZEmployeeOverview = z.object({
  employee: z.object({
    id: z.string(),
    name: z.string(),
    departmentId: z.string().nullable(),
    archived: z.boolean(),
  }),
  from: z.string(),
  to: z.string(),
  figures: ZFigures.describe(
    "NPS and satisfaction index of the employee's answers; withheld under the minimum sample",
  ),
  praise: z.array(z.object({ text: z.string(), approvedAt: z.iso.datetime() })),
  quality: z.object({
    evaluations: z.number().int(),
    averagePct: z.number().nullable(),
    trend: z.array(
      z.object({
        month: z.string(),
        channel: z.string(),
        evaluations: z.number().int(),
        averagePct: z.number(),
        band: z.enum(BANDS),
        sections: z.array(z.object({ key: z.string(), title: z.string(), averagePct: z.number() })),
      }),
    ),
  }),
  agreements: z.array(ZAgreement).describe("Open and missed"),
  cases: z.record(z.string(), z.number().int()).describe("Follow-up cases of the period by state"),
  kpi: z
    .object({
      calls: ZKpiTotal.nullable().describe("The employee's answered calls over the months; null without any"),
      writtenReplies: z.object({
        due: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        pending: z.number().int(),
        kpi: ZKpiFigure,
      }),
    })
    .describe("Service KPIs of the contacts and written requests assigned to the employee"),
  team: z
    .object({
      departmentId: z.string().nullable(),
      employees: z.number().int(),
      npsMedian: z.number().nullable().describe("Median NPS of the department's employees not withheld"),
      qualityMedianPct: z
        .number()
        .nullable()
        .describe("Median of the department's employees' average QA totals"),
    })
    .describe("The team median only: never another named colleague's figures"),
});
