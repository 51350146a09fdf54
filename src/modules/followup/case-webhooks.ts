import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { emitWebhook } from "../webhooks/emit-webhook.ts";
import { followUpCase } from "./schema.ts";

/**
 * Queues case.created / case.updated / case.overdue in the transaction that made the change. The payload
 * names the case, its answer and its state; never the respondent's contact details.
 */
export function emitCaseEvent(
  tx: Db,
  orgId: string,
  caseId: string,
  event: "case.created" | "case.updated" | "case.overdue",
  now = new Date(),
): Promise<number> {
  return emitWebhook(
    tx,
    orgId,
    event,
    async () => {
      const [c] = await tx
        .select({
          caseId: followUpCase.id,
          responseId: followUpCase.responseId,
          surveyId: followUpCase.surveyId,
          serviceId: followUpCase.serviceId,
          departmentId: followUpCase.departmentId,
          employeeId: followUpCase.employeeId,
          state: followUpCase.state,
          ownerId: followUpCase.ownerId,
          contactAllowed: followUpCase.contactAllowed,
          dueDate: followUpCase.dueDate,
          resolution: followUpCase.resolution,
          openedAt: followUpCase.openedAt,
          updatedAt: followUpCase.updatedAt,
        })
        .from(followUpCase)
        .where(inOrg(followUpCase, orgId, eq(followUpCase.id, caseId)));
      return { ...c, openedAt: c.openedAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
    },
    now,
  );
}
