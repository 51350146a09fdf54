import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { organization } from "../../db/schema.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** SKA's targets, overridable per organisation. */
export interface TKpiTargets {
  /** % answered within the threshold, ≥. */
  serviceLevel: number;
  /** % answered of offered, ≥. */
  answerRate: number;
  /** % resolved at the first contact, ≥. */
  firstContactResolution: number;
  /** Average wait at a service office in minutes, ≤. */
  officeWaitMinutes: number;
  /** % of written replies on time, ≥. */
  repliesOnTime: number;
}

/** A queue of the phone or chat system, or a service office's ticket queue. */
export const kpiQueue = pgTable(
  "kpi_queue",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    /** The queue's id in the source system (also used in uploads). */
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** call | chat | office_visit */
    kind: text("kind").notNull(),
    archivedAt: tz("archived_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** An organisation's KPI settings; a missing row means the defaults (the secret is made on first intake). */
export const kpiSettings = pgTable("kpi_settings", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  /** Key of the caller-reference HMAC (hex); never leaves the database. */
  callerSecret: text("caller_secret").notNull(),
  serviceLevelSeconds: integer("service_level_seconds").notNull().default(20),
  shortAbandonSeconds: integer("short_abandon_seconds").notNull().default(5),
  fcrWindowDays: integer("fcr_window_days").notNull().default(7),
  retentionMonths: integer("retention_months").notNull().default(6),
  targets: jsonb("targets").$type<TKpiTargets>(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/**
 * One contact from a phone, chat or office-ticket system. `fcrOutcome` is what the rollups count: the source's
 * flag when given, else derived from the caller hash (false once the same caller contacts the same service again
 * within the window), else null (not measured).
 */
export const contactRecord = pgTable(
  "contact_record",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    sourceId: text("source_id").notNull(),
    /** call | chat | office_visit */
    kind: text("kind").notNull(),
    queueId: text("queue_id").notNull(),
    arrivedAt: tz("arrived_at").notNull(),
    answeredAt: tz("answered_at"),
    abandonedAt: tz("abandoned_at"),
    endedAt: tz("ended_at"),
    employeeId: text("employee_id"),
    serviceId: text("service_id"),
    /** The employee's department (else the service's) when the record was taken in. */
    departmentId: text("department_id"),
    fcrFlag: boolean("fcr_flag"),
    fcrOutcome: boolean("fcr_outcome"),
    /** HMAC-SHA256 of the caller reference with the organisation's secret; removed after the retention period. */
    callerHash: text("caller_hash"),
    recordingRef: text("recording_ref"),
    /** Hash of the record as sent, to tell a repeated delivery from a different record under the same id. */
    contentHash: text("content_hash").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("contact_record_source_uq").on(t.orgId, t.sourceId),
    index("contact_record_arrived_idx").on(t.orgId, t.arrivedAt),
    index("contact_record_caller_idx")
      .on(t.orgId, t.callerHash, t.serviceId, t.arrivedAt)
      .where(sql`caller_hash is not null`),
  ],
);

/** Upper bounds (seconds, inclusive) of the waiting-time histogram buckets; the last bucket ends at 24 h. */
export const WAIT_BUCKETS = [
  10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 86_400,
] as const;

/** The counts of one rollup cell; every KPI follows from them (docs/kpi.md). */
export const KPI_COUNT_COLUMNS = [
  "offered",
  "answered",
  "abandoned",
  "short_abandoned",
  "answered_within",
  "answer_wait_ms",
  "wait_ms",
  "fcr_measured",
  "fcr_resolved",
  ...WAIT_BUCKETS.map((_, i) => `w${i}`),
] as const;

/** Sums of waiting times in milliseconds: a year of a large contact centre passes 2^31. */
const SUM_COLUMNS = new Set(["answer_wait_ms", "wait_ms"]);

function kpiCounts() {
  return Object.fromEntries(
    KPI_COUNT_COLUMNS.map((c) => [
      c,
      SUM_COLUMNS.has(c)
        ? bigint(c, { mode: "number" }).notNull().default(0)
        : integer(c).notNull().default(0),
    ]),
  ) as Record<(typeof KPI_COUNT_COLUMNS)[number], ReturnType<typeof integer>>;
}

/** Contacts by day (organisation's time zone) and every dimension: days, weeks, employees. */
export const kpiRollupDay = pgTable(
  "kpi_rollup_day",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    queueId: text("queue_id").notNull(),
    serviceId: text("service_id"),
    departmentId: text("department_id"),
    employeeId: text("employee_id"),
    ...kpiCounts(),
  },
  (t) => [
    unique("kpi_rollup_day_cell_uq")
      .on(t.orgId, t.day, t.kind, t.queueId, t.serviceId, t.departmentId, t.employeeId)
      .nullsNotDistinct(),
  ],
);

/** Contacts by month without the employee: the common month × queue/service/department reports. */
export const kpiRollupMonth = pgTable(
  "kpi_rollup_month",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    queueId: text("queue_id").notNull(),
    serviceId: text("service_id"),
    departmentId: text("department_id"),
    ...kpiCounts(),
  },
  (t) => [
    unique("kpi_rollup_month_cell_uq")
      .on(t.orgId, t.month, t.kind, t.queueId, t.serviceId, t.departmentId)
      .nullsNotDistinct(),
  ],
);

/** A letter or request for information with its reply deadline (Estonian calendar, organisation's time zone). */
export const writtenRequest = pgTable(
  "written_request",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    /** The registry number or other reference of the request. */
    reference: text("reference").notNull(),
    kind: text("kind").$type<"letter" | "information_request" | "custom">().notNull(),
    /** Calendar days of a custom deadline. */
    deadlineDays: integer("deadline_days"),
    receivedAt: tz("received_at").notNull(),
    /** The last civil day on which a reply is on time. */
    deadline: date("deadline", { mode: "string" }).notNull(),
    repliedAt: tz("replied_at"),
    employeeId: text("employee_id"),
    serviceId: text("service_id"),
    /** The working day before the deadline, when the responsible employee is reminded. */
    remindOn: date("remind_on", { mode: "string" }).notNull(),
    /** Claimed by one reminder-job process (a lease), then marked sent: at most one e-mail per request. */
    reminderClaimedAt: tz("reminder_claimed_at"),
    remindedAt: tz("reminded_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("written_request_deadline_idx").on(t.orgId, t.deadline),
  ],
);
