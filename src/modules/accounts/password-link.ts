import { randomBytes } from "node:crypto";
import type { AppDeps } from "../../context.ts";

const LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** A one-time link (24 h) with which a user sets their password and then signs in; nothing permanent is printed. */
export async function issuePasswordLink(
  deps: Pick<AppDeps, "auth" | "config">,
  userId: string,
): Promise<string> {
  const ctx = await deps.auth.$context;
  const token = randomBytes(24).toString("base64url");
  // Same verification record better-auth's own password-reset endpoint writes and consumes (stored hashed).
  await ctx.internalAdapter.createVerificationValue({
    identifier: `reset-password:${token}`,
    value: userId,
    expiresAt: new Date(Date.now() + LINK_TTL_MS),
  });
  return `${deps.config.publicUrl}/app/reset-password?token=${encodeURIComponent(token)}`;
}
