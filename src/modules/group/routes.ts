import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { getAgencyServices } from "./agency-services.ts";
import { endLink, requestLink, respondToLink } from "./change-link.ts";
import {
  ZAgencyServices,
  ZGroupFigures,
  ZGroupFiguresQuery,
  ZGroupFilters,
  ZGroupLink,
  ZGroupLinks,
  ZRequestLinkBody,
} from "./contracts.ts";
import { findLinks } from "./find-links.ts";
import { getGroupFigures } from "./group-figures.ts";

/** A parent body's (ministry's) view over its agencies: links by consent, and the agencies' figures. */
export function registerGroupRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["group"] as const;
  route.get(
    "/group/links",
    {
      access: "group:read",
      schema: {
        tags,
        operationId: "listGroupLinks",
        summary:
          "Links of the organisation: agencies it oversees (or asked to), and parent bodies overseeing it",
        response: { 200: ZGroupLinks },
      },
    },
    async (_request, _reply, actor) => findLinks(deps.db, actor.orgId),
  );
  route.post(
    "/group/links",
    {
      access: "group:manage",
      schema: {
        tags,
        operationId: "requestGroupLink",
        summary:
          "Ask an agency (by its organisation slug or id) to share its figures; pending until it accepts",
        body: ZRequestLinkBody,
        response: { 201: ZGroupLink },
      },
    },
    async (request, reply, actor) =>
      reply.status(201).send(await requestLink(deps.db, actor, request.body.agency)),
  );
  for (const action of ["accept", "decline"] as const) {
    route.post(
      `/group/links/:id/${action}`,
      {
        access: "group:manage",
        schema: {
          tags,
          operationId: `${action}GroupLink`,
          summary:
            action === "accept"
              ? "As the agency, accept a parent body's request: it then sees the agency's figures"
              : "As the agency, decline a parent body's request",
          params: ZIdParams,
          response: { 200: ZGroupLink },
        },
      },
      async (request, _reply, actor) => respondToLink(deps.db, actor, request.params.id, action),
    );
  }
  route.post(
    "/group/links/:id/end",
    {
      access: "group:manage",
      schema: {
        tags,
        operationId: "endGroupLink",
        summary:
          "End a pending or active link, from either side; the parent body then sees nothing of the agency",
        params: ZIdParams,
        response: { 200: ZGroupLink },
      },
    },
    async (request, _reply, actor) => endLink(deps.db, actor, request.params.id),
  );
  route.get(
    "/group/figures",
    {
      access: "group:read",
      schema: {
        tags,
        operationId: "getGroupFigures",
        summary:
          "NPS, satisfaction index, response rate and follow-up case counts of every linked agency side by side and pooled, with 95 % intervals",
        querystring: ZGroupFiguresQuery,
        response: { 200: ZGroupFigures },
      },
    },
    async (request, _reply, actor) => getGroupFigures(deps.db, actor.orgId, request.query),
  );
  route.get(
    "/group/agencies/:id/services",
    {
      access: "group:read",
      schema: {
        tags,
        operationId: "getGroupAgencyServices",
        summary: "One linked agency's figures per service (never employees, comments or people)",
        params: ZIdParams,
        querystring: ZGroupFilters,
        response: { 200: ZAgencyServices },
      },
    },
    async (request, _reply, actor) =>
      getAgencyServices(deps.db, actor.orgId, request.params.id, request.query),
  );
}
