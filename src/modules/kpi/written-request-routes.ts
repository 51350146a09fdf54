import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { ZKpiFigure } from "./contracts.ts";
import {
  ZCreateWrittenRequest,
  ZReplyComplianceQuery,
  ZUpdateWrittenRequest,
  ZWrittenRequest,
  ZWrittenRequestQuery,
} from "./written-request-contracts.ts";
import {
  createWrittenRequest,
  findReplyCompliance,
  findWrittenRequests,
  getWrittenRequest,
  updateWrittenRequest,
} from "./written-requests.ts";

/** Letters and requests for information with their reply deadlines, and the replies-on-time figure. */
export function registerWrittenRequestRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["kpi"] as const;
  route.get(
    "/written-requests",
    {
      access: "kpi:read",
      schema: {
        tags,
        operationId: "findWrittenRequests",
        summary: "Written requests: all, or open ones due today, this week or overdue",
        querystring: ZWrittenRequestQuery,
        response: { 200: z.object({ items: z.array(ZWrittenRequest) }) },
      },
    },
    async (request, _reply, actor) => ({
      items: await findWrittenRequests(deps.db, actor.orgId, request.query),
    }),
  );
  route.get(
    "/written-requests/compliance",
    {
      access: "kpi:read",
      schema: {
        tags,
        operationId: "getReplyCompliance",
        summary: "Replies on time among the requests received in a date range",
        querystring: ZReplyComplianceQuery,
        response: {
          200: z.object({
            due: z.number(),
            onTime: z.number(),
            late: z.number(),
            pending: z.number(),
            kpi: ZKpiFigure,
          }),
        },
      },
    },
    async (request, _reply, actor) => findReplyCompliance(deps.db, actor.orgId, request.query),
  );
  route.post(
    "/written-requests",
    {
      access: "kpi:write",
      schema: {
        tags,
        operationId: "createWrittenRequest",
        summary:
          "Register a letter (30 days), a request for information (5 working days) or a custom deadline",
        body: ZCreateWrittenRequest,
        response: { 201: ZWrittenRequest },
      },
    },
    async (request, reply, actor) =>
      reply.status(201).send(await createWrittenRequest(deps.db, actor.orgId, request.body)),
  );
  route.get(
    "/written-requests/:id",
    {
      access: "kpi:read",
      schema: {
        tags,
        operationId: "getWrittenRequest",
        summary: "One written request",
        params: ZIdParams,
        response: { 200: ZWrittenRequest },
      },
    },
    async (request, _reply, actor) => getWrittenRequest(deps.db, actor.orgId, request.params.id),
  );
  route.patch(
    "/written-requests/:id",
    {
      access: "kpi:write",
      schema: {
        tags,
        operationId: "updateWrittenRequest",
        summary: "Record the reply date or change the responsible employee",
        params: ZIdParams,
        body: ZUpdateWrittenRequest,
        response: { 200: ZWrittenRequest },
      },
    },
    async (request, _reply, actor) =>
      updateWrittenRequest(deps.db, actor.orgId, request.params.id, request.body),
  );
}
