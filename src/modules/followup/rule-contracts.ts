import { z } from "zod";

const ZThreshold = z.number().int().min(0, "must be 0–10").max(10, "must be 0–10").nullable();

export const ZFollowUpRule = z.object({
  enabled: z.boolean(),
  npsMax: ZThreshold,
  satisfactionMax: ZThreshold,
  surveys: z.record(
    z.string().max(100),
    z.object({
      enabled: z.boolean().optional(),
      npsMax: ZThreshold.optional(),
      satisfactionMax: ZThreshold.optional(),
      recoveryQuestion: z.boolean().optional(),
    }),
  ),
  deadlineWorkingDays: z.number().int().min(1, "must be 1–30").max(30, "must be 1–30"),
  unreachableAfter: z.number().int().min(1, "must be 1–10").max(10, "must be 1–10"),
  defaultOwnerId: z.string().min(1).max(100).nullable(),
  departmentManagers: z.record(z.string().max(100), z.string().min(1).max(100)),
  recoveryQuestion: z.boolean(),
  /** Days after resolution before the recovery question is sent (default 3). */
  recoveryDelayDays: z.number().int().min(1, "must be 1–30").max(30, "must be 1–30").default(3),
  publicPage: z.boolean().default(false),
});
export type TFollowUpRuleBody = z.infer<typeof ZFollowUpRule>;
