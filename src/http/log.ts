import type { FastifyRequest } from "fastify";

/** Path segments that are secrets (survey link tokens, password-reset tokens). */
const SECRET_PATHS = [/^(\/s\/)[^/?]+/, /^(\/api\/auth\/reset-password\/)[^/?]+/, /^(\/unsubscribe\/)[^/?]+/];

/** A URL fit for logs: secret path segments masked and the query string dropped (it may hold tokens or e-mails). */
export function redactUrl(url: string): string {
  let path = url.split("?")[0];
  for (const re of SECRET_PATHS) path = path.replace(re, "$1[redacted]");
  return path;
}

/**
 * Fields of an error that are safe to log. Everything else is dropped: drizzle's `params` hold the query's
 * values (e-mails, names, comments), and PostgreSQL's `detail` ("Key (email)=(…) already exists", "Failing
 * row contains (…)"), `where` and `internalQuery` can quote them too.
 */
const SAFE_ERROR_FIELDS = [
  "code",
  "errno",
  "syscall",
  "statusCode",
  "severity",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "routine",
] as const;

/** An error message fit for logs: drizzle's "params: …" tail and values PostgreSQL quotes in messages removed. */
export function redactErrorMessage(message: string): string {
  return (
    message
      // drizzle: "Failed query: <sql with $1 …>\nparams: <values>"
      .replace(/\nparams: [\s\S]*$/, "\nparams: [redacted]")
      // PostgreSQL: 'invalid input syntax for type integer: "<value>"' and the like end with the value.
      .replace(/: "[\s\S]*"$/, ': "[redacted]"')
      // 'value "<value>" is out of range for type …'
      .replace(/\bvalue "[^"]*"/g, 'value "[redacted]"')
  );
}

/** The serialised form of an error in logs (the shape pino expects of its `err` serializer). */
interface TLoggedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

/**
 * Serialises an error for the log: type, redacted message and stack, the safe diagnostic fields
 * (SQLSTATE code, constraint, table, column …) and the cause chain, never query parameters or row values.
 */
export function serializeError(err: unknown, depth = 0): TLoggedError {
  if (!(err instanceof Error)) {
    // A thrown non-Error object may be anything (a row, a request body): only its kind is logged.
    const message = typeof err === "string" ? redactErrorMessage(err) : `[${typeof err} thrown]`;
    return { type: typeof err, message, stack: "" };
  }
  const message = redactErrorMessage(err.message);
  // The stack's first lines repeat the message: keep only its frames.
  const frames = err.stack?.indexOf("\n    at ") ?? -1;
  const stack = frames >= 0 ? `${err.name}: ${message}${err.stack?.slice(frames)}` : "";
  const out: TLoggedError = { type: err.constructor?.name || err.name, message, stack };
  const fields = err as unknown as Record<string, unknown>;
  for (const key of SAFE_ERROR_FIELDS) {
    const value = fields[key];
    if (typeof value === "string" || typeof value === "number") out[key] = value;
  }
  if (depth >= 5) return out;
  if (err.cause !== undefined) out.cause = serializeError(err.cause, depth + 1);
  if (err instanceof AggregateError) out.errors = err.errors.map((e) => serializeError(e, depth + 1));
  return out;
}

/**
 * Logger options: request lines carry method, redacted URL and request id, never addresses, cookies or
 * tokens; logged errors carry no query parameters or row values.
 */
export function loggerOptions(level: string) {
  return {
    level,
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), id: req.id }),
      err: serializeError,
    },
  };
}
