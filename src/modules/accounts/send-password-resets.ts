import { asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import { passwordResetRequest } from "../../db/schema.ts";

const CLAIM_MS = 5 * 60_000;
/** A request older than a reset link's life is dropped unsent: the person has long since asked again or given up. */
const STALE_MS = 24 * 60 * 60_000;

export interface SendPasswordResetsOptions {
  /** Requests handled in one run. */
  limit?: number;
  now?: Date;
}

const t = passwordResetRequest;

/**
 * Works off queued password-reset requests: better-auth looks the address up, stores a (hashed) token and
 * mails the link to an address with an account; nothing happens for any other address. Each request is
 * claimed by one run and deleted once handled, so running twice mails nothing twice.
 */
export async function sendPasswordResets(
  deps: Pick<AppDeps, "db" | "auth">,
  { limit = 50, now = new Date() }: SendPasswordResetsOptions = {},
) {
  await deps.db.delete(t).where(lt(t.createdAt, new Date(now.getTime() - STALE_MS)));
  const due = deps.db
    .select({ id: t.id })
    .from(t)
    .where(or(isNull(t.claimedUntil), lt(t.claimedUntil, now)))
    .orderBy(asc(t.createdAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await deps.db
    .update(t)
    .set({ claimedUntil: new Date(now.getTime() + CLAIM_MS) })
    .where(inArray(t.id, due))
    .returning({ id: t.id, email: t.email, redirectTo: t.redirectTo });
  let failed = 0;
  for (const r of claimed) {
    try {
      await deps.auth.api.requestPasswordReset({
        body: { email: r.email, redirectTo: r.redirectTo ?? undefined },
      });
      await deps.db.delete(t).where(eq(t.id, r.id));
    } catch {
      // Left claimed: the request is tried again when the claim lapses (e.g. the mail server was down).
      failed++;
    }
  }
  // The error names no address: logs carry no personal data.
  if (failed > 0)
    throw new Error(`${failed} of ${claimed.length} password-reset e-mails failed; retried later`);
  return { handled: claimed.length, more: claimed.length === limit };
}
