import { z } from "zod";
import { alertOverdueCases } from "../modules/followup/alert-overdue-cases.ts";
import { defineJob } from "./define-job.ts";

export const ALERT_OVERDUE_CASES = "alert-overdue-cases";

/** Every few minutes: alert the owner's manager once about each follow-up case past its deadline. */
export function alertOverdueCasesJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: ALERT_OVERDUE_CASES,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "*/5 * * * *",
    handler: (deps) => alertOverdueCases(deps, { now: clock(), orgId }),
  });
}
