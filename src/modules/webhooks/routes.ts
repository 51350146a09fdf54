import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { WEBHOOK_EVENTS } from "./emit-webhook.ts";
import { WEBHOOK_ERROR_CATEGORIES } from "./post-webhook.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookDeliveries,
  findWebhookEndpoints,
} from "./webhook-endpoints.ts";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** HTTPS only; plain http to this machine only in tests (a local receiver has no certificate). */
function ZEndpointUrl(allowLocalHttp: boolean) {
  return z
    .url({ protocol: /^https?$/, message: "must be an https:// URL" })
    .max(2000)
    .refine(
      (u) => {
        // Unparseable URLs are reported by the check above (zod runs refinements after a failed check too).
        if (!URL.canParse(u)) return true;
        const url = new URL(u);
        return url.protocol === "https:" || (allowLocalHttp && LOCAL_HOSTS.has(url.hostname));
      },
      { message: "must be an https:// URL" },
    );
}

const ZWebhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.date(),
});

const ZDelivery = z.object({
  id: z.string(),
  event: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z
    .enum(WEBHOOK_ERROR_CATEGORIES)
    .nullable()
    .describe("why the last attempt failed: refused_address, dns, connect, timeout, tls or http_status"),
  nextAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});

/** Webhook endpoints of the organisation and their delivery logs (owners and admins). */
export function registerWebhookRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["webhooks"] as const;
  route.get(
    "/webhooks",
    {
      access: "webhooks:manage",
      schema: {
        operationId: "listWebhooks",
        tags,
        summary: "Webhook endpoints",
        response: { 200: z.array(ZWebhook) },
      },
    },
    async (_request, _reply, actor) => {
      return findWebhookEndpoints(deps.db, actor.orgId);
    },
  );
  route.post(
    "/webhooks",
    {
      access: "webhooks:manage",
      schema: {
        operationId: "createWebhook",
        tags,
        summary:
          'Register an endpoint; deliveries carry Kaja-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>. The secret is shown only here.',
        body: z.object({
          url: ZEndpointUrl(deps.config.NODE_ENV === "test"),
          events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "choose at least one event"),
        }),
        response: { 201: ZWebhook.extend({ secret: z.string() }) },
      },
    },
    async (request, reply, actor) => {
      const created = await createWebhookEndpoint(deps.db, actor.orgId, request.body, {
        allowHosts: deps.config.WEBHOOK_ALLOW_HOSTS,
      });
      return reply.status(201).send(created);
    },
  );
  route.delete(
    "/webhooks/:id",
    {
      access: "webhooks:manage",
      schema: {
        operationId: "deleteWebhook",
        tags,
        summary: "Remove an endpoint and its log",
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await deleteWebhookEndpoint(deps.db, actor.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
  route.get(
    "/webhooks/:id/deliveries",
    {
      access: "webhooks:manage",
      schema: {
        operationId: "listWebhookDeliveries",
        tags,
        summary: "The newest 100 deliveries to an endpoint, with their state and last result",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZDelivery) }) },
      },
    },
    async (request, _reply, actor) => {
      return { items: await findWebhookDeliveries(deps.db, actor.orgId, request.params.id) };
    },
  );
}
