import { z } from "zod";

export const CONTACT_KINDS = ["call", "chat", "office_visit"] as const;
export const ZContactKind = z.enum(CONTACT_KINDS);
export const MAX_RECORDS_PER_REQUEST = 10_000;

const ZId = z.string().trim().min(1).max(200);
const ZInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" });

/** One contact as the phone, chat or ticket system sends it. */
export const ZContactRecordInput = z.strictObject({
  sourceId: ZId,
  kind: ZContactKind,
  queueId: ZId,
  arrivedAt: ZInstant,
  /** Answered (call, chat) or called to the counter (office visit). */
  answeredAt: ZInstant.nullish(),
  abandonedAt: ZInstant.nullish(),
  endedAt: ZInstant.nullish(),
  employeeId: ZId.nullish(),
  serviceId: ZId.nullish(),
  resolvedAtFirstContact: z.boolean().nullish(),
  /** Phone number, chat user id or similar; stored only as a keyed hash. */
  callerReference: z.string().trim().min(1).max(500).nullish(),
  recordingReference: z.string().trim().min(1).max(1000).nullish(),
});
export type TContactRecordInput = z.infer<typeof ZContactRecordInput>;

export const ZContactRecordsRequest = z.strictObject({
  records: z.array(ZContactRecordInput).min(1).max(MAX_RECORDS_PER_REQUEST),
});

export const ZContactRecordsResponse = z.object({
  received: z.number().int(),
  created: z.number().int(),
  /** Records sent before with the same content (a repeated delivery): left as they are. */
  unchanged: z.number().int(),
});
export type TContactRecordsResult = z.infer<typeof ZContactRecordsResponse>;

export const ZQueue = z.strictObject({
  id: ZId,
  name: z.string().trim().min(1).max(200),
  kind: ZContactKind,
});
export type TQueue = z.infer<typeof ZQueue>;

/** A queue in the list, with the contacts recorded under it (a queue without any may be removed). */
export const ZQueueListItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZContactKind,
  contacts: z.number().int(),
});
export type TQueueListItem = z.infer<typeof ZQueueListItem>;

export const ZTargets = z.strictObject({
  serviceLevel: z.number().min(0).max(100),
  answerRate: z.number().min(0).max(100),
  firstContactResolution: z.number().min(0).max(100),
  officeWaitMinutes: z.number().min(0).max(1440),
  repliesOnTime: z.number().min(0).max(100),
});

export const ZKpiSettings = z.strictObject({
  serviceLevelSeconds: z.number().int().min(1).max(3600),
  shortAbandonSeconds: z.number().int().min(0).max(600),
  fcrWindowDays: z.number().int().min(1).max(90),
  retentionMonths: z.number().int().min(1).max(120),
  targets: ZTargets,
});
export type TKpiSettingsValues = z.infer<typeof ZKpiSettings>;

export const SKA_TARGETS = {
  serviceLevel: 80,
  answerRate: 90,
  firstContactResolution: 70,
  officeWaitMinutes: 30,
  repliesOnTime: 100,
} as const;

/** A KPI beside its target; null when there is nothing to count. */
export const ZKpiFigure = z
  .object({ value: z.number(), target: z.number(), meetsTarget: z.boolean() })
  .nullable();

export const ZKpiRow = z.object({
  period: z.string(),
  key: z.string().nullable(),
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  shortAbandoned: z.number(),
  answeredWithinThreshold: z.number(),
  serviceLevel: ZKpiFigure,
  answerRate: ZKpiFigure,
  firstContactResolution: ZKpiFigure,
  fcrMeasured: z.number(),
  averageSpeedOfAnswerSeconds: z.number().nullable(),
  averageWaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
  officeWait: ZKpiFigure,
});

/** Every KPI over a whole range. */
export const ZKpiTotal = ZKpiRow.omit({ period: true, key: true });
