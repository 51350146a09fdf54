import { sql } from "drizzle-orm";
import {
  bigint,
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
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { TSurveyDefinition } from "../domain/survey-definition.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const created = () => tz("created_at").notNull().defaultNow();
const updated = () => tz("updated_at").notNull().defaultNow();

// ---- accounts (the shape better-auth expects; timestamps with zone) ----

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  locale: text("locale"),
  /** Set by better-auth's two-factor plugin once an authenticator app is confirmed. */
  twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: tz("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: created(),
    updatedAt: updated(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    activeOrganizationId: text("active_organization_id"),
    /** Set when the session came from an organisation's single sign-on: that organisation. */
    ssoOrgId: text("sso_org_id"),
    /** Whether that sign-on's provider asserted a multi-factor sign-in (amr or acr of the ID token). */
    ssoMfa: boolean("sso_mfa"),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: tz("access_token_expires_at"),
    refreshTokenExpiresAt: tz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

/** A user's authenticator-app secret and recovery codes (better-auth's two-factor plugin; both encrypted). */
export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    verified: boolean("verified").notNull().default(true),
    failedVerificationCount: integer("failed_verification_count").notNull().default(0),
    lockedUntil: tz("locked_until"),
    /** The last 30-second step a code was accepted for: a code of that step or an older one is a replay. */
    lastTotpStep: bigint("last_totp_step", { mode: "number" }),
  },
  (t) => [uniqueIndex("two_factor_user_uq").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: tz("expires_at").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

export const rateLimit = pgTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

/**
 * A password-reset request waiting for the background job. The HTTP answer only adds a row, for a known and an
 * unknown address alike, so its timing tells nothing; the job looks the address up and mails the link.
 */
export const passwordResetRequest = pgTable(
  "password_reset_request",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    redirectTo: text("redirect_to"),
    /** A run's claim lasts until then; a request left by a crashed run is taken up again after it. */
    claimedUntil: tz("claimed_until"),
    createdAt: created(),
  },
  (t) => [index("password_reset_request_created_idx").on(t.createdAt)],
);

/** A tenant. */
export const organization = pgTable("organization", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  logo: text("logo"),
  metadata: text("metadata"),
  timeZone: text("time_zone").notNull().default("Europe/Tallinn"),
  defaultLocale: text("default_locale").notNull().default("et"),
  /** Own names for promoters/passives/detractors per language (e.g. Positive/Neutral/Developing); cut-offs never change. */
  groupLabels:
    jsonb("group_labels").$type<Record<"promoter" | "passive" | "detractor", Record<string, string>>>(),
  /** Answers a report group needs before its figures are shown. */
  minSample: integer("min_sample").notNull().default(5),
  /** Organisation-wide contact rules (defaults apply where unset). */
  contactRules: jsonb("contact_rules").$type<TContactRules>(),
  /** Unguessable token of the praise-wall page for office screens; null = wall off. */
  praiseWallToken: text("praise_wall_token"),
  /** Whether the public NPS-and-praise widget may be embedded on the organisation's website. */
  publicWidget: boolean("public_widget").notNull().default(false),
  createdAt: created(),
});

export const member = pgTable(
  "member",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("member_org_user_uq").on(t.organizationId, t.userId),
    index("member_user_idx").on(t.userId),
  ],
);

export const invitation = pgTable(
  "invitation",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role"),
    status: text("status").notNull().default("pending"),
    expiresAt: tz("expires_at").notNull(),
    createdAt: created(),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("invitation_org_idx").on(t.organizationId, t.email)],
);

/** Organisation API keys: only a SHA-256 of the key is stored; the key is shown once. */
export const apiKey = pgTable(
  "api_key",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: text("created_by"),
    createdAt: created(),
    lastUsedAt: tz("last_used_at"),
    expiresAt: tz("expires_at"),
    revokedAt: tz("revoked_at"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("api_key_hash_uq").on(t.keyHash)],
);

// ---- catalogue ----

/** Names per language, e.g. { et: "Pension", en: "Pension" }. */
export type TNames = Record<string, string>;

export const department = pgTable(
  "department",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    parentId: text("parent_id"),
    name: text("name").notNull(),
    /** The organisation's own short code (e.g. "CS"), for files; unique per organisation without case. */
    code: text("code"),
    createdAt: created(),
    updatedAt: updated(),
    archivedAt: tz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
    uniqueIndex("department_org_code_uq").on(t.orgId, sql`lower(${t.code})`),
  ],
);

export const service = pgTable(
  "service",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    names: jsonb("names").$type<TNames>().notNull(),
    type: text("type").notNull(),
    audience: text("audience").notNull(),
    departmentId: text("department_id"),
    /** The organisation's own short code (e.g. "PAS"), for files; unique per organisation without case. */
    code: text("code"),
    createdAt: created(),
    updatedAt: updated(),
    archivedAt: tz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.departmentId], foreignColumns: [department.orgId, department.id] }),
    uniqueIndex("service_org_code_uq").on(t.orgId, sql`lower(${t.code})`),
  ],
);

export const employee = pgTable(
  "employee",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    departmentId: text("department_id"),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    /** The organisation's own code (e.g. a staff number), for files; unique per organisation without case. */
    code: text("code"),
    createdAt: created(),
    updatedAt: updated(),
    archivedAt: tz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.departmentId], foreignColumns: [department.orgId, department.id] }),
    uniqueIndex("employee_org_user_uq").on(t.orgId, t.userId),
    uniqueIndex("employee_org_code_uq").on(t.orgId, sql`lower(${t.code})`),
  ],
);

export const channel = pgTable(
  "channel",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    /** Built-in kind (face_to_face, phone, email, self_service, web, other) or null for an organisation's own. */
    kind: text("kind"),
    names: jsonb("names").$type<TNames>().notNull(),
    /** The organisation's own short code, for files; unique per organisation without case. */
    code: text("code"),
    createdAt: created(),
    updatedAt: updated(),
    archivedAt: tz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("channel_org_kind_uq").on(t.orgId, t.kind),
    uniqueIndex("channel_org_code_uq").on(t.orgId, sql`lower(${t.code})`),
  ],
);

// ---- mail and audit ----

/** Messages kept locally when no SMTP server is configured (and a copy of every message otherwise). */
export const outbox = pgTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").references(() => organization.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    kind: text("kind").notNull(),
    sentVia: text("sent_via").notNull(),
    createdAt: created(),
  },
  (t) => [index("outbox_org_idx").on(t.orgId, t.createdAt)],
);

/** Who did what, append-only (a trigger refuses UPDATE and DELETE); never personal data beyond ids. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text("org_id").references(() => organization.id, { onDelete: "cascade" }),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    /** What was done, in ids, counts and codes (filters, row counts, settings changed); never personal data. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: tz("at").notNull().default(sql`now()`),
  },
  (t) => [index("audit_org_idx").on(t.orgId, t.at), index("audit_org_id_idx").on(t.orgId, t.id)],
);

// ---- surveys and answers ----

export const survey = pgTable(
  "survey",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** transactional | relationship | website */
    kind: text("kind").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    /** Overrides of the organisation's contact rules for this survey. */
    contactRules: jsonb("contact_rules").$type<TContactRules>(),
    createdAt: created(),
    updatedAt: updated(),
    archivedAt: tz("archived_at"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("survey_org_slug_uq").on(t.orgId, t.slug)],
);

export const surveyVersion = pgTable(
  "survey_version",
  {
    orgId: text("org_id").notNull(),
    surveyId: text("survey_id").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<TSurveyDefinition>().notNull(),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.surveyId, t.version] }),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [survey.orgId, survey.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** Tags copied onto invitations and answers, so reports never depend on later edits. */
const tagColumns = () => ({
  serviceId: text("service_id"),
  departmentId: text("department_id"),
  employeeId: text("employee_id"),
  channelId: text("channel_id"),
  /** external | internal | partner */
  audience: text("audience"),
});

/** A survey invitation for one person and one service contact; the link token is stored hashed. */
export const surveyInvitation = pgTable(
  "survey_invitation",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    surveyId: text("survey_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    locale: text("locale").notNull(),
    ...tagColumns(),
    contactId: text("contact_id"),
    /** scheduled | sending | sent | answered | expired | skipped | failed | dead */
    state: text("state").notNull(),
    reason: text("reason"),
    occurredAt: tz("occurred_at"),
    scheduledAt: tz("scheduled_at"),
    sentAt: tz("sent_at"),
    answeredAt: tz("answered_at"),
    expiresAt: tz("expires_at"),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("survey_invitation_token_uq").on(t.tokenHash),
    index("survey_invitation_org_state_idx").on(t.orgId, t.state, t.scheduledAt),
    // Reports count sent invitations by send date; the raw part of a range that cuts months reads by it.
    index("survey_invitation_org_sent_idx").on(t.orgId, t.sentAt),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [survey.orgId, survey.id] }),
  ],
);

/** One answer to a survey (recommendation score, satisfaction score, comment, further answers). */
export const response = pgTable(
  "response",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    surveyId: text("survey_id").notNull(),
    surveyVersion: integer("survey_version").notNull(),
    invitationId: text("invitation_id"),
    score: integer("score").notNull(),
    satisfaction: integer("satisfaction"),
    comment: text("comment"),
    answers: jsonb("answers").$type<Record<string, string | string[] | number>>().notNull().default({}),
    locale: text("locale").notNull(),
    ...tagColumns(),
    /** email | website | import | api */
    source: text("source").notNull(),
    externalId: text("external_id"),
    respondentName: text("respondent_name"),
    respondentEmail: text("respondent_email"),
    receivedAt: tz("received_at").notNull().defaultNow(),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("response_invitation_uq").on(t.orgId, t.invitationId),
    uniqueIndex("response_external_uq").on(t.orgId, t.externalId),
    index("response_org_received_idx").on(t.orgId, t.receivedAt),
    index("response_org_survey_received_idx").on(t.orgId, t.surveyId, t.receivedAt),
    foreignKey({
      columns: [t.orgId, t.surveyId, t.surveyVersion],
      foreignColumns: [surveyVersion.orgId, surveyVersion.surveyId, surveyVersion.version],
    }),
  ],
);

// ---- distribution: contacts, contact rules, webhooks ----

/** Contact rules of an organisation, overridable per survey (see src/domain/contact-rules.ts). */
export interface TContactRules {
  delayWorkingDays?: number;
  window?: { start: string; end: string; days: number[] };
  blackouts?: { from: string; to: string; name?: string }[];
  quarantineDays?: number;
  expiryDays?: number;
  reminderAfterDays?: number | null;
}

/** A person who may be surveyed. Personal data: erasable per person, never logged. */
export const contact = pgTable(
  "contact",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    email: text("email"),
    phone: text("phone"),
    name: text("name"),
    locale: text("locale"),
    externalId: text("external_id"),
    optedOutAt: tz("opted_out_at"),
    emailInvalidAt: tz("email_invalid_at"),
    emailInvalidReason: text("email_invalid_reason"),
    lastSurveyedAt: tz("last_surveyed_at"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("contact_org_external_uq").on(t.orgId, t.externalId),
    uniqueIndex("contact_org_email_uq").on(t.orgId, t.email),
  ],
);

/** Delivery bookkeeping of survey invitations (one row per invitation; kept apart from the answer path). */
export const invitationDelivery = pgTable(
  "invitation_delivery",
  {
    orgId: text("org_id").notNull(),
    invitationId: text("invitation_id").notNull(),
    /** api | bulk | manual */
    source: text("source").notNull(),
    idempotencyKey: text("idempotency_key"),
    bulkId: text("bulk_id"),
    messageId: text("message_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: tz("next_attempt_at"),
    reminderDueAt: tz("reminder_due_at"),
    reminderSentAt: tz("reminder_sent_at"),
    updatedAt: updated(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.invitationId] }),
    uniqueIndex("invitation_delivery_idem_uq").on(t.orgId, t.idempotencyKey),
    foreignKey({
      columns: [t.orgId, t.invitationId],
      foreignColumns: [surveyInvitation.orgId, surveyInvitation.id],
    }).onDelete("cascade"),
  ],
);

export const webhookEndpoint = pgTable(
  "webhook_endpoint",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    secret: text("secret").notNull(),
    createdAt: created(),
    archivedAt: tz("archived_at"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const webhookDelivery = pgTable(
  "webhook_delivery",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    /** pending | delivered | failed | dead */
    state: text("state").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    nextAttemptAt: tz("next_attempt_at"),
    deliveredAt: tz("delivered_at"),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("webhook_delivery_state_idx").on(t.state, t.nextAttemptAt),
    foreignKey({
      columns: [t.orgId, t.endpointId],
      foreignColumns: [webhookEndpoint.orgId, webhookEndpoint.id],
    }).onDelete("cascade"),
  ],
);

// ---- insights: praise, benchmark, report subscriptions ----

/** A staff mark on an answer's comment: praise of an employee or a service, shown on the praise wall once approved. */
export const praise = pgTable(
  "praise",
  {
    orgId: text("org_id").notNull(),
    responseId: text("response_id").notNull(),
    /** employee | service */
    target: text("target").notNull(),
    employeeId: text("employee_id"),
    serviceId: text("service_id"),
    /** The comment as approved for display, with anything identifying the respondent removed. */
    text: text("text").notNull(),
    approvedAt: tz("approved_at"),
    markedBy: text("marked_by"),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.responseId] }),
    foreignKey({ columns: [t.orgId, t.responseId], foreignColumns: [response.orgId, response.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** A group of organisations that compare their figures (e.g. "Estonian public sector"). */
export const benchmarkNetwork = pgTable("benchmark_network", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: created(),
});

export const benchmarkMember = pgTable(
  "benchmark_member",
  {
    networkId: text("network_id")
      .notNull()
      .references(() => benchmarkNetwork.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    joinedAt: tz("joined_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.orgId] }), index("benchmark_member_org_idx").on(t.orgId)],
);

/** Users who receive the monthly PDF report by e-mail. */
export const reportSubscription = pgTable(
  "report_subscription",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    locale: text("locale").notNull().default("et"),
    lastSentMonth: text("last_sent_month"),
    /** The month a run has taken on and when: of several processes, one sends each report. */
    claimedMonth: text("claimed_month"),
    claimedAt: tz("claimed_at"),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

// ---- insights: rollups (maintained by triggers on response and survey_invitation, see docs/insights.md) ----

/** Per-cell counts: r0..r10 answers per recommendation score, s0..s10 per satisfaction score, and invitation figures. */
const rollupCounts = () => ({
  r0: integer("r0").notNull().default(0),
  r1: integer("r1").notNull().default(0),
  r2: integer("r2").notNull().default(0),
  r3: integer("r3").notNull().default(0),
  r4: integer("r4").notNull().default(0),
  r5: integer("r5").notNull().default(0),
  r6: integer("r6").notNull().default(0),
  r7: integer("r7").notNull().default(0),
  r8: integer("r8").notNull().default(0),
  r9: integer("r9").notNull().default(0),
  r10: integer("r10").notNull().default(0),
  s0: integer("s0").notNull().default(0),
  s1: integer("s1").notNull().default(0),
  s2: integer("s2").notNull().default(0),
  s3: integer("s3").notNull().default(0),
  s4: integer("s4").notNull().default(0),
  s5: integer("s5").notNull().default(0),
  s6: integer("s6").notNull().default(0),
  s7: integer("s7").notNull().default(0),
  s8: integer("s8").notNull().default(0),
  s9: integer("s9").notNull().default(0),
  s10: integer("s10").notNull().default(0),
  /** Answers given through an invitation (the numerator of the response rate). */
  invitedAnswers: integer("invited_answers").notNull().default(0),
  /** Invitations whose sent_at falls in the cell. */
  invitationsSent: integer("invitations_sent").notNull().default(0),
});

/**
 * Fine dimensions by month (in the organisation's time zone). A null dimension is a value of its own (no service,
 * no employee…), so the cell key is unique with NULLS NOT DISTINCT.
 */
export const rollupMonth = pgTable(
  "rollup_month",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    surveyId: text("survey_id").notNull(),
    serviceId: text("service_id"),
    departmentId: text("department_id"),
    employeeId: text("employee_id"),
    channelId: text("channel_id"),
    audience: text("audience"),
    locale: text("locale").notNull(),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_month_cell_uq")
      .on(
        t.orgId,
        t.month,
        t.surveyId,
        t.serviceId,
        t.departmentId,
        t.employeeId,
        t.channelId,
        t.audience,
        t.locale,
      )
      .nullsNotDistinct(),
  ],
);

/** Coarse dimensions by month: whole-month reports without department, employee or language, and benchmarks. */
export const rollupMonthCoarse = pgTable(
  "rollup_month_coarse",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    surveyId: text("survey_id").notNull(),
    serviceId: text("service_id"),
    channelId: text("channel_id"),
    audience: text("audience"),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_month_coarse_cell_uq")
      .on(t.orgId, t.month, t.surveyId, t.serviceId, t.channelId, t.audience)
      .nullsNotDistinct(),
  ],
);

/** Coarse dimensions by day (in the organisation's time zone): date ranges, weeks and days. */
export const rollupDay = pgTable(
  "rollup_day",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    surveyId: text("survey_id").notNull(),
    serviceId: text("service_id"),
    channelId: text("channel_id"),
    audience: text("audience"),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_day_cell_uq")
      .on(t.orgId, t.day, t.surveyId, t.serviceId, t.channelId, t.audience)
      .nullsNotDistinct(),
  ],
);

/**
 * Answers by month, service and audience only (decision 032): whole-month reports by month, service, service type or
 * audience without other filters, and the benchmark networks. Its size grows with services × months, not with the
 * answers.
 */
export const rollupMonthService = pgTable(
  "rollup_month_service",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    serviceId: text("service_id"),
    audience: text("audience"),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_month_service_cell_uq").on(t.orgId, t.month, t.serviceId, t.audience).nullsNotDistinct(),
  ],
);

/**
 * Answers by month, service type and audience (decision 046): the benchmark networks. The type and audience are the
 * service's as they are now (the answer's own audience first), so changing a service's type or audience recounts
 * the organisation's cells from `rollup_month_service` (a trigger on `service`). At most a few cells per month.
 */
export const rollupMonthServiceType = pgTable(
  "rollup_month_service_type",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    serviceType: text("service_type"),
    serviceAudience: text("service_audience"),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_month_service_type_cell_uq")
      .on(t.orgId, t.month, t.serviceType, t.serviceAudience)
      .nullsNotDistinct(),
  ],
);

/**
 * Answers by month, department and employee only (decision 032): reports by employee or department, and every
 * report of a manager or an agent limited to their departments or themselves, with no other filter.
 */
export const rollupMonthEmployee = pgTable(
  "rollup_month_employee",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    departmentId: text("department_id"),
    employeeId: text("employee_id"),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_month_employee_cell_uq")
      .on(t.orgId, t.month, t.departmentId, t.employeeId)
      .nullsNotDistinct(),
  ],
);

/** The same by day: the partial months at the ends of a range, weeks and days by employee or department. */
export const rollupDayEmployee = pgTable(
  "rollup_day_employee",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    departmentId: text("department_id"),
    employeeId: text("employee_id"),
    ...rollupCounts(),
  },
  (t) => [
    unique("rollup_day_employee_cell_uq").on(t.orgId, t.day, t.departmentId, t.employeeId).nullsNotDistinct(),
  ],
);

/**
 * Changes not yet folded into the rollups: one signed row per answer or sent invitation added, removed or moved
 * by a write (the triggers append them; the writer touches no shared row). The fold job moves them into the
 * rollups in batches; report queries add the rows still here, so figures are exact (decision 014). No foreign
 * key: a row of a deleted organisation joins nothing and is dropped by the next fold.
 */
export const rollupDelta = pgTable(
  "rollup_delta",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text("org_id").notNull(),
    at: tz("at").notNull(),
    surveyId: text("survey_id").notNull(),
    serviceId: text("service_id"),
    departmentId: text("department_id"),
    employeeId: text("employee_id"),
    channelId: text("channel_id"),
    audience: text("audience"),
    locale: text("locale").notNull(),
    score: integer("score"),
    satisfaction: integer("satisfaction"),
    invited: boolean("invited").notNull(),
    sent: boolean("sent").notNull(),
    sign: integer("sign").notNull(),
  },
  (t) => [index("rollup_delta_org_idx").on(t.orgId)],
);
