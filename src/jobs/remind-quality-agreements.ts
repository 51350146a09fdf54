import { z } from "zod";
import { remindAgreements } from "../modules/quality/remind-agreements.ts";
import { defineJob } from "./define-job.ts";

export const REMIND_QUALITY_AGREEMENTS = "remind-quality-agreements";

/** Every quarter hour: mark agreements past their deadline missed, remind the responsible person once before it. */
export function remindQualityAgreementsJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: REMIND_QUALITY_AGREEMENTS,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "*/15 * * * *",
    handler: (deps) => remindAgreements(deps, { now: clock(), orgId }),
  });
}
