import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";

export const WRITTEN_REQUEST_KINDS = ["letter", "information_request", "custom"] as const;
const ZInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" });
const ZId = z.string().trim().min(1).max(200);

export const ZCreateWrittenRequest = z
  .strictObject({
    reference: z.string().trim().min(1).max(200),
    kind: z.enum(WRITTEN_REQUEST_KINDS),
    /** Calendar days of a custom (statutory) deadline; only with kind custom. */
    deadlineDays: z.number().int().min(1).max(365).optional(),
    receivedAt: ZInstant,
    repliedAt: ZInstant.nullish(),
    employeeId: ZId.nullish(),
    serviceId: ZId.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "custom" && v.deadlineDays === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["deadlineDays"],
        ...refinement("problem.field.requiredForCustomDeadline"),
      });
    if (v.kind !== "custom" && v.deadlineDays !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["deadlineDays"],
        ...refinement("problem.field.onlyForCustomKind"),
      });
  });
export type TCreateWrittenRequest = z.infer<typeof ZCreateWrittenRequest>;

export const ZUpdateWrittenRequest = z.strictObject({
  repliedAt: ZInstant.nullable().optional(),
  employeeId: ZId.nullable().optional(),
});

export const ZWrittenRequest = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(WRITTEN_REQUEST_KINDS),
  deadlineDays: z.number().nullable(),
  receivedAt: z.date(),
  deadline: z.string(),
  remindOn: z.string(),
  repliedAt: z.date().nullable(),
  employeeId: z.string().nullable(),
  serviceId: z.string().nullable(),
  remindedAt: z.date().nullable(),
});

export const ZWrittenRequestQuery = z.strictObject({
  due: z.enum(["all", "today", "week", "overdue"]).default("all"),
  employeeId: ZId.optional(),
});

export const ZReplyComplianceQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
});
