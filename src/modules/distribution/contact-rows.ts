import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { contact } from "../../db/schema.ts";
import { insertJsonRows, jsonRows } from "./json-rows.ts";

/** A contact as stored. */
export type TContactRow = typeof contact.$inferSelect;

const CHUNK = 1000;

/** The contact columns written from memory (org_id and created_at only on insert). */
const COLUMNS = {
  id: "text",
  email: "text",
  name: "text",
  phone: "text",
  locale: "text",
  external_id: "text",
  opted_out_at: "timestamptz",
  email_invalid_at: "timestamptz",
  email_invalid_reason: "text",
  last_surveyed_at: "timestamptz",
  updated_at: "timestamptz",
} as const;

function toJson(r: TContactRow) {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    phone: r.phone,
    locale: r.locale,
    external_id: r.externalId,
    opted_out_at: r.optedOutAt,
    email_invalid_at: r.emailInvalidAt,
    email_invalid_reason: r.emailInvalidReason,
    last_surveyed_at: r.lastSurveyedAt,
    updated_at: r.updatedAt,
  };
}

/** Inserts new contacts, one statement a thousand. */
export async function insertContacts(tx: Db, rows: TContactRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows
      .slice(i, i + CHUNK)
      .map((r) => ({ ...toJson(r), org_id: r.orgId, created_at: r.createdAt }));
    await insertJsonRows(tx, "contact", { org_id: "text", ...COLUMNS, created_at: "timestamptz" }, chunk);
  }
}

/** Writes changed contacts back, one UPDATE … FROM json_to_recordset a thousand. */
export async function updateContacts(tx: Db, orgId: string, rows: TContactRow[]): Promise<void> {
  const now = new Date();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...toJson(r), updated_at: now }));
    await tx.execute(sql`
      update contact as c set email = v.email, name = v.name, phone = v.phone, locale = v.locale,
        external_id = v.external_id, opted_out_at = v.opted_out_at, email_invalid_at = v.email_invalid_at,
        email_invalid_reason = v.email_invalid_reason, last_surveyed_at = v.last_surveyed_at,
        updated_at = v.updated_at
      from ${jsonRows(COLUMNS, chunk)}
      where c.org_id = ${orgId} and c.id = v.id`);
  }
}
