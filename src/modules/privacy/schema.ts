import { foreignKey, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { organization, survey } from "../../db/schema.ts";

/** How long an organisation keeps personal data, in months. No row: the documented defaults (24 months each). */
export const privacyRetention = pgTable("privacy_retention", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  /** Contact details, counted from the last contact (last survey, else the last change). */
  contactMonths: integer("contact_months").notNull(),
  /** The link from sent invitations to the person, and local copies of invitation messages. */
  invitationMonths: integer("invitation_months").notNull(),
  /** Website respondents' names and e-mails, counted from the answer. */
  respondentMonths: integer("respondent_months").notNull(),
  /** Phone numbers given for a call-back, counted from the case's opening. */
  callbackMonths: integer("callback_months").notNull(),
  /** Personal data inside comments (masked for good), counted from the answer. */
  commentMonths: integer("comment_months").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * A survey's own retention periods, in months, where they differ from the organisation's (null: the
 * organisation's period). Contact details and local message copies have no survey and follow the organisation.
 */
export const privacySurveyRetention = pgTable(
  "privacy_survey_retention",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    surveyId: text("survey_id").notNull(),
    invitationMonths: integer("invitation_months"),
    respondentMonths: integer("respondent_months"),
    callbackMonths: integer("callback_months"),
    commentMonths: integer("comment_months"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.surveyId] }),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [survey.orgId, survey.id] }).onDelete(
      "cascade",
    ),
  ],
);
