import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { apiRoutes } from "../../../http/route.ts";
import type { Api } from "../../../http/types.ts";
import { UI_LOCALES } from "../../../i18n/locales.ts";
import {
  findReportSubscriptions,
  subscribeToReports,
  unsubscribeFromReports,
} from "./report-subscriptions.ts";

const ZSubscription = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  lastSentMonth: z.string().nullable().describe("the last month whose report was sent (YYYY-MM)"),
  createdAt: z.date(),
});

/** Who receives the monthly PDF report by e-mail. */
export function registerReportSubscriptionRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["exports"] as const;
  route.get(
    "/report-subscriptions",
    {
      access: "reports:read",
      schema: {
        operationId: "listReportSubscriptions",
        tags,
        summary: "The caller's subscription to the monthly report (owners and admins: everyone's)",
        response: { 200: z.array(ZSubscription) },
      },
    },
    async (_request, _reply, actor) => {
      return findReportSubscriptions(deps.db, actor);
    },
  );
  route.post(
    "/report-subscriptions",
    {
      access: "reports:read",
      schema: {
        operationId: "createReportSubscription",
        tags,
        summary: "Subscribe to the monthly report: yourself, or (owners and admins) another member",
        body: z.object({
          userId: z.string().min(1).max(100).optional().describe("another member (owners and admins only)"),
          locale: z.enum(UI_LOCALES).optional().describe("language of the report; the user's own by default"),
        }),
        response: { 201: ZSubscription },
      },
    },
    async (request, reply, actor) => {
      return reply.status(201).send(await subscribeToReports(deps.db, actor, request.body));
    },
  );
  route.delete(
    "/report-subscriptions/:userId",
    {
      access: "reports:read",
      schema: {
        operationId: "deleteReportSubscription",
        tags,
        summary: "End a subscription (`me` for your own)",
        params: z.object({ userId: z.string().min(1).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await unsubscribeFromReports(deps.db, actor, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}
