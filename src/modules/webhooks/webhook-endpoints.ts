import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { webhookDelivery, webhookEndpoint } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError, fieldProblem } from "../../http/errors.ts";
import { type ResolveWebhookHostOptions, resolveWebhookHost, WebhookAddressError } from "./address-policy.ts";
import type { TWebhookEvent } from "./emit-webhook.ts";
import { errorCategory } from "./post-webhook.ts";

const columns = {
  id: webhookEndpoint.id,
  url: webhookEndpoint.url,
  events: webhookEndpoint.events,
  createdAt: webhookEndpoint.createdAt,
};

const notFound = () => new AppError("NOT_FOUND", { message: { key: "problem.webhook.notFound" } });

/** Lists the organisation's webhook endpoints (never their secrets). */
export function findWebhookEndpoints(db: Db, orgId: string) {
  return db
    .select(columns)
    .from(webhookEndpoint)
    .where(inOrg(webhookEndpoint, orgId, isNull(webhookEndpoint.archivedAt)))
    .orderBy(desc(webhookEndpoint.createdAt));
}

/** How long registration waits for DNS; a name that does not resolve in time is checked again at delivery. */
const REGISTER_LOOKUP_MS = 5_000;

/**
 * Refuses a URL whose host is, or resolves to, an internal address (unless the operator allows the host).
 * A name that does not resolve yet is accepted: every delivery resolves and checks it again.
 */
async function checkEndpointUrl(url: string, options: ResolveWebhookHostOptions) {
  const { hostname } = new URL(url);
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, REGISTER_LOOKUP_MS).unref());
  try {
    await Promise.race([resolveWebhookHost(hostname, options), timeout]);
  } catch (err) {
    if (!(err instanceof WebhookAddressError) || err.category !== "refused_address") return;
    throw fieldProblem("body.url", { key: "problem.field.internalAddress" });
  }
}

/** Registers an endpoint with a new signing secret, which is returned this once; refuses internal addresses. */
export async function createWebhookEndpoint(
  db: Db,
  orgId: string,
  input: { url: string; events: TWebhookEvent[] },
  options: ResolveWebhookHostOptions = {},
) {
  await checkEndpointUrl(input.url, options);
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
  const rows = await db
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
  // Only a category is shown; rows written before categories existed may hold raw error text.
  return rows.map((r) => ({ ...r, lastError: r.lastError === null ? null : errorCategory(r.lastError) }));
}
