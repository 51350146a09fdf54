import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { symmetricDecrypt } from "better-auth/crypto";
import { twoFactor as twoFactorPlugin } from "better-auth/plugins";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { twoFactor } from "../db/schema.ts";
import { matchTotpStep } from "./totp.ts";

/** Problem code better-auth's bridge passes on when a code of an already used time step comes again. */
export const TOTP_REPLAYED = "TOTP_ALREADY_USED";

/**
 * Two-factor sign-in: better-auth's plugin (authenticator-app codes, ten single-use recovery codes, both
 * stored encrypted; an account lock after ten failures) and Kaja's replay guard in front of it.
 */
export function twoFactorPlugins({ db }: { db: Db }): BetterAuthPlugin[] {
  return [
    twoFactorPlugin({
      issuer: "Kaja",
      // A user who signs in only through their organisation's single sign-on has no password to confirm with.
      allowPasswordless: true,
      backupCodeOptions: { amount: 10, length: 10 },
    }),
    totpReplayGuard(db),
  ];
}

/**
 * better-auth accepts a code for as long as it is valid (±30 s), however often it is sent: whoever watched it
 * being typed could sign in with it too. Before the plugin checks a code, this claims the code's time step with
 * one conditional UPDATE, so a step is accepted once per user even when two requests race.
 */
function totpReplayGuard(db: Db): BetterAuthPlugin {
  return {
    id: "kaja-totp-replay-guard",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/two-factor/verify-totp",
          handler: createAuthMiddleware(async (ctx) => {
            const code = (ctx.body as { code?: unknown } | undefined)?.code;
            if (typeof code !== "string") return;
            const userId = await userOfAttempt(ctx);
            if (!userId) return;
            const [row] = await db
              .select({ id: twoFactor.id, secret: twoFactor.secret })
              .from(twoFactor)
              .where(eq(twoFactor.userId, userId));
            if (!row) return;
            const secret = await symmetricDecrypt({ key: ctx.context.secretConfig, data: row.secret });
            const step = matchTotpStep(secret, code);
            // A wrong code goes on to the plugin, which refuses it and counts it towards the account lock.
            if (step === null) return;
            const claimed = await db
              .update(twoFactor)
              .set({ lastTotpStep: step })
              .where(
                and(
                  eq(twoFactor.id, row.id),
                  or(isNull(twoFactor.lastTotpStep), lt(twoFactor.lastTotpStep, step)),
                ),
              )
              .returning({ id: twoFactor.id });
            if (claimed.length === 0)
              throw new APIError("UNAUTHORIZED", {
                message: "This code has already been used. Wait for the next code of your app.",
                code: TOTP_REPLAYED,
              });
          }),
        },
      ],
    },
  };
}

type TCtx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** The user a code is for: the signed-in user (confirming enrolment) or the one halfway through signing in. */
async function userOfAttempt(ctx: TCtx): Promise<string | null> {
  const session = await getSessionFromCtx(ctx).catch(() => null);
  if (session) return session.user.id;
  const cookie = ctx.context.createAuthCookie("two_factor");
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const found = await ctx.context.internalAdapter.findVerificationValue(identifier);
  return found && found.expiresAt > new Date() ? found.value : null;
}
