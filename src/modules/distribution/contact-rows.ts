import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { contact } from "../../db/schema.ts";
import { CopyLines, copyLine, copyRows } from "./copy-rows.ts";
import { insertJsonRows, jsonRows } from "./json-rows.ts";

/** A contact as stored. */
export type TContactRow = typeof contact.$inferSelect;

const CHUNK = 1000;

/** The contact columns written from memory (org_id and created_at only on insert). */
export const CONTACT_COLUMNS = {
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
const COLUMNS = CONTACT_COLUMNS;
/** The columns of a new contact. */
export const NEW_CONTACT_COLUMNS = { org_id: "text", ...COLUMNS, created_at: "timestamptz" } as const;

/** A contact as the JSON row the writers read with json_to_recordset (CONTACT_COLUMNS). */
export function contactJson(r: TContactRow) {
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

/** A new contact as the JSON row of NEW_CONTACT_COLUMNS. */
export function newContactJson(r: TContactRow) {
  return { ...contactJson(r), org_id: r.orgId, created_at: r.createdAt };
}

/** Inserts new contacts, one statement a thousand. */
export async function insertContacts(tx: Db, rows: TContactRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map(newContactJson);
    await insertJsonRows(tx, "contact", NEW_CONTACT_COLUMNS, chunk);
  }
}

const NEW_CONTACT_NAMES = Object.keys(NEW_CONTACT_COLUMNS) as (keyof typeof NEW_CONTACT_COLUMNS)[];

/** New contacts as COPY text (see CopyLines), a contact's line made when it is taken from the book. */
export function contactLines(rows: Iterable<TContactRow>): Buffer[] {
  const lines = new CopyLines();
  for (const row of rows) lines.add(copyLine(NEW_CONTACT_NAMES, newContactJson(row)));
  return lines.end();
}

/** insertContacts with one COPY (a mass mailing's batches: no JSON to build or parse). */
export async function copyContacts(tx: Db, rows: TContactRow[]): Promise<void> {
  await copyContactLines(tx, contactLines(rows));
}

/** Inserts new contacts from the COPY text of contactLines. */
export async function copyContactLines(tx: Db, text: Buffer[]): Promise<void> {
  await copyRows(tx, "contact", NEW_CONTACT_NAMES, text);
}

/** The SET list of an update of contacts (`c`) from JSON rows (`v`) of CONTACT_COLUMNS. */
export const CONTACT_UPDATE_SET = `email = v.email, name = v.name, phone = v.phone, locale = v.locale,
        external_id = v.external_id, opted_out_at = v.opted_out_at, email_invalid_at = v.email_invalid_at,
        email_invalid_reason = v.email_invalid_reason, last_surveyed_at = v.last_surveyed_at,
        updated_at = v.updated_at`;

/** Writes changed contacts back, one UPDATE … FROM json_to_recordset a thousand. */
export async function updateContacts(tx: Db, orgId: string, rows: TContactRow[]): Promise<void> {
  const now = new Date();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...contactJson(r), updated_at: now }));
    await tx.execute(sql`
      update contact as c set ${sql.raw(CONTACT_UPDATE_SET)}
      from ${jsonRows(COLUMNS, chunk)}
      where c.org_id = ${orgId} and c.id = v.id`);
  }
}
