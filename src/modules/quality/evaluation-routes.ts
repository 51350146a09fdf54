import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { createAgreement, findAgreements, updateAgreement } from "./agreements.ts";
import {
  ZAcknowledgeRequest,
  ZAgreement,
  ZAgreementsQuery,
  ZCreateAgreementRequest,
  ZCreateEvaluationRequest,
  ZDisputeRequest,
  ZEvaluation,
  ZEvaluationDetail,
  ZEvaluationsQuery,
  ZResolveRequest,
  ZScoresRequest,
  ZUpdateAgreementRequest,
} from "./contracts.ts";
import {
  acknowledgeEvaluation,
  disputeCriterion,
  finalizeEvaluation,
  resolveDispute,
  reviseEvaluation,
  saveScores,
  submitEvaluation,
} from "./evaluation-flow.ts";
import { createEvaluation, findEvaluations, getEvaluation } from "./evaluations.ts";
import { forbidden } from "./problems.ts";

/** Evaluations with their lifecycle (draft → submitted → seen / disputed → final, revisions) and agreements. */
export function registerQualityEvaluationRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["quality"] as const;
  const db = deps.db;
  route.get(
    "/quality/evaluations",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "findQualityEvaluations",
        summary: "Current evaluations the caller sees, newest contact first, by cursor pages",
        querystring: ZEvaluationsQuery,
        response: { 200: z.object({ items: z.array(ZEvaluation), nextCursor: z.string().nullable() }) },
      },
    },
    async (request, _reply, actor) => findEvaluations(db, actor, request.query),
  );
  route.post(
    "/quality/evaluations",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "createQualityEvaluation",
        summary: "Start a draft evaluation of an employee's contact with an active model version",
        body: ZCreateEvaluationRequest,
        response: { 201: ZEvaluationDetail },
      },
    },
    async (request, reply, actor) => {
      if (actor.kind !== "user") throw forbidden({ key: "problem.quality.evaluationsByPeople" });
      const id = await createEvaluation(db, actor, request.body);
      return reply.status(201).send(await getEvaluation(db, actor, id));
    },
  );
  route.get(
    "/quality/evaluations/:id",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "getQualityEvaluation",
        summary: "One evaluation with its model, section figures, scores, disputes and agreements",
        params: ZIdParams,
        response: { 200: ZEvaluationDetail },
      },
    },
    async (request, _reply, actor) => getEvaluation(db, actor, request.params.id),
  );
  route.put(
    "/quality/evaluations/:id/scores",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "saveQualityScores",
        summary: "Save scores (or not applicable) and comments of a draft; figures are recomputed",
        params: ZIdParams,
        body: ZScoresRequest,
        response: { 200: ZEvaluationDetail },
      },
      problems: [409],
    },
    async (request, _reply, actor) => {
      await saveScores(db, actor, request.params.id, request.body);
      return getEvaluation(db, actor, request.params.id);
    },
  );
  const transition = (
    path: string,
    operationId: string,
    summary: string,
    access: "quality:evaluate" | "quality:read",
    run: (actor: Parameters<typeof submitEvaluation>[1], id: string) => Promise<void>,
  ) =>
    route.post(
      `/quality/evaluations/:id/${path}`,
      {
        access,
        schema: { tags, operationId, summary, params: ZIdParams, response: { 200: ZEvaluationDetail } },
        problems: [409],
      },
      async (request, _reply, actor) => {
        await run(actor, request.params.id);
        return getEvaluation(db, actor, request.params.id);
      },
    );
  transition(
    "submit",
    "submitQualityEvaluation",
    "Submit a fully scored draft to the employee",
    "quality:evaluate",
    (a, id) => submitEvaluation(db, a, id),
  );
  transition(
    "finalize",
    "finalizeQualityEvaluation",
    "Close a submitted or seen evaluation",
    "quality:evaluate",
    (a, id) => finalizeEvaluation(db, a, id),
  );
  route.post(
    "/quality/evaluations/:id/acknowledge",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "acknowledgeQualityEvaluation",
        summary: "The evaluated employee has seen the evaluation, optionally commenting",
        params: ZIdParams,
        body: ZAcknowledgeRequest,
        response: { 200: ZEvaluationDetail },
      },
      problems: [409],
    },
    async (request, _reply, actor) => {
      await acknowledgeEvaluation(db, actor, request.params.id, request.body.comment);
      return getEvaluation(db, actor, request.params.id);
    },
  );
  route.post(
    "/quality/evaluations/:id/disputes",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "disputeQualityCriterion",
        summary: "The evaluated employee disputes one criterion; it goes back to the evaluator",
        params: ZIdParams,
        body: ZDisputeRequest,
        response: { 200: ZEvaluationDetail },
      },
      problems: [409],
    },
    async (request, _reply, actor) => {
      await disputeCriterion(db, actor, request.params.id, request.body.criterionKey, request.body.text);
      return getEvaluation(db, actor, request.params.id);
    },
  );
  route.post(
    "/quality/evaluations/:id/resolutions",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "resolveQualityDispute",
        summary: "The evaluator keeps or corrects a disputed score",
        params: ZIdParams,
        body: ZResolveRequest,
        response: { 200: ZEvaluationDetail },
      },
      problems: [409],
    },
    async (request, _reply, actor) => {
      await resolveDispute(db, actor, request.params.id, request.body);
      return getEvaluation(db, actor, request.params.id);
    },
  );
  route.post(
    "/quality/evaluations/:id/revisions",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "reviseQualityEvaluation",
        summary: "Open a new revision (draft) of a final evaluation; the old one is kept",
        params: ZIdParams,
        response: { 201: ZEvaluationDetail },
      },
      problems: [409],
    },
    async (request, reply, actor) => {
      const id = await reviseEvaluation(db, actor, request.params.id);
      return reply.status(201).send(await getEvaluation(db, actor, id));
    },
  );
  route.post(
    "/quality/evaluations/:id/agreements",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "createQualityAgreement",
        summary: "Add the next numbered agreement with a responsible person and a deadline",
        params: ZIdParams,
        body: ZCreateAgreementRequest,
        response: { 201: ZAgreement },
      },
      problems: [409],
    },
    async (request, reply, actor) => {
      const id = await createAgreement(db, actor, request.params.id, request.body);
      const [created] = (await findAgreements(db, actor, {})).filter((a) => a.id === id);
      return reply.status(201).send(created);
    },
  );
  route.get(
    "/quality/agreements",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "findQualityAgreements",
        summary: "Agreements of the evaluations the caller sees, by deadline",
        querystring: ZAgreementsQuery,
        response: { 200: z.object({ items: z.array(ZAgreement) }) },
      },
    },
    async (request, _reply, actor) => ({ items: await findAgreements(db, actor, request.query) }),
  );
  route.patch(
    "/quality/agreements/:id",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "updateQualityAgreement",
        summary: "Mark an agreement done, open or missed, or link the evaluation that checks it",
        params: ZIdParams,
        body: ZUpdateAgreementRequest,
        response: { 200: ZAgreement },
      },
    },
    async (request, _reply, actor) => updateAgreement(db, actor, request.params.id, request.body),
  );
}
