import { z } from "zod";
import { notifyCaseOwners } from "../modules/followup/notify-case-owners.ts";
import { defineJob } from "./define-job.ts";

export const NOTIFY_CASE_OWNERS = "notify-case-owners";

/** Every minute: mail the owner of each newly assigned follow-up case. */
export function notifyCaseOwnersJob({ orgId }: { clock?: () => Date; orgId?: string }) {
  return defineJob({
    name: NOTIFY_CASE_OWNERS,
    payload: z.object({}).passthrough(),
    policy: "short",
    cron: "* * * * *",
    handler: (deps) => notifyCaseOwners(deps, { orgId }),
  });
}
