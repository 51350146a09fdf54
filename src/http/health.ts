import { z } from "zod";
import type { AppDeps } from "../context.ts";
import { AppError } from "./errors.ts";
import { apiRoutes } from "./route.ts";
import type { Api } from "./types.ts";

/** Liveness and readiness probes. */
export function registerHealth(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["operations"] as const;
  const ZHealth = z.object({ status: z.literal("ok") });
  route.get(
    "/healthz",
    {
      access: "public",
      schema: { operationId: "getLiveness", summary: "The process is up", tags, response: { 200: ZHealth } },
    },
    async () => ({ status: "ok" as const }),
  );
  route.get(
    "/readyz",
    {
      access: "public",
      problems: [503],
      schema: {
        operationId: "getReadiness",
        summary: "The process is up and its database answers",
        tags,
        response: { 200: ZHealth.extend({ database: z.string() }) },
      },
    },
    async () => {
      try {
        await deps.database.ping();
      } catch (cause) {
        throw new AppError("UNAVAILABLE", { message: { key: "problem.unavailable" }, cause });
      }
      return { status: "ok" as const, database: deps.database.kind };
    },
  );
}
