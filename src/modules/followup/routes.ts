import type { AppDeps } from "../../context.ts";
import type { Api } from "../../http/types.ts";
import { registerImprovementActionRoutes } from "./action-routes.ts";
import { registerCaseRoutes } from "./case-routes.ts";
import { registerFollowUpPreferenceRoutes } from "./preference-routes.ts";
import { registerFollowUpRuleRoutes } from "./rule-routes.ts";

/** The follow-up module's API: cases, the follow-up rule and improvement actions. */
export function registerFollowUpRoutes(app: Api, deps: AppDeps): void {
  registerCaseRoutes(app, deps);
  registerFollowUpRuleRoutes(app, deps);
  registerFollowUpPreferenceRoutes(app, deps);
  registerImprovementActionRoutes(app, deps);
}
