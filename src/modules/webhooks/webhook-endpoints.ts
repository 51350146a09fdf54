import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { webhookDelivery, webhookEndpoint } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import type { TWebhookEvent } from "./emit-webhook.ts";

const columns = {
  id: webhookEndpoint.id,
  url: webhookEndpoint.url,
  events: webhookEndpoint.events,
  createdAt: webhookEndpoint.createdAt,
};

const notFound = () => new AppError("NOT_FOUND", { detail: "No such webhook endpoint." });

/** Lists the organisation's webhook endpoints (never their secrets). */
export function findWebhookEndpoints(db: Db, orgId: string) {
  return db
    .select(columns)
    .from(webhookEndpoint)
    .where(inOrg(webhookEndpoint, orgId, isNull(webhookEndpoint.archivedAt)))
    .orderBy(desc(webhookEndpoint.createdAt));
}

/** Registers an endpoint with a new signing secret, which is returned this once. */
export async function createWebhookEndpoint(
  db: Db,
  orgId: string,
  input: { url: string; events: TWebhookEvent[] },
) {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(webhookEndpoint)
    .values({ orgId, id: randomUUID(), url: input.url, events: [...new Set(input.events)], secret })
    .returning(columns);
  return { ...row, secret };
}

/** Removes an endpoint and its delivery log; NOT_FOUND across organisations. */
export async function deleteWebhookEndpoint(db: Db, orgId: string, id: string) {
  const gone = await db
    .delete(webhookEndpoint)
    .where(inOrg(webhookEndpoint, orgId, eq(webhookEndpoint.id, id)))
    .returning({ id: webhookEndpoint.id });
  if (!gone.length) throw notFound();
}

/** The newest deliveries to one endpoint (the log an integrator debugs with). */
export async function findWebhookDeliveries(db: Db, orgId: string, endpointId: string, { limit = 100 } = {}) {
  const [endpoint] = await db
    .select({ id: webhookEndpoint.id })
    .from(webhookEndpoint)
    .where(
      inOrg(webhookEndpoint, orgId, eq(webhookEndpoint.id, endpointId), isNull(webhookEndpoint.archivedAt)),
    );
  if (!endpoint) throw notFound();
  return db
    .select({
      id: webhookDelivery.id,
      event: webhookDelivery.event,
      state: webhookDelivery.state,
      attempts: webhookDelivery.attempts,
      lastStatus: webhookDelivery.lastStatus,
      lastError: webhookDelivery.lastError,
      nextAttemptAt: webhookDelivery.nextAttemptAt,
      deliveredAt: webhookDelivery.deliveredAt,
      createdAt: webhookDelivery.createdAt,
    })
    .from(webhookDelivery)
    .where(and(inOrg(webhookDelivery, orgId), eq(webhookDelivery.endpointId, endpointId)))
    .orderBy(desc(webhookDelivery.createdAt))
    .limit(limit);
}
