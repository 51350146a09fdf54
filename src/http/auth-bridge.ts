import type { FastifyInstance } from "fastify";
import { CLIENT_IP_HEADER } from "../auth/auth.ts";
import { toHeaders } from "../auth/access.ts";
import type { AppDeps } from "../context.ts";
import { AppError, codeForStatus } from "./errors.ts";
import { sendProblem } from "./error-handler.ts";

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
        const parsed = safeJson(text) as { message?: string; code?: string } | undefined;
        const detail =
          parsed?.message ?? (res.status === 429 ? "Too many attempts; try again in a minute." : undefined);
        return sendProblem(reply, request, new AppError(codeForStatus(res.status), { detail }));
      }
      return reply.status(res.status).send(text);
    },
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
