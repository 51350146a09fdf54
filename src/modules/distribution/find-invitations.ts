import { desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { contact, invitationDelivery, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { invitationVisibility } from "./invitation-visibility.ts";

export interface InvitationFilters {
  surveyId?: string;
  state?: string;
  reason?: string;
  bulkId?: string;
  /** Period of the service contact (or of the invitation's creation when it has no contact time). */
  from?: Date;
  to?: Date;
}

export interface FindInvitationsOptions extends InvitationFilters {
  cursor?: string;
  limit?: number;
}

const i = surveyInvitation;
/** The instant a period filter applies to. */
export const invitationInstant = sql`coalesce(${i.occurredAt}, ${i.createdAt})`;
const createdMs = sql`date_trunc('milliseconds', ${i.createdAt})`;

/** Conditions shared by the list and the summary. */
export function invitationConditions(f: InvitationFilters): (SQL | undefined)[] {
  return [
    f.surveyId ? eq(i.surveyId, f.surveyId) : undefined,
    f.state ? eq(i.state, f.state) : undefined,
    f.reason ? eq(i.reason, f.reason) : undefined,
    f.bulkId ? eq(invitationDelivery.bulkId, f.bulkId) : undefined,
    f.from ? gte(invitationInstant, f.from) : undefined,
    f.to ? lt(invitationInstant, f.to) : undefined,
  ];
}

const columns = {
  id: i.id,
  surveyId: i.surveyId,
  state: i.state,
  reason: i.reason,
  locale: i.locale,
  serviceId: i.serviceId,
  departmentId: i.departmentId,
  employeeId: i.employeeId,
  channelId: i.channelId,
  audience: i.audience,
  contactId: i.contactId,
  occurredAt: i.occurredAt,
  scheduledAt: i.scheduledAt,
  sentAt: i.sentAt,
  answeredAt: i.answeredAt,
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
  source: invitationDelivery.source,
  bulkId: invitationDelivery.bulkId,
  attempts: invitationDelivery.attempts,
  lastError: invitationDelivery.lastError,
  contactEmail: contact.email,
  contactName: contact.name,
};

function query(db: Db) {
  return db
    .select(columns)
    .from(i)
    .leftJoin(
      invitationDelivery,
      inOrg(invitationDelivery, i.orgId, eq(invitationDelivery.invitationId, i.id)),
    )
    .leftJoin(contact, inOrg(contact, i.orgId, eq(contact.id, i.contactId)));
}

type TRow = Awaited<ReturnType<ReturnType<typeof query>["execute"]>>[number];

/** Contact details only for those who may read contacts (owner, admin, analyst; keys with contacts:read). */
function present(actor: TActor, row: TRow) {
  const identity = can(actor, "contacts:read");
  return {
    ...row,
    source: row.source ?? null,
    attempts: row.attempts ?? 0,
    contactEmail: identity ? row.contactEmail : null,
    contactName: identity ? row.contactName : null,
    // A refused address is contact data too.
    lastError: identity || row.reason !== "invalid_address" ? row.lastError : null,
  };
}

/** A page of the survey invitations the actor may see, newest first: who was or was not invited, when, and why not. */
export async function findInvitations(
  db: Db,
  actor: TActor,
  { cursor, limit = 50, ...f }: FindInvitationsOptions,
) {
  const conds = [...invitationConditions(f), await invitationVisibility(db, actor, "rows")];
  if (cursor) {
    const [at, id] = decodeCursor(cursor);
    conds.push(sql`(${createdMs}, ${i.id}) < (${at.toISOString()}::timestamptz, ${id})`);
  }
  const rows = await query(db)
    .where(inOrg(i, actor.orgId, ...conds))
    .orderBy(desc(createdMs), desc(i.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => present(actor, r)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** One survey invitation of the organisation that the actor may see, else NOT_FOUND. */
export async function getInvitation(db: Db, actor: TActor, id: string) {
  const [row] = await query(db).where(
    inOrg(i, actor.orgId, eq(i.id, id), await invitationVisibility(db, actor, "rows")),
  );
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.invitation.surveyNotFound" } });
  return present(actor, row);
}
