import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { ZContactRules, ZEffectiveRules } from "./contact-rules.ts";
import {
  getOrgContactRules,
  getSurveyContactRules,
  setOrgContactRules,
  setSurveyContactRules,
} from "./set-contact-rules.ts";
import { auditSettingsChange } from "../privacy/audit-settings.ts";

const ZRulesView = z.object({ rules: ZContactRules, effective: ZEffectiveRules });

/** Contact rules of the organisation and per-survey overrides. */
export function registerContactRuleRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["contact rules"] as const;
  const response = { 200: ZRulesView };
  route.get(
    "/contact-rules",
    {
      access: "surveys:read",
      schema: {
        operationId: "getContactRules",
        tags,
        summary: "The organisation's contact rules and those in force",
        response,
      },
    },
    async (_request, _reply, actor) => {
      return getOrgContactRules(deps.db, actor.orgId);
    },
  );
  route.put(
    "/contact-rules",
    {
      access: "surveys:write",
      schema: {
        operationId: "setContactRules",
        tags,
        summary: "Replaces the organisation's contact rules; what is left out takes the default",
        body: ZContactRules,
        response,
      },
    },
    async (request, _reply, actor) => {
      const saved = await setOrgContactRules(deps.db, actor.orgId, request.body);
      await auditSettingsChange(deps.db, actor, "contact_rules", request.body);
      return saved;
    },
  );
  route.get(
    "/surveys/:id/contact-rules",
    {
      access: "surveys:read",
      schema: {
        operationId: "getSurveyContactRules",
        tags,
        summary: "A survey's own contact rules and those in force",
        params: ZIdParams,
        response,
      },
    },
    async (request, _reply, actor) => {
      return getSurveyContactRules(deps.db, actor.orgId, request.params.id);
    },
  );
  route.put(
    "/surveys/:id/contact-rules",
    {
      access: "surveys:write",
      schema: {
        operationId: "setSurveyContactRules",
        tags,
        summary: "Replaces a survey's overrides; what is left out is inherited from the organisation",
        params: ZIdParams,
        body: ZContactRules,
        response,
      },
    },
    async (request, _reply, actor) => {
      const saved = await setSurveyContactRules(deps.db, actor.orgId, request.params.id, request.body);
      await auditSettingsChange(deps.db, actor, "survey_contact_rules", request.body, {
        type: "survey",
        id: request.params.id,
      });
      return saved;
    },
  );
}
