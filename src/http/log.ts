import type { FastifyRequest } from "fastify";

/** Path segments that are secrets (survey link tokens, password-reset tokens). */
const SECRET_PATHS = [/^(\/s\/)[^/?]+/, /^(\/api\/auth\/reset-password\/)[^/?]+/, /^(\/unsubscribe\/)[^/?]+/];

/** A URL fit for logs: secret path segments masked and the query string dropped (it may hold tokens or e-mails). */
export function redactUrl(url: string): string {
  let path = url.split("?")[0];
  for (const re of SECRET_PATHS) path = path.replace(re, "$1[redacted]");
  return path;
}

/** Logger options: request lines carry method, redacted URL and request id, never addresses, cookies or tokens. */
export function loggerOptions(level: string) {
  return {
    level,
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), id: req.id }),
    },
  };
}
