import { randomUUID } from "node:crypto";
import { arrayContains, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { webhookDelivery, webhookEndpoint } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";

/** Events an endpoint can subscribe to. */
export const WEBHOOK_EVENTS = [
  "response.created",
  "response.updated",
  "invitation.failed",
  "case.created",
  "case.updated",
  "case.overdue",
] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The body of every delivery; `id` is also sent as the Kaja-Delivery header and stays the same on retries. */
export interface TWebhookPayload {
  id: string;
  event: TWebhookEvent;
  createdAt: string;
  orgId: string;
  data: Record<string, unknown>;
}

/**
 * Queues one delivery per endpoint of the organisation subscribed to `event`. Call it with the transaction
 * that makes the change, so the event exists exactly when the change does (the deliverer sends it later).
 * `data` may be a function: it is only called when some endpoint listens, keeping the common case one query.
 */
export async function emitWebhook(
  tx: Db,
  orgId: string,
  event: TWebhookEvent,
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
  now = new Date(),
): Promise<number> {
  const endpoints = await tx
    .select({ id: webhookEndpoint.id })
    .from(webhookEndpoint)
    .where(
      inOrg(
        webhookEndpoint,
        orgId,
        isNull(webhookEndpoint.archivedAt),
        arrayContains(webhookEndpoint.events, [event]),
      ),
    );
  if (!endpoints.length) return 0;
  const body = typeof data === "function" ? await data() : data;
  const rows = endpoints.map((e) => {
    const id = randomUUID();
    const payload: TWebhookPayload = { id, event, createdAt: now.toISOString(), orgId, data: body };
    return {
      orgId,
      id,
      endpointId: e.id,
      event,
      payload,
      state: "pending",
      nextAttemptAt: now,
      createdAt: now,
    };
  });
  await tx.insert(webhookDelivery).values(rows);
  return rows.length;
}
