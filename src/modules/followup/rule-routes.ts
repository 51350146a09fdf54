import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { getFollowUpRule } from "./rule.ts";
import { ZFollowUpRule } from "./rule-contracts.ts";
import { setFollowUpRule } from "./set-follow-up-rule.ts";
import { auditSettingsChange } from "../privacy/audit-settings.ts";

/** The organisation's follow-up rule (which answers open cases, deadlines, owners). */
export function registerFollowUpRuleRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["follow-up"] as const;
  route.get(
    "/follow-up-rules",
    {
      access: "cases:read",
      schema: {
        tags,
        operationId: "getFollowUpRule",
        summary: "The follow-up rule (defaults: NPS or satisfaction 0–6 opens a case due in 2 working days)",
        response: { 200: ZFollowUpRule },
      },
    },
    async (_request, _reply, actor) => {
      return getFollowUpRule(deps.db, actor.orgId);
    },
  );
  route.put(
    "/follow-up-rules",
    {
      access: "followup:manage",
      schema: {
        tags,
        operationId: "setFollowUpRule",
        summary: "Replace the follow-up rule: thresholds, per-survey changes, off switch, deadline, owners",
        body: ZFollowUpRule,
        response: { 200: ZFollowUpRule },
      },
    },
    async (request, _reply, actor) => {
      await setFollowUpRule(deps.db, actor.orgId, request.body);
      await auditSettingsChange(deps.db, actor, "follow_up_rule", request.body);
      return getFollowUpRule(deps.db, actor.orgId);
    },
  );
}
