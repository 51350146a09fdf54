import { z } from "zod";
import { requireAccess } from "../../auth/access.ts";
import type { AppDeps } from "../../context.ts";
import { type Api, problemResponses, ZIdParams } from "../../http/types.ts";
import { ZContactRules, ZEffectiveRules } from "./contact-rules.ts";
import {
  getOrgContactRules,
  getSurveyContactRules,
  setOrgContactRules,
  setSurveyContactRules,
} from "./set-contact-rules.ts";

const ZRulesView = z.object({ rules: ZContactRules, effective: ZEffectiveRules });

/** Contact rules of the organisation and per-survey overrides. */
export function registerContactRuleRoutes(app: Api, deps: AppDeps): void {
  const tags = ["contact rules"];
  const response = { 200: ZRulesView, ...problemResponses };
  app.get(
    "/contact-rules",
    { schema: { tags, summary: "The organisation's contact rules and those in force", response } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "surveys:read");
      return getOrgContactRules(deps.db, actor.orgId);
    },
  );
  app.put(
    "/contact-rules",
    {
      schema: {
        tags,
        summary: "Replaces the organisation's contact rules; what is left out takes the default",
        body: ZContactRules,
        response,
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "surveys:write");
      return setOrgContactRules(deps.db, actor.orgId, request.body);
    },
  );
  app.get(
    "/surveys/:id/contact-rules",
    {
      schema: {
        tags,
        summary: "A survey's own contact rules and those in force",
        params: ZIdParams,
        response,
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "surveys:read");
      return getSurveyContactRules(deps.db, actor.orgId, request.params.id);
    },
  );
  app.put(
    "/surveys/:id/contact-rules",
    {
      schema: {
        tags,
        summary: "Replaces a survey's overrides; what is left out is inherited from the organisation",
        params: ZIdParams,
        body: ZContactRules,
        response,
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "surveys:write");
      return setSurveyContactRules(deps.db, actor.orgId, request.params.id, request.body);
    },
  );
}
