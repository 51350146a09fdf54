import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

/** The security headers of every response (helmet's options; app.ts sets the headers they give). */
export const helmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
} satisfies HelmetOptions;

/**
 * The headers helmet sets with `helmetOptions`, worked out once. `@fastify/helmet` would build helmet's
 * middleware again on every request (its directives parsed, a dozen functions made); app.ts sets these
 * instead, on every request (`applySecurityHeaders`).
 */
export function securityHeaders(options: HelmetOptions = helmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  } as unknown as ServerResponse;
  let failed: unknown;
  helmet(options)({} as IncomingMessage, res, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return [...headers];
}

const fixed = securityHeaders();

/** Sets the security headers on the raw response, where helmet sets them. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of fixed) res.setHeader(name, value);
}
