import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { decodeUpload, ZInstantQuery } from "../../http/strict-input.ts";
import { requestLanguage } from "../../http/problem-language.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { ZRefMatches } from "../catalog/ref-matches-schema.ts";
import { findResponses, getResponse } from "./find-responses.ts";
import { IMPORT_COLUMNS, importResponses } from "./import-responses.ts";

const ZResponse = z.object({
  id: z.string(),
  surveyId: z.string(),
  surveyVersion: z.number().int(),
  score: z.number().int(),
  group: z.enum(["promoter", "passive", "detractor"]),
  satisfaction: z.number().int().nullable(),
  comment: z.string().nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()])),
  locale: z.string(),
  serviceId: z.string().nullable(),
  departmentId: z.string().nullable(),
  employeeId: z.string().nullable(),
  channelId: z.string().nullable(),
  audience: z.string().nullable(),
  source: z.string(),
  respondentName: z.string().nullable(),
  respondentEmail: z.string().nullable(),
  receivedAt: z.date(),
  updatedAt: z.date(),
});

const ZFilters = z.object({
  surveyId: z.uuid().optional(),
  serviceId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  channelId: z.uuid().optional(),
  group: z.enum(["promoter", "passive", "detractor"]).optional(),
  from: ZInstantQuery.optional(),
  to: ZInstantQuery.optional(),
  hasComment: z.stringbool().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Staff and API access to answers. */
export function registerResponseRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["answers"] as const;
  route.get(
    "/responses",
    {
      access: "responses:read",
      schema: {
        operationId: "listResponses",
        tags,
        summary:
          "Answers, newest first, with cursor pagination (agents see their own, managers their departments')",
        querystring: ZFilters,
        response: {
          200: z.object({ items: z.array(ZResponse), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, _reply, actor) => {
      return findResponses(deps.db, actor, request.query);
    },
  );
  route.get(
    "/responses/:id",
    {
      access: "responses:read",
      schema: {
        operationId: "getResponse",
        summary: "One answer",
        tags,
        params: ZIdParams,
        response: { 200: ZResponse },
      },
    },
    async (request, _reply, actor) => {
      return getResponse(deps.db, actor, request.params.id);
    },
  );
}

const ZImportReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  alreadyImported: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  matches: ZRefMatches,
});

/** CSV import of historical answers (text/csv body). */
export function registerImportRoute(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  // UTF-8 unless the content type declares another supported charset; bytes invalid in it are refused.
  app.addContentTypeParser(
    ["text/csv", "application/csv"],
    { parseAs: "buffer", bodyLimit: 50 * 1024 * 1024 },
    (req, body, done) => {
      try {
        done(null, decodeUpload(body as Buffer, req.headers["content-type"]));
      } catch (err) {
        done(err as Error);
      }
    },
  );
  route.post(
    "/surveys/:id/responses/import",
    {
      bodyLimit: 50 * 1024 * 1024,
      access: "responses:write",
      schema: {
        operationId: "importResponses",
        tags: ["answers"],
        summary: `Import historical answers from CSV (columns: ${IMPORT_COLUMNS.join(", ")}); dryRun=true only reports`,
        params: ZIdParams,
        querystring: z.object({ dryRun: z.stringbool().default(true) }),
        consumes: ["text/csv", "application/csv"],
        body: z.string().min(1, "send the CSV file as the request body (content-type text/csv)"),
        response: { 200: ZImportReport },
      },
    },
    async (request, _reply, actor) => {
      return importResponses(deps.db, actor.orgId, request.params.id, request.body, {
        dryRun: request.query.dryRun,
        locale: requestLanguage(request.headers["accept-language"]) ?? "en",
      });
    },
  );
}
