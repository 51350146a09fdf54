import {
  date,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { organization } from "../../db/schema.ts";
import { qualityModelVersion } from "./schema.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A calibration session: several evaluators score the same contact with the same model version
 * independently, then agree on reference scores, which close the session.
 */
export const qualityCalibrationSession = pgTable(
  "quality_calibration_session",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    modelVersionId: text("model_version_id").notNull(),
    title: text("title"),
    /** A Kaja answer id, or null when the contact is a free reference (call id, case number). */
    responseId: text("response_id"),
    contactReference: text("contact_reference"),
    /** The civil date of the session: the point on each evaluator's trend. */
    sessionDate: date("session_date", { mode: "string" }).notNull(),
    ownerId: text("owner_id").notNull(),
    /** open | closed */
    state: text("state").notNull().default("open"),
    /** Agreed reference score per criterion key, set when the session closes. */
    referenceScores: jsonb("reference_scores").$type<Record<string, number | null>>(),
    closedAt: tz("closed_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("quality_calibration_session_date_idx").on(t.orgId, t.sessionDate),
    foreignKey({
      columns: [t.orgId, t.modelVersionId],
      foreignColumns: [qualityModelVersion.orgId, qualityModelVersion.id],
    }),
  ],
);

/** An evaluator invited to a session; `submittedAt` is set when their scores are final. */
export const qualityCalibrationParticipant = pgTable(
  "quality_calibration_participant",
  {
    orgId: text("org_id").notNull(),
    sessionId: text("session_id").notNull(),
    userId: text("user_id").notNull(),
    submittedAt: tz("submitted_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sessionId, t.userId] }),
    index("quality_calibration_participant_user_idx").on(t.orgId, t.userId),
    foreignKey({
      columns: [t.orgId, t.sessionId],
      foreignColumns: [qualityCalibrationSession.orgId, qualityCalibrationSession.id],
    }).onDelete("cascade"),
  ],
);

/** One participant's score of one criterion; a null value means "not applicable". */
export const qualityCalibrationScore = pgTable(
  "quality_calibration_score",
  {
    orgId: text("org_id").notNull(),
    sessionId: text("session_id").notNull(),
    userId: text("user_id").notNull(),
    criterionKey: text("criterion_key").notNull(),
    value: numeric("value", { precision: 9, scale: 4, mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sessionId, t.userId, t.criterionKey] }),
    foreignKey({
      columns: [t.orgId, t.sessionId, t.userId],
      foreignColumns: [
        qualityCalibrationParticipant.orgId,
        qualityCalibrationParticipant.sessionId,
        qualityCalibrationParticipant.userId,
      ],
    }).onDelete("cascade"),
  ],
);
