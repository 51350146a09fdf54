import { z } from "zod";
import { refinement } from "../../../http/problem-language.ts";
import type { AppDeps } from "../../../context.ts";
import { ZInstantQuery, ZScoreText } from "../../../http/strict-input.ts";
import { apiRoutes } from "../../../http/route.ts";
import type { Api } from "../../../http/types.ts";
import { checkFilterIds } from "../check-filter-ids.ts";
import { findComments } from "./find-comments.ts";

const ZGroup = z.enum(["promoter", "passive", "detractor"]);

/** Filters of answers by their tags, score and date (the comment search and the answer export share them). */
export const ZAnswerFilters = z.object({
  surveyId: z.uuid().optional(),
  serviceId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  channelId: z.uuid().optional(),
  audience: z.enum(["external", "internal", "partner"]).optional(),
  themeId: z
    .uuid({ message: "must be a UUID" })
    .optional()
    .describe("Only answers whose comment mentions this theme"),
  group: ZGroup.optional(),
  scoreMin: ZScoreText.optional(),
  scoreMax: ZScoreText.optional(),
  from: ZInstantQuery.optional(),
  to: ZInstantQuery.optional(),
});

const ZCommentQuery = ZAnswerFilters.extend({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).superRefine((f, ctx) => {
  if (f.scoreMin !== undefined && f.scoreMax !== undefined && f.scoreMin > f.scoreMax)
    ctx.addIssue({ code: "custom", path: ["scoreMax"], ...refinement("problem.field.notBelowScoreMin") });
  if (f.from && f.to && f.from >= f.to)
    ctx.addIssue({ code: "custom", path: ["to"], ...refinement("problem.field.afterFrom") });
});

export const ZPraiseMark = z.object({
  target: z.enum(["employee", "service"]),
  employeeId: z.string().nullable(),
  serviceId: z.string().nullable(),
  text: z.string(),
  approved: z.boolean(),
  approvedAt: z.date().nullable(),
});

const ZComment = z.object({
  id: z.string(),
  surveyId: z.string(),
  comment: z.string(),
  score: z.number().int(),
  group: ZGroup,
  satisfaction: z.number().int().nullable(),
  locale: z.string(),
  serviceId: z.string().nullable(),
  departmentId: z.string().nullable(),
  employeeId: z.string().nullable(),
  channelId: z.string().nullable(),
  audience: z.string().nullable(),
  receivedAt: z.date(),
  rank: z.number().nullable().describe("Search relevance (full-text rank + word similarity); null without q"),
  praise: ZPraiseMark.nullable(),
});

/** The id filters of a query, for the check that they name the caller's own records. */
export function tagIds(q: z.infer<typeof ZAnswerFilters>) {
  const { surveyId, serviceId, departmentId, employeeId, channelId } = q;
  return { surveyId, serviceId, departmentId, employeeId, channelId };
}

/** Searching and reading the free-text comments of answers. */
export function registerCommentRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  route.get(
    "/comments",
    {
      access: "responses:read",
      schema: {
        operationId: "searchComments",
        tags: ["comments"],
        summary:
          "Answers with a comment; q searches every survey language (full text plus trigram similarity for typos and inflections)",
        querystring: ZCommentQuery,
        response: {
          200: z.object({ items: z.array(ZComment), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, _reply, actor) => {
      await checkFilterIds(deps.db, actor.orgId, tagIds(request.query));
      return findComments(deps.db, actor, request.query);
    },
  );
}
