import { z } from "zod";
import { analyseComments, unsafeAnalyseAllComments } from "../modules/themes/analyse-comments.ts";
import { defineJob } from "./define-job.ts";

/**
 * Every minute: assigns themes and tone to the comments not analysed yet with their organisation's current
 * themes (new answers, and all of an organisation's comments after its themes change).
 */
export function analyseCommentsJob({ orgId }: { orgId?: string }) {
  return defineJob({
    name: "analyse-comments",
    payload: z.object({}).passthrough(),
    policy: "short",
    cron: "* * * * *",
    handler: (deps) => (orgId ? analyseComments(deps.db, orgId) : unsafeAnalyseAllComments(deps.db)),
  });
}
