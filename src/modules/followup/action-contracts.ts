import { z } from "zod";

export const ACTION_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
export type TActionStatus = (typeof ACTION_STATUSES)[number];

const ZText = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const ZId = z.string().min(1).max(100);
const ZPublicTexts = z.record(
  z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code"),
  z.object({ said: ZText(1000).min(1, "must not be empty"), did: ZText(1000).min(1, "must not be empty") }),
);
const ZEvidence = z.object({ kind: z.enum(["response", "case"]), id: z.uuid({ message: "must be a UUID" }) });

export const ZActionNote = z.object({
  id: z.string(),
  authorId: z.string().nullable(),
  status: z.string().nullable(),
  text: z.string(),
  at: z.date(),
});

export const ZAction = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  ownerId: z.string().nullable(),
  departmentId: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  dropReason: z.string().nullable(),
  completedOn: z.string().nullable(),
  public: z.boolean(),
  publicTexts: z.record(z.string(), z.object({ said: z.string(), did: z.string() })),
  serviceIds: z.array(z.string()),
  evidence: z.array(z.object({ kind: z.string(), id: z.string() })),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TAction = z.infer<typeof ZAction>;

export const ZActionDetail = ZAction.extend({ notes: z.array(ZActionNote) });

export const ZCreateActionRequest = z.object({
  title: ZText(200).min(1, "must not be empty"),
  description: ZText(5000).default(""),
  ownerId: ZId.nullable().optional(),
  departmentId: ZId.nullable().optional(),
  deadline: z.iso.date({ message: "must be a date YYYY-MM-DD" }).nullable().optional(),
  serviceIds: z.array(ZId).max(50).default([]),
  evidence: z.array(ZEvidence).max(200).default([]),
  public: z.boolean().default(false),
  publicTexts: ZPublicTexts.default({}),
});
export type TCreateActionRequest = z.infer<typeof ZCreateActionRequest>;

export const ZUpdateActionRequest = z.object({
  title: ZText(200).min(1, "must not be empty").optional(),
  description: ZText(5000).optional(),
  ownerId: ZId.nullable().optional(),
  departmentId: ZId.nullable().optional(),
  deadline: z.iso.date({ message: "must be a date YYYY-MM-DD" }).nullable().optional(),
  serviceIds: z.array(ZId).max(50).optional(),
  evidence: z.array(ZEvidence).max(200).optional(),
  public: z.boolean().optional(),
  publicTexts: ZPublicTexts.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  /** Why the action is dropped (required to drop it). */
  dropReason: ZText(2000).min(1, "must not be empty").optional(),
  /** A dated progress note (required to take up a dropped action again). */
  note: ZText(4000).min(1, "must not be empty").optional(),
  /** The day it was completed (default: today); not in the future. */
  completedOn: z.iso.date({ message: "must be a date YYYY-MM-DD" }).optional(),
});
export type TUpdateActionRequest = z.infer<typeof ZUpdateActionRequest>;

const ZFigure = z.object({
  answers: z.number().int(),
  value: z.number().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
});
const ZPeriod = z.object({ from: z.string(), to: z.string(), nps: ZFigure, satisfaction: ZFigure });
const ZChange = z.object({ diff: z.number(), z: z.number(), significant: z.boolean() }).nullable();

export const ZActionEffect = z.object({
  actionId: z.string(),
  completedOn: z.string().nullable(),
  months: z.number().int(),
  serviceIds: z.array(z.string()),
  before: ZPeriod.nullable(),
  after: ZPeriod.nullable(),
  change: z.object({ nps: ZChange, satisfaction: ZChange }).nullable(),
});
export type TActionEffect = z.infer<typeof ZActionEffect>;

const ZQueryDate = z.iso.date({ message: "must be a date YYYY-MM-DD" });

/** Filters of the actions list (the dashboard asks for the actions completed in its period and service). */
export const ZActionQuery = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  /** Completed on or after this day. */
  completedFrom: ZQueryDate.optional(),
  /** Completed on or before this day. */
  completedTo: ZQueryDate.optional(),
  /** Linked to this service. */
  serviceId: z.string().min(1).max(100).optional(),
});
export type TActionQuery = z.infer<typeof ZActionQuery>;
