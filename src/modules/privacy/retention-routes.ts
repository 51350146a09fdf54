import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { auditSettingsChange } from "./audit-settings.ts";
import {
  deleteSurveyRetention,
  getRetention,
  listSurveyRetentions,
  previewRetention,
  saveRetention,
  saveSurveyRetention,
  ZRetention,
  ZRetentionCounts,
  ZSurveyRetention,
} from "./retention.ts";

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
  const ZSurveyRow = ZSurveyRetention.extend({ surveyId: z.string(), surveyName: z.string() });
  route.get(
    "/privacy/retention/surveys",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "listSurveyRetention",
        summary: "The surveys that keep personal data for periods of their own (null: the organisation's)",
        response: { 200: z.object({ items: z.array(ZSurveyRow) }) },
      },
    },
    async (_request, _reply, actor) => ({ items: await listSurveyRetentions(deps.db, actor.orgId) }),
  );
  route.put(
    "/privacy/retention/surveys/:id",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "putSurveyRetention",
        summary:
          "Set a survey's own periods (1–120 months, null for the organisation's; all null removes them; logged)",
        params: ZIdParams,
        body: ZSurveyRetention,
        response: { 200: z.object({ items: z.array(ZSurveyRow) }) },
      },
    },
    async (request, _reply, actor) =>
      deps.db.transaction(async (tx) => {
        await saveSurveyRetention(tx, actor.orgId, request.params.id, request.body);
        await auditSettingsChange(tx, actor, "survey_retention", request.body, {
          type: "survey",
          id: request.params.id,
        });
        return { items: await listSurveyRetentions(tx, actor.orgId) };
      }),
  );
  route.delete(
    "/privacy/retention/surveys/:id",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "deleteSurveyRetention",
        summary: "The survey follows the organisation's periods again (logged)",
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await deps.db.transaction(async (tx) => {
        await deleteSurveyRetention(tx, actor.orgId, request.params.id);
        await auditSettingsChange(
          tx,
          actor,
          "survey_retention",
          {},
          { type: "survey", id: request.params.id },
        );
      });
      return reply.status(204).send(null);
    },
  );
}
