import { z } from "zod";
import { requireAccess } from "../../auth/access.ts";
import type { AppDeps } from "../../context.ts";
import { type Api, problemResponses, ZIdParams } from "../../http/types.ts";
import {
  ACTION_STATUSES,
  ZAction,
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
  const tags = ["follow-up"];
  app.get(
    "/improvement-actions",
    {
      schema: {
        tags,
        operationId: "findImprovementActions",
        summary: "Improvement actions of the organisation, newest first",
        querystring: z.object({ status: z.enum(ACTION_STATUSES).optional() }),
        response: { 200: z.object({ items: z.array(ZAction) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "actions:read");
      return findImprovementActions(deps.db, actor.orgId, request.query);
    },
  );
  app.post(
    "/improvement-actions",
    {
      schema: {
        tags,
        operationId: "createImprovementAction",
        summary: "Plan an improvement action with owner, department, services, evidence and deadline",
        body: ZCreateActionRequest,
        response: { 201: ZActionDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "actions:write");
      const id = await createImprovementAction(deps.db, actor, request.body);
      return reply.status(201).send(await getImprovementAction(deps.db, actor.orgId, id));
    },
  );
  app.get(
    "/improvement-actions/:id",
    {
      schema: {
        tags,
        operationId: "getImprovementAction",
        summary: "One improvement action with its links and dated progress notes",
        params: ZIdParams,
        response: { 200: ZActionDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "actions:read");
      return getImprovementAction(deps.db, actor.orgId, request.params.id);
    },
  );
  app.patch(
    "/improvement-actions/:id",
    {
      schema: {
        tags,
        operationId: "updateImprovementAction",
        summary: "Change an action, move its status (dropping needs a reason) or add a progress note",
        params: ZIdParams,
        body: ZUpdateActionRequest,
        response: { 200: ZActionDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "actions:write");
      await updateImprovementAction(deps.db, actor, request.params.id, request.body);
      return getImprovementAction(deps.db, actor.orgId, request.params.id);
    },
  );
  app.get(
    "/improvement-actions/:id/effect",
    {
      schema: {
        tags,
        operationId: "getImprovementActionEffect",
        summary:
          "NPS and satisfaction index of the action's services before and after its completion, with 95 % intervals and significance",
        params: ZIdParams,
        querystring: z.object({ months: z.coerce.number().int().min(1).max(24).default(3) }),
        response: { 200: ZActionEffect, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "actions:read");
      return actionEffect(deps.db, actor.orgId, request.params.id, request.query.months);
    },
  );
}
