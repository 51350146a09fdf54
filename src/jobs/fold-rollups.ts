import { z } from "zod";
import { foldRollups, unsafeFoldAllRollups } from "../modules/insights/fold-rollups.ts";
import { defineJob } from "./define-job.ts";

export const FOLD_ROLLUPS = "fold-rollups";

/**
 * Every few seconds (woken by the jobs' ticker; a cron floor each minute): folds the rollup deltas written since
 * the last run into the rollups. A run that stops at its batch budget asks for the next run at once.
 */
export function foldRollupsJob({ orgId }: { orgId?: string }) {
  return defineJob({
    name: FOLD_ROLLUPS,
    payload: z.object({}).passthrough(),
    policy: "short",
    cron: "* * * * *",
    handler: (deps) => (orgId ? foldRollups(deps.db, orgId) : unsafeFoldAllRollups(deps.db)),
  });
}
