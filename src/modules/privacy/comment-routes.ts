import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { findFlaggedComments } from "./find-flagged-comments.ts";
import { redactComment } from "./redact-comment.ts";

const ZKind = z.enum(["personalCode", "iban", "email", "phone"]);

/** Personal data inside comments: what was found, and its permanent removal. */
export function registerCommentPrivacyRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["privacy"] as const;
  route.get(
    "/privacy/personal-data-comments",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "findCommentsWithPersonalData",
        summary:
          "How many answers hold a personal code, IBAN, e-mail address or phone number in the comment or a text answer, and the first 50 of them",
        response: {
          200: z.object({
            count: z.number().int(),
            items: z.array(
              z.object({
                responseId: z.string(),
                receivedAt: z.date(),
                comment: z.string(),
                textAnswers: z
                  .array(z.string())
                  .describe("the answer's text answers that hold personal data"),
                kinds: z.array(ZKind),
              }),
            ),
          }),
        },
      },
    },
    async (_request, _reply, actor) => findFlaggedComments(deps.db, actor.orgId),
  );
  route.post(
    "/comments/:id/redact",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "redactComment",
        summary:
          "Removes for good the personal data found in an answer's comment, text answers and follow-up notes (logged; scores stay)",
        params: ZIdParams,
        response: { 200: z.object({ redacted: z.number().int(), comment: z.string().nullable() }) },
      },
    },
    async (request, _reply, actor) => redactComment(deps.db, actor, request.params.id),
  );
}
