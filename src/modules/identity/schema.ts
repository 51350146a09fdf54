import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organization } from "../../db/schema.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** An organisation's sign-in rules; no row means the defaults (two-factor sign-in not required). */
export const orgSecurity = pgTable("org_security", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  /** Members without two-factor sign-in are refused the organisation's API and screens until they enrol. */
  requireTwoFactor: boolean("require_two_factor").notNull().default(false),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  updatedBy: text("updated_by"),
});
