import { z } from "zod";
import { requireAccess } from "../../auth/access.ts";
import type { AppDeps } from "../../context.ts";
import { type Api, problemResponses, ZIdParams } from "../../http/types.ts";
import {
  ZCase,
  ZCaseDetail,
  ZCaseEventRequest,
  ZCaseSummary,
  ZCreateCaseRequest,
  ZFindCasesQuery,
  ZUpdateCaseRequest,
} from "./case-contracts.ts";
import { findCases } from "./find-cases.ts";
import { getCase } from "./get-case.ts";
import { openCase } from "./open-case.ts";
import { recordCaseEvent } from "./record-case-event.ts";
import { summarizeCases } from "./summarize-cases.ts";
import { updateCase } from "./update-case.ts";

/** Follow-up cases: the inbox, one case, its timeline and the dashboard figures. */
export function registerCaseRoutes(app: Api, deps: AppDeps): void {
  const tags = ["follow-up"];
  app.get(
    "/cases",
    {
      schema: {
        tags,
        operationId: "findCases",
        summary:
          "Follow-up cases the caller may see (all, mine, my departments', overdue), soonest deadline first",
        querystring: ZFindCasesQuery,
        response: { 200: z.object({ items: z.array(ZCase) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:read");
      return findCases(deps.db, actor, request.query);
    },
  );
  app.get(
    "/cases/summary",
    {
      schema: {
        tags,
        operationId: "summarizeCases",
        summary:
          "Open and overdue cases, median time to first contact, share contacted within the deadline, recovery rate",
        response: { 200: ZCaseSummary, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:read");
      return summarizeCases(deps.db, actor);
    },
  );
  app.post(
    "/cases",
    {
      schema: {
        tags,
        operationId: "openCase",
        summary: "Open a case by hand for an answer (answers that trigger the rule open one themselves)",
        body: ZCreateCaseRequest,
        response: { 201: ZCaseDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:write");
      const id = await openCase(deps.db, actor, request.body);
      return reply.status(201).send(await getCase(deps.db, actor, id));
    },
  );
  app.get(
    "/cases/:id",
    {
      schema: {
        tags,
        operationId: "getCase",
        summary:
          "One case with its answer, timeline and (where allowed) contact details; showing them is audited",
        params: ZIdParams,
        response: { 200: ZCaseDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:read");
      return getCase(deps.db, actor, request.params.id);
    },
  );
  app.patch(
    "/cases/:id",
    {
      schema: {
        tags,
        operationId: "updateCase",
        summary: "Reassign a case (cases:assign) or move its deadline",
        params: ZIdParams,
        body: ZUpdateCaseRequest,
        response: { 200: ZCaseDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:write");
      await updateCase(deps.db, actor, request.params.id, request.body);
      return getCase(deps.db, actor, request.params.id);
    },
  );
  app.post(
    "/cases/:id/events",
    {
      schema: {
        tags,
        operationId: "recordCaseEvent",
        summary: "Add a note, a call attempt or a state change to a case's timeline",
        params: ZIdParams,
        body: ZCaseEventRequest,
        response: { 201: ZCaseDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:write");
      await recordCaseEvent(deps.db, actor, request.params.id, request.body);
      return reply.status(201).send(await getCase(deps.db, actor, request.params.id));
    },
  );
}
