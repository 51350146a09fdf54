import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import {
  ZCalibrationReferenceRequest,
  ZCalibrationScoresRequest,
  ZCalibrationSession,
  ZCalibrationSessionSummary,
  ZCalibrationTrend,
  ZCreateCalibrationRequest,
} from "./calibration-contracts.ts";
import { calibrationTrend } from "./calibration-trend.ts";
import { createCalibrationSession } from "./create-calibration-session.ts";
import { findCalibrationEvaluators } from "./find-calibration-evaluators.ts";
import { findCalibrationSessions } from "./find-calibration-sessions.ts";
import { getCalibrationSession } from "./get-calibration-session.ts";
import { saveCalibrationScores } from "./save-calibration-scores.ts";
import { setCalibrationReference } from "./set-calibration-reference.ts";

/** Calibration sessions: independent scoring of one contact, the spread and agreement, the reference, trends. */
export function registerQualityCalibrationRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const { db } = deps;
  const tags = ["quality"] as const;
  route.get(
    "/quality/calibration/sessions",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "findQualityCalibrationSessions",
        summary: "Calibration sessions the caller owns or takes part in (all of them for quality managers)",
        response: { 200: z.object({ items: z.array(ZCalibrationSessionSummary) }) },
      },
    },
    async (_request, _reply, actor) => ({ items: await findCalibrationSessions(db, actor) }),
  );
  route.get(
    "/quality/calibration/evaluators",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "findQualityCalibrationEvaluators",
        summary: "Members who may take part in a calibration session (user id and name)",
        response: {
          200: z.object({ items: z.array(z.object({ userId: z.string(), name: z.string() })) }),
        },
      },
    },
    async (_request, _reply, actor) => ({ items: await findCalibrationEvaluators(db, actor) }),
  );
  route.post(
    "/quality/calibration/sessions",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "createQualityCalibrationSession",
        summary: "Open a calibration session on a contact and a model version with its evaluators",
        body: ZCreateCalibrationRequest,
        response: { 201: ZCalibrationSession },
      },
    },
    async (request, reply, actor) => {
      const id = await createCalibrationSession(db, actor, request.body);
      return reply.status(201).send(await getCalibrationSession(db, actor, id));
    },
  );
  route.get(
    "/quality/calibration/sessions/:id",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "getQualityCalibrationSession",
        summary: "A session: your scores, and after you submit everyone's with spread, deviations and alpha",
        params: ZIdParams,
        response: { 200: ZCalibrationSession },
      },
    },
    async (request, _reply, actor) => getCalibrationSession(db, actor, request.params.id),
  );
  route.put(
    "/quality/calibration/sessions/:id/scores",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "saveQualityCalibrationScores",
        summary: "Save (and with submit: true, submit) your own independent scores of the session's contact",
        params: ZIdParams,
        body: ZCalibrationScoresRequest,
        response: { 200: ZCalibrationSession },
      },
    },
    async (request, _reply, actor) => {
      await saveCalibrationScores(db, actor, request.params.id, request.body);
      return getCalibrationSession(db, actor, request.params.id);
    },
  );
  route.put(
    "/quality/calibration/sessions/:id/reference",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "setQualityCalibrationReference",
        summary: "Record the reference scores agreed after the discussion; closes the session (its owner)",
        params: ZIdParams,
        body: ZCalibrationReferenceRequest,
        response: { 200: ZCalibrationSession },
      },
    },
    async (request, _reply, actor) => {
      await setCalibrationReference(db, actor, request.params.id, request.body);
      return getCalibrationSession(db, actor, request.params.id);
    },
  );
  route.get(
    "/quality/calibration/evaluators/:userId/trend",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "getQualityCalibrationTrend",
        summary: "An evaluator's mean deviation from the agreed reference over closed sessions, oldest first",
        params: z.object({ userId: z.string().min(1).max(200) }),
        response: { 200: ZCalibrationTrend },
      },
    },
    async (request, _reply, actor) => calibrationTrend(db, actor, request.params.userId),
  );
}
