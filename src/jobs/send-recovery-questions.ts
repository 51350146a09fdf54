import { z } from "zod";
import { sendRecoveryQuestions } from "../modules/followup/send-recovery-questions.ts";
import { defineJob } from "./define-job.ts";

export const SEND_RECOVERY_QUESTIONS = "send-recovery-questions";

/** Every 15 minutes: ask respondents of resolved cases, once, whether the call helped. */
export function sendRecoveryQuestionsJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: SEND_RECOVERY_QUESTIONS,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "*/15 * * * *",
    handler: (deps) => sendRecoveryQuestions(deps, { now: clock(), orgId }),
  });
}
