import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
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
  const route = apiRoutes(app, deps);
  const tags = ["follow-up"] as const;
  route.get(
    "/cases",
    {
      access: "cases:read",
      schema: {
        tags,
        operationId: "findCases",
        summary:
          "Follow-up cases the caller may see (all, mine, my departments', overdue), soonest deadline first",
        querystring: ZFindCasesQuery,
        response: { 200: z.object({ items: z.array(ZCase) }) },
      },
    },
    async (request, _reply, actor) => {
      return findCases(deps.db, actor, request.query);
    },
  );
  route.get(
    "/cases/summary",
    {
      access: "cases:read",
      schema: {
        tags,
        operationId: "summarizeCases",
        summary:
          "Open and overdue cases, median time to first contact, share contacted within the deadline, recovery rate",
        response: { 200: ZCaseSummary },
      },
    },
    async (_request, _reply, actor) => {
      return summarizeCases(deps.db, actor);
    },
  );
  route.post(
    "/cases",
    {
      access: "cases:write",
      schema: {
        tags,
        operationId: "openCase",
        summary: "Open a case by hand for an answer (answers that trigger the rule open one themselves)",
        body: ZCreateCaseRequest,
        response: { 201: ZCaseDetail },
      },
    },
    async (request, reply, actor) => {
      const id = await openCase(deps.db, actor, request.body);
      return reply.status(201).send(await getCase(deps.db, actor, id));
    },
  );
  route.get(
    "/cases/:id",
    {
      access: "cases:read",
      schema: {
        tags,
        operationId: "getCase",
        summary:
          "One case with its answer, timeline and (where allowed) contact details; showing them is audited",
        params: ZIdParams,
        response: { 200: ZCaseDetail },
      },
    },
    async (request, _reply, actor) => {
      return getCase(deps.db, actor, request.params.id);
    },
  );
  route.patch(
    "/cases/:id",
    {
      access: "cases:write",
      schema: {
        tags,
        operationId: "updateCase",
        summary: "Reassign a case (cases:assign) or move its deadline",
        params: ZIdParams,
        body: ZUpdateCaseRequest,
        response: { 200: ZCaseDetail },
      },
    },
    async (request, _reply, actor) => {
      await updateCase(deps.db, actor, request.params.id, request.body);
      return getCase(deps.db, actor, request.params.id);
    },
  );
  route.post(
    "/cases/:id/events",
    {
      access: "cases:write",
      schema: {
        tags,
        operationId: "recordCaseEvent",
        summary: "Add a note, a call attempt or a state change to a case's timeline",
        params: ZIdParams,
        body: ZCaseEventRequest,
        response: { 201: ZCaseDetail },
      },
    },
    async (request, reply, actor) => {
      await recordCaseEvent(deps.db, actor, request.params.id, request.body);
      return reply.status(201).send(await getCase(deps.db, actor, request.params.id));
    },
  );
}
