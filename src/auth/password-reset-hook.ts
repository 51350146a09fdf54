import { APIError, createAuthMiddleware } from "better-auth/api";
import { z } from "zod";
import type { Db } from "../db/connect.ts";
import { queuePasswordReset } from "../modules/accounts/queue-password-reset.ts";

/** The body better-auth's own /request-password-reset accepts. */
const ZResetRequest = z.object({ email: z.email(), redirectTo: z.string().optional() });

/** better-auth's answer to every reset request, whatever the address. */
const ANSWER = {
  status: true,
  message: "If this email exists in our system, check your email for the reset link",
};

export interface PasswordResetHookOptions {
  db: Db;
  /** Called after a request is queued (wakes the background job). */
  onQueued?: () => void;
}

/**
 * A better-auth `before` hook that answers an HTTP password-reset request after queuing it, instead of
 * looking the address up, storing a token and sending mail while the client waits: that work took ~0.25 s
 * for a known address and ~0.05 s for an unknown one, which told an attacker who has an account. Rate
 * limits and the Origin check still run before it; the redirect target is checked here as better-auth's
 * endpoint would. The job calls the endpoint server-side (no request), which this hook lets through.
 */
export function passwordResetHook({ db, onQueued = () => {} }: PasswordResetHookOptions) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/request-password-reset" || !ctx.request) return;
    const parsed = ZResetRequest.safeParse(ctx.body);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `[body.${i.path.join(".")}] ${i.message}`).join("; ");
      throw new APIError("BAD_REQUEST", { message, code: "VALIDATION_ERROR" });
    }
    const { email, redirectTo } = parsed.data;
    if (redirectTo && !ctx.context.isTrustedOrigin(redirectTo, { allowRelativePaths: true }))
      throw new APIError("FORBIDDEN", { message: "Invalid redirectURL", code: "INVALID_REDIRECT_URL" });
    await queuePasswordReset(db, { email, redirectTo });
    onQueued();
    return ctx.json(ANSWER);
  });
}
