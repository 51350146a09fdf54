import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import { CASE_RESOLUTIONS, CASE_STATES } from "../../domain/case-states.ts";

/** Notes and resolution texts: long enough for a call summary, bounded so a note cannot flood the timeline. */
export const NOTE_MAX = 4000;
const ZNote = z.string().trim().min(1, "must not be empty").max(NOTE_MAX, `at most ${NOTE_MAX} characters`);

export const ZCase = z.object({
  id: z.string(),
  responseId: z.string(),
  surveyId: z.string(),
  serviceId: z.string().nullable(),
  departmentId: z.string().nullable(),
  employeeId: z.string().nullable(),
  state: z.enum(CASE_STATES),
  ownerId: z.string().nullable(),
  /** null: the respondent was not asked; false: "no contact allowed". */
  contactAllowed: z.boolean().nullable(),
  contactChannel: z.enum(["email", "phone"]).nullable(),
  dueDate: z.string(),
  dueAt: z.date(),
  overdue: z.boolean(),
  attempts: z.number().int(),
  resolution: z.enum(CASE_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  firstContactAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  recovery: z.enum(["yes", "partly", "no"]).nullable(),
  openedAt: z.date(),
  updatedAt: z.date(),
  score: z.number().int(),
  satisfaction: z.number().int().nullable(),
});
export type TCase = z.infer<typeof ZCase>;

export const ZCaseEvent = z.object({
  id: z.string(),
  kind: z.string(),
  actorId: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.date(),
});

export const ZCaseDetail = ZCase.extend({
  answer: z.object({
    comment: z.string().nullable(),
    locale: z.string(),
    receivedAt: z.date(),
  }),
  /** Only for roles with cases:contact, and only when the respondent allowed contact. */
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  timeline: z.array(ZCaseEvent),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZFindCasesQuery = z.object({
  view: z.enum(["all", "mine", "department", "overdue"]).default("all"),
  state: z.enum(CASE_STATES).optional(),
  departmentId: z.string().max(100).optional(),
  /** The case of one answer (the answer screen links to it). */
  responseId: z.uuid({ message: "must be a UUID" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TFindCasesQuery = z.infer<typeof ZFindCasesQuery>;

export const ZCreateCaseRequest = z.object({
  responseId: z.uuid({ message: "must be a UUID" }),
  ownerId: z.string().min(1).max(100).optional(),
});

export const ZUpdateCaseRequest = z
  .object({
    ownerId: z.string().min(1).max(100).nullable().optional(),
    dueDate: z.iso.date({ message: "must be a date YYYY-MM-DD" }).optional(),
  })
  .refine((b) => b.ownerId !== undefined || b.dueDate !== undefined, {
    ...refinement("problem.field.ownerOrDueDate"),
    path: ["ownerId"],
  });
export type TUpdateCaseRequest = z.infer<typeof ZUpdateCaseRequest>;

export const ZCaseEventRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("note"), note: ZNote }),
  z.object({ kind: z.literal("call_attempt"), reached: z.boolean(), note: ZNote.optional() }),
  z.object({
    kind: z.literal("state"),
    state: z.enum(CASE_STATES),
    resolution: z.enum(CASE_RESOLUTIONS).optional(),
    note: ZNote.optional(),
  }),
]);
export type TCaseEventRequest = z.infer<typeof ZCaseEventRequest>;

export const ZCaseSummary = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
  /** Median hours from the answer to the first contact, over cases contacted; null without any. */
  medianHoursToFirstContact: z.number().nullable(),
  /** Share (0–100) of cases whose first contact came by their deadline, among cases due or contacted. */
  contactedWithinDeadlinePct: z.number().nullable(),
  /** Share (0–100) of recovery answers "yes" or "partly" among those given. */
  recoveryRatePct: z.number().nullable(),
  recoveryAnswers: z.number().int(),
});
