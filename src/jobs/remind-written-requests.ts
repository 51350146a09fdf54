import { z } from "zod";
import { remindWrittenRequests } from "../modules/kpi/remind-written-requests.ts";
import { defineJob } from "./define-job.ts";

export const REMIND_WRITTEN_REQUESTS = "remind-written-requests";

/** Every quarter hour: remind the responsible employee once, the working day before a reply deadline. */
export function remindWrittenRequestsJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: REMIND_WRITTEN_REQUESTS,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "*/15 * * * *",
    handler: (deps) => remindWrittenRequests(deps, { now: clock(), orgId }),
  });
}
