import { requireAccess } from "../../auth/access.ts";
import type { AppDeps } from "../../context.ts";
import { type Api, problemResponses } from "../../http/types.ts";
import { getFollowUpRule } from "./rule.ts";
import { ZFollowUpRule } from "./rule-contracts.ts";
import { setFollowUpRule } from "./set-follow-up-rule.ts";

/** The organisation's follow-up rule (which answers open cases, deadlines, owners). */
export function registerFollowUpRuleRoutes(app: Api, deps: AppDeps): void {
  const tags = ["follow-up"];
  app.get(
    "/follow-up-rules",
    {
      schema: {
        tags,
        operationId: "getFollowUpRule",
        summary: "The follow-up rule (defaults: NPS or satisfaction 0–6 opens a case due in 2 working days)",
        response: { 200: ZFollowUpRule, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "cases:read");
      return getFollowUpRule(deps.db, actor.orgId);
    },
  );
  app.put(
    "/follow-up-rules",
    {
      schema: {
        tags,
        operationId: "setFollowUpRule",
        summary: "Replace the follow-up rule: thresholds, per-survey changes, off switch, deadline, owners",
        body: ZFollowUpRule,
        response: { 200: ZFollowUpRule, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "followup:manage");
      await setFollowUpRule(deps.db, actor.orgId, request.body);
      return getFollowUpRule(deps.db, actor.orgId);
    },
  );
}
