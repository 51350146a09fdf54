import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../context.ts";
import { AppError } from "./errors.ts";

/** Liveness and readiness probes. */
export function registerHealth(app: FastifyInstance, deps: AppDeps): void {
  const ZHealth = z.object({ status: z.literal("ok") });
  app.get("/healthz", { schema: { tags: ["operations"], response: { 200: ZHealth } } }, async () => ({
    status: "ok" as const,
  }));
  app.get(
    "/readyz",
    { schema: { tags: ["operations"], response: { 200: ZHealth.extend({ database: z.string() }) } } },
    async () => {
      try {
        await deps.database.ping();
      } catch (cause) {
        throw new AppError("UNAVAILABLE", { detail: "The database does not answer.", cause });
      }
      return { status: "ok" as const, database: deps.database.kind };
    },
  );
}
