import { z } from "zod";
import { sendCaseDigests } from "../modules/followup/send-case-digests.ts";
import { defineJob } from "./define-job.ts";

export const SEND_CASE_DIGESTS = "send-case-digests";

/** Every 15 minutes: the daily digest of new cases, for owners who chose it, from 07:00 their organisation's time. */
export function sendCaseDigestsJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: SEND_CASE_DIGESTS,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "*/15 * * * *",
    handler: (deps) => sendCaseDigests(deps, { now: clock(), orgId }),
  });
}
