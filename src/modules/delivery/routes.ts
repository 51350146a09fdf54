import { z } from "zod";
import { requireAccess } from "../../auth/access.ts";
import type { AppDeps } from "../../context.ts";
import { type Api, problemResponses, ZIdParams } from "../../http/types.ts";
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
  app.post(
    "/bounces",
    {
      schema: {
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
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "events:write");
      return reportBounce(deps.db, actor.orgId, request.body);
    },
  );
  app.get(
    "/outbox",
    {
      schema: {
        tags: ["delivery"],
        summary:
          'Newest messages kept in the local outbox. mode "outbox": no SMTP server is configured and nothing leaves this machine.',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({ mode: z.enum(["outbox", "smtp"]), items: z.array(ZOutboxItem) }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "outbox:read");
      return { mode: deps.mailer.mode, items: await findOutbox(deps.db, actor.orgId, request.query) };
    },
  );
  app.get(
    "/outbox/:id",
    {
      schema: {
        tags: ["delivery"],
        summary: "One outbox message with its HTML part",
        params: ZIdParams,
        response: { 200: ZOutboxItem.extend({ html: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "outbox:read");
      return getOutboxMessage(deps.db, actor.orgId, request.params.id);
    },
  );
}
