import { createAuthMiddleware } from "better-auth/api";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { member, user } from "../../db/schema.ts";
import { recordAudit } from "./record-audit.ts";

const ZEmailBody = z.object({ email: z.string() });

/** Paths whose success creates a session: passwords, single sign-on callbacks, second factors. */
const SIGN_IN_PATH = /^\/(sign-in|callback|oauth2|sso|two-factor)\b/;

async function membershipsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ orgId: member.organizationId })
    .from(member)
    .where(eq(member.userId, userId));
  return rows.map((r) => r.orgId);
}

async function userIdByEmail(db: Db, email: string): Promise<string | null> {
  const [row] = await db.select({ id: user.id }).from(user).where(eq(user.email, email.trim().toLowerCase()));
  return row?.id ?? null;
}

async function auditInEveryOrg(
  db: Db,
  userId: string,
  action: "auth.sign_in" | "auth.sign_in_failed",
  path: string,
) {
  for (const orgId of await membershipsOf(db, userId)) {
    await recordAudit(db, {
      orgId,
      actor: { type: "user", id: userId },
      action,
      target: { type: "user", id: userId },
      details: { method: path },
    });
  }
}

/**
 * A better-auth `after` hook: a new session is a sign-in, a refused e-mail sign-in is a failed one. Each is
 * written to the audit log of every organisation the person belongs to (the log is kept per organisation);
 * an attempt with an address nobody has belongs to no organisation and is left to the rate limit.
 */
export function signInAuditHook({ db }: { db: Db }) {
  return createAuthMiddleware(async (ctx) => {
    if (!SIGN_IN_PATH.test(ctx.path)) return;
    const session = ctx.context.newSession;
    if (session) {
      await auditInEveryOrg(db, session.user.id, "auth.sign_in", ctx.path);
      return;
    }
    if (ctx.path !== "/sign-in/email") return;
    const body = ZEmailBody.safeParse(ctx.body);
    const userId = body.success ? await userIdByEmail(db, body.data.email) : null;
    if (userId) await auditInEveryOrg(db, userId, "auth.sign_in_failed", ctx.path);
  });
}
