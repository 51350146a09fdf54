import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { auditSettingsChange } from "./audit-settings.ts";
import { getRetention, previewRetention, saveRetention, ZRetention, ZRetentionCounts } from "./retention.ts";

const ZPeriodQuery = z.coerce.number().int().min(1).max(120).optional();

/** Retention periods of personal data and a preview of what the next daily run anonymises. */
export function registerRetentionRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["privacy"] as const;
  route.get(
    "/privacy/retention",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "getRetention",
        summary: "How long personal data is kept, in months (defaults when never saved)",
        response: { 200: ZRetention },
      },
    },
    async (_request, _reply, actor) => getRetention(deps.db, actor.orgId),
  );
  route.put(
    "/privacy/retention",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "putRetention",
        summary: "Save the retention periods (1–120 months each; logged)",
        body: ZRetention,
        response: { 200: ZRetention },
      },
    },
    async (request, _reply, actor) =>
      deps.db.transaction(async (tx) => {
        await saveRetention(tx, actor.orgId, request.body);
        await auditSettingsChange(tx, actor, "retention", request.body);
        return getRetention(tx, actor.orgId);
      }),
  );
  route.get(
    "/privacy/retention/preview",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "previewRetention",
        summary: "Counts the next retention run would anonymise, with the saved or the proposed periods",
        querystring: z
          .object({
            contactMonths: ZPeriodQuery,
            invitationMonths: ZPeriodQuery,
            respondentMonths: ZPeriodQuery,
            callbackMonths: ZPeriodQuery,
            commentMonths: ZPeriodQuery,
          })
          .strict(),
        response: { 200: z.object({ periods: ZRetention, counts: ZRetentionCounts }) },
      },
    },
    async (request, _reply, actor) => {
      const saved = await getRetention(deps.db, actor.orgId);
      const proposed = Object.fromEntries(Object.entries(request.query).filter(([, v]) => v !== undefined));
      const periods = { ...saved, ...proposed };
      return { periods, counts: await previewRetention(deps.db, actor.orgId, new Date(), periods) };
    },
  );
}
