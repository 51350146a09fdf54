import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { neutralLocale } from "../views/locale.ts";
import { allowFraming, sendHtml } from "../views/page-reply.ts";
import { unavailablePage } from "../views/status-pages.ts";
import { AppError, codeForStatus, type TErrorCode, toProblem } from "./errors.ts";
import { localizeProblem, requestLanguage, zodIssueMessage } from "./problem-language.ts";

/** How long a client is asked to wait while the database cannot be reached. */
export const RETRY_AFTER_SECONDS = 30;

const pgCodes: Record<string, () => AppError> = {
  "23505": () => new AppError("CONFLICT", { message: { key: "problem.uniqueValue" } }),
  "23503": () => new AppError("CONFLICT", { message: { key: "problem.referenced" } }),
  "22P02": () => new AppError("VALIDATION", { message: { key: "problem.wrongFormat" } }),
  // Last resort behind the input schemas: a NUL character, or a date beyond what the database stores.
  "22021": () => new AppError("VALIDATION", { message: { key: "problem.badCharacter" } }),
  "22P05": () => new AppError("VALIDATION", { message: { key: "problem.badCharacter" } }),
  "22008": () => new AppError("VALIDATION", { message: { key: "problem.dateRange" } }),
};

/** Network failures on the way to PostgreSQL. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
]);
/** Drivers that say "no connection" only in words: PGlite closed, a pool ended or cut off, a connect timeout. */
const UNREACHABLE =
  /^(PGlite is closed|Cannot use a pool after calling end on the pool|Connection terminated|timeout exceeded when trying to connect)/;

/**
 * Whether an error means the database cannot be reached at all (as opposed to a query it refused): a network
 * error, SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, starting up), or a closed driver.
 * Libraries wrap it (Drizzle, better-auth), so the causes are followed.
 */
function isDatabaseUnreachable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 6;
    i++
  ) {
    const code = typeof e.code === "string" ? e.code : "";
    if (NETWORK_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code)) return true;
    if (typeof e.message === "string" && UNREACHABLE.test(e.message)) return true;
    e = e.cause as never;
  }
  return false;
}

/** Turns anything thrown into an AppError: the single place where library and database errors are mapped. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnreachable(err)) {
    return new AppError("UNAVAILABLE", {
      message: { key: "problem.unavailable" },
      cause: err,
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = (err as FastifyError).validationContext ?? "body";
    const errors = err.validation.map((v) => ({
      path: [
        part,
        ...String(v.instancePath ?? "")
          .split("/")
          .filter(Boolean),
      ].join("."),
      message: v.message ?? "invalid",
    }));
    return new AppError("VALIDATION", {
      detail: `Invalid input: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
      message: { key: "problem.invalidInput" },
      errors,
      fieldMessages: err.validation.map((v) =>
        zodIssueMessage(String(v.keyword), (v.params ?? {}) as Record<string, unknown>),
      ),
    });
  }
  if (isResponseSerializationError(err)) return new AppError("INTERNAL", { cause: err });
  const pgCode = findPgCode(err);
  if (pgCode && pgCodes[pgCode]) return pgCodes[pgCode]();
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return requestProblem(fe, fe.statusCode);
  }
  return new AppError("INTERNAL", { cause: err });
}

/** Fastify's own refusals of a request (body parsing, addresses, routing) as catalogue messages. */
const fastifyCodes: Record<string, [TErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ["BAD_REQUEST", "problem.request.invalidJson"],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["BAD_REQUEST", "problem.request.emptyJson"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ["UNSUPPORTED_MEDIA_TYPE", "problem.request.mediaType"],
  FST_ERR_CTP_BODY_TOO_LARGE: ["PAYLOAD_TOO_LARGE", "problem.request.tooLarge"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["BAD_REQUEST", "problem.request.contentLength"],
  FST_ERR_BAD_URL: ["BAD_REQUEST", "problem.request.badUrl"],
  FST_ERR_INVALID_URL: ["BAD_REQUEST", "problem.request.badUrl"],
  FST_ERR_MAX_PARAM_LENGTH: ["BAD_REQUEST", "problem.request.paramTooLong"],
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: ["BAD_REQUEST", "problem.request.missingContentType"],
  FST_ERR_ROUTE_MISSING_CONTENT: ["BAD_REQUEST", "problem.request.missingBody"],
  FST_ERR_NOT_FOUND: ["NOT_FOUND", "problem.notFound"],
  FST_CSRF_MISSING_SECRET: ["CSRF", "problem.auth.csrf"],
  FST_CSRF_INVALID_TOKEN: ["CSRF", "problem.auth.csrf"],
};

/**
 * A 4xx raised by Fastify or a plugin, said by the catalogue: a known code by its own message, a parser's
 * SyntaxError as invalid JSON, the rate limit (every window is a minute) as such, anything else by a generic
 * message under the status's code. The library's English text stays out of the body.
 */
function requestProblem(fe: Partial<FastifyError>, status: number): AppError {
  const known = typeof fe.code === "string" ? fastifyCodes[fe.code] : undefined;
  if (known) return new AppError(known[0], { message: { key: known[1] }, cause: fe });
  if (fe instanceof SyntaxError && status === 400)
    return new AppError("BAD_REQUEST", { message: { key: "problem.request.invalidJson" }, cause: fe });
  if (status === 429)
    return new AppError("RATE_LIMITED", { message: { key: "problem.rateLimited.minute" }, cause: fe });
  return new AppError(codeForStatus(status), {
    message: { key: "problem.request.refused" },
    cause: fe,
  });
}

function findPgCode(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as never, i++
  ) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** The server-rendered public pages: people, not programs, read their errors. */
const PUBLIC_PAGES = ["/s/", "/w/", "/unsubscribe/", "/wall/", "/widget/"];

/** Whether the error is best shown as a page: a public page's request that did not ask for JSON. */
function wantsPage(request: FastifyRequest): boolean {
  const json = String(request.headers["content-type"] ?? "").includes("json");
  return !json && PUBLIC_PAGES.some((p) => request.url.startsWith(p));
}

/** The page language: `lang` of the query or the form, else Accept-Language, else Estonian. */
function pageLocale(request: FastifyRequest) {
  const lang =
    (request.query as { lang?: unknown } | undefined)?.lang ??
    (request.body as { lang?: unknown } | undefined)?.lang;
  return neutralLocale(lang, request.headers["accept-language"]);
}

/** The readable 503 page; embeddable where the page itself is (widget, website survey in an iframe). */
function sendUnavailablePage(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const embed = (request.query as { embed?: unknown } | undefined)?.embed === "1";
  if (request.url.startsWith("/widget/") || (request.url.startsWith("/w/") && embed)) allowFraming(reply);
  reply.header("cache-control", "no-store");
  return sendHtml(reply, 503, unavailablePage(pageLocale(request)));
}

/** Installs the problem+json error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) request.log.error({ err }, "request failed");
    else request.log.info({ code: appErr.code }, "request rejected");
    if (appErr.code === "UNAVAILABLE") {
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      if (wantsPage(request)) return sendUnavailablePage(request, reply);
    }
    return sendProblem(reply, request, appErr);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new AppError("NOT_FOUND", { message: { key: "problem.notFound" } })),
  );
}

/** Sends an AppError as application/problem+json. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  err: AppError,
  /** Extension members of the problem body (RFC 9457 §3.2), e.g. a machine-readable reason. */
  extensions: Record<string, string> = {},
): FastifyReply {
  const path = request.url.split("?")[0];
  return reply
    .status(err.status)
    .type("application/problem+json; charset=utf-8")
    .send(
      JSON.stringify({
        ...toProblem(
          err,
          String(request.id),
          path,
          localizeProblem(err, requestLanguage(request.headers["accept-language"])),
        ),
        ...extensions,
      }),
    );
}
