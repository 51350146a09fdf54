import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { findOutbox, getOutboxMessage } from "./find-outbox.ts";
import { reportBounce } from "./report-bounce.ts";

const ZOutboxItem = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  sentVia: z.string(),
  createdAt: z.date(),
});

/** Bounce reports from the mail system, and the local outbox. */
export function registerDeliveryRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  route.post(
    "/bounces",
    {
      access: "events:write",
      schema: {
        operationId: "reportBounce",
        tags: ["delivery"],
        summary:
          "Report a bounce (API key with events:write). A permanent bounce marks the address invalid and skips its unsent invitations.",
        body: z.object({
          email: z.email().max(254),
          reason: z.string().trim().min(1).max(1000),
          permanent: z.boolean(),
        }),
        response: {
          200: z.object({ contacts: z.number().int(), invitationsSkipped: z.number().int() }),
        },
      },
    },
    async (request, _reply, actor) => {
      return reportBounce(deps.db, actor.orgId, request.body);
    },
  );
  route.get(
    "/outbox",
    {
      access: "outbox:read",
      schema: {
        operationId: "listOutbox",
        tags: ["delivery"],
        summary:
          'Newest messages kept in the local outbox. mode "outbox": no SMTP server is configured and nothing leaves this machine.',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({ mode: z.enum(["outbox", "smtp"]), items: z.array(ZOutboxItem) }),
        },
      },
    },
    async (request, _reply, actor) => {
      return { mode: deps.mailer.mode, items: await findOutbox(deps.db, actor.orgId, request.query) };
    },
  );
  route.get(
    "/outbox/:id",
    {
      access: "outbox:read",
      schema: {
        operationId: "getOutboxMessage",
        tags: ["delivery"],
        summary: "One outbox message with its HTML part",
        params: ZIdParams,
        response: { 200: ZOutboxItem.extend({ html: z.string().nullable() }) },
      },
    },
    async (request, _reply, actor) => {
      return getOutboxMessage(deps.db, actor.orgId, request.params.id);
    },
  );
}
