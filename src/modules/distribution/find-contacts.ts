import { desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

/** What the API shows of a contact. */
export const contactColumns = {
  id: contact.id,
  email: contact.email,
  name: contact.name,
  phone: contact.phone,
  locale: contact.locale,
  externalId: contact.externalId,
  optedOutAt: contact.optedOutAt,
  emailInvalidAt: contact.emailInvalidAt,
  emailInvalidReason: contact.emailInvalidReason,
  lastSurveyedAt: contact.lastSurveyedAt,
  createdAt: contact.createdAt,
  updatedAt: contact.updatedAt,
};

export interface FindContactsOptions {
  /** Part of the e-mail, name or external id. */
  q?: string;
  email?: string;
  externalId?: string;
  cursor?: string;
  limit?: number;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of the organisation's contacts, newest first. */
export async function findContacts(db: Db, orgId: string, { limit = 50, ...f }: FindContactsOptions) {
  const conds: (SQL | undefined)[] = [
    f.email ? eq(contact.email, f.email.trim().toLowerCase()) : undefined,
    f.externalId ? eq(contact.externalId, f.externalId) : undefined,
    f.q
      ? or(
          ilike(contact.email, likePattern(f.q)),
          ilike(contact.name, likePattern(f.q)),
          ilike(contact.externalId, likePattern(f.q)),
        )
      : undefined,
  ];
  // PostgreSQL keeps microseconds, JavaScript milliseconds: page on the instant cut to milliseconds.
  const at = sql`date_trunc('milliseconds', ${contact.createdAt})`;
  if (f.cursor) {
    const [after, id] = decodeCursor(f.cursor);
    conds.push(sql`(${at}, ${contact.id}) < (${after.toISOString()}::timestamptz, ${id})`);
  }
  const rows = await db
    .select(contactColumns)
    .from(contact)
    .where(inOrg(contact, orgId, ...conds))
    .orderBy(desc(at), desc(contact.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** One contact of the organisation, else NOT_FOUND. */
export async function getContact(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select(contactColumns)
    .from(contact)
    .where(inOrg(contact, orgId, eq(contact.id, id)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.contact.notFound" } });
  return row;
}
