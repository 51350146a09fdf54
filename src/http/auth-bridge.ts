import type { FastifyInstance } from "fastify";
import { CLIENT_IP_HEADER } from "../auth/auth.ts";
import { toHeaders } from "../auth/access.ts";
import { SSO_ERRORS } from "../auth/org-sso.ts";
import { TOTP_REPLAYED } from "../auth/two-factor.ts";
import type { AppDeps } from "../context.ts";
import { AppError, codeForStatus, type TMessageRef } from "./errors.ts";
import { sendProblem } from "./error-handler.ts";

/** better-auth's error codes (the `code` of its error bodies) and the catalogue message that says each. */
const AUTH_MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "problem.auth.wrongCredentials",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "problem.auth.wrongCredentials",
  INVALID_PASSWORD: "problem.auth.wrongPassword",
  INVALID_EMAIL: "problem.auth.invalidEmail",
  USER_NOT_FOUND: "problem.auth.userNotFound",
  USER_EMAIL_NOT_FOUND: "problem.auth.userNotFound",
  INVALID_TOKEN: "problem.auth.invalidToken",
  TOKEN_EXPIRED: "problem.auth.invalidToken",
  PASSWORD_TOO_SHORT: "problem.auth.passwordTooShort",
  PASSWORD_TOO_LONG: "problem.auth.passwordTooLong",
  USER_ALREADY_EXISTS: "problem.auth.userExists",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "problem.auth.userExists",
  EMAIL_NOT_VERIFIED: "problem.auth.emailNotVerified",
  SESSION_EXPIRED: "problem.auth.sessionExpired",
  SESSION_NOT_FRESH: "problem.auth.sessionExpired",
  INVALID_ORIGIN: "problem.auth.origin",
  MISSING_OR_NULL_ORIGIN: "problem.auth.origin",
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: "problem.auth.origin",
  INVALID_CALLBACK_URL: "problem.auth.redirect",
  INVALID_REDIRECT_URL: "problem.auth.redirect",
  INVALID_ERROR_CALLBACK_URL: "problem.auth.redirect",
  INVALID_NEW_USER_CALLBACK_URL: "problem.auth.redirect",
  EMAIL_PASSWORD_SIGN_UP_DISABLED: "problem.auth.signUpClosed",
  // Two-factor sign-in (better-auth's plugin and Kaja's replay check).
  INVALID_CODE: "problem.auth.wrongCode",
  INVALID_BACKUP_CODE: "problem.auth.wrongCode",
  [TOTP_REPLAYED]: "problem.auth.codeUsed",
  INVALID_TWO_FACTOR_COOKIE: "problem.auth.signInExpired",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "problem.auth.signInExpired",
  ACCOUNT_TEMPORARILY_LOCKED: "problem.auth.locked",
  // Single sign-on (org-sso.ts).
  sso_redirect_only: "problem.auth.ssoRedirectOnly",
  [SSO_ERRORS.unknownOrganisation]: "problem.auth.ssoUnknownOrganization",
  [SSO_ERRORS.unreachable]: "problem.auth.ssoUnreachable",
};

/** Request fields better-auth's input checks name in their messages ("[body.email] Invalid email address"). */
function fieldsOf(message: string | undefined): string[] {
  return [...new Set([...(message ?? "").matchAll(/\[((?:body|query)(?:\.[\w-]+)+)\]/g)].map((m) => m[1]))];
}

/**
 * A refusal of better-auth (status and its error body) as a catalogue message: a known code by its own message,
 * an input check by the fields it names, the rate limit as such, any other 4xx by a generic message. Its English
 * texts stay out of the body; a 5xx keeps the status's title.
 */
export function authProblem(
  status: number,
  body: { message?: unknown; code?: unknown } | undefined,
): AppError {
  const code = codeForStatus(status);
  const key = typeof body?.code === "string" ? AUTH_MESSAGES[body.code] : undefined;
  if (key) return new AppError(code, { message: { key } });
  if (status === 429) return new AppError(code, { message: { key: "problem.rateLimited.minute" } });
  if (status >= 500) return new AppError(code);
  const fields = fieldsOf(typeof body?.message === "string" ? body.message : undefined);
  const message: TMessageRef = fields.length
    ? { key: "problem.auth.invalidFields", values: { fields: fields.join(", ") } }
    : { key: "problem.request.refused" };
  return new AppError(code, { message });
}

/**
 * The refusal's machine-readable reason: the sign-in library's code when it is one Kaja knows (the message says
 * it in the caller's language; screens tell refusals of the same status apart by the reason, e.g. an expired
 * two-factor challenge from a wrong code, both 401).
 */
export function authReason(body: { code?: unknown } | undefined): Record<string, string> {
  return typeof body?.code === "string" && Object.hasOwn(AUTH_MESSAGES, body.code)
    ? { reason: body.code }
    : {};
}

/** Mounts better-auth's handler at /api/auth/*, turning its errors into problem bodies. */
export function registerAuthBridge(app: FastifyInstance, deps: AppDeps): void {
  app.route({
    method: ["GET", "POST"],
    url: "/api/auth/*",
    schema: { hide: true },
    async handler(request, reply) {
      const headers = toHeaders(request.headers);
      headers.set(CLIENT_IP_HEADER, request.ip);
      const hasBody = request.method !== "GET" && request.body !== undefined;
      const res = await deps.auth.handler(
        new Request(new URL(request.url, deps.config.publicUrl), {
          method: request.method,
          headers,
          body: hasBody ? JSON.stringify(request.body) : undefined,
        }),
      );
      for (const cookie of res.headers.getSetCookie()) reply.header("set-cookie", cookie);
      for (const [k, v] of res.headers) if (k !== "set-cookie" && k !== "content-length") reply.header(k, v);
      const text = await res.text();
      if (res.status >= 400) {
        const parsed = safeJson(text) as { message?: unknown; code?: unknown } | undefined;
        return sendProblem(reply, request, authProblem(res.status, parsed), authReason(parsed));
      }
      return reply.status(res.status).send(text);
    },
  });
}

function safeJson(text: string): unknown {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}
