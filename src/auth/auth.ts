import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Db } from "../db/connect.ts";
import * as schema from "../db/schema.ts";
import { accountMessage } from "../i18n/account-mail.ts";
import type { Mailer } from "../mail/mailer.ts";
import { signInAuditHook } from "../modules/privacy/sign-in-audit.ts";
import { orgSsoPlugin, signInPage, ssoUserGate } from "./org-sso.ts";
import { passwordResetHook } from "./password-reset-hook.ts";
import { twoFactorPlugins } from "./two-factor.ts";

export interface CreateAuthOptions {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
  secret: string;
  trustedOrigins?: string[];
  secureCookies?: boolean;
  /** Sign-in attempts per minute and client address. */
  signInPerMinute?: number;
  /** Called when a password-reset request is queued (wakes the job that mails the link). */
  onPasswordResetQueued?: () => void;
  /** Replaces better-auth's scrypt hashing; only the test suite sets it (a cheaper hash). */
  passwordHasher?: TPasswordHasher;
}

/** How passwords are hashed and checked (better-auth's `emailAndPassword.password`). */
export interface TPasswordHasher {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}

/** Header the HTTP bridge sets from the socket address (replacing any client value) for rate limiting. */
export const CLIENT_IP_HEADER = "x-kaja-client-ip";

/** better-auth: users, passwords, database sessions, password reset and sign-in rate limits. */
export function createAuth({
  db,
  mailer,
  baseUrl,
  secret,
  trustedOrigins = [],
  secureCookies,
  signInPerMinute = 10,
  passwordHasher,
  onPasswordResetQueued,
}: CreateAuthOptions) {
  return betterAuth({
    appName: "Kaja",
    baseURL: baseUrl,
    basePath: "/api/auth",
    secret,
    trustedOrigins: [baseUrl, ...trustedOrigins],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
        twoFactor: schema.twoFactor,
      },
    }),
    // One-time tokens (password reset, set-password links) are kept as SHA-256 hashes: a copy of the table
    // (a backup, a read-only leak) does not open anyone's account.
    verification: { storeIdentifier: "hashed" },
    user: {
      additionalFields: { locale: { type: "string", required: false, input: true } },
      // Single sign-on: a verified e-mail and a membership (or just-in-time membership), checked before any write.
      validateUserInfo: ssoUserGate(db),
    },
    account: {
      // Tokens an organisation's provider issued are kept encrypted with the server secret.
      encryptOAuthTokens: true,
      // Kaja's addresses come from owners' invitations; the provider's verified address is what links.
      accountLinking: { requireLocalEmailVerified: false },
    },
    // Failed single sign-on callbacks (a wrong state, say) end on the admin app's sign-in page with `?error=`.
    onAPIError: { errorURL: signInPage(baseUrl) },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      additionalFields: {
        activeOrganizationId: { type: "string", required: false, input: false },
        ssoOrgId: { type: "string", required: false, input: false },
        ssoMfa: { type: "boolean", required: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      // Accounts are created by invitation or by an operator, never by open sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      resetPasswordTokenExpiresIn: 60 * 60 * 24,
      revokeSessionsOnPasswordReset: true,
      ...(passwordHasher ? { password: passwordHasher } : {}),
      // Runs in the send-password-resets job, never while a client waits (see password-reset-hook.ts).
      sendResetPassword: async ({ user, url }) => {
        const msg = accountMessage("passwordReset", (user as { locale?: string }).locale, { url });
        await mailer.send({ to: user.email, kind: "password_reset", ...msg });
      },
    },
    hooks: {
      before: passwordResetHook({ db, onQueued: onPasswordResetQueued }),
      // Sign-ins and refused sign-ins go to the audit log.
      after: signInAuditHook({ db }),
    },
    plugins: [...twoFactorPlugins({ db }), orgSsoPlugin({ db, secret })],
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: signInPerMinute },
        "/request-password-reset": { window: 60, max: 5 },
        "/reset-password": { window: 60, max: 10 },
        // Codes are also limited per challenge (5 tries) and per account (locked for 15 minutes after 10).
        "/two-factor/*": { window: 60, max: signInPerMinute },
        "/callback/*": { window: 60, max: signInPerMinute },
      },
    },
    advanced: {
      // better-auth turns its origin check off when NODE_ENV=test or TEST is set; Kaja never does.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: secureCookies,
      cookiePrefix: "kaja",
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
