/** One field's error in a problem response. */
export type FieldError = { path: string; message: string; code?: string };

/** An RFC 9457 problem, as the Kaja API sends it. */
export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  /** Sign-in refusals: the sign-in library's code (e.g. INVALID_TWO_FACTOR_COOKIE). */
  reason?: string;
  requestId?: string;
  errors?: FieldError[];
};

/** A failed request: the HTTP status and the problem body (status 0 when the server was not reached). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }
}

/** True when the error means "not signed in". */
export const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

let language = "et";
let csrfToken: Promise<string> | null = null;

/** Sends the UI language so the server can localise its messages. */
export function setApiLanguage(locale: string) {
  language = locale;
}

/** Drops the cached CSRF token (after signing in or out the session changes). */
export function forgetCsrf() {
  csrfToken = null;
}

function csrf(refresh: boolean): Promise<string> {
  if (refresh || !csrfToken) {
    const pending = send<{ token: string }>("GET", "/api/v1/csrf").then((r) => r.token);
    pending.catch(() => {
      if (csrfToken === pending) csrfToken = null;
    });
    csrfToken = pending;
  }
  return csrfToken;
}

function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    // better-auth answers { code, message } rather than a problem document.
    const detail =
      typeof b.detail === "string" ? b.detail : typeof b.message === "string" ? b.message : undefined;
    return {
      ...(b as Partial<Problem>),
      status,
      detail,
      code: typeof b.code === "string" ? b.code : undefined,
      errors: Array.isArray(b.errors) ? (b.errors as FieldError[]) : undefined,
    };
  }
  return { status, title: statusText || undefined };
}

/** A request body sent as it is (a CSV or XLSX file), not as JSON. */
export type RawBody = { raw: Blob | string; contentType: string };

const isRaw = (body: unknown): body is RawBody =>
  !!body && typeof body === "object" && "raw" in body && "contentType" in body;

async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  asBlob = false,
) {
  let res: Response;
  const raw = isRaw(body) ? body : undefined;
  try {
    res = await fetch(path, {
      method,
      credentials: "include",
      headers: {
        accept: "application/json, application/problem+json",
        "accept-language": language,
        ...(body === undefined ? {} : { "content-type": raw ? raw.contentType : "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? raw.raw : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: "NETWORK" });
  }
  if (asBlob && res.ok) return (await res.blob()) as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) throw new ApiError(toProblem(res.status, res.statusText, data));
  return data as T;
}

async function request<T>(method: string, path: string, body?: unknown, asBlob = false): Promise<T> {
  const needsCsrf = method !== "GET" && path.startsWith("/api/v1/");
  if (!needsCsrf) return send<T>(method, path, body, {}, asBlob);
  try {
    return await send<T>(method, path, body, { "x-csrf-token": await csrf(false) }, asBlob);
  } catch (error) {
    // The token expires with the session secret: fetch a fresh one once and retry.
    if (!(error instanceof ApiError && error.status === 403 && error.problem.code === "CSRF")) throw error;
    return send<T>(method, path, body, { "x-csrf-token": await csrf(true) }, asBlob);
  }
}

/** The Kaja HTTP client: JSON in and out, cookies, CSRF on /api/v1 changes, problems thrown as ApiError. */
export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  /** Posts a file as the request body with its own content type. */
  upload: <T>(path: string, raw: Blob | string, contentType: string) =>
    request<T>("POST", path, { raw, contentType } satisfies RawBody),
  del: <T>(path: string) => request<T>("DELETE", path),
  /** Posts JSON and answers the response body as a file (a PDF, a spreadsheet). */
  postForFile: (path: string, body: unknown) => request<Blob>("POST", path, body, true),
};

/** Lists may come as a bare array or wrapped as { items } / { data }. */
export function asList<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === "object") {
    const d = data as { items?: unknown; data?: unknown };
    if (Array.isArray(d.items)) return d.items as T[];
    if (Array.isArray(d.data)) return d.data as T[];
  }
  return [];
}

/** Normalises a problem's field path ("/body/names/et", "names.et") to dotted form ("names.et"). */
export function fieldPath(path: string) {
  return path
    .replace(/^\/+/, "")
    .replace(/^body[./]/, "")
    .replace(/[/[\]]+/g, ".")
    .replace(/\.+$/, "");
}
