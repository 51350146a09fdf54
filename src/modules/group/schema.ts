import { sql } from "drizzle-orm";
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organization } from "../../db/schema.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** States of a link between a parent body and an agency. */
export const GROUP_LINK_STATES = ["pending", "active", "declined", "ended"] as const;
export type TGroupLinkState = (typeof GROUP_LINK_STATES)[number];

/**
 * A parent body's (ministry's) link to one agency, owned by the parent (`org_id`). It is requested by the parent,
 * becomes active only when the agency accepts, and either side can end it; rows are never deleted (history).
 */
export const groupLink = pgTable(
  "group_link",
  {
    /** The parent body (ministry). */
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    /** The agency overseen. */
    agencyOrgId: text("agency_org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    /** pending | active | declined | ended */
    state: text("state").notNull().default("pending"),
    requestedBy: text("requested_by"),
    requestedAt: tz("requested_at").notNull().defaultNow(),
    /** Who accepted or declined (a user of the agency). */
    respondedBy: text("responded_by"),
    respondedAt: tz("responded_at"),
    /** parent | agency: which side ended the link. */
    endedBySide: text("ended_by_side"),
    endedBy: text("ended_by"),
    endedAt: tz("ended_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // At most one open (pending or active) link per pair; declined and ended ones stay as history.
    uniqueIndex("group_link_open_uq").on(t.orgId, t.agencyOrgId).where(sql`state in ('pending', 'active')`),
    index("group_link_agency_idx").on(t.agencyOrgId),
  ],
);
