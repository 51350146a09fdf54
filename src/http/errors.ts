import { t } from "../i18n/account-mail.ts";

/** Stable error codes; the one table that maps them to HTTP status is `statusOf`. */
export type TErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CSRF"
  | "TWO_FACTOR_REQUIRED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "UNAVAILABLE";

const statusOf: Record<TErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  TWO_FACTOR_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

const titleOf: Record<TErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  VALIDATION: "Invalid input",
  UNAUTHENTICATED: "Sign-in required",
  FORBIDDEN: "Not allowed",
  CSRF: "Missing or invalid CSRF token",
  TWO_FACTOR_REQUIRED: "Two-factor sign-in required",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Request too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
  UNAVAILABLE: "Service unavailable",
};

/** The English title of a code. */
export function problemTitle(code: TErrorCode): string {
  return titleOf[code];
}

export interface TFieldError {
  path: string;
  message: string;
  /** A stable code of the field's problem (e.g. duplicate_name) for clients that show their own wording. */
  code?: string;
}

/** A message of the server catalogue (src/i18n/messages) that says the detail in the caller's language. */
export interface TMessageRef {
  key: string;
  values?: Record<string, string>;
}

export interface AppErrorOptions {
  /** Text safe to show the caller (English); defaults to the English text of `message`, else the code's title. */
  detail?: string;
  /** The detail in the server catalogue, for callers who asked for another language (Accept-Language). */
  message?: TMessageRef;
  errors?: TFieldError[];
  /** The catalogue messages of `errors`, index by index. */
  fieldMessages?: (TMessageRef | undefined)[];
  cause?: unknown;
}

/** The one error class of Kaja: a stable code, a user-facing detail, optional per-field errors. */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly detail: string;
  readonly errors?: TFieldError[];
  readonly detailMessage?: TMessageRef;
  /** The catalogue messages of `errors`, index by index (undefined where there is none). */
  readonly fieldMessages?: (TMessageRef | undefined)[];

  constructor(code: TErrorCode, { detail, errors, cause, message, fieldMessages }: AppErrorOptions = {}) {
    const text = detail ?? (message ? t("en", message.key, message.values) : titleOf[code]);
    super(text, { cause });
    this.code = code;
    this.detail = text;
    this.errors = errors;
    this.detailMessage = message;
    this.fieldMessages = fieldMessages;
  }

  get status(): number {
    return statusOf[this.code];
  }
}

/** The key of a detail made of the field errors ("path: message; …"), each said in the caller's language. */
export const FIELD_LIST_KEY = "problem.fields";

export interface FieldProblemOptions {
  /** The status code; a missing or malformed field is a 400. */
  code?: TErrorCode;
  /** A detail of its own; by default the detail is "path: message" for each field. */
  detail?: TMessageRef;
}

/** One request field at fault and what is wrong with it, as a message of the catalogue. */
export interface TFieldMessage {
  path: string;
  message: TMessageRef;
  /** The stable code of the field's problem, for clients that show their own wording. */
  code?: string;
}

/** A 4xx naming each request field at fault with catalogue messages: the paths stay, the words follow the caller. */
export function fieldsProblem(
  fields: TFieldMessage[],
  { code = "VALIDATION", detail }: FieldProblemOptions = {},
) {
  const errors: TFieldError[] = fields.map((f) => ({
    path: f.path,
    message: t("en", f.message.key, f.message.values),
    ...(f.code ? { code: f.code } : {}),
  }));
  return new AppError(code, {
    detail: detail ? undefined : errors.map((e) => `${e.path}: ${e.message}`).join("; "),
    message: detail ?? { key: FIELD_LIST_KEY },
    errors,
    fieldMessages: fields.map((f) => f.message),
  });
}

/** A 4xx about one request field (see fieldsProblem). */
export function fieldProblem(
  path: string,
  message: TMessageRef,
  options: FieldProblemOptions & { fieldCode?: string } = {},
): AppError {
  return fieldsProblem([{ path, message, code: options.fieldCode }], options);
}

/** Maps an HTTP status back to the nearest code (for errors raised by libraries). */
export function codeForStatus(status: number): TErrorCode {
  const found = (Object.entries(statusOf) as [TErrorCode, number][]).find(([, s]) => s === status);
  if (found) return found[0];
  return status >= 500 ? "INTERNAL" : "BAD_REQUEST";
}

/** RFC 9457 problem body. */
export interface TProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: TErrorCode;
  instance?: string;
  requestId: string;
  errors?: TFieldError[];
}

/** Renders an AppError as an RFC 9457 problem body. */
export function toProblem(
  err: AppError,
  requestId: string,
  instance?: string,
  text: { title?: string; detail: string; errors?: TFieldError[] } = err,
): TProblem {
  return {
    type: `https://kaja.ee/problems/${err.code.toLowerCase().replaceAll("_", "-")}`,
    title: text.title ?? titleOf[err.code],
    status: err.status,
    detail: text.detail,
    code: err.code,
    instance,
    requestId,
    ...(text.errors ? { errors: text.errors } : {}),
  };
}
