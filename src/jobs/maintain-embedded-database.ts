import { z } from "zod";
import { maintainEmbeddedDatabase } from "../db/embedded-maintenance.ts";
import { defineJob } from "./define-job.ts";

export const MAINTAIN_EMBEDDED_DATABASE = "maintain-embedded-database";

/**
 * Each minute, on the embedded database only: analyses and vacuums the tables that need it, as autovacuum does
 * on PostgreSQL (PGlite has none). A few milliseconds on an embedded installation's tables when nothing is due.
 */
export function maintainEmbeddedDatabaseJob() {
  return defineJob({
    name: MAINTAIN_EMBEDDED_DATABASE,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "* * * * *",
    handler: (deps) =>
      deps.database.kind === "pglite" ? maintainEmbeddedDatabase(deps.db) : Promise.resolve(null),
  });
}
