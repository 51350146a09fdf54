import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import {
  ZAction,
  ZActionQuery,
  ZActionDetail,
  ZActionEffect,
  ZCreateActionRequest,
  ZUpdateActionRequest,
} from "./action-contracts.ts";
import { actionEffect } from "./action-effect.ts";
import { createImprovementAction } from "./create-improvement-action.ts";
import { findImprovementActions, getImprovementAction } from "./find-improvement-actions.ts";
import { updateImprovementAction } from "./update-improvement-action.ts";

/** Improvement actions: what changes because of the feedback, with owner, deadline, progress and effect. */
export function registerImprovementActionRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["follow-up"] as const;
  route.get(
    "/improvement-actions",
    {
      access: "actions:read",
      schema: {
        tags,
        operationId: "findImprovementActions",
        summary:
          "Improvement actions of the organisation, newest first (by status, completion dates, service)",
        querystring: ZActionQuery,
        response: { 200: z.object({ items: z.array(ZAction) }) },
      },
    },
    async (request, _reply, actor) => {
      return findImprovementActions(deps.db, actor.orgId, request.query);
    },
  );
  route.post(
    "/improvement-actions",
    {
      access: "actions:write",
      schema: {
        tags,
        operationId: "createImprovementAction",
        summary: "Plan an improvement action with owner, department, services, evidence and deadline",
        body: ZCreateActionRequest,
        response: { 201: ZActionDetail },
      },
    },
    async (request, reply, actor) => {
      const id = await createImprovementAction(deps.db, actor, request.body);
      return reply.status(201).send(await getImprovementAction(deps.db, actor.orgId, id));
    },
  );
  route.get(
    "/improvement-actions/:id",
    {
      access: "actions:read",
      schema: {
        tags,
        operationId: "getImprovementAction",
        summary: "One improvement action with its links and dated progress notes",
        params: ZIdParams,
        response: { 200: ZActionDetail },
      },
    },
    async (request, _reply, actor) => {
      return getImprovementAction(deps.db, actor.orgId, request.params.id);
    },
  );
  route.patch(
    "/improvement-actions/:id",
    {
      access: "actions:write",
      schema: {
        tags,
        operationId: "updateImprovementAction",
        summary: "Change an action, move its status (dropping needs a reason) or add a progress note",
        params: ZIdParams,
        body: ZUpdateActionRequest,
        response: { 200: ZActionDetail },
      },
    },
    async (request, _reply, actor) => {
      await updateImprovementAction(deps.db, actor, request.params.id, request.body);
      return getImprovementAction(deps.db, actor.orgId, request.params.id);
    },
  );
  route.get(
    "/improvement-actions/:id/effect",
    {
      access: "actions:read",
      schema: {
        tags,
        operationId: "getImprovementActionEffect",
        summary:
          "NPS and satisfaction index of the action's services before and after its completion, with 95 % intervals and significance",
        params: ZIdParams,
        querystring: z.object({ months: z.coerce.number().int().min(1).max(24).default(3) }),
        response: { 200: ZActionEffect },
      },
    },
    async (request, _reply, actor) => {
      return actionEffect(deps.db, actor.orgId, request.params.id, request.query.months);
    },
  );
}
