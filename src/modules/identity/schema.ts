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

/**
 * An organisation's single sign-on through its OpenID Connect provider. The client secret is stored encrypted
 * with the server secret (better-auth's `symmetricEncrypt`) and never returned by the API.
 */
export const orgSso = pgTable("org_sso", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(true),
  /** The provider's issuer URL; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretEncrypted: text("client_secret_encrypted").notNull(),
  /** Whether a person the provider vouches for but who is not a member yet joins on their first sign-in. */
  jitEnabled: boolean("jit_enabled").notNull().default(false),
  /** The role such a person joins with. */
  jitRole: text("jit_role").notNull().default("viewer"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  updatedBy: text("updated_by"),
});
