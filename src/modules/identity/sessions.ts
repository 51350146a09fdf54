import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { member, session } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";

/** The user's unexpired sessions, newest first; `current` marks the one asking. */
export async function findMySessions(db: Db, userId: string, currentSessionId: string) {
  const rows = await db
    .select({
      id: session.id,
      userAgent: session.userAgent,
      ipAddress: session.ipAddress,
      createdAt: session.createdAt,
      lastUsedAt: session.updatedAt,
      expiresAt: session.expiresAt,
    })
    .from(session)
    .where(and(eq(session.userId, userId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.updatedAt));
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

/** Ends one of the user's own sessions (signs that browser out); NOT_FOUND for anyone else's. */
export async function endMySession(db: Db, userId: string, sessionId: string) {
  const ended = await db
    .delete(session)
    .where(and(eq(session.id, sessionId), eq(session.userId, userId)))
    .returning({ id: session.id });
  if (ended.length === 0) throw new AppError("NOT_FOUND", { message: { key: "problem.session.notFound" } });
}

/** Ends every session of the user except the one asking; returns how many were ended. */
export async function endMyOtherSessions(db: Db, userId: string, currentSessionId: string) {
  const ended = await db
    .delete(session)
    .where(and(eq(session.userId, userId), ne(session.id, currentSessionId)))
    .returning({ id: session.id });
  return { ended: ended.length };
}

/**
 * Ends every session of a member of the organisation (a lost laptop, someone leaving). Sessions belong to the
 * person, not the organisation, so this signs them out everywhere. NOT_FOUND for a member of another organisation.
 */
export async function endMemberSessions(db: Db, orgId: string, memberId: string) {
  const [m] = await db
    .select({ userId: member.userId })
    .from(member)
    .where(and(eq(member.id, memberId), eq(member.organizationId, orgId)));
  if (!m) throw new AppError("NOT_FOUND", { message: { key: "problem.member.notFoundInOrg" } });
  const ended = await db.delete(session).where(eq(session.userId, m.userId)).returning({ id: session.id });
  return { ended: ended.length };
}
