import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { organization, response } from "../../db/schema.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Per-survey change of the follow-up rule. */
export interface TSurveyFollowUpOverride {
  enabled?: boolean;
  npsMax?: number | null;
  satisfactionMax?: number | null;
  /** Overrides the organisation's recovery question switch for this survey's cases. */
  recoveryQuestion?: boolean;
}

/** The organisation's follow-up rule; an organisation without a row uses the defaults. */
export const followUpRule = pgTable("follow_up_rule", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(true),
  /** A recommendation score at or below this opens a case (null: the score never does). */
  npsMax: integer("nps_max").default(6),
  /** A satisfaction score at or below this opens a case (null: never). */
  satisfactionMax: integer("satisfaction_max").default(6),
  surveys: jsonb("surveys").$type<Record<string, TSurveyFollowUpOverride>>().notNull().default({}),
  deadlineWorkingDays: integer("deadline_working_days").notNull().default(2),
  unreachableAfter: integer("unreachable_after").notNull().default(3),
  defaultOwnerId: text("default_owner_id"),
  /** Department id → user id of its manager (who gets its cases and sees them). */
  departmentManagers: jsonb("department_managers").$type<Record<string, string>>().notNull().default({}),
  recoveryQuestion: boolean("recovery_question").notNull().default(false),
  /** Days after a case is resolved before the recovery question goes to the respondent. */
  recoveryDelayDays: integer("recovery_delay_days").notNull().default(3),
  /** Whether the public "You said, we did" page (/we-did/<org slug>) is on. */
  publicPage: boolean("public_page").notNull().default(false),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** One follow-up case per triggering answer. */
export const followUpCase = pgTable(
  "follow_up_case",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    responseId: text("response_id").notNull(),
    surveyId: text("survey_id").notNull(),
    serviceId: text("service_id"),
    departmentId: text("department_id"),
    employeeId: text("employee_id"),
    /** open | in_progress | contacted | unreachable | resolved */
    state: text("state").notNull(),
    /** The respondent's consent to be contacted about it: null = not asked (yet). */
    contactAllowed: boolean("contact_allowed"),
    /** email | phone */
    contactChannel: text("contact_channel"),
    /** E.164; personal data, shown only to roles with cases:contact. */
    contactPhone: text("contact_phone"),
    ownerId: text("owner_id"),
    /** The last civil day of the deadline, in the organisation's time zone. */
    dueDate: date("due_date", { mode: "string" }).notNull(),
    /** The end of that day (the instant the case becomes overdue). */
    dueAt: tz("due_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** explained | fixed_for_person | process_change | no_action_possible */
    resolution: text("resolution"),
    resolutionNote: text("resolution_note"),
    firstContactAt: tz("first_contact_at"),
    resolvedAt: tz("resolved_at"),
    /** The owner the last assignment e-mail went to. */
    notifiedOwnerId: text("notified_owner_id"),
    overdueClaimedAt: tz("overdue_claimed_at"),
    overdueAlertedAt: tz("overdue_alerted_at"),
    /** yes | partly | no: the respondent's answer to "Did our call help?" */
    recovery: text("recovery"),
    recoveryAnsweredAt: tz("recovery_answered_at"),
    /** The recovery question: taken by a job run, sent once; its link token stored as SHA-256 only. */
    recoveryClaimedAt: tz("recovery_claimed_at"),
    recoverySentAt: tz("recovery_sent_at"),
    recoveryTokenHash: text("recovery_token_hash"),
    openedAt: tz("opened_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("follow_up_case_response_uq").on(t.orgId, t.responseId),
    index("follow_up_case_state_idx").on(t.orgId, t.state, t.dueAt),
    index("follow_up_case_owner_idx").on(t.orgId, t.ownerId, t.state),
    index("follow_up_case_department_idx").on(t.orgId, t.departmentId, t.state),
    // The overdue job's scan across organisations: only cases still waiting for their alert.
    index("follow_up_case_overdue_idx")
      .on(t.dueAt)
      .where(sql`${t.overdueAlertedAt} is null and ${t.state} <> 'resolved'`),
    foreignKey({ columns: [t.orgId, t.responseId], foreignColumns: [response.orgId, response.id] }).onDelete(
      "cascade",
    ),
    uniqueIndex("follow_up_case_recovery_token_uq").on(t.recoveryTokenHash),
    // The recovery job's scan: resolved cases whose question has not gone out.
    index("follow_up_case_recovery_idx")
      .on(t.resolvedAt)
      .where(sql`${t.recoverySentAt} is null and ${t.state} = 'resolved'`),
  ],
);

/** A staff member's follow-up mail preference in one organisation, and the state of their daily digest. */
export const followUpPreference = pgTable(
  "follow_up_preference",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    /** each: an e-mail per assignment | digest: one e-mail a day listing the new assignments */
    assignmentMail: text("assignment_mail").notNull().default("each"),
    /** The organisation's civil date of the last digest run for this user (one a day). */
    lastDigestOn: date("last_digest_on", { mode: "string" }),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/** Append-only timeline of a case: every change, note and call attempt with who and when. */
export const followUpEvent = pgTable(
  "follow_up_event",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    caseId: text("case_id").notNull(),
    /** opened | answer_changed | assigned | state | note | call_attempt | overdue | deadline */
    kind: text("kind").notNull(),
    /** A user id, or null for Kaja itself (the answer page, a job). */
    actorId: text("actor_id"),
    fromState: text("from_state"),
    toState: text("to_state"),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("follow_up_event_case_idx").on(t.orgId, t.caseId, t.at),
    foreignKey({
      columns: [t.orgId, t.caseId],
      foreignColumns: [followUpCase.orgId, followUpCase.id],
    }).onDelete("cascade"),
  ],
);

/** An improvement action: what the organisation changes because of what it heard. */
export const improvementAction = pgTable(
  "improvement_action",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerId: text("owner_id"),
    departmentId: text("department_id"),
    deadline: date("deadline", { mode: "string" }),
    /** planned | in_progress | done | dropped */
    status: text("status").notNull(),
    dropReason: text("drop_reason"),
    completedOn: date("completed_on", { mode: "string" }),
    /** Shown on the public "You said, we did" page once done. */
    public: boolean("public").notNull().default(false),
    /** Plain-language texts for the public page per language: { et: { said, did } }. */
    publicTexts: jsonb("public_texts")
      .$type<Record<string, { said: string; did: string }>>()
      .notNull()
      .default({}),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("improvement_action_status_idx").on(t.orgId, t.status, t.completedOn),
  ],
);

export const improvementActionService = pgTable(
  "improvement_action_service",
  {
    orgId: text("org_id").notNull(),
    actionId: text("action_id").notNull(),
    serviceId: text("service_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.actionId, t.serviceId] }),
    foreignKey({
      columns: [t.orgId, t.actionId],
      foreignColumns: [improvementAction.orgId, improvementAction.id],
    }).onDelete("cascade"),
  ],
);

/** Evidence behind an action: answers (their comments) and cases. */
export const improvementActionEvidence = pgTable(
  "improvement_action_evidence",
  {
    orgId: text("org_id").notNull(),
    actionId: text("action_id").notNull(),
    /** response | case */
    kind: text("kind").notNull(),
    targetId: text("target_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.actionId, t.kind, t.targetId] }),
    foreignKey({
      columns: [t.orgId, t.actionId],
      foreignColumns: [improvementAction.orgId, improvementAction.id],
    }).onDelete("cascade"),
  ],
);

/** Dated progress notes of an action (append-only). */
export const improvementActionNote = pgTable(
  "improvement_action_note",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    actionId: text("action_id").notNull(),
    authorId: text("author_id"),
    /** The status the action moved to with this note, if any. */
    status: text("status"),
    text: text("text").notNull(),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("improvement_action_note_idx").on(t.orgId, t.actionId, t.at),
    foreignKey({
      columns: [t.orgId, t.actionId],
      foreignColumns: [improvementAction.orgId, improvementAction.id],
    }).onDelete("cascade"),
  ],
);
