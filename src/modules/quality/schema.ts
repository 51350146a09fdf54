import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { organization } from "../../db/schema.ts";
import type { ScorecardModel } from "../../domain/scorecard-model.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
/** Scores and percentages: exact decimals, read back as numbers by the use cases. */
const num = (name: string) => numeric(name, { precision: 9, scale: 4, mode: "number" });

/** An evaluation model (scorecard) of an organisation for one channel; its content lives in versions. */
export const qualityModel = pgTable(
  "quality_model",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    /** face_to_face | phone | email | self_service | other */
    channel: text("channel").notNull(),
    name: text("name").notNull(),
    /** The SKA template it was copied from (ska_face_to_face …), or null for one built from scratch. */
    templateKey: text("template_key"),
    archivedAt: tz("archived_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("quality_model_channel_idx").on(t.orgId, t.channel),
  ],
);

/**
 * One version of a model. A draft is edited in place; activation checks the weights; a version that has been used
 * by an evaluation is frozen (`frozenAt`) and a change makes a new version.
 */
export const qualityModelVersion = pgTable(
  "quality_model_version",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    modelId: text("model_id").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<ScorecardModel>().notNull(),
    /** draft | active | retired */
    status: text("status").notNull(),
    activatedAt: tz("activated_at"),
    frozenAt: tz("frozen_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("quality_model_version_uq").on(t.orgId, t.modelId, t.version),
    foreignKey({
      columns: [t.orgId, t.modelId],
      foreignColumns: [qualityModel.orgId, qualityModel.id],
    }).onDelete("cascade"),
  ],
);

/** The scored section of an evaluation, as stored at the last save (the figures reports read). */
export interface TStoredSectionScore {
  key: string;
  weight: number;
  effectiveWeight: number;
  given: number;
  max: number;
  pct: number | null;
  score: number;
}

/** One evaluation of one contact of one employee against one model version; revisions chain via previousId. */
export const qualityEvaluation = pgTable(
  "quality_evaluation",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    employeeId: text("employee_id").notNull(),
    /** Copied from the employee at creation, so reports by department keep the department of the time. */
    departmentId: text("department_id"),
    channel: text("channel").notNull(),
    modelId: text("model_id").notNull(),
    modelVersionId: text("model_version_id").notNull(),
    /** response | invitation | reference */
    contactKind: text("contact_kind").notNull(),
    responseId: text("response_id"),
    invitationId: text("invitation_id"),
    /** A call id, case number or other free reference of the contact. */
    contactReference: text("contact_reference"),
    /** Length of the contact in seconds, when known (calls). */
    contactDurationSec: integer("contact_duration_sec"),
    contactDate: date("contact_date", { mode: "string" }).notNull(),
    evaluatorId: text("evaluator_id").notNull(),
    /** draft | submitted | seen | disputed | final */
    state: text("state").notNull(),
    sections: jsonb("sections").$type<TStoredSectionScore[]>().notNull().default([]),
    /** Unrounded total in %. */
    totalPct: num("total_pct"),
    /** Total rounded half-up to a whole percent: the figure the band is read from. */
    totalRounded: integer("total_rounded"),
    /** very_good | good | modest */
    band: text("band"),
    /** Whether a critical criterion scored 0 (the band is then capped when the model says so). */
    criticalFailed: boolean("critical_failed").notNull().default(false),
    employeeComment: text("employee_comment"),
    revision: integer("revision").notNull().default(1),
    previousId: text("previous_id"),
    /** Set on the revision that a newer one replaced; current evaluations have null. */
    supersededAt: tz("superseded_at"),
    submittedAt: tz("submitted_at"),
    seenAt: tz("seen_at"),
    finalizedAt: tz("finalized_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("quality_evaluation_employee_idx").on(t.orgId, t.employeeId, t.contactDate),
    index("quality_evaluation_evaluator_idx").on(t.orgId, t.evaluatorId, t.contactDate),
    index("quality_evaluation_state_idx").on(t.orgId, t.state, t.contactDate),
    foreignKey({
      columns: [t.orgId, t.modelVersionId],
      foreignColumns: [qualityModelVersion.orgId, qualityModelVersion.id],
    }),
  ],
);

/** The score of one criterion in one evaluation; a criterion without a row was not scored yet. */
export const qualityEvaluationScore = pgTable(
  "quality_evaluation_score",
  {
    orgId: text("org_id").notNull(),
    evaluationId: text("evaluation_id").notNull(),
    sectionKey: text("section_key").notNull(),
    criterionKey: text("criterion_key").notNull(),
    /** Null when not applicable. */
    value: num("value"),
    notApplicable: boolean("not_applicable").notNull().default(false),
    comment: text("comment"),
    disputed: boolean("disputed").notNull().default(false),
    disputeText: text("dispute_text"),
    /** upheld (score kept) | changed (score corrected) */
    resolution: text("resolution"),
    resolutionNote: text("resolution_note"),
    resolvedAt: tz("resolved_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.evaluationId, t.criterionKey] }),
    foreignKey({
      columns: [t.orgId, t.evaluationId],
      foreignColumns: [qualityEvaluation.orgId, qualityEvaluation.id],
    }).onDelete("cascade"),
  ],
);

/** The evaluator's feedback comment on one section of an evaluation. */
export const qualitySectionComment = pgTable(
  "quality_section_comment",
  {
    orgId: text("org_id").notNull(),
    evaluationId: text("evaluation_id").notNull(),
    sectionKey: text("section_key").notNull(),
    comment: text("comment").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.evaluationId, t.sectionKey] }),
    foreignKey({
      columns: [t.orgId, t.evaluationId],
      foreignColumns: [qualityEvaluation.orgId, qualityEvaluation.id],
    }).onDelete("cascade"),
  ],
);

/** A numbered agreement ("kokkulepe") ending an evaluation: what the employee improves by when. */
export const qualityAgreement = pgTable(
  "quality_agreement",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    evaluationId: text("evaluation_id").notNull(),
    employeeId: text("employee_id").notNull(),
    number: integer("number").notNull(),
    text: text("text").notNull(),
    responsibleUserId: text("responsible_user_id"),
    responsibleEmployeeId: text("responsible_employee_id"),
    /** The last civil day, in the organisation's time zone. */
    deadline: date("deadline", { mode: "string" }).notNull(),
    /** open | done | missed */
    state: text("state").notNull().default("open"),
    doneAt: tz("done_at"),
    reminderClaimedAt: tz("reminder_claimed_at"),
    reminderSentAt: tz("reminder_sent_at"),
    /** The later evaluation that checks this agreement. */
    followUpEvaluationId: text("follow_up_evaluation_id"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("quality_agreement_number_uq").on(t.orgId, t.evaluationId, t.number),
    index("quality_agreement_state_idx").on(t.orgId, t.state, t.deadline),
    index("quality_agreement_employee_idx").on(t.orgId, t.employeeId, t.state),
    foreignKey({
      columns: [t.orgId, t.evaluationId],
      foreignColumns: [qualityEvaluation.orgId, qualityEvaluation.id],
    }).onDelete("cascade"),
  ],
);

/** Band thresholds: the lowest rounded total of each band. */
export interface TQualityBands {
  veryGoodFrom: number;
  goodFrom: number;
}

/** The organisation's quality settings; an organisation without a row uses the defaults. */
export const qualitySettings = pgTable("quality_settings", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  bands: jsonb("bands").$type<TQualityBands>().notNull().default({ veryGoodFrom: 81, goodFrom: 61 }),
  /** Evaluations per employee per month, by model id; a model not listed uses `defaultQuota`. */
  quotas: jsonb("quotas").$type<Record<string, number>>().notNull().default({}),
  defaultQuota: integer("default_quota").notNull().default(3),
  reminderDaysBefore: integer("reminder_days_before").notNull().default(3),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});
