import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { emitWebhook } from "./emit-webhook.ts";

/**
 * Queues response.created / response.updated for the answer `responseId`, inside the transaction that
 * stored it. The payload carries the answer and its tags, not the respondent's name or e-mail.
 */
export function emitResponseEvent(
  tx: Db,
  orgId: string,
  responseId: string,
  event: "response.created" | "response.updated",
  now = new Date(),
): Promise<number> {
  return emitWebhook(
    tx,
    orgId,
    event,
    async () => {
      const [r] = await tx
        .select({
          responseId: response.id,
          surveyId: response.surveyId,
          surveyVersion: response.surveyVersion,
          invitationId: response.invitationId,
          score: response.score,
          satisfaction: response.satisfaction,
          comment: response.comment,
          answers: response.answers,
          locale: response.locale,
          serviceId: response.serviceId,
          departmentId: response.departmentId,
          employeeId: response.employeeId,
          channelId: response.channelId,
          audience: response.audience,
          source: response.source,
          receivedAt: response.receivedAt,
          updatedAt: response.updatedAt,
        })
        .from(response)
        .where(inOrg(response, orgId, eq(response.id, responseId)));
      return { ...r, receivedAt: r.receivedAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
    },
    now,
  );
}
